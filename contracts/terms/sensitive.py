"""Sensitive personal information (PIPL art. 28) that the chosen modules or the buyer's requirements
imply the service will collect: location, biometrics, financial accounts."""

from __future__ import annotations

from collections.abc import Iterable

from .coverage import mentions
from .model import OtherModule, Requirement
from .text import Text

# Category → words that reveal it in a requirement or a further module (ASCII words match whole words).
SENSITIVE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "location": (
        "定位",
        "位置",
        "签到",
        "打卡",
        "轨迹",
        "外勤",
        "GPS",
        "location",
        "geolocation",
        "geofence",
        "check-in",
        "check in",
        "field visit",
        "field visits",
    ),
    "biometrics": (
        "人脸",
        "刷脸",
        "面部识别",
        "指纹",
        "声纹",
        "虹膜",
        "生物识别",
        "biometric",
        "biometrics",
        "facial",
        "face recognition",
        "fingerprint",
        "fingerprints",
        "voiceprint",
        "iris",
    ),
    "financial_account": (
        "银行账号",
        "银行账户",
        "银行卡",
        "支付账户",
        "金融账户",
        "信用卡",
        "bank account",
        "bank accounts",
        "card number",
        "card numbers",
        "credit card",
        "credit cards",
        "IBAN",
        "payment account",
        "payment accounts",
    ),
}
SENSITIVE_CATEGORIES = tuple(SENSITIVE_KEYWORDS)
SENSITIVE_LABELS: dict[str, Text] = {
    "location": Text("行踪轨迹及精确位置信息", "location data"),
    "biometrics": Text("生物识别信息", "biometric data"),
    "financial_account": Text("金融账户信息", "financial account data"),
}
# A module whose ordinary use collects a category (mobile CRM apps check in field visits by location).
MODULE_CATEGORIES: dict[str, tuple[str, ...]] = {"mobile": ("location",)}


def sensitive_categories(
    modules: Iterable[str] | None,
    requirements: Iterable[Requirement] | None,
    other_modules: Iterable[OtherModule] | None = (),
) -> tuple[str, ...]:
    """The categories of sensitive personal information the scope implies, in SENSITIVE_CATEGORIES order."""
    found = {category for module in modules or () for category in MODULE_CATEGORIES.get(module, ())}
    texts = [r.text or "" for r in requirements or ()]
    texts += [f"{m.name or ''} {m.description or ''}" for m in other_modules or ()]
    for category, keywords in SENSITIVE_KEYWORDS.items():
        if any(mentions(text, keyword) for text in texts for keyword in keywords):
            found.add(category)
    return tuple(c for c in SENSITIVE_CATEGORIES if c in found)
