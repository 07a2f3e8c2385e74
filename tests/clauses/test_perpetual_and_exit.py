"""What a lawyer checks in a perpetual-licence deal and at the exit: the licence outlives the contract,
the licence fee is in the fee tables and is paid once by one rule, the cap counts the licence, and no
data is deleted while the buyer still uses the service."""

import re
from decimal import Decimal

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.samples import context_for, patched, sample_document
from contracts.clauses.tables import build_table

LIBRARY = read_library_files()


def clause(document, key):
    return next(c for s in document.sections for c in s.clauses if c.key == key)


def text(document, key, lang):
    return " ".join(clause(document, key).text.get(lang))


def perpetual(**patch):
    context = context_for(patched(sample_document("perpetual"), patch))
    return context, assemble(context, LIBRARY)


def test_the_perpetual_licence_survives_the_contract_and_the_hosted_copy_is_handed_over():
    _context, contract = perpetual()
    zh, en = text(contract, "pricing.perpetual", "zh"), text(contract, "pricing.perpetual", "en")
    assert "该许可不因本合同的终止或届满而终止" in zh
    assert "The licence survives termination or expiry of this Agreement" in en
    assert "deliver installable object code of the licensed version" in en  # SaaS: nothing to keep otherwise
    assert "the deletion period in Section 11.5 runs from the end of the hosting" in en
    assert "the licence fee is refunded in full" in en  # a full refund ends the licence
    # an infringing licence is refunded in full when the buyer terminates for it
    assert "refund in full all one-time Fees paid (including the licence fee)" in text(contract, "ip.indemnity", "en")
    assert "without prejudice to the perpetual licence under Section 5.1" in text(contract, "ip.ownership", "en")
    assert "the perpetual licence under Section 5.1" in text(contract, "term.refund", "en")  # survives


def test_the_licence_fee_is_paid_by_one_rule_and_is_in_the_one_time_fee_table():
    context, contract = perpetual()
    en = text(contract, "pricing.perpetual", "en") + text(contract, "pricing.payment", "en")
    assert "payable once" not in en
    assert "in the milestone percentages agreed in Section 5.5" in en  # this sample pays by milestones
    assert "only after final Acceptance" not in en  # which the milestones contradicted
    table = build_table("one_time_fees", context, "en")
    assert table.headers == ("Item", "Amount (CNY)")
    assert table.rows[0] == ("Licence fee", "300,000.00")
    amounts = [Decimal(row[1].replace(",", "")) for row in table.rows]
    assert sum(amounts) == context["pricing"]["one_time_total"] == Decimal("320000")  # the total stated
    assert build_table("yearly_fees", context, "zh").headers[1] == "维护费（元）"


def test_the_liability_cap_of_a_perpetual_deal_counts_the_licence_fee():
    context, contract = perpetual()
    # 12 months of maintenance (20 % of 300,000 a year = 5,000 a month) plus the 300,000 licence fee
    assert context["pricing"]["liability_cap_amount"] == Decimal("360000")
    assert "(a) 12 times the monthly Fee plus the licence fee, being CNY 360,000.00" in text(
        contract, "liability.cap", "en"
    )


def test_milestones_show_payments_only_when_payment_follows_them():
    standard = context_for(sample_document("standard"))  # paid yearly in advance
    assert build_table("milestones", standard, "en").headers == ("Milestone", "Due date")
    by_milestones = context_for(patched(sample_document("standard"), {"pricing": {"payment_schedule": "milestones"}}))
    table = build_table("milestones", by_milestones, "zh")
    assert table.headers == ("里程碑", "完成日期", "付款比例", "金额（元）")
    assert table.rows[0][3] == "6,000.00"  # 30 % of the 20,000 one-time fees, in the currency its heading names


def test_no_customer_data_is_deleted_while_the_buyer_still_uses_the_service():
    contract = assemble(context_for(sample_document("standard")), LIBRARY)  # 30 days' access, 60 of transition
    deletion = text(contract, "exit.deletion", "en")
    assert "after the Post-Termination Access Period or, if later, the Transition Period under Section" in deletion
    assert "及" in text(contract, "exit.deletion", "zh") and "以较晚届满者为准" in text(contract, "exit.deletion", "zh")
    assert "any period of continued use under" in text(contract, "ip.ownership", "en")


def test_term_extension_days_left_at_expiry_are_paid_out_at_a_stated_daily_rate():
    _context, contract = perpetual()
    en = text(contract, "sla.credits", "en")
    assert (
        "if this Agreement terminates early, or expires and the Customer elects in writing not to take the free "
        "period, any days of free service not yet enjoyed (including days determined only after" in en
    )
    assert "at a daily rate equal to the monthly Fee × 12 ÷ 365" in en
    # paid within the payment period (30 days here) of the later of the end and the day they are known
    assert "within 30 days of the later of the termination or expiry and the date on which those days" in en


def test_fee_tables_name_the_currency_once_in_the_heading_so_no_amount_wraps_in_a_narrow_column():
    # In the bilingual columns "CNY 84,000.00" used to break after "CNY" and "人民币84,000.00元" after
    # "人民币": an amount printed across two lines. The cells now hold the figure alone.
    usd = context_for(
        patched(sample_document("all_options"), {"pricing": {"currency": "USD", "payment_schedule": "milestones"}})
    )
    money_columns = {
        "yearly_fees": (1, 2, 3),
        "one_time_fees": (1,),
        "milestones": (3,),
        "credit_tiers": (2,),
        "module_prices": (2, 3),
        "usage_addons": (1,),
    }
    printed = []
    for name, columns in money_columns.items():
        for lang, unit in (("en", " (USD)"), ("zh", "（美元）")):
            table = build_table(name, usd, lang)
            if table is None:
                continue
            printed.append(name)
            assert all(table.headers[i].endswith(unit) for i in columns), table.headers
            cells = [row[i] for row in table.rows for i in columns if row[i]]
            assert cells and all(re.fullmatch(r"[0-9,]+\.[0-9]{2}", cell) for cell in cells), cells
    assert {"yearly_fees", "one_time_fees", "milestones", "credit_tiers"} <= set(printed)
    assert build_table("yearly_fees", usd, "zh").headers == (
        "服务年度",
        "经常性费用（美元）",
        "一次性费用（美元）",
        "合计（美元）",
    )


def test_a_term_extension_credit_table_has_no_empty_money_column():
    context, _contract = perpetual()  # credits are days of service here
    for lang, headers, first in (
        ("zh", ("月度可用率", "期满后免费服务"), ("< 99.9%", "3天")),
        ("en", ("Monthly availability", "Free service after the term"), ("< 99.9%", "3 days")),
    ):
        table = build_table("credit_tiers", context, lang)
        assert table.headers == headers and table.rows[0] == first
