"""Consistency of where a party is (住所与联系方式): its landline and its credit code against its address.

A Chinese landline's area code and a unified social credit code's registration-area code (digits 3–8,
the administrative division code of the registering authority) each name a province or city; when the
party's address names another one, one of them is wrong or the address is not the party's domicile.
Only places a table of terms/regions.py knows are compared: an address in English or abroad, a mobile
number or a nationally registered company stay silent.
"""

from __future__ import annotations

from ..model import Terms
from ..regions import Region, address_region, area_code_regions, landline_area_code, uscc_region
from ..text import Text
from .review import Issue, rule

PARTY_NAMES = {"buyer": Text("甲方", "the buyer"), "vendor": Text("乙方", "the vendor")}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _party(t: Terms, party: str, name: str) -> str | None:
    return getattr(t.parties, f"{party}_{name}")


def _phone_mismatches(t: Terms) -> list[tuple[str, str, str, Region]]:
    """(party, phone, area code, address place) for each party whose landline is from elsewhere."""
    found = []
    for party in ("buyer", "vendor"):
        place = address_region(_party(t, party, "address"))
        area = landline_area_code(_party(t, party, "contact_phone"))
        if place is None or area is None:
            continue
        if not any(place.contains(served) for served in area_code_regions(area)):
            found.append((party, _party(t, party, "contact_phone") or "", area, place))
    return found


@rule(
    "consistency.phone_area_mismatch",
    clauses=("general.notices",),
    group="consistency",
    step="parties",
    field="buyer_contact_phone",
)
def _phone_area_mismatch(t: Terms) -> Issue | None:
    found = _phone_mismatches(t)
    if not found:
        return None
    zh, en = [], []
    for party, phone, area, place in found:
        served = "、".join(r.name for r in area_code_regions(area))
        zh.append(f"{PARTY_NAMES[party].zh}的电话{phone}的区号{area}属于{served}，而其地址在{place.name}")
        en.append(
            f"{PARTY_NAMES[party].en}'s phone {phone} has the area code {area} of {served}, "
            f"while its address is in {place.name}"
        )
    return Issue(
        "low",
        Text("；".join(zh) + "。", _sentence("; ".join(en))),
        Text(
            "区号与地址不符，多半是抄错了电话或地址（或照搬了另一家公司的资料）；通知联系方式错误时，"
            "催告、解除等通知可能无法送达。",
            "An area code from another city usually means the phone or the address was copied wrongly "
            "(or from another company's details); with a wrong notice contact, reminders and termination "
            "notices may not arrive.",
        ),
        Text(
            "向该方核对通知电话和地址；联系人确在外地办公的，可保留并忽略本提示。",
            "Check the notice phone and the address with that party; if the contact does work in another "
            "city, keep them and disregard this point.",
        ),
        field=f"{found[0][0]}_contact_phone",
        reason=Text(
            "值得核对：可能是抄写错误，也可能是联系人在外地办公。",
            "Worth checking: a copying error, or a contact who works in another city.",
        ),
    )


def _uscc_mismatches(t: Terms) -> list[tuple[str, str, Region, Region]]:
    """(party, code, registration place, address place) for each party registered elsewhere."""
    found = []
    for party in ("buyer", "vendor"):
        if party == "vendor" and t.parties.vendor_is_foreign:
            continue
        code = (_party(t, party, "uscc") or "").strip().upper()
        registered, place = uscc_region(code), address_region(_party(t, party, "address"))
        if registered is not None and place is not None and not place.contains(registered):
            found.append((party, code, registered, place))
    return found


@rule(
    "consistency.uscc_area_mismatch",
    clauses=("disputes.court", "general.notices"),
    group="consistency",
    step="parties",
    field="buyer_uscc",
)
def _uscc_area_mismatch(t: Terms) -> Issue | None:
    found = _uscc_mismatches(t)
    if not found:
        return None
    zh = "；".join(
        f"{PARTY_NAMES[p].zh}的统一社会信用代码{code}第3至8位表明其登记机关在{reg.name}，而其地址在{place.name}"
        for p, code, reg, place in found
    )
    en = "; ".join(
        f"digits 3–8 of {PARTY_NAMES[p].en}'s credit code {code} place its registration in {reg.name}, "
        f"while its address is in {place.name}"
        for p, code, reg, place in found
    )
    domicile_court = {"buyer_domicile": "buyer", "vendor_domicile": "vendor"}.get(t.legal.court_place or "")
    decides_court = t.legal.forum == "court" and any(p == domicile_court for p, *_ in found)
    return Issue(
        "medium" if decides_court else "low",
        Text(zh + "。", _sentence(en)),
        Text(
            "代码与地址不符，说明代码填错（或属于另一家公司），或所填地址并非该方的住所（主要办事机构所在地）；"
            "合同主体可能认错，按住所地确定的管辖法院和送达地址也会因此产生争议。",
            "A code from another place means the code is wrong (or another company's), or the address is "
            "not the party's domicile (its principal office); the contracting party may be misidentified, "
            "and the court and service address that follow the domicile become disputable.",
        ),
        Text(
            "在国家企业信用信息公示系统核对该方的名称、统一社会信用代码和住所，按营业执照填写。",
            "Check the party's name, credit code and domicile in the National Enterprise Credit "
            "Information Publicity System and copy them from its business licence.",
        ),
        field=f"{found[0][0]}_uscc",
        reason=Text(
            "合同约定由住所地法院管辖，住所不清会引发管辖争议。",
            "The contract sends disputes to the court of that party's domicile, which is now in doubt.",
        )
        if decides_court
        else Text(
            "值得核对：可能是填写错误，也可能是公司迁址后未变更登记。",
            "Worth checking: an error, or a company that moved without updating its registration.",
        ),
    )
