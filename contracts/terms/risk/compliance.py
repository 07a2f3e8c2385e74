"""Legal compliance (法律合规): personal information, cross-border routes, GDPR, arbitration."""

from __future__ import annotations

from ..data import adequacy_excluded
from ..model import Terms
from ..places import COUNTRIES
from ..text import Text
from .review import (
    Issue,
    rule,
)

MAX_SENSITIVE_BREACH_HOURS = 24
EEA_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)
# Countries with a Commission adequacy decision (GDPR art. 45); the US only for companies certified under
# the EU-US Data Privacy Framework, which the answers do not say, so it is not listed.
ADEQUATE_COUNTRIES = frozenset("AD AR CA FO GG IL IM JP JE NZ KR CH GB UY".split())


@rule(
    "compliance.pi_without_annex",
    clauses=(
        "data.pipl",
        "annex_pipl.particulars",
    ),
    group="compliance",
    step="data",
    field="personal_info",
)
def _pi_without_annex(t: Terms) -> Issue | None:
    if t.data.personal_info is True:
        return None
    return Issue(
        "high",
        Text(
            "已选择“不处理个人信息”，合同因此不含个人信息委托处理附件。",
            "Personal information is answered \u201cno\u201d, so the contract has no entrusted-processing annex.",
        ),
        Text(
            "CRM必然保存联系人的姓名、电话、邮箱等个人信息；《个人信息保护法》第二十一条要求甲方与受托方"
            "约定处理目的、期限、方式、种类、保护措施和双方权利义务，并监督其处理。",
            "A CRM always holds contacts' names, phones and emails; PIPL Art. 21 requires the "
            "buyer to agree the purpose, period, method, categories, safeguards and both sides' "
            "duties with the processor, and to supervise it.",
        ),
        Text(
            "将“处理个人信息”改为“是”，合同将附上委托处理附件；签约前完成个人信息保护影响评估。",
            "Answer \u201cyes\u201d to personal information so the entrusted-processing annex is "
            "included, and carry out the impact assessment before signing.",
        ),
    )


def _volumes_unknown(t: Terms) -> bool:
    d = t.data
    if d.is_ciio:
        return False  # a CIIO needs the security assessment whatever the volumes
    return d.cn_individuals_per_year is None or (d.sensitive_pi is True and d.cn_sensitive_per_year is None)


@rule(
    "compliance.cross_border_volumes_unknown",
    clauses=(
        "data.cross_border",
        "data.location",
    ),
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_volumes_unknown(t: Terms) -> Issue | None:
    if not t.data.cross_border or not _volumes_unknown(t):
        return None
    return Issue(
        "high",
        Text(
            "个人信息出境，但未填写出境人数，无法确定《个人信息保护法》要求的出境途径。",
            "Personal information leaves China, but the volumes are not given: the route PIPL "
            "requires cannot be determined.",
        ),
        Text(
            "出境途径（安全评估、标准合同或豁免）取决于自1月1日起累计出境的个人信息人数和敏感个人信息人数；"
            "走错途径属于违法出境。",
            "The route (security assessment, standard contract or exemption) depends on how many "
            "individuals' personal and sensitive personal information leave China since 1 January; "
            "the wrong route is an unlawful transfer.",
        ),
        Text(
            "填写每年出境的个人信息人数和敏感个人信息人数，以确定出境途径。",
            "Enter the yearly number of individuals whose personal and sensitive personal "
            "information is transferred, to fix the route.",
        ),
        field="cn_individuals_per_year" if t.data.cn_individuals_per_year is None else "cn_sensitive_per_year",
    )


@rule(
    "compliance.cross_border_cac_assessment",
    clauses=(
        "data.cross_border",
        "data.location",
    ),
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_cac(t: Terms) -> Issue | None:
    if _volumes_unknown(t) or t.data.pipl_route != "cac_assessment":
        return None
    return Issue(
        "high",
        Text(
            "本次出境须通过国家网信部门的数据出境安全评估，合同约定评估通过前乙方不得出境。",
            "This transfer needs the CAC security assessment; the contract bars any transfer until it has passed.",
        ),
        Text(
            "关键信息基础设施运营者、或出境100万人以上个人信息或1万人以上敏感个人信息的，须申报安全评估；"
            "评估由甲方申报且耗时较长，未通过前服务无法按计划使用。",
            "A CIIO, or a transfer of 1,000,000+ individuals' personal information or 10,000+ "
            "individuals' sensitive information, needs the assessment; the buyer files it and it "
            "takes time, so the service cannot be used as planned until it passes.",
        ),
        Text(
            "签约前由甲方启动安全评估申报并据此安排上线时间，或改为境内存储以免出境。",
            "Have the buyer start the assessment filing before signing and plan go-live around "
            "it, or store the data in mainland China to avoid the transfer.",
        ),
    )


@rule(
    "compliance.cross_border_standard_contract",
    clauses=(
        "data.cross_border",
        "data.location",
    ),
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_standard_contract(t: Terms) -> Issue | None:
    if _volumes_unknown(t) or t.data.pipl_route != "standard_contract":
        return None
    return Issue(
        "medium",
        Text(
            "本次出境须订立个人信息出境标准合同并备案（或通过个人信息保护认证），完成前乙方不得出境。",
            "This transfer needs the PIPL standard contract, filed with the provincial CAC (or a "
            "certification); until then the vendor may not transfer.",
        ),
        Text(
            "出境10万人以上不满100万人的个人信息或不满1万人的敏感个人信息，须采用标准合同或认证途径；"
            "标准合同应在生效之日起10个工作日内向省级网信部门备案。",
            "100,000–999,999 individuals' personal information, or sensitive information of fewer "
            "than 10,000, needs the standard contract or certification; the standard contract is "
            "filed with the provincial CAC within 10 working days of taking effect.",
        ),
        Text(
            "签约时与境外接收方签订标准合同，完成个人信息保护影响评估并按期备案。",
            "Sign the standard contract with the foreign recipient, complete the impact assessment "
            "and file it on time.",
        ),
    )


@rule(
    "compliance.cross_border_exempt",
    clauses=(
        "data.cross_border",
        "data.location",
    ),
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_exempt(t: Terms) -> Issue | None:
    if _volumes_unknown(t) or t.data.pipl_route != "exempt":
        return None
    return Issue(
        "low",
        Text(
            "本次出境按现行规定免于安全评估、标准合同和认证，但仍有法定义务。",
            "This transfer is exempt from the assessment, standard contract and certification, but duties remain.",
        ),
        Text(
            "豁免不免除《个人信息保护法》第三十九条的告知和单独同意义务及第五十五条的影响评估；"
            "出境人数增长后可能不再豁免。",
            "The exemption leaves the notice and separate consent of PIPL Art. 39 and the impact "
            "assessment of Art. 55; growing volumes can end it.",
        ),
        Text(
            "向个人告知境外接收方并取得单独同意，完成影响评估，并每年复核出境人数。",
            "Inform individuals of the foreign recipient and obtain separate consent, do the "
            "impact assessment, and recheck the volumes every year.",
        ),
    )


@rule(
    "compliance.gdpr_not_applied",
    clauses=(
        "data.gdpr",
        "data.location",
    ),
    group="compliance",
    step="data",
    field="gdpr_applies",
)
def _gdpr_not_applied(t: Terms) -> Issue | None:
    in_eea = t.data.data_location == "eu" or (
        t.parties.vendor_is_foreign is True and (t.parties.vendor_country or "").upper() in EEA_COUNTRIES
    )
    if t.data.gdpr_applies is True or not in_eea:
        return None
    return Issue(
        "medium",
        Text(
            "数据存储于欧盟或乙方设立于欧洲经济区，但未选择适用GDPR，合同因此不含数据处理协议（DPA）附件。",
            "Data is stored in the EU or the vendor is established in the EEA, but the GDPR is "
            "answered \u201cno\u201d, so there is no data processing agreement (DPA) annex.",
        ),
        Text(
            "在欧盟设立的处理者须遵守GDPR；GDPR第28条要求控制者与处理者签订载明法定内容的处理协议。",
            "A processor established in the EU is bound by the GDPR, and Art. 28 requires a "
            "written processing agreement with set contents.",
        ),
        Text(
            "与法律顾问确认GDPR是否适用；适用的，选择“适用GDPR”以附上DPA附件。",
            "Confirm with counsel whether the GDPR applies; if it does, answer \u201cyes\u201d so "
            "the DPA annex is included.",
        ),
    )


@rule(
    "compliance.gdpr_transfer",
    clauses=(
        "annex_gdpr.transfers",
        "annex_gdpr.end_audit_transfers",
        "data.gdpr",
    ),
    group="compliance",
    step="data",
    field="gdpr_transfer_mechanism",
)
def _gdpr_transfer(t: Terms) -> Issue | None:
    d, p = t.data, t.parties
    if d.gdpr_applies is not True:
        return None
    if d.gdpr_transfer is not True:
        return _vendor_abroad_without_transfer(t)
    mechanism = d.gdpr_transfer_mechanism
    china = adequacy_excluded(d.data_location, vendor_is_foreign=p.vendor_is_foreign, vendor_country=p.vendor_country)
    if mechanism and not (mechanism == "adequacy" and china):
        return None  # the GDPR annex names the mechanism and carries the SCCs, the TIA and the annexes
    if mechanism:
        problem = Text(
            "适用GDPR的个人数据传输至中国大陆，所选的传输机制是“充分性认定”，但欧盟委员会并未对中国作出充分性认定。",
            "Personal data under the GDPR goes to mainland China on the strength of an adequacy decision, "
            "but the Commission has made none for China.",
        )
    else:
        problem = Text(
            "适用GDPR且个人数据离开欧盟/欧洲经济区，但没有选择传输机制。",
            "The GDPR applies and personal data leaves the EU/EEA, but no transfer mechanism is chosen.",
        )
    return Issue(
        "high",
        problem,
        Text(
            "GDPR第五章只允许依充分性认定、标准合同条款（欧盟2021/914号决定）及传输影响评估或其他第46条保障措施"
            "传输；没有有效机制的传输本身违法，可处以全球营业额4%的罚款（第83条第5款），监管机构也可下令停止传输。",
            "GDPR Chapter V allows a transfer only under an adequacy decision, the Standard Contractual "
            "Clauses (Decision (EU) 2021/914) with a transfer impact assessment, or another Art. 46 "
            "safeguard; a transfer without one is itself unlawful, fined up to 4 % of worldwide turnover "
            "(Art. 83(5)) and can be ordered to stop.",
        ),
        Text(
            "选择标准合同条款并按双方角色选定模块（控制者至处理者为模块二），使DPA附件载明传输机制和传输影响评估。",
            "Choose the Standard Contractual Clauses with the module for the parties' roles (Module Two, "
            "controller to processor), so the DPA annex names the mechanism and the transfer impact assessment.",
        ),
    )


def _vendor_abroad_without_transfer(t: Terms) -> Issue | None:
    """Data kept in the EU, no transfer answered, but a vendor established outside the EEA: its staff's
    access from there is a transfer (EDPB Guidelines 05/2021 on Art. 3 and Chapter V)."""
    country = "CN" if t.parties.vendor_is_foreign is not True else (t.parties.vendor_country or "").upper()
    if not country or country in EEA_COUNTRIES or country in ADEQUATE_COUNTRIES:
        return None
    zh, en = COUNTRIES.get(country, (country, country))
    return Issue(
        "medium",
        Text(
            f"适用GDPR，答称个人数据不离开欧盟/欧洲经济区，但乙方设立于{zh}，其人员从境外访问数据即构成传输，"
            "合同却没有传输机制。",
            f"The GDPR applies and the data is said not to leave the EU/EEA, but the vendor is established in "
            f"{en}: its staff's access from there is a transfer, and the contract has no transfer mechanism.",
        ),
        Text(
            "欧洲数据保护委员会认为，从第三国远程访问欧盟境内的数据属于GDPR第五章所称的传输；"
            "没有标准合同条款或其他保障措施，这种访问违法。",
            "The European Data Protection Board treats remote access from a third country to data held in "
            "the EU as a Chapter V transfer; without the Standard Contractual Clauses or another safeguard "
            "that access is unlawful.",
        ),
        Text(
            "除非乙方确认仅由其欧洲经济区内的人员提供服务，将“个人数据离开欧盟/欧洲经济区”改为“是”，"
            "并选择标准合同条款。",
            "Unless the vendor confirms that only its staff in the EEA serve the buyer, answer that personal "
            "data leaves the EU/EEA and choose the Standard Contractual Clauses.",
        ),
        field="gdpr_transfer",
        reason=Text(
            "取决于乙方的服务方式，须向乙方核实。",
            "It turns on how the vendor serves the buyer, which must be checked with the vendor.",
        ),
    )


@rule(
    "compliance.sensitive_pi_weak_terms",
    clauses=(
        "data.sensitive",
        "data.breach",
    ),
    group="compliance",
    step="data",
    field="breach_notice_hours",
)
def _sensitive_pi_weak_terms(t: Terms) -> Issue | None:
    d = t.data
    if d.sensitive_pi is not True:
        return None
    gaps: list[tuple[str, Text]] = []
    if d.breach_notice_hours is None or d.breach_notice_hours > MAX_SENSITIVE_BREACH_HOURS:
        hours = "—" if d.breach_notice_hours is None else str(d.breach_notice_hours)
        gaps.append(
            (
                "breach_notice_hours",
                Text(
                    f"安全事件通知时限为{hours}小时（超过{MAX_SENSITIVE_BREACH_HOURS}小时）",
                    f"incident notice in {hours} hours (over {MAX_SENSITIVE_BREACH_HOURS})",
                ),
            )
        )
    if not d.security_certifications_required:
        gaps.append(
            (
                "security_certifications_required",
                Text("未要求任何安全认证", "no security certification required"),
            )
        )
    if d.audit_rights is False:
        gaps.append(("audit_rights", Text("甲方没有审计权", "no audit rights")))
    if not gaps:
        return None
    return Issue(
        "high",
        Text(
            f"处理敏感个人信息，但保护条款不足：{'；'.join(g.zh for _, g in gaps)}。",
            f"Sensitive personal information is processed with weak terms: {'; '.join(g.en for _, g in gaps)}.",
        ),
        Text(
            "敏感个人信息一旦泄露，容易导致人格尊严受到侵害或人身、财产安全受到危害；"
            "《个人信息保护法》要求采取严格保护措施，甲方作为处理者须对受托方的处理负责。",
            "A leak of sensitive personal information easily harms dignity, safety or property; "
            "PIPL requires strict protection, and the buyer answers for its processor.",
        ),
        Text(
            f"将安全事件通知时限定为不超过{MAX_SENSITIVE_BREACH_HOURS}小时，要求ISO/IEC 27001或等保三级认证，"
            "并保留审计权。",
            f"Require incident notice within {MAX_SENSITIVE_BREACH_HOURS} hours, ISO/IEC 27001 or MLPS "
            "level 3 certification, and audit rights.",
        ),
        field=gaps[0][0],
    )


@rule(
    "compliance.arbitration_no_commission",
    clauses=("disputes.arbitration",),
    group="compliance",
    step="legal",
    field="arbitration_commission",
)
def _arbitration_no_commission(t: Terms) -> Issue | None:
    legal = t.legal
    if legal.forum != "arbitration":
        return None
    other_name = (legal.arbitration_commission_other or "").strip()
    named = legal.arbitration_commission and (legal.arbitration_commission != "other" or other_name)
    if named:
        return None
    return Issue(
        "high",
        Text(
            "约定仲裁，但没有明确仲裁委员会，仲裁协议无效。",
            "Arbitration is chosen without a named commission: the arbitration agreement is invalid.",
        ),
        Text(
            "《仲裁法》第十六条、第十八条：仲裁协议未选定仲裁委员会且不能达成补充协议的，协议无效；"
            "发生争议时甲方将先陷入管辖之争。",
            "Arbitration Law Arts. 16 and 18: without a chosen commission, and no supplementary "
            "agreement, the clause is void, and a dispute starts with a fight over the forum.",
        ),
        Text(
            "写明仲裁委员会的全称（如中国国际经济贸易仲裁委员会），或改为法院管辖。",
            "Name the commission in full (e.g. CIETAC), or choose a court instead.",
        ),
        field="arbitration_commission_other" if legal.arbitration_commission == "other" else "arbitration_commission",
    )
