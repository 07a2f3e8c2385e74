"""The review page reads from the top: on a wide screen the answers follow the risk check at once, with
the key figures and dates beside them; on a phone the figures and dates come before the long answers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def boxes(page) -> dict:
    heading = page.get_by_role("heading", name="Pre-signing risk check")
    return {
        "risk": page.locator("section", has=heading).bounding_box(),
        "figures": page.locator("#figures-title").bounding_box(),
        "answers": page.get_by_role("heading", name="1. Parties").bounding_box(),
    }


def test_on_a_wide_screen_the_answers_follow_the_risk_check_beside_the_figures(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    b = boxes(page)
    risk_bottom = b["risk"]["y"] + b["risk"]["height"]
    assert 0 <= b["answers"]["y"] - risk_bottom < 60  # no gap the height of the key dates in between
    assert b["figures"]["x"] > b["answers"]["x"] + b["answers"]["width"] - 1  # the side column, beside
    assert b["figures"]["y"] < risk_bottom


def test_on_a_phone_the_figures_come_before_the_answers(phone_session, alice, complete_draft):
    page = phone_session.page
    phone_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    b = boxes(page)
    assert b["risk"]["y"] + b["risk"]["height"] <= b["figures"]["y"] < b["answers"]["y"]


def test_short_column_headings_of_the_answer_lists_stay_on_one_line_in_chinese(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    session.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": session.base_url}])
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    requirements = page.locator("table.answer-rows", has=page.get_by_role("columnheader", name="验收测试"))
    lines = "el => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; }"
    for heading in ("编号", "优先级"):
        cell = requirements.get_by_role("columnheader", name=heading, exact=True)
        assert cell.evaluate(lines) == 1, heading  # one line, not one character per line
