"""Places with a fixed spelling in both languages: cities where contracts are commonly signed, and countries.

A place the buyer typed that is not in a catalogue prints as typed; in the column of the other language it
is marked as given in one language only, never passed off as a translation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")

# Chinese name (without 市) → English name.
CITIES: Mapping[str, str] = MappingProxyType(
    {
        "北京": "Beijing",
        "上海": "Shanghai",
        "天津": "Tianjin",
        "重庆": "Chongqing",
        "广州": "Guangzhou",
        "深圳": "Shenzhen",
        "杭州": "Hangzhou",
        "南京": "Nanjing",
        "苏州": "Suzhou",
        "成都": "Chengdu",
        "武汉": "Wuhan",
        "西安": "Xi'an",
        "厦门": "Xiamen",
        "青岛": "Qingdao",
        "大连": "Dalian",
        "宁波": "Ningbo",
        "长沙": "Changsha",
        "郑州": "Zhengzhou",
        "合肥": "Hefei",
        "济南": "Jinan",
        "沈阳": "Shenyang",
        "福州": "Fuzhou",
        "珠海": "Zhuhai",
        "东莞": "Dongguan",
        "无锡": "Wuxi",
        "香港": "Hong Kong",
        "澳门": "Macao",
        "新加坡": "Singapore",
        # seats of arbitration abroad (and cities where foreign vendors sign)
        "伦敦": "London",
        "巴黎": "Paris",
        "日内瓦": "Geneva",
        "苏黎世": "Zurich",
        "斯德哥尔摩": "Stockholm",
        "维也纳": "Vienna",
        "海牙": "The Hague",
        "法兰克福": "Frankfurt",
        "纽约": "New York",
        "东京": "Tokyo",
        "首尔": "Seoul",
        "悉尼": "Sydney",
        "迪拜": "Dubai",
        "吉隆坡": "Kuala Lumpur",
    }
)
# Chinese names written without 市: the special administrative regions, Singapore and cities abroad.
WITHOUT_SHI = frozenset(
    {"香港", "澳门", "新加坡", "伦敦", "巴黎", "日内瓦", "苏黎世", "斯德哥尔摩", "维也纳", "海牙", "法兰克福"}
    | {"纽约", "东京", "首尔", "悉尼", "迪拜", "吉隆坡"}
)

# ISO 3166-1 alpha-2 → (Chinese, English).
COUNTRIES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "CN": ("中国", "China"),
        "HK": ("中国香港特别行政区", "Hong Kong SAR, China"),
        "MO": ("中国澳门特别行政区", "Macao SAR, China"),
        "TW": ("中国台湾地区", "Taiwan, China"),
        "US": ("美国", "United States"),
        "CA": ("加拿大", "Canada"),
        "GB": ("英国", "United Kingdom"),
        "IE": ("爱尔兰", "Ireland"),
        "DE": ("德国", "Germany"),
        "FR": ("法国", "France"),
        "NL": ("荷兰", "Netherlands"),
        "BE": ("比利时", "Belgium"),
        "LU": ("卢森堡", "Luxembourg"),
        "AT": ("奥地利", "Austria"),
        "CH": ("瑞士", "Switzerland"),
        "IT": ("意大利", "Italy"),
        "ES": ("西班牙", "Spain"),
        "PT": ("葡萄牙", "Portugal"),
        "SE": ("瑞典", "Sweden"),
        "DK": ("丹麦", "Denmark"),
        "FI": ("芬兰", "Finland"),
        "NO": ("挪威", "Norway"),
        "IS": ("冰岛", "Iceland"),
        "PL": ("波兰", "Poland"),
        "CZ": ("捷克", "Czech Republic"),
        "HU": ("匈牙利", "Hungary"),
        "GR": ("希腊", "Greece"),
        "EE": ("爱沙尼亚", "Estonia"),
        "IL": ("以色列", "Israel"),
        "IN": ("印度", "India"),
        "JP": ("日本", "Japan"),
        "KR": ("韩国", "Republic of Korea"),
        "SG": ("新加坡", "Singapore"),
        "MY": ("马来西亚", "Malaysia"),
        "TH": ("泰国", "Thailand"),
        "VN": ("越南", "Viet Nam"),
        "ID": ("印度尼西亚", "Indonesia"),
        "PH": ("菲律宾", "Philippines"),
        "AU": ("澳大利亚", "Australia"),
        "NZ": ("新西兰", "New Zealand"),
        "AE": ("阿拉伯联合酋长国", "United Arab Emirates"),
        "BR": ("巴西", "Brazil"),
        "MX": ("墨西哥", "Mexico"),
        # the rest of the EU/EEA, for the GDPR annex's affiliates
        "LV": ("拉脱维亚", "Latvia"),
        "LT": ("立陶宛", "Lithuania"),
        "SK": ("斯洛伐克", "Slovakia"),
        "SI": ("斯洛文尼亚", "Slovenia"),
        "HR": ("克罗地亚", "Croatia"),
        "RO": ("罗马尼亚", "Romania"),
        "BG": ("保加利亚", "Bulgaria"),
        "CY": ("塞浦路斯", "Cyprus"),
        "MT": ("马耳他", "Malta"),
        "LI": ("列支敦士登", "Liechtenstein"),
    }
)

ONLY_IN_CHINESE = "(name given in Chinese only)"
ONLY_IN_ENGLISH = "（仅提供英文名称）"


def has_cjk(text: str | None) -> bool:
    return bool(text and CJK.search(text))


def _city(text: str) -> tuple[str, str] | None:
    name = text.strip()
    bare = name[:-1] if name.endswith("市") else name
    if bare in CITIES:
        return f"{bare}{'' if bare in WITHOUT_SHI else '市'}", CITIES[bare]
    for zh, en in CITIES.items():
        if name.casefold() in (en.casefold(), f"{en} city".casefold()):
            return f"{zh}{'' if zh in WITHOUT_SHI else '市'}", en
    return None


def known_city(text: str | None) -> bool:
    """Whether the city catalogue knows the place, by either of its names: it then prints in both languages."""
    return bool(text and text.strip() and _city(text))


def place_names(place: str | None, place_en: str | None = None) -> tuple[str | None, str | None]:
    """(Chinese, English) of a place: both from the city catalogue when it is there, else each as the
    buyer typed it, and a name given in one language only marked as such in the other."""
    place, place_en = (place or "").strip(), (place_en or "").strip()
    if not place and not place_en:
        return None, None
    for typed in (place, place_en):
        if typed and (city := _city(typed)):
            return city
    zh = place if has_cjk(place) else (place_en if has_cjk(place_en) else "")
    # the English name the buyer typed is printed as typed; else the main field, when it is not Chinese
    en = place_en or (place if place and not has_cjk(place) else "")
    if not zh:  # the place as the buyer wrote it in the main field, which no other answer replaces
        zh = f"{place or en}{ONLY_IN_ENGLISH}"
    if not en:
        en = f"{zh} {ONLY_IN_CHINESE}"
    return zh, en


def country_names(code: str | None) -> tuple[str | None, str | None]:
    """(Chinese, English) name of an ISO country code; a code outside the catalogue prints as the code."""
    if not code:
        return None, None
    code = code.strip().upper()
    return COUNTRIES.get(code, (code, code))
