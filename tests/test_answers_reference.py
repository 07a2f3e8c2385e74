"""docs/answers.md is the answers document's reference: it must say what the wizard actually asks."""

import pytest
from django.core.management import CommandError, call_command

from contracts.questions.reference import answers_reference
from contracts.wizard.steps import STEPS


def test_the_reference_in_docs_is_current(settings):
    current = (settings.BASE_DIR / "docs" / "answers.md").read_text(encoding="utf-8")
    assert current == answers_reference(), "docs/answers.md is stale: run `manage.py answers_reference --write`"


def test_every_field_and_list_of_every_step_is_documented_with_its_condition():
    text = answers_reference()
    for step in STEPS:
        assert f"## `{step.key}`" in text
        for name in step.form_class.base_fields:
            assert f"`{name}` " in text, name
        for spec in step.lists:
            assert f"`{spec.name}` list[" in text, spec.name
    assert "if `contract_language` is `bilingual`: `prevailing_language` choice(zh|en) = zh" in text
    assert "- `seat_count` int = 50 (1–100,000), required" in text


def test_a_decimal_answer_is_documented_as_a_decimal_not_a_whole_number():
    text = answers_reference()
    assert "`unit_price_per_seat_year` dec (0–999,999,999,999.99), required" in text
    assert "- `vat_rate_pct` pct = 6 (0–20), required" in text
    assert "`credit_table` list[{below_pct pct, credit dec}]" in text


def test_the_command_checks_the_file(tmp_path, monkeypatch):
    from contracts.management.commands import answers_reference as command

    stale = tmp_path / "answers.md"
    stale.write_text("old", encoding="utf-8")
    monkeypatch.setattr(command, "REFERENCE", stale)
    with pytest.raises(CommandError, match="out of date"):
        call_command("answers_reference", "--check")
    call_command("answers_reference", "--write")
    call_command("answers_reference", "--check")
