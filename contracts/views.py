"""Thin views: parse the request, call one service or selector, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts import selectors, services
from contracts.models import Vendor
from contracts.rendering import LANGUAGES
from contracts.terms import build_terms
from contracts.wizard.display import review_sections
from contracts.wizard.steps import (
    BY_KEY, STEPS, BoundStep, step_defaults, step_index, step_problems, to_json, typed_steps, validate_answers,
)


def home(request: HttpRequest) -> HttpResponse:
    return redirect("draft_list" if request.user.is_authenticated else "login")


def signup(request: HttpRequest) -> HttpResponse:
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        return redirect("draft_list")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def draft_list(request: HttpRequest) -> HttpResponse:
    drafts = selectors.draft_list_for_user(user=request.user)
    return render(request, "contracts/draft_list.html", {"drafts": drafts, "steps": STEPS})


@login_required
@require_POST
def draft_new(request: HttpRequest) -> HttpResponse:
    draft = services.draft_create(owner=request.user, title=request.POST.get("title", ""))
    return redirect("draft_step", pk=draft.pk, step=STEPS[0].key)


def _vendor_initial(vendor_id: str) -> dict:
    vendor = Vendor.objects.filter(pk=vendor_id).first() if vendor_id.isdigit() else None
    if vendor is None:
        return {}
    return {
        "vendor_name": vendor.name, "vendor_is_foreign": vendor.is_foreign, "vendor_uscc": vendor.uscc,
        "vendor_country": vendor.country, "vendor_address": vendor.address,
        "vendor_representative": vendor.representative, "vendor_contact_name": vendor.contact_name,
        "vendor_contact_email": vendor.contact_email, "vendor_contact_phone": vendor.contact_phone,
        "vendor_years_in_business": vendor.years_in_business, "vendor_customer_count": vendor.customer_count,
        "vendor_certifications": vendor.certifications,
    }


@login_required
def draft_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    spec = BY_KEY.get(step)
    if spec is None:
        raise Http404
    index = step_index(step)
    if index > draft.step_reached:
        return redirect("draft_step", pk=draft.pk, step=STEPS[draft.step_reached].key)

    if request.method == "POST":
        bound = BoundStep.from_data(spec, request.POST)
        if bound.is_valid():
            typed = bound.typed()
            problems = step_problems(step, typed, typed_steps(draft.answers))
            for problem in problems:
                bound.add_problem(problem.field, _(problem.message) % problem.params if problem.params else _(problem.message))
            if not problems:
                services.draft_save_step(draft=draft, step_key=step, step_answers=to_json(typed))
                if index + 1 < len(STEPS):
                    return redirect("draft_step", pk=draft.pk, step=STEPS[index + 1].key)
                return redirect("draft_review", pk=draft.pk)
        messages.error(request, _("Please correct the errors below; nothing you typed has been lost."))
    else:
        initial = step_defaults(spec) | draft.answers.get(step, {})
        if step == "parties" and request.GET.get("vendor"):
            initial |= {k: v for k, v in _vendor_initial(request.GET["vendor"]).items() if v not in (None, "")}
        bound = BoundStep.from_data(spec, None, initial=initial)

    return render(request, "contracts/step.html", {
        "draft": draft, "step": spec, "index": index, "steps": STEPS, "bound": bound,
        "lists": [(ls, bound.formsets[ls.name]) for ls in spec.lists],
        "vendors": Vendor.objects.all() if step == "parties" else None,
        "previous": STEPS[index - 1] if index else None,
    })


@login_required
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    typed, problems = validate_answers(draft.answers)
    terms = None if problems else build_terms(typed, contract_number=services.contract_number_for(draft))
    return render(request, "contracts/review.html", {
        "draft": draft, "sections": review_sections(draft.answers), "problems": problems,
        "terms": terms, "languages": LANGUAGES, "steps": STEPS,
        "contracts": draft.contracts.all()[:10],
    })


@login_required
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        services.draft_delete(draft=draft)
        messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": draft.title})
        return redirect("draft_list")
    return render(request, "contracts/draft_confirm_delete.html", {"draft": draft})


@login_required
@require_POST
def draft_generate(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    language = request.POST.get("language", "zh")
    fmt = request.POST.get("format", "pdf")
    if language not in LANGUAGES or fmt not in ("pdf", "html"):
        messages.error(request, _("Unknown language or format."))
        return redirect("draft_review", pk=draft.pk)
    try:
        contract = services.contract_generate(draft=draft, language=language, fmt=fmt)
    except services.DraftIncomplete:
        messages.error(request, _("The draft is not complete yet: resolve the problems listed below first."))
        return redirect("draft_review", pk=draft.pk)
    return redirect(reverse("contract_download", args=[contract.pk]))


@login_required
def contract_download(request: HttpRequest, pk: int) -> FileResponse:
    contract = selectors.contract_get_for_user(user=request.user, pk=pk)
    content_type = "application/pdf" if contract.format == "pdf" else "text/html; charset=utf-8"
    response = FileResponse(contract.file.open("rb"), content_type=content_type, as_attachment=True,
                            filename=f"{contract.number}-{contract.language}.{contract.format}")
    response["Cache-Control"] = "private, max-age=3600"
    return response
