"""Fee tables in print: an amount is one unbreakable figure under a heading that names the currency."""

import re
from decimal import Decimal

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.samples import STANDARD, context_for, patched
from contracts.clauses.tables import build_table
from contracts.rendering.html import render_html
from contracts.templatetags.contract_format import unit_kept_whole
from tests.rendering.conftest import GENERATED_AT


def test_amount_cells_hold_the_figure_alone_and_the_heading_keeps_its_unit_whole(full_document):
    html = render_html(full_document, "bilingual", layout="columns", generated_at=GENERATED_AT)
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    amounts = [c for c in cells if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}", c)]
    # a year's recurring fees (TCO), and the total value with fees from acceptance, which waits for the end of
    # the 30-day parallel run (14 May: 53,064.52 + 20,000), the first service year cut short by the term's end:
    # its row says so, or it would contradict "the recurring Fee for the first service year is 84,000.00"
    assert "84,000.00" in amounts and "73,064.52" in amounts
    assert "<td>1 (pro rata, 7.58 months)</td>" in html and "<td>1（按7.58个月折算）</td>" in html
    assert not [c for c in cells if "CNY" in c or "人民币" in c or "元" in c]
    assert '<span class="unit">（元）</span>' in html and ' <span class="unit">(CNY)</span>' in html


def test_a_heading_unit_is_escaped_like_any_text():
    assert str(unit_kept_whole("<b>Fee</b> (CNY)")) == '&lt;b&gt;Fee&lt;/b&gt; <span class="unit">(CNY)</span>'
    assert str(unit_kept_whole("金额（<i>元</i>）")) == '金额<span class="unit">（&lt;i&gt;元&lt;/i&gt;）</span>'
    assert unit_kept_whole("Service year") == "Service year"


def test_the_yearly_fee_table_totals_each_column_over_a_term_of_several_years():
    context = context_for(patched(STANDARD, {"term": {"initial_term_months": 30}}))
    table = build_table("yearly_fees", context, "en")
    # fees from acceptance: the term ends 2.57 months into the third service year, and that row says so
    assert context["pricing"]["fee_months"].quantize(Decimal("0.01")) == Decimal("26.57")
    assert [row[0] for row in table.rows] == ["1", "2", "3 (pro rata, 2.57 months)", "Total"]
    assert build_table("yearly_fees", context, "zh").rows[2][0] == "3（按2.57个月折算）"
    years, total = table.rows[:-1], table.rows[-1]

    def figure(text):
        return Decimal(text.replace(",", ""))

    assert figure(total[1]) == sum(figure(y[1]) for y in years)  # the recurring fees of the 30 months
    assert figure(total[2]) == figure(years[0][2]) == Decimal("20000.00")  # one-time fees, in year 1
    assert figure(total[3]) == context["pricing"]["total_contract_value"] == figure(total[1]) + figure(total[2])
    # one year: its row is the total, printed once
    single = build_table("yearly_fees", context_for(STANDARD), "zh")
    assert [row[0] for row in single.rows] == ["1（按8.58个月折算）"]  # a 12-month term, fees from acceptance


def test_a_short_chinese_heading_is_kept_whole_and_escaped():
    assert str(unit_kept_whole("服务年度")) == '<span class="whole">服务年度</span>'
    assert unit_kept_whole("费用项目说明文字") == "费用项目说明文字"  # a long one may wrap


def test_the_price_annex_shows_the_cost_of_ownership_year_by_year_with_renewals_marked():
    context = context_for(STANDARD)  # 12-month term, 5 % cap after a 12-month lock, TCO over 3 years
    en = build_table("tco_by_year", context, "en")
    assert en.rows == (
        ("1", "60,000.00", "20,000.00", "80,000.00"),
        ("2 (renewal)", "63,000.00", "0.00", "63,000.00"),
        ("3 (renewal)", "66,150.00", "0.00", "66,150.00"),
        ("Total", "189,150.00", "20,000.00", "209,150.00"),
    )
    assert Decimal(en.rows[-1][3].replace(",", "")) == context["pricing"]["tco"]
    zh = build_table("tco_by_year", context, "zh")
    assert [row[0] for row in zh.rows] == ["1", "2（续约）", "3（续约）", "合计"]

    document = assemble(context, read_library_files())
    annex = next(c for s in document.sections for c in s.clauses if c.key == "annex_price.tco")
    assert "the years after the initial term assuming that this Agreement is renewed" in " ".join(annex.text.en)
    # one service year within a two-year term (a year from acceptance would reach past a one-year term)
    within_term = {"pricing": {"tco_years": 1}, "term": {"initial_term_months": 24}}
    within = assemble(context_for(patched(STANDARD, within_term)), read_library_files())
    annex = next(c for s in within.sections for c in s.clauses if c.key == "annex_price.tco")
    assert "renewed" not in " ".join(annex.text.en)
