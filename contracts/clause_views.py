"""Views around the clause library: the admin's history, diff, restore and preview, and the buyer's
"what changed since this contract" page."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from jinja2 import TemplateError

from contracts import access
from contracts.clauses.assemble import numbering, select
from contracts.clauses.bounds import document_budget
from contracts.clauses.checks import clause_save_problems, error_line, library_with_clause
from contracts.clauses.diff import printed_changes, version_diff
from contracts.clauses.engine import ClauseTemplateError, evaluate_condition, paragraphs, render_text
from contracts.clauses.messages import field_problem, problem_text
from contracts.clauses.samples import SAMPLES, sample_context, variable_examples
from contracts.clauses.snapshot import library_snapshot
from contracts.clauses.spec import POSITION_PARTS, ClauseSpec, clause_problems, positions_from_json
from contracts.clauses.versions import clause_version_restore
from contracts.models import Clause, ClauseVersion, Section
from contracts.pipeline import build_document
from contracts.questions.display import page_language
from contracts.terms.bilingual import column_context
from contracts.terms.checks import partial_answers

logger = logging.getLogger(__name__)

FILTERS_HELP = (
    ("money", "{{ pricing.tco|money }}", "人民币303,725.00元（大写：…）/ CNY 303,725.00"),
    ("num", "{{ scope.seat_count|num }}", "1,000"),
    ("pct", "{{ sla.availability_target_pct|pct }}", "99.9%"),
    ("date", "{{ term.start_date|date }}", "2027年1月1日 / 1 January 2027"),
    ("minutes", "{{ sla.allowed_downtime_minutes_30|minutes }}", "43.2分钟 / 43.2 min"),
    ("ref", "{{ 'sla.credits'|ref }}", "第6.5条 / Section 6.5"),
)


# Admin ----------------------------------------------------------------------------------------


def save_problems(section_key: str, spec: ClauseSpec, *, old_key: str | None = None, active: bool = True):
    return clause_save_problems(library_snapshot(), section_key, spec, old_key=old_key, active=active)


def authoring_help() -> dict:
    """What the clause form shows beside the text: the variables with examples, filters, samples."""
    return {
        "variable_catalogue": variable_examples(),
        "filters_help": FILTERS_HELP,
        "samples": [(key, label) for key, (label, _patch) in SAMPLES.items()],
    }


def _posted_spec(post) -> tuple[ClauseSpec, dict]:
    def text(name: str) -> str:
        return (post.get(name) or "").replace("\r\n", "\n")

    positions = {
        p: {part: text(f"{p}_{part}") for part in parts}
        for p, parts in POSITION_PARTS.items()
        if any(text(f"{p}_{part}").strip() for part in parts)
    }
    spec = ClauseSpec(
        key=post.get("key") or "_preview",
        order=_int(post.get("order")) or 0,
        condition=text("condition").strip(),
        highlight=bool(post.get("highlight")),
        table=post.get("table") or "",
        title_zh=text("title_zh"),
        title_en=text("title_en"),
        body_zh=text("body_zh"),
        body_en=text("body_en"),
        **positions_from_json(positions),
    )
    return spec, positions


def _render_position(spec: ClauseSpec, position: str, render_ctx: dict) -> dict:
    alternative = spec.position(position)
    if alternative:
        body_zh, body_en, note_zh, note_en = (
            alternative.body_zh,
            alternative.body_en,
            alternative.note_zh,
            alternative.note_en,
        )
    else:
        body_zh, body_en, note_zh, note_en = spec.body_zh, spec.body_en, spec.buyer_note_zh, spec.buyer_note_en
    result = {"position": position, "note_zh": note_zh, "note_en": note_en}
    prefix = f"positions.{position}." if alternative else ""
    for lang, source in (("zh", body_zh), ("en", body_en)):
        try:
            result[lang] = paragraphs(render_text(source, column_context(render_ctx, lang), lang))
        except (TemplateError, ClauseTemplateError) as exc:
            result[f"{lang}_error"] = field_problem(f"{prefix}body_{lang}", _with_line(exc))
    return result


def _with_line(exc: Exception) -> str:
    """The error as "line N: reason" in the engine's wording, which problem_text puts in the admin's language."""
    line, reason = error_line(exc)
    return f"line {line}: {reason}" if line else reason


def admin_clause_preview(request: HttpRequest) -> HttpResponse:
    """The unsaved text of the clause form rendered against a built-in sample draft, in both languages."""
    if request.method != "POST":
        raise Http404
    if not request.user.has_perm("contracts.view_clause"):
        raise PermissionDenied
    spec, positions = _posted_spec(request.POST)
    sample = request.POST.get("preview_sample") or "standard"
    if sample not in SAMPLES:
        sample = "standard"
    clause_keys = set(Clause.objects.values_list("key", flat=True)) | {spec.key}
    problems = clause_problems(
        title_zh=spec.title_zh,
        title_en=spec.title_en,
        body_zh=spec.body_zh,
        body_en=spec.body_en,
        condition=spec.condition,
        table=spec.table,
        positions=positions,
        clause_keys=clause_keys,
    )
    context = {
        "title": _("Preview: %(key)s") % {"key": spec.key},
        "spec": spec,
        "problems": [field_problem(name, message) for name, message in problems.items()],
        "sample": SAMPLES[sample][0],
        "opts": Clause._meta,
        "renders": [],
    }
    if not problems:
        section = Section.objects.filter(pk=request.POST.get("section") or 0).first()
        library = library_snapshot()
        if section is not None:
            library = library_with_clause(library, section.key, spec)
        try:
            with document_budget():  # the same time budget as a contract's clauses
                context.update(_preview_renders(spec, library, sample_context(sample), context["problems"]))
        except (TemplateError, ClauseTemplateError) as exc:  # the condition or another clause: never a 500
            context["problems"].append(problem_text(_with_line(exc)))
    return render(request, "admin/contracts/clause/preview.html", context)


def _preview_renders(spec: ClauseSpec, library, terms: dict, problems: list) -> dict:
    """The clause as the sample draft would print it: included or not, its number, its title and each
    position's text; a text that fails adds its problem, as the texts' errors are shown."""
    _sections, numbers, references = numbering(select(terms, library))
    render_ctx = terms | {"_numbers": references}
    result = {"included": evaluate_condition(spec.condition, terms), "number": numbers.get(spec.key, "")}
    for lang in ("zh", "en"):
        try:
            result[f"title_{lang}"] = render_text(
                getattr(spec, f"title_{lang}"), column_context(render_ctx, lang), lang
            )
        except (TemplateError, ClauseTemplateError) as exc:
            problems.append(field_problem(f"title_{lang}", _with_line(exc)))
    result["renders"] = [_render_position(spec, p, render_ctx) for p in ("buyer", *[p.name for p in spec.positions])]
    return result


def admin_clause_versions(request: HttpRequest, clause_id: int) -> HttpResponse:
    """A clause's history, and the difference between any two of its versions."""
    if not request.user.has_perm("contracts.view_clause"):
        raise PermissionDenied
    clause = get_object_or_404(Clause, pk=clause_id)
    versions = list(clause.versions.select_related("author").order_by("-number"))
    by_number = {v.number: v for v in versions}
    old = by_number.get(_int(request.GET.get("a")))
    new = by_number.get(_int(request.GET.get("b")))
    if old is None and new is None and len(versions) >= 2:
        new, old = versions[0], versions[1]
    diff = version_diff(old, new) if old and new else None
    return render(
        request,
        "admin/contracts/clause/versions.html",
        {
            "title": _("History: %(key)s") % {"key": clause.key},
            "clause": clause,
            "versions": versions,
            "old": old,
            "new": new,
            "diff": diff,
            "opts": Clause._meta,
            "can_restore": request.user.has_perm("contracts.change_clause"),
        },
    )


@require_POST
def admin_clause_restore(request: HttpRequest, clause_id: int, version_id: int) -> HttpResponse:
    if not request.user.has_perm("contracts.change_clause"):
        raise PermissionDenied
    version = get_object_or_404(ClauseVersion, pk=version_id, clause_id=clause_id)
    restored = clause_version_restore(version=version, author=request.user)
    if restored is None:
        messages.info(request, _("Version %(number)d is already the current text.") % {"number": version.number})
    else:
        messages.success(
            request,
            _("Version %(number)d restored as version %(new)d.") % {"number": version.number, "new": restored.number},
        )
        # the audit trail: who restored which version (shown in words by the admin log)
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[version.clause],
            action_flag=CHANGE,
            change_message=[{"restored": {"number": version.number, "new": restored.number}}],
            single_object=True,
        )
    return redirect(reverse("admin:contracts_clause_versions", args=[clause_id]))


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


# The buyer's contracts ------------------------------------------------------------------------


@login_required
def contract_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """What this contract would print differently if it were generated now from the same answers: the
    clauses whose printed wording changed, came in or went out, word by word in the contract's languages."""
    contract = access.contract_for(user=request.user, pk=pk)
    typed = partial_answers(contract.answers)
    positions = contract.answers.get("positions")
    langs = ("zh", "en") if contract.language == "bilingual" else (contract.language,)
    try:
        before = build_document(
            typed,
            contract_number=contract.number,
            positions=positions,
            library=library_snapshot(version_ids=contract.clause_versions),
        )
        now = build_document(typed, contract_number=contract.number, positions=positions, library=library_snapshot())
    except Exception:  # noqa: BLE001 — the buyer's contract file is unaffected; the admins get the error
        logger.exception("comparing contract %s with the current library failed", contract.pk)
        return render(request, "clauses/contract_changes.html", {"contract": contract, "failed": True})
    changes = printed_changes(before, now, langs)
    # Why the admins changed it: the change note of each current version this contract did not use.
    notes = dict(
        ClauseVersion.objects.filter(clause__key__in=[c.key for c in changes], clause__is_active=True)
        .exclude(pk__in=contract.clause_versions)
        .exclude(change_note="")
        .filter(clause__current_version=F("pk"))
        .values_list("clause__key", "change_note")
    )
    return render(
        request,
        "clauses/contract_changes.html",
        {
            "contract": contract,
            "lang": page_language(),
            "changes": [(change, notes.get(change.key, "")) for change in changes],
        },
    )
