"""Legal compliance (法律合规): personal information, cross-border routes, GDPR, arbitration."""

from __future__ import annotations

from ..model import Terms
from ..text import Text
from .review import (
    Issue,
    rule,
)

MAX_SENSITIVE_BREACH_HOURS = 24
EEA_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)


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
        "annex_gdpr.end_audit_transfers",
        "data.gdpr",
        "data.location",
    ),
    group="compliance",
    step="data",
    field="data_location",
)
def _gdpr_transfer(t: Terms) -> Issue | None:
    if t.data.gdpr_applies is not True or t.data.data_location in (None, "eu"):
        return None
    return Issue(
        "medium",
        Text(
            "适用GDPR，但数据存储于欧洲经济区以外，需要合法的跨境传输机制。",
            "The GDPR applies but data is stored outside the EEA: a transfer mechanism is needed.",
        ),
        Text(
            "DPA附件只允许依GDPR第五章传输：充分性认定、欧盟标准合同条款（2021/914）及传输影响评估，"
            "或其他第46条保障措施；缺少时传输即违法。",
            "The DPA annex allows transfers only under GDPR Chapter V: an adequacy decision, the "
            "EU standard contractual clauses (2021/914) with a transfer impact assessment, or "
            "another Art. 46 safeguard; without one the transfer is unlawful.",
        ),
        Text(
            "签约时一并签订欧盟标准合同条款并完成传输影响评估，或改为在欧盟存储数据。",
            "Sign the EU standard contractual clauses and do the transfer impact assessment with "
            "the contract, or store the data in the EU.",
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
