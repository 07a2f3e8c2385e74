"""Thin views: parse the request, call one service or selector, render or redirect."""

from __future__ import annotations

import csv
import io
import json
import logging
from decimal import Decimal

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts import access, organisations, renders, selectors, services
from contracts.access import Action
from contracts.accounts import SignupForm
from contracts.clauses.positions import negotiable_clauses, positions_effective, stance_of
from contracts.clauses.snapshot import library_snapshot
from contracts.clauses.spec import BALANCED, STANCE, STANCES
from contracts.insights import Negotiation, draft_insights, negotiations
from contracts.models import RenderJob
from contracts.problems import translated, validate_answers
from contracts.questions.display import (
    answers_changes,
    chinese_in_english_labels,
    page_language,
    problem_place,
    review_sections,
)
from contracts.questions.steps import pending_steps
from contracts.questions.words import AVAILABILITY_CHOICES
from contracts.rendering import CONTENT_TYPES, FORMATS, LANGUAGES, RenderFailed
from contracts.rendering.ics import ics_calendar
from contracts.rendering.risk import render_risk_pdf
from contracts.review_forms import ApprovalDecisionForm, ApprovalRequestForm
from contracts.terms.checks import to_json
from contracts.terms.comparison import compare_offers
from contracts.terms.document import fingerprint
from contracts.terms.hints import STEP_GUIDANCE, tco_assumption
from contracts.wizard.conflicts import step_conflicts
from contracts.wizard.forms import (
    DEFAULT_CREDIT_TABLE,
    DEFAULT_EXTENSION_DAYS,
    ImportForm,
    TitleForm,
    default_tier_limits,
)
from contracts.wizard.preview import STEP_SECTIONS, preview_html
from contracts.wizard.steps import (
    BY_KEY,
    STEPS,
    BoundStep,
    field_anchor,
    step_defaults,
    step_hints,
    step_index,
    step_problems,
    step_states,
    typed_steps,
    with_module_suggestions,
)

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    return redirect("draft_list" if request.user.is_authenticated else "login")


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    # where to go once signed up (an invitation's page): this site's own address only
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # no account is left behind if signing in fails or it is one too many
                # The client address as the login lockout reads it (behind a proxy: X-Forwarded-For).
                services.signup_count(address=get_client_ip_address(request) or "unknown")
                user = form.save()
                organisations.organisation_create_personal(user=user)
                # The account was just created and its password just checked by the form; the backend
                # is named because django-axes adds a second one.
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        except services.SignupThrottled as throttled:
            form.add_error(None, str(throttled))
            return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=429)
        return redirect(next_url or "draft_list")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def _current_organisation(request: HttpRequest, action: Action):
    """The organisation the user works in (organisations.organisation_current), if their role there allows
    the action (403 with the reason otherwise)."""
    organisation = organisations.organisation_current(request)
    access.require(request.user, organisation, action)
    return organisation


@login_required
def draft_list(request: HttpRequest) -> HttpResponse:
    return _draft_list_page(request)


def _draft_list_page(request: HttpRequest, *, title_form: TitleForm | None = None, renaming: int | None = None):
    """The list; with a refused title, that title's form (the new draft's, or the rename of `renaming`)
    open with its error at the input."""
    organisation = organisations.organisation_current(request)
    context = {
        "rows": selectors.draft_rows_in(user=request.user, organisation=organisation),
        "organisation": organisation,
        "can_edit": access.organisation_can(request.user, organisation, Action.EDIT),
        "shared": organisation.memberships.count() > 1,  # then each draft says who created it
        "steps": STEPS,
        "title_errors": title_form.errors.get("title", []) if title_form else [],
        "renaming": renaming,
    }
    return render(request, "contracts/draft_list.html", context, status=400 if title_form else 200)


@login_required
@require_POST
def draft_new(request: HttpRequest) -> HttpResponse:
    organisation = _current_organisation(request, Action.EDIT)
    form = TitleForm(request.POST)
    if not form.is_valid():
        return _draft_list_page(request, title_form=form)
    draft = services.draft_create(owner=request.user, organisation=organisation, title=form.cleaned_data["title"])
    return redirect("draft_step", pk=draft.pk, step=STEPS[0].key)


def _form_data(post) -> dict[str, list[str]]:
    return {key: post.getlist(key) for key in post if not key.startswith(("csrfmiddlewaretoken", "_"))}


def _as_querydict(data: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


@login_required
def draft_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT if request.method == "POST" else Action.VIEW)
    spec = BY_KEY.get(step)
    if spec is None:
        raise Http404
    index = step_index(step)
    if index > draft.step_reached:
        return redirect("draft_step", pk=draft.pk, step=STEPS[draft.step_reached].key)
    saved = draft.answers.get(step) or {}
    conflicts: list = []

    if request.method == "POST":
        action = request.POST.get("_action", "next")
        bound = BoundStep.from_data(spec, request.POST)
        if request.POST.get("_loaded", fingerprint(saved)) != fingerprint(saved):
            # Another tab saved this step since this page was loaded: show what changed, keep this input.
            conflicts = step_conflicts(spec, saved, request.POST)
            bound.is_valid()
        elif bound.is_valid() and not _add_cross_step_problems(bound, step, draft):
            try:
                draft = services.draft_save_step(
                    draft=draft,
                    step_key=step,
                    step_answers=to_json(bound.typed()),
                    loaded=request.POST.get("_loaded"),
                    by=request.user,
                )
            except services.DraftChanged as changed:  # a save from another tab in the meantime
                draft, saved = changed.draft, changed.draft.answers.get(step) or {}
                conflicts = step_conflicts(spec, saved, request.POST)
            else:
                renders.contract_prerender(draft=draft)  # complete, or changed since: the new PDF is on its way
                _warn_chinese_in_english(request, draft, spec)
                return _after_save(request, draft, index, action)
        else:
            services.draft_keep_input(draft=draft, step_key=step, data=_form_data(request.POST))
            if action == "goto" or (action == "back" and index):
                _kept_notice(request, draft, spec, bound)
                if action == "back":
                    return redirect("draft_step", pk=draft.pk, step=STEPS[index - 1].key)
                return _leave_step(request, draft, step)
            if action == "save":
                messages.warning(
                    request,
                    _(
                        "Your input is kept with the draft, but it is not in the contract yet: correct the answers "
                        "marked below and save again. Downloads wait until then."
                    ),
                )
    elif step in draft.pending_input:
        bound = BoundStep.from_data(spec, _as_querydict(draft.pending_input[step]))
        if bound.is_valid():
            _add_cross_step_problems(bound, step, draft)
        messages.info(request, _("This step shows input you have not finished; correct it and save."))
    else:
        initial = step_defaults(spec) | saved
        if step == "scope":
            initial = with_module_suggestions(initial)
        if step == "parties" and request.GET.get("vendor"):
            initial |= selectors.vendor_answers_get(vendor_id=request.GET["vendor"])
        bound = BoundStep.from_data(spec, None, initial=initial)

    insights = draft_insights(draft.answers)
    vendors = list(selectors.vendor_list()) if step == "parties" else None
    return render(
        request,
        "contracts/step.html",
        {
            "draft": draft,
            "can_edit": access.can(request.user, draft, Action.EDIT),
            "step": spec,
            "index": index,
            "steps": STEPS,
            "bound": bound,
            "guidance": STEP_GUIDANCE.get(step),
            "findings": [f for f in insights.review.findings if f.step == step],
            "hints": step_hints(draft.answers, step),
            "focus": request.GET.get("focus", ""),
            "groups": bound.form.grouped_fields(),
            "error_links": bound.error_links(),
            "lists": [(ls, bound.formsets[ls.name]) for ls in spec.lists],
            "vendors": vendors,
            # filled in place by the page's script, so that nothing else typed on the page is lost
            "vendor_fill": {str(v.pk): selectors.vendor_answers(v) for v in vendors or ()},
            "credit_presets": _credit_presets() if step == "sla" else None,
            "previous": STEPS[index - 1] if index else None,
            "loaded": fingerprint(saved),
            "conflicts": conflicts,
            "states": step_states(draft),
            "preview_anchor": STEP_SECTIONS.get(step, ""),
            "comments": selectors.comment_threads(draft=draft, step=step, open_only=True),
            # a bilingual contract asks every free text it prints in English too
            "bilingual": (draft.answers.get("parties") or {}).get("contract_language") == "bilingual",
        },
        status=409 if conflicts else 200,
    )


def _credit_presets() -> dict:
    """The untouched credit tiers as money (% of the fee) and as days of extension, and where they start
    for each availability target, for the page's script to follow when the buyer changes the remedy or
    the target."""
    return {
        "money": [f"{row['credit']:g}" for row in DEFAULT_CREDIT_TABLE],
        "days": [f"{days:g}" for days in DEFAULT_EXTENSION_DAYS],
        "tiers": {
            code: [f"{limit:g}" for limit in default_tier_limits(Decimal(code))] for code, _ in AVAILABILITY_CHOICES
        },
    }


def _add_cross_step_problems(bound: BoundStep, step: str, draft) -> list:
    problems = step_problems(step, bound.typed(), typed_steps(draft.answers))
    for problem in problems:
        bound.add_problem(problem.field, translated(problem))
    return problems


def _warn_chinese_in_english(request: HttpRequest, draft, spec) -> None:
    """Saved, but Chinese typed into an English contract prints as typed: said, not refused (it may be meant)."""
    labels = chinese_in_english_labels(draft.answers, spec)
    if labels:
        messages.warning(
            request,
            format_html(
                _(
                    'The contract is in English, but these answers on <a href="{url}" class="alert-link">{step}</a> '
                    "contain Chinese, which prints as typed: {fields}. Type them in English unless you mean it."
                ),
                url=reverse("draft_step", args=[draft.pk, spec.key]),
                step=spec.title,
                fields="; ".join(labels),
            ),
        )


def _kept_notice(request: HttpRequest, draft, spec, bound: BoundStep) -> None:
    """Leaving a step whose input is not valid: where it is kept and the first thing to correct, linked."""
    first = next(iter(bound.error_links()), None)
    url = reverse("draft_step", args=[draft.pk, spec.key])
    problem = (f"{first.label}: {first.message}" if first.label else first.message) if first else ""
    messages.warning(
        request,
        format_html(
            _(
                'Your input on <a href="{url}" class="alert-link">{step}</a> is kept, but it is not saved and '
                "not in the contract yet: {problem}"
            ),
            url=f"{url}#{first.anchor}" if first and first.anchor else url,
            step=spec.title,
            problem=problem,
        ),
    )


def _leave_step(request: HttpRequest, draft, step: str) -> HttpResponse:
    """Where the buyer was going when they left a step with typed input (a step chip, the menu, the review
    link, the language switcher): this site's own address, or the step again; the UI language chosen."""
    target = request.POST.get("_goto", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("draft_step", args=[draft.pk, step])
    response = redirect(target)
    language = request.POST.get("_language", "")
    if language and check_for_language(language):  # as Django's set_language view stores the choice
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def _after_save(request: HttpRequest, draft, index: int, action: str) -> HttpResponse:
    if action == "goto":
        return _leave_step(request, draft, STEPS[index].key)
    if action == "save":
        messages.success(request, _("Saved."))
        return redirect("draft_step", pk=draft.pk, step=STEPS[index].key)
    if action == "back" and index:
        return redirect("draft_step", pk=draft.pk, step=STEPS[index - 1].key)
    if index + 1 < len(STEPS):
        return redirect("draft_step", pk=draft.pk, step=STEPS[index + 1].key)
    return redirect("draft_review", pk=draft.pk)


@login_required
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = access.draft_for(user=request.user, pk=pk)
    return review_page(request, draft)


def review_page(request: HttpRequest, draft, *, request_form=None, decision_form=None, status: int = 200):
    """The review page; with a refused request for approval or decision, that form with its errors."""
    _typed, problems = validate_answers(draft.answers)
    insights = draft_insights(draft.answers, contract_number=services.contract_number_for(draft))
    # rendered ahead of "Download PDF"; the page's script follows it
    prerender = renders.prerender_state(renders.contract_prerender(draft=draft)) if not problems else None
    approval = selectors.approval_state(draft=draft)
    role = access.role_of(request.user, draft.organisation_id)  # asked once for every action below
    may = {action: access.role_allows(role, action) for action in Action}
    unfinished = pending_steps(draft)
    open_threads = selectors.comment_threads(draft=draft, open_only=True)
    return render(
        request,
        "contracts/review.html",
        {
            "draft": draft,
            "can_edit": may[Action.EDIT],
            "sections": review_sections(draft.answers),
            "problems": problems,
            "terms": None if problems else insights.terms,
            "tco_assumption": None if problems else tco_assumption(insights.terms),
            "review": insights.review,
            "key_dates": insights.dates,
            "languages": LANGUAGES,
            "steps": STEPS,
            "states": step_states(draft),
            "contracts": draft.contracts.requested()[:10],
            # kept by "Save draft" or "Back" but not valid yet: not in the contract, the figures or the risk check
            "unfinished": unfinished,
            "deviation_count": sum(1 for finding in insights.review.findings if finding.group == "deviations"),
            "stance": stance_of(draft.answers.get("positions")),
            "stance_exceptions": sum(1 for key in draft.answers.get("positions") or {} if key != STANCE),
            "positions_loaded": fingerprint(draft.answers.get("positions") or {}),
            "approval": approval,
            "final_available": not problems
            and not unfinished
            and (approval.current or (not approval.required and may[Action.EDIT])),
            "request_form": request_form or ApprovalRequestForm(),
            "decision_form": decision_form or ApprovalDecisionForm(),
            "may": may,
            "open_threads": open_threads,
            "open_counts": selectors.open_comment_counts(draft=draft),
            "open_clause_threads": sum(1 for thread in open_threads if thread.comment.clause),
            "prerender": prerender,
        },
        status=status,
    )


@login_required
@require_POST
def draft_stance(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole-contract stance from the review page: every negotiable clause set to it at once."""
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT)
    stance = request.POST.get("stance")
    if stance not in STANCES:
        messages.error(request, _("Choose buyer-favourable or balanced."))
        return redirect(f"{reverse('draft_review', args=[draft.pk])}#positions")
    try:
        services.draft_set_stance(draft=draft, stance=stance, loaded=request.POST.get("_loaded"), by=request.user)
    except services.DraftChanged:
        messages.warning(
            request,
            _("The positions were changed in another tab or window; nothing was set. Look at them and choose again."),
        )
    else:
        messages.success(
            request,
            _("Every negotiable clause now uses the balanced text.")
            if stance == BALANCED
            else _("Every negotiable clause now uses our buyer-favourable text."),
        )
    return redirect(f"{reverse('draft_review', args=[draft.pk])}#positions")


FILE_LANGUAGES = ("zh", "en", "bilingual")


def _draft_insights_for(request: HttpRequest, pk: int):
    """The buyer's draft, its contract number, its insights and the language of a file made for the buyer:
    the one asked for (?language=zh|en|bilingual), else the UI's (the buyer reads it, not the vendor)."""
    draft = access.draft_for(user=request.user, pk=pk)
    number = services.contract_number_for(draft)
    asked = request.GET.get("language")
    language = asked if asked in FILE_LANGUAGES else page_language()
    return draft, number, draft_insights(draft.answers, contract_number=number), language


@login_required
def draft_key_dates(request: HttpRequest, pk: int) -> HttpResponse:
    """The dates a buyer must not miss, as a calendar file (.ics)."""
    draft, number, insights, language = _draft_insights_for(request, pk)
    body = ics_calendar(
        insights.dates,
        uid_prefix=f"{number}@{request.get_host()}",
        name=draft.title,
        dtstamp=draft.updated_at,
        language=language,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{number}-key-dates.ics"'
    return response


@login_required
def draft_risk_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The pre-signing risk review for the buyer's own file, in the buyer's language."""
    draft, number, insights, language = _draft_insights_for(request, pk)

    def fix_url(step: str, field: str) -> str:
        path = reverse("draft_step", args=[draft.pk, step])
        return request.build_absolute_uri(f"{path}?focus={field}#{field_anchor(step, field)}")

    pdf = render_risk_pdf(
        insights.review,
        language=language,
        number=number,
        title=draft.title,
        place_name=problem_place,
        generated_at=draft.updated_at,
        fix_url=fix_url,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{number}-risk-review.pdf"'
    return response


@login_required
@require_POST
def draft_hints(request: HttpRequest, pk: int) -> JsonResponse:
    """Live hints for the step being edited: {field: text} in the page's language."""
    draft = access.draft_for(user=request.user, pk=pk)
    step = request.POST.get("_step")
    if step not in BY_KEY:
        raise Http404
    hints = step_hints(draft.answers, step, _as_querydict(_form_data(request.POST)))
    lang = page_language()
    return JsonResponse({field: text.in_language(lang) for field, text in hints.items()})


@login_required
def draft_positions(request: HttpRequest, pk: int) -> HttpResponse:
    """The buyer's negotiation position per negotiable clause; anything but our own text is a deviation."""
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT if request.method == "POST" else Action.VIEW)
    library = library_snapshot()
    current = positions_effective(draft.answers.get("positions"), library)
    conflicts: dict[str, str] = {}
    if request.method == "POST":
        by_stance = positions_effective({STANCE: stance_of(draft.answers.get("positions"))}, library)
        chosen = {c.key: request.POST.get(c.key, by_stance[c.key]) for c in negotiable_clauses(library)}
        try:
            services.draft_save_positions(
                draft=draft, positions=chosen, loaded=request.POST.get("_loaded"), by=request.user
            )
        except services.DraftChanged as changed:  # another tab saved positions: keep this tab's choices
            draft = changed.draft
            saved = positions_effective(draft.answers.get("positions"), library)
            conflicts = {key: saved[key] for key, value in chosen.items() if saved.get(key) != value}
            current = chosen
        else:
            messages.success(request, _("Positions saved."))
            return redirect("draft_review", pk=draft.pk)
    try:
        found = negotiations(draft.answers, contract_number=services.contract_number_for(draft))
    except Exception:  # noqa: BLE001 — as in the preview: the choices without the printed texts
        logger.exception("printing the positions of draft %s failed", draft.pk)
        found = [Negotiation(c, None) for c in negotiable_clauses(library)]
    return render(
        request,
        "contracts/positions.html",
        {
            "draft": draft,
            "can_edit": access.can(request.user, draft, Action.EDIT),
            "negotiations": [(n, current.get(n.clause.key, "buyer")) for n in found],
            "stance": stance_of(draft.answers.get("positions")),
            "conflicts": [(n.clause, conflicts[n.clause.key]) for n in found if n.clause.key in conflicts],
            "changed_elsewhere": request.method == "POST",
            "loaded": fingerprint(draft.answers.get("positions") or {}),
            "lang": page_language(),
            "steps": STEPS,
            "states": step_states(draft),
        },
        status=409 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def draft_rename(request: HttpRequest, pk: int) -> HttpResponse:
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT)
    form = TitleForm(request.POST)
    if not form.is_valid():
        return _draft_list_page(request, title_form=form, renaming=draft.pk)
    services.draft_rename(draft=draft, title=form.cleaned_data["title"])
    return redirect("draft_list")


@login_required
@require_POST
def draft_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT)
    copy = services.draft_duplicate(draft=draft, by=request.user)
    messages.success(request, _("Created “%(title)s”.") % {"title": copy.title})
    return redirect("draft_list")


@login_required
@require_POST
def draft_discard_pending(request: HttpRequest, pk: int) -> HttpResponse:
    """Drop the input kept on steps but not valid yet; the draft is its saved answers again."""
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT)
    services.draft_discard_pending(draft=draft)
    messages.success(request, _("Your pending changes were discarded: the draft is its saved answers again."))
    return redirect("draft_review", pk=draft.pk)


@login_required
def draft_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every saved change of the draft's answers, newest first: who, when, what changed; earlier ones restorable."""
    draft = access.draft_for(user=request.user, pk=pk)
    revisions = list(draft.revisions.select_related("author").order_by("number"))
    entries = [
        (revision, answers_changes(previous.answers if previous else {}, revision.answers))
        for previous, revision in zip([None, *revisions], revisions, strict=False)
    ]
    return render(
        request,
        "contracts/draft_history.html",
        {
            "draft": draft,
            "can_edit": access.can(request.user, draft, Action.EDIT),
            "entries": entries[::-1],
            "steps": STEPS,
            "states": step_states(draft),
            "by_key": BY_KEY,
        },
    )


@login_required
@require_POST
def draft_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT)
    revision = get_object_or_404(draft.revisions, number=number)
    services.draft_restore(draft=draft, revision=revision, by=request.user)
    messages.success(
        request,
        _("The answers of revision %(number)d are the draft's again; the answers they replaced are in the history.")
        % {"number": number},
    )
    return redirect("draft_review", pk=draft.pk)


@login_required
def draft_export(request: HttpRequest, pk: int) -> HttpResponse:
    draft = access.draft_for(user=request.user, pk=pk)
    body = json.dumps(services.answers_export(draft=draft), ensure_ascii=False, indent=2)
    # a broken character stored before imports refused them leaves as its JSON escape (\ud800), not a 500
    response = HttpResponse(body.encode("utf-8", "backslashreplace"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="draft-{draft.pk}-answers.json"'
    return response


@login_required
def draft_import(request: HttpRequest) -> HttpResponse:
    organisation = _current_organisation(request, Action.EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.draft_import(
                owner=request.user,
                organisation=organisation,
                title=form.cleaned_data["title"],
                answers=form.cleaned_data["answers"],
            )
        except services.ImportRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, _("Imported “%(title)s”.") % {"title": draft.title})
            return redirect("draft_review", pk=draft.pk)
    return render(request, "contracts/draft_import.html", {"form": form, "problems": problems})


@login_required
def draft_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The contract as it stands, HTML; a POST previews the step being edited without saving it."""
    draft = access.draft_for(user=request.user, pk=pk)
    step = request.POST.get("_step") if request.method == "POST" else None
    step = step if step in BY_KEY else None
    language = request.GET.get("language") or draft.answers.get("parties", {}).get("contract_language") or "zh"
    try:
        html = preview_html(
            answers=draft.answers,
            step_key=step,
            step_data=request.POST if step else None,
            language=language if language in LANGUAGES else "zh",
            number=services.contract_number_for(draft),
        )
    except Exception:  # noqa: BLE001 — a clause the library cannot print for these answers yet
        # The preview is an aid beside the form: the buyer keeps working, and the error is logged for the
        # admins (the same answers, once valid, are checked again before a contract is generated).
        logger.exception("preview of draft %s failed", draft.pk)
        html = render_to_string("contracts/preview_unavailable.html", request=request)
    response = HttpResponse(html)
    response["X-Robots-Tag"] = "noindex"
    # Shown in an iframe on the wizard page: framing by this site only; the page itself loads nothing.
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'self'; frame-ancestors 'self'"
    )
    return response


@login_required
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    draft = access.draft_for(user=request.user, pk=pk, action=Action.EDIT)
    if request.method == "POST":
        services.draft_delete(draft=draft, with_contracts=request.POST.get("with_contracts") == "on")
        messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": draft.title})
        return redirect("draft_list")
    return render(
        request,
        "contracts/draft_confirm_delete.html",
        {"draft": draft, "contract_count": draft.contracts.requested().count()},
    )


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "contracts/contract_list.html",
        {
            "contracts": selectors.contract_list_in(
                user=request.user, organisation=organisations.organisation_current(request)
            )
        },
    )


@login_required
@require_POST
def draft_generate(request: HttpRequest, pk: int) -> HttpResponse:
    """Download: the stored file at once, or the page of the render under way (JSON for the page's script)."""
    draft = access.draft_for(user=request.user, pk=pk)
    language = request.POST.get("language", "zh")
    fmt = request.POST.get("format", "pdf")
    track_changes = fmt == "docx" and bool(request.POST.get("track_changes"))
    if language not in LANGUAGES or fmt not in FORMATS:
        return _render_refused(request, draft, _("Unknown language or format."))
    final, approval = None, None
    if request.POST.get("final") == "1":  # the final contract: no draft marking, approved where that is needed
        try:
            final, approval = services.contract_final(draft=draft, user=request.user)
        except services.FinalRefused as refused:
            return _render_refused(request, draft, str(refused), anchor="#approval")
    try:
        result = renders.render_request(draft=draft, language=language, fmt=fmt, final=final, approval=approval)
    except services.DraftIncomplete:
        return _render_refused(
            request, draft, _("The draft is not complete yet: resolve the problems listed below first.")
        )
    except services.DraftPending as pending:  # the review lists the steps, with the discard button
        if _wants_json(request):
            return JsonResponse({"status": RenderJob.Status.FAILED, "message": str(pending)})
        messages.error(request, str(pending))
        return redirect(reverse("draft_review", args=[draft.pk]) + "#unfinished")
    except (RenderFailed, services.RenderRateLimited, services.FinalRefused) as exc:
        return _render_refused(request, draft, str(exc))
    if isinstance(result, RenderJob):
        if result.status == RenderJob.Status.FAILED:
            return _render_refused(request, draft, result.message)
        state = renders.render_job_state(result, track_changes=track_changes)
        if _wants_json(request):
            return JsonResponse(state)
        return redirect(state["status_url"])
    state = renders.contract_state(result, track_changes=track_changes)
    if _wants_json(request):
        return JsonResponse(state)
    return redirect(state["download_url"])


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _render_refused(request: HttpRequest, draft, message: str, *, anchor: str = "") -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"status": RenderJob.Status.FAILED, "message": message})
    messages.error(request, message)
    return redirect(reverse("draft_review", args=[draft.pk]) + anchor)


@login_required
def render_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The render under way: JSON for the download button's script; without script, a page that refreshes
    itself until the file is there (then it is downloaded), or goes back to the review with the message."""
    job = access.render_job_for(user=request.user, pk=pk)
    state = renders.render_job_state(job, track_changes=request.GET.get("track_changes") == "1")
    if _wants_json(request):
        return JsonResponse(state)
    if state["download_url"]:
        return redirect(state["download_url"])
    if job.status == RenderJob.Status.FAILED:
        return _render_refused(request, job.draft, job.message)
    response = render(request, "contracts/render_status.html", {"job": job, "state": state})
    response["Refresh"] = "2"  # the page without script polls by reloading itself
    response["Cache-Control"] = "no-store"
    return response


@login_required
def contract_download(request: HttpRequest, pk: int) -> HttpResponse:
    contract = access.contract_for(user=request.user, pk=pk)
    content_type = CONTENT_TYPES.get(contract.format, "application/octet-stream")
    filename = f"{contract.number}-{contract.language}{'-final' if contract.final else ''}.{contract.format}"
    track_changes = contract.format == "docx" and request.GET.get("track_changes") == "1"
    if settings.S3_PRESIGNED_DOWNLOADS and not track_changes:
        # the owner was checked above; the bucket answers the short-lived link itself
        url = contract.file.storage.url(
            contract.file.name,
            parameters={
                "ResponseContentDisposition": f'attachment; filename="{filename}"',
                "ResponseContentType": content_type,
                "ResponseCacheControl": "no-store",
            },
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "no-store"
        return response
    content = contract.file.open("rb")
    if track_changes:
        with content:
            from contracts.rendering.docx import with_track_changes  # python-docx only where a DOCX is served

            content = io.BytesIO(with_track_changes(content.read()))
    response = FileResponse(content, content_type=content_type, as_attachment=True, filename=filename)
    response["Cache-Control"] = "no-store"  # a signed contract is nobody else's, not even a shared cache's
    return response


@login_required
def vendor_list(request: HttpRequest) -> HttpResponse:
    """The vendor library with a stability assessment a buyer can read."""
    vendors = [(vendor, selectors.vendor_stability_of(vendor)) for vendor in selectors.vendor_list()]
    return render(request, "contracts/vendor_list.html", {"vendors": vendors})


@login_required
def offer_compare(request: HttpRequest) -> HttpResponse:
    """2–4 of the buyer's drafts (one per vendor offer) side by side; CSV on request."""
    organisation = organisations.organisation_current(request)
    drafts = list(selectors.draft_list_in(user=request.user, organisation=organisation))
    chosen_ids = list(dict.fromkeys(int(v) for v in request.GET.getlist("d") if v.isdigit()))
    mine = {d.pk: d for d in drafts}
    chosen = [mine[pk] for pk in chosen_ids if pk in mine]  # in the order the buyer picked them
    comparison, error = None, ""
    if request.GET.getlist("d"):
        if not 2 <= len(chosen) <= 4:
            error = _("Choose between 2 and 4 of your drafts to compare.")
        else:
            comparison = compare_offers(selectors.offers_of(drafts=chosen))
    # what a column's figures cannot be trusted for: input not saved yet, steps not answered yet
    pending = {draft.pk: pending_steps(draft) for draft in drafts}
    lang = page_language()
    rows = comparison.as_rows(lang, grouped=True) if comparison else []
    if comparison and request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="offer-comparison.csv"'
        response.write("\ufeff")  # so that Excel reads the Chinese correctly
        csv.writer(response).writerows(comparison.as_csv_rows(lang))
        return response
    return render(
        request,
        "contracts/compare.html",
        {
            "drafts": drafts,
            "can_edit": access.organisation_can(request.user, organisation, Action.EDIT),
            "chosen": chosen,
            "chosen_ids": chosen_ids,
            "comparison": comparison,
            "rows": rows,
            "error": error,
            "best": [row.best for row in comparison.rows] if comparison else [],
            "pending": pending,
            "headers": list(zip(chosen, rows[0][1:-1], strict=True)) if comparison else [],
            "step_count": len(STEPS),
        },
    )


@login_required
@require_POST
def offer_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """Proceed with one offer: it updates the chosen base draft, or becomes a new draft."""
    offer = access.draft_for(
        user=request.user, pk=pk, action=Action.EDIT
    )  # taken in, or copied: the org's drafts change
    base_id = request.POST.get("base", "")
    if base_id.isdigit() and int(base_id) != offer.pk:
        base = access.draft_for(user=request.user, pk=int(base_id), action=Action.EDIT)
        if (
            base.organisation_id != offer.organisation_id
        ):  # an offer never carries one organisation's answers to another
            raise Http404
        if request.POST.get("confirmed") != "yes":  # say first what the draft's answers become
            return render(
                request,
                "contracts/offer_confirm.html",
                {
                    "offer": offer,
                    "base": base,
                    "changes": answers_changes(base.answers, offer.answers),
                    "pending": pending_steps(base),
                },
            )
        draft = services.draft_take_offer(draft=base, offer=offer, by=request.user)
        messages.success(
            request,
            _("“%(title)s” now holds the chosen offer; its previous answers can be restored from its history.")
            % {"title": draft.title},
        )
    else:
        draft = services.draft_duplicate(draft=offer, by=request.user)
        messages.success(request, _("Created “%(title)s” from the chosen offer.") % {"title": draft.title})
    return redirect("draft_review", pk=draft.pk)
