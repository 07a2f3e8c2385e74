"""Chinese for the variable meanings of contracts/terms/model.py, shown in a Chinese admin.

The English meanings stay the catalogue's truth (exports and other code read them); this is only a
lookup keyed by the English text exactly as model.py writes it, so a meaning changed there without
changing it here shows in English again, and tests/clauses/test_variable_meanings.py fails until
both agree. Codes, choice values, variable names, numbers and units stay as they are: a template
author types them.
"""

from __future__ import annotations

MEANINGS_ZH: dict[str, str] = {
    # parties -----------------------------------------------------------------------------------
    "Buyer (甲方) name": "甲方名称",
    "Buyer's unified social credit code": "甲方统一社会信用代码",
    "Buyer's address": "甲方地址",
    "Buyer's legal or authorised representative": "甲方法定代表人或授权代表",
    "Buyer's notice contact": "甲方通知联系人",
    "Buyer's notice email": "甲方通知电子邮箱",
    "Buyer's notice phone": "甲方通知联系电话",
    "Vendor (乙方) name": "乙方名称",
    "Whether the vendor is a foreign company": "乙方是否为境外企业",
    "Vendor's unified social credit code": "乙方统一社会信用代码",
    "Vendor's country code": "乙方所在国家代码",
    "Vendor's address": "乙方地址",
    "Vendor's legal or authorised representative": "乙方法定代表人或授权代表",
    "Vendor's notice contact": "乙方通知联系人",
    "Vendor's notice email": "乙方通知电子邮箱",
    "Vendor's notice phone": "乙方通知联系电话",
    "Vendor's years in business": "乙方经营年限",
    "Vendor's number of customers": "乙方客户数量",
    "Vendor's certifications: iso27001, iso27701, mlps_level2, mlps_level3, soc2":
        "乙方已取得的认证：iso27001、iso27701、mlps_level2、mlps_level3、soc2",
    "Contract language: zh, en or bilingual": "合同语言：zh、en 或 bilingual（双语）",
    "Prevailing language when bilingual: zh or en (none otherwise)":
        "双语合同的优先语言：zh 或 en（非双语时为空）",
    "Place of signing": "签订地点",
    "Effective date of the contract": "合同生效日期",
    # scope -------------------------------------------------------------------------------------
    "Deployment: saas, private_cloud or on_premise": "部署方式：saas、private_cloud 或 on_premise",
    (
        "Modules: contacts, leads_opportunities, quotes_orders, marketing, "
        "service_tickets, analytics, mobile, api"
    ): (
        "模块：contacts、leads_opportunities、quotes_orders、marketing、"
        "service_tickets、analytics、mobile、api"
    ),
    "Further modules": "其他模块",
    "Module name": "模块名称",
    "What the module does": "模块功能说明",
    "Edition bought": "所购版本",
    "Number of seats (named users)": "用户席位数（指定用户）",
    "Whether the buyer's affiliates may use the service": "甲方关联方是否可使用本服务",
    "Environments: production, sandbox": "环境：production（生产）、sandbox（沙箱）",
    "Integrations": "系统集成",
    "System integrated with": "对接系统",
    "Data flow: inbound, outbound or both": "数据流向：inbound（流入）、outbound（流出）或 both（双向）",
    "What the integration does": "集成功能说明",
    "The buyer's requirement list (annex, basis of acceptance)": "甲方需求清单（作为附件，为验收依据）",
    "Requirement identifier": "需求编号",
    "The requirement": "需求内容",
    "must or should": "优先级：must（必须满足）或 should（期望满足）",
    "How acceptance tests the requirement": "验收时对该需求的测试方法",
    "Whether the vendor may not materially reduce the functions bought": "乙方是否不得实质性削减甲方所购功能",
    "Whether there is custom development": "是否有定制开发",
    "Owner of custom development: buyer or vendor_with_licence (none without it)":
        "定制开发成果的权利归属：buyer（甲方）或 vendor_with_licence（乙方所有，甲方获许可）"
        "（无定制开发时为空）",
    # implementation ----------------------------------------------------------------------------
    "Whether there is an implementation project": "是否有实施项目",
    "Go-live date": "上线日期",
    "Status reports: weekly, biweekly or monthly": "进度报告频率：weekly、biweekly 或 monthly",
    "Implementation milestones": "实施里程碑",
    "Milestone name": "里程碑名称",
    "Milestone due date": "里程碑截止日期",
    "Share of the one-time fees paid at this milestone, %": "本里程碑支付的一次性费用比例（%）",
    "Whether data is migrated": "是否进行数据迁移",
    "Migration source: spreadsheet, legacy_crm or other_saas":
        "迁移数据来源：spreadsheet、legacy_crm 或 other_saas",
    "Number of records to migrate": "待迁移记录数",
    "Who migrates: vendor, buyer or joint": "迁移执行方：vendor（乙方）、buyer（甲方）或 joint（双方共同）",
    "Migration method: csv_import, api or etl": "迁移方式：csv_import、api 或 etl",
    "Share of records that must reconcile after migration, %": "迁移后须核对一致的记录比例（%）",
    "Days old and new systems run in parallel": "新旧系统并行运行天数",
    "Remedy for migration data loss: remigrate_at_vendor_cost or remigrate_plus_damages":
        "迁移数据丢失的救济方式：remigrate_at_vendor_cost 或 remigrate_plus_damages",
    "Acceptance period, working days": "验收期（工作日）",
    "Retest cycles after a failed acceptance": "验收不合格后的复测轮次",
    "Whether silence counts as acceptance": "甲方逾期未答复是否视为验收合格",
    # term --------------------------------------------------------------------------------------
    "Start of the service term": "服务期起始日",
    "Initial term, months": "初始服务期（月）",
    "Whether the term renews automatically": "服务期是否自动续期",
    "Renewal term, months (none without auto-renewal)": "续期期限（月；不自动续期时为空）",
    "Days before the term ends to give notice of non-renewal": "不续期通知须于服务期届满前发出的天数",
    "Days to cure a breach before termination": "解除合同前的违约补救期（天）",
    "Whether the buyer may terminate for convenience": "甲方是否享有任意解除权",
    "Notice for termination for convenience, days": "任意解除的提前通知期（天）",
    "Last day of the initial term (start + months − 1 day)": "初始服务期的最后一日（起始日 + 月数 − 1日）",
    "Last day to give notice of non-renewal (none without auto-renewal)":
        "发出不续期通知的最后一日（不自动续期时为空）",
    "parties.effective_date": "同 parties.effective_date（合同生效日期）",
    # sla ---------------------------------------------------------------------------------------
    "Monthly availability target, % (99.0, 99.5, 99.9, 99.95 or 99.99)":
        "月度服务可用性目标（%）：99.0、99.5、99.9、99.95 或 99.99",
    "Service credit table as answered": "服务补偿表（按所填内容）",
    "Availability below which the credit applies, %": "服务可用性低于该值（%）时适用本档服务补偿",
    "Credit: % of the month's fee, or days of term extension": "服务补偿：当月服务费的百分比（%），或服务期延长天数",
    "Remedy form: fee_credit, term_extension or refund":
        "补偿方式：fee_credit（抵扣服务费）、term_extension（延长服务期）或 refund（退款）",
    "Days to claim a credit": "申请服务补偿的期限（天）",
    "Credit cap, % of the monthly fee": "服务补偿上限，占月度服务费的比例（%）",
    "Whether credits are the exclusive remedy": "服务补偿是否为唯一救济",
    "Consecutive months of missed target that allow termination": "可据以解除合同的连续未达标月数",
    "Months of missed target in any 12 that allow termination": "任意12个月内可据以解除合同的未达标月数",
    "Notice of scheduled maintenance, days": "计划维护的提前通知期（天）",
    "Scheduled maintenance cap, hours per month": "计划维护时长上限（小时/月）",
    "Support hours: 5x8, 7x24 or 5x8_with_p1_7x24": "技术支持时间：5x8、7x24 或 5x8_with_p1_7x24",
    "Support language: zh, en or zh_en": "技术支持语言：zh、en 或 zh_en",
    "Response and resolution targets P1–P4": "P1–P4 级故障的响应及解决时限",
    "Severity level, P1–P4": "故障严重级别（P1–P4）",
    "Response target, minutes": "响应时限（分钟）",
    "Resolution target, hours (0 = none)": "解决时限（小时；0 = 不设）",
    "Recovery point objective, hours": "恢复点目标 RPO（小时）",
    "Recovery time objective, hours": "恢复时间目标 RTO（小时）",
    "Backup frequency: hourly, daily or weekly": "备份频率：hourly、daily 或 weekly",
    "Backup retention, days": "备份保留期（天）",
    "Whether upgrades are included": "是否包含版本升级",
    "Notice of material changes, days": "重大变更的提前通知期（天）",
    "Allowed downtime in a 28-day month, minutes": "28天月份的允许停机时长（分钟）",
    "Allowed downtime in a 30-day month, minutes": "30天月份的允许停机时长（分钟）",
    "Allowed downtime in a 31-day month, minutes": "31天月份的允许停机时长（分钟）",
    "Credit tiers with the money value of each credit": "服务补偿档位及各档补偿金额",
    "Credit in money from the monthly fee (none for term_extension)":
        "按月度服务费折算的补偿金额（term_extension 时为空）",
    "Credit cap in money": "服务补偿上限金额",
    # pricing -----------------------------------------------------------------------------------
    "Currency: CNY, USD or EUR": "币种：CNY、USD 或 EUR",
    "Pricing model: per_seat, per_module, usage_based or perpetual":
        "计价模式：per_seat、per_module、usage_based 或 perpetual",
    "Price per seat per year (per_seat)": "每席位年单价（per_seat）",
    "Module price lines (per_module)": "模块价格明细（per_module）",
    "Module priced": "计价模块",
    "Quantity (1 for a flat module fee)": "数量（按模块固定收费时为1）",
    "Price per unit per year": "每单位年单价",
    "Usage metric (usage_based)": "用量计量指标（usage_based）",
    "Units included (usage_based)": "包含用量（usage_based）",
    "Price per unit over the included units (usage_based)": "超出包含用量部分的单价（usage_based）",
    "Estimated usage fee per year (usage_based)": "预计年度用量费（usage_based）",
    "Usage alert, % of the included units and of the estimated usage fee (usage_based)":
        "用量预警阈值，占包含用量及预计用量费的比例（%；usage_based）",
    "One-time licence fee (perpetual)": "一次性许可费（perpetual）",
    "Yearly maintenance, % of the licence fee (perpetual)": "年度维护费，占许可费的比例（%；perpetual）",
    "Hosting fee per year (perpetual)": "年度托管费（perpetual）",
    "Usage charges on top of the pricing model": "计价模式之外另行收取的用量费",
    "Usage charge": "用量收费项目",
    "Estimated fee per year": "预计年费用",
    "Spend alert, % of the add-on's estimated yearly fee": "费用预警阈值，占该附加项预计年费用的比例（%）",
    "One-time fees": "一次性费用",
    "One-time fee (implementation, migration, training …)": "一次性费用项目（实施、迁移、培训等）",
    "Amount": "金额",
    "Whether prices include VAT": "价格是否含增值税",
    "VAT rate, %": "增值税税率（%）",
    "Invoice: special_vat, general_vat or commercial_invoice":
        "发票类型：special_vat（增值税专用发票）、general_vat（增值税普通发票）"
        "或 commercial_invoice（商业发票）",
    "Payment schedule: annual_advance, quarterly, monthly or milestones":
        "付款安排：annual_advance、quarterly、monthly 或 milestones",
    "Days to pay from receipt of a valid invoice": "自收到合格发票之日起的付款期限（天）",
    "Late-payment interest, % per month": "逾期付款利息（每月，%）",
    "Price increase: none, fixed, capped_pct or cpi_capped":
        "调价方式：none、fixed、capped_pct 或 cpi_capped",
    "Price increase (cap), % per year": "年度调价幅度或调价上限（每年，%）",
    "Months before any price increase": "首次调价前的价格锁定期（月）",
    "Years over which the TCO is computed": "总拥有成本（TCO）的计算年数",
    "First-year recurring fee of the pricing model (usage add-ons are billed on top)":
        "计价模式下的首年经常性费用（附加用量费另计）",
    "Estimated yearly usage add-on charges (in the TCO, not in the contract's fees)":
        "预计年度附加用量费（计入总拥有成本，不计入合同费用）",
    "Annual recurring fee ÷ 12, basis of SLA credits": "年度经常性费用 ÷ 12，为 SLA 服务补偿的计算基数",
    "Fees for each year of the initial term": "初始服务期内各年度费用",
    "Service year, from 1": "服务年度，自1起计",
    "Recurring fees of the year (a last partial year pro-rated)": "该年度经常性费用（最后不足一年的按比例折算）",
    "One-time fees of the year": "该年度一次性费用",
    "Recurring + one-time fees of the year": "该年度经常性费用 + 一次性费用",
    "Sum of one-time fees (with the licence fee when perpetual)": "一次性费用合计（perpetual 时含许可费）",
    "Recurring fees over the initial term": "初始服务期内经常性费用合计",
    "One-time fees + recurring fees over the initial term": "合同总价：一次性费用 + 初始服务期内经常性费用",
    "Fees of each year over pricing.tco_years (renewals at the highest increase)":
        "pricing.tco_years 年内各年度费用（续期按最高调价幅度计算）",
    "Whether the TCO years reach past the initial term (renewals assumed)":
        "总拥有成本计算年数是否超出初始服务期（假定续期）",
    "Recurring fees over pricing.tco_years": "pricing.tco_years 年内经常性费用合计",
    "Total cost of ownership over pricing.tco_years": "pricing.tco_years 年内的总拥有成本",
    "Total contract value without VAT": "合同总价（不含增值税）",
    "VAT on the total contract value": "合同总价对应的增值税额",
    "Total contract value with VAT": "合同总价（含增值税）",
    "Share of the one-time fees per milestone": "各里程碑分摊的一次性费用",
    "Share of the one-time fees, %": "占一次性费用的比例（%）",
    "Amount paid at the milestone": "该里程碑应付金额",
    (
        "General liability cap in money (legal.liability_cap_months × monthly fee, "
        "plus the licence fee when perpetual)"
    ): "一般责任上限金额（legal.liability_cap_months × 月度服务费；perpetual 时另加许可费）",
    "Data-security liability cap (general cap × legal.data_breach_supercap_multiple)":
        "数据安全责任上限（一般责任上限 × legal.data_breach_supercap_multiple）",
    # data --------------------------------------------------------------------------------------
    "Where data is stored: mainland_cn, eu, us or other": "数据存储地：mainland_cn、eu、us 或 other",
    "Whether personal information is processed": "是否处理个人信息",
    "Whether sensitive personal information is processed": "是否处理敏感个人信息",
    (
        "Whether personal information leaves mainland China or is accessed from abroad "
        "(derived from data_location, or set by the buyer)"
    ): "个人信息是否跨境传输，即传输至中国大陆境外或自境外被访问（依 data_location 推定，或由甲方设定）",
    "Individuals in China whose personal information is transferred per year":
        "每年跨境传输其个人信息的境内个人数量",
    "Individuals whose sensitive personal information is transferred per year":
        "每年跨境传输其敏感个人信息的个人数量",
    "Whether the buyer is a critical information infrastructure operator": "甲方是否为关键信息基础设施运营者",
    "Whether the GDPR applies": "是否适用欧盟 GDPR",
    "Hours to notify a security incident": "安全事件通知时限（小时）",
    "Certifications required: iso27001, mlps_level3, soc2": "要求乙方具备的认证：iso27001、mlps_level3、soc2",
    "Whether the buyer has audit rights": "甲方是否享有审计权",
    "Notice of a new sub-processor, days": "新增转委托处理者的提前通知期（天）",
    "Years confidentiality lasts after the term": "服务期届满后保密义务的存续年限",
    "Export formats: csv, json, xml": "导出格式：csv、json、xml",
    "Days to deliver an export on request": "应请求交付导出数据的期限（天）",
    "Days of access after the term ends": "服务期届满后的数据访问期（天）",
    "Days to delete data after the access window": "访问期结束后删除数据的期限（天）",
    "Whether deletion is certified in writing": "是否书面证明数据已删除",
    "PIPL route: none, cac_assessment, standard_contract or exempt":
        "个人信息出境路径（PIPL）：none、cac_assessment、standard_contract 或 exempt",
    # legal -------------------------------------------------------------------------------------
    "General liability cap, months of fees": "一般责任上限（折合月度服务费的月数）",
    "Data-security cap, multiple of the general cap": "数据安全责任上限（一般责任上限的倍数）",
    "Whether the IP indemnity is uncapped": "知识产权侵权赔偿是否不设上限",
    "Delay liquidated damages, % per day": "逾期违约金（每日，%）",
    "Cap on delay liquidated damages, %": "逾期违约金上限（%）",
    "Escrow: none, source_code or saas_continuity": "源代码托管：none、source_code 或 saas_continuity",
    "Whether the vendor notifies a change of control": "乙方控制权变更时是否须通知甲方",
    "Days of transition assistance": "过渡协助期（天）",
    "Days of negotiation before a dispute goes to the forum": "争议提交仲裁或诉讼前的协商期（天）",
    "Forum: arbitration or court": "争议解决方式：arbitration（仲裁）或 court（诉讼）",
    "Arbitration commission: CIETAC, SHIAC, BAC, SCIA or other (none for court)":
        "仲裁机构：CIETAC、SHIAC、BAC、SCIA 或 other（诉讼时为空）",
    "Name of the other arbitration commission": "其他仲裁机构名称",
    "Seat of arbitration": "仲裁地",
    "Language of arbitration: zh or en": "仲裁语言：zh 或 en",
    "Court: buyer_domicile, vendor_domicile, signing_place or performance_place":
        "管辖法院：buyer_domicile、vendor_domicile、signing_place 或 performance_place",
    "Governing law: PRC or other": "适用法律：PRC（中华人民共和国法律）或 other",
    "The other governing law": "其他适用法律",
    # contract (derived) ------------------------------------------------------------------------
    "Contract number, e.g. CRM-2027-0001": "合同编号，如 CRM-2027-0001",
    "Prevailing language: zh or en (zh unless bilingual)": "优先语言：zh 或 en（非双语时为 zh）",
}
