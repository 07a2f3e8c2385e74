"""A clause text cannot take the service down: what would cost too much is refused on save, and whatever
reaches rendering anyway is stopped within the budget with a message, never a 500 or a dead worker."""

import time

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from contracts.clauses import bounds
from contracts.clauses.assemble import assemble
from contracts.clauses.engine import ClauseLimitExceeded, ClauseTemplateError, check_source, render_text
from contracts.clauses.samples import sample_context
from contracts.clauses.spec import ClauseSpec, SectionSpec
from contracts.models import Clause
from contracts.pipeline import ClauseTooExpensive
from contracts.rendering import RenderFailed
from tests.factories import DraftFactory, answers_document
from tests.security.payloads import CLAUSE_PAYLOADS

EXPENSIVE = {name: p for name, p in CLAUSE_PAYLOADS.items() if p.expensive}
CONTEXT = {"parties": {"buyer_name": "X"}, "scope": {"seat_count": 50}, "pricing": {"currency": "CNY"}}


@pytest.mark.parametrize("name", CLAUSE_PAYLOADS)
def test_each_probe_payload_is_refused_on_save_with_the_reason(name):
    payload = CLAUSE_PAYLOADS[name]
    with pytest.raises(ClauseTemplateError) as exc:
        check_source(payload.text)
    assert payload.reason in str(exc.value)


@pytest.mark.parametrize(
    "name", ["repeat_ten_million", "repeat_a_repeat", "hidden_nested_loops", "divide_by_zero", "text_plus_number"]
)
def test_the_refusal_names_the_line(name):
    text = "第一段。\n\n" + CLAUSE_PAYLOADS[name].text
    with pytest.raises(ClauseTemplateError, match=r"^line 3: "):
        check_source(text)


def test_the_save_check_sizes_a_repeat_before_building_it():
    # 2,000 copies of a megabyte took the worker to 2 GB during the check; now the first repeat is refused
    with pytest.raises(ClauseLimitExceeded, match="this builds a text or list of 1,000,000 characters"):
        check_source("{% set a='a'*1000000 %}{% set b=a*2000 %}")
    with pytest.raises(ClauseLimitExceeded, match="200,000,000 characters"):
        check_source("{% set a='a'*100000 %}{% set b=a*2000 %}")


def test_the_refusal_is_in_the_admins_language():
    with translation.override("zh-hans"), pytest.raises(ClauseLimitExceeded) as exc:
        check_source("{{ 'a' * 10000000 }}")
    assert (
        str(exc.value)
        == "第1行：此处将生成长达10,000,000个字符的文本或列表；条款文本生成的单个文本或列表最多100,000个字符"
    )
    with translation.override("zh-hans"), pytest.raises(ClauseTemplateError, match="第1行：此处无法输出：division"):
        check_source("{{ 1/0 }}")


@pytest.mark.parametrize(
    "text",
    [
        "{% for m in scope.modules %}{% if not loop.first %}, {% endif %}{{ m }}{% endfor %}",
        "{{ '-' * 3 }}{{ pricing.tco * 1.1 }}{{ scope.seat_count * 12 }}{{ parties.buyer_name ~ '（甲方）' }}",
        "{% set sep = '; ' %}{{ scope.modules|join(sep) }}{{ (pricing.tco / 12)|round(2) }}",
        "{% for a in 'abc' %}{% for b in 'abc' %}{% for c in 'abc' %}{{ a ~ b ~ c }}{% endfor %}{% endfor %}{% endfor %}",
    ],
)
def test_ordinary_texts_pass(text):
    check_source(text)


@pytest.mark.parametrize("name", EXPENSIVE)
def test_a_stored_expensive_text_is_stopped_at_render_time(name):
    """Stored before the limits existed: rendering stops within the budget with a refusal, no MemoryError."""
    with pytest.raises(ClauseTemplateError) as exc:
        render_text(EXPENSIVE[name].text, CONTEXT, "en")
    assert EXPENSIVE[name].reason in str(exc.value)


def test_loops_over_answers_are_counted_at_render_time():
    text = "{% for a in scope.modules %}{% for b in scope.modules %}x{% endfor %}{% endfor %}"
    check_source(text)  # fine for any sensible number of modules
    with pytest.raises(ClauseLimitExceeded, match="may loop at most 10,000 times"):
        render_text(text, {"scope": {"modules": ["m"] * 500}}, "en")


def test_a_text_repeating_an_answer_is_stopped_at_render_time():
    text = "{{ parties.buyer_name * 10000 }}"
    check_source(text)  # the save check cannot know the answer
    assert render_text(text, {"parties": {"buyer_name": "X"}}, "en") == "X" * 10000
    with pytest.raises(ClauseLimitExceeded, match="line 1: this builds a text or list of 1,000,000"):
        render_text(text, {"parties": {"buyer_name": "甲" * 100}}, "en")


def test_a_render_past_its_deadline_is_stopped(monkeypatch):
    monkeypatch.setattr(bounds, "TEXT_SECONDS", -1)  # every clock check is past the deadline
    with pytest.raises(ClauseLimitExceeded, match="took longer than -1 seconds and was stopped"):
        render_text("{% for a in 'abc' %}{{ a }}{% endfor %}", CONTEXT, "en")


def test_the_deadline_counts_the_texts_own_work_not_the_time_others_hold_the_machine(monkeypatch):
    """On a busy machine a text waits for the CPU; only what it computes itself may stop it."""
    monkeypatch.setattr(bounds, "TEXT_SECONDS", 0.05)
    with bounds.text_budget() as budget:
        time.sleep(0.2)  # the machine busy elsewhere: four times the text's deadline in wall-clock time
        budget.spend(iterations=1)
        with pytest.raises(ClauseLimitExceeded, match="took longer than 0.05 seconds"):
            while True:  # the text's own work
                budget.spend(iterations=0)


def test_evaluation_errors_at_render_time_are_refusals_with_the_line():
    with pytest.raises(ClauseTemplateError, match="^line 2: this cannot be printed: can only concatenate str"):
        render_text("甲方：\n{{ parties.buyer_name + 1 }}", CONTEXT, "en")


def _library_with(text: str) -> list[SectionSpec]:
    clause = ClauseSpec(key="x.probe", order=0, condition="", highlight=False, table="", title_zh="标题",
                        title_en="Title", body_zh="正文", body_en=text)  # fmt: skip
    return [
        SectionSpec(key="x", kind="article", order=0, title_zh="条", title_en="Art", condition="", clauses=(clause,))
    ]


def test_a_document_with_an_expensive_clause_names_the_clause_for_the_operator():
    with pytest.raises(ClauseLimitExceeded, match=r"^x.probe: line 1: this builds"):
        assemble(sample_context("standard"), _library_with("{{ 'a' * 10000000 }}"))


# The library import --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CLAUSE_PAYLOADS)
def test_the_library_import_refuses_each_probe_payload(library, tmp_path, name):
    call_command("export_clauses", str(tmp_path))
    edited = next(tmp_path.glob("*-general.yaml"))
    section = yaml.safe_load(edited.read_text(encoding="utf-8"))
    clause = next(c for c in section["clauses"] if c["key"] == "general.publicity")
    clause["en"] = CLAUSE_PAYLOADS[name].text
    edited.write_text(yaml.safe_dump(section, allow_unicode=True), encoding="utf-8")
    versions = Clause.objects.get(key="general.publicity").versions.count()
    with pytest.raises(CommandError, match="clause library refused: general.publicity") as exc:
        call_command("import_clauses", str(tmp_path))
    assert CLAUSE_PAYLOADS[name].reason in str(exc.value)
    assert Clause.objects.get(key="general.publicity").versions.count() == versions


# What the buyer sees -------------------------------------------------------------------------------


@pytest.fixture
def planted(library):
    """An expensive text stored without the save check (as before the limits), in a clause every contract
    prints, taken only for this buyer's name: as the probe hid it."""
    from contracts.clauses.versions import clause_version_create, version_content

    clause = Clause.objects.get(key="general.publicity")
    name = answers_document()["parties"]["buyer_name"]
    hidden = CLAUSE_PAYLOADS["hidden_nested_loops"].text.replace("'X'", f"'{name}'")
    content = version_content(clause.current_version) | {"body_en": hidden, "body_zh": hidden}
    clause_version_create(clause=clause, content=content)
    return clause


def test_the_buyer_gets_a_message_not_a_500_when_generating(client, alice, planted):
    draft = DraftFactory(owner=alice)
    client.force_login(alice)
    response = client.post(f"/drafts/{draft.pk}/generate/", {"language": "en", "format": "html"}, follow=True)
    assert response.status_code == 200
    assert "needs too much time or memory to print for these answers and was stopped" in response.content.decode()


def test_the_live_preview_says_it_was_stopped(client, alice, planted):
    draft = DraftFactory(owner=alice)
    client.force_login(alice)
    response = client.get(f"/drafts/{draft.pk}/preview/")
    assert response.status_code == 200
    assert "needs too much time or memory to print" in response.content.decode()


def test_build_document_reports_the_stop_as_a_render_failure(alice, planted):
    from contracts.clauses.snapshot import library_snapshot
    from contracts.pipeline import build_document
    from contracts.problems import validate_answers

    typed, _ = validate_answers(answers_document())
    with pytest.raises(ClauseTooExpensive) as exc:
        build_document(typed, contract_number="T-1", library=library_snapshot())
    assert isinstance(exc.value, RenderFailed)


def test_a_long_list_from_the_answers_passes_through_filters_untouched():
    """Only what a text builds is measured: the answers' own lists (200 requirements) are not refused."""
    requirements = [{"id": f"R{i}", "text": "需" * 4000} for i in range(200)]
    text = "{{ (scope.modules|default([]))|length }}{{ (scope.modules|first).id }}"
    assert render_text(text, {"scope": {"modules": requirements}}, "en") == "200R0"
