"""Fee tables in print: an amount is one unbreakable figure under a heading that names the currency."""

import re

from contracts.rendering.html import render_html
from contracts.templatetags.contract_format import unit_kept_whole
from tests.rendering.conftest import GENERATED_AT


def test_amount_cells_hold_the_figure_alone_and_the_heading_keeps_its_unit_whole(full_document):
    html = render_html(full_document, "bilingual", layout="columns", generated_at=GENERATED_AT)
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    amounts = [c for c in cells if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}", c)]
    assert "84,000.00" in amounts and "104,000.00" in amounts  # first-year recurring fees, total value
    assert not [c for c in cells if "CNY" in c or "人民币" in c or "元" in c]
    assert '<span class="unit">（元）</span>' in html and ' <span class="unit">(CNY)</span>' in html


def test_a_heading_unit_is_escaped_like_any_text():
    assert str(unit_kept_whole("<b>Fee</b> (CNY)")) == '&lt;b&gt;Fee&lt;/b&gt; <span class="unit">(CNY)</span>'
    assert str(unit_kept_whole("金额（<i>元</i>）")) == '金额<span class="unit">（&lt;i&gt;元&lt;/i&gt;）</span>'
    assert unit_kept_whole("Contract year") == "Contract year"
