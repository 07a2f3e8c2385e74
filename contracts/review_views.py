"""A draft's comments, and its review and approval: thin views over services, with access decided in access.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts import notifications, selectors, services
from contracts.access import Action, can, draft_for, refusal
from contracts.models import COMMENT_MAX_LENGTH
from contracts.review_forms import ApprovalDecisionForm, ApprovalRequestForm, CommentForm
from contracts.views import review_page
from contracts.wizard.steps import BY_KEY, STEPS, step_states


def _back(request: HttpRequest, default: str, anchor: str) -> HttpResponse:
    """To the page the form was sent from (this site's own address only), else `default`; at `anchor`."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return redirect(f"{target.partition('#')[0]}#{anchor}")


@login_required
def draft_comments(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's comment threads (all, or those on one step or clause: ?step=, ?clause=), a new comment and
    replies. A comment refused comes back here with its error at the field and the text as typed."""
    draft = draft_for(user=request.user, pk=pk, action=Action.COMMENT if request.method == "POST" else Action.VIEW)
    step = request.GET.get("step", "") if request.GET.get("step", "") in BY_KEY else ""
    clause = "" if step else request.GET.get("clause", "")[:80]
    form, reply_to = None, None
    if request.method == "POST":
        form = CommentForm(request.POST, draft=draft)
        if form.is_valid():
            comment = services.comment_add(
                draft=draft,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=form.cleaned_data["parent"],
                **form.where(),
            )
            messages.success(request, _("Your comment is added."))
            return _back(request, reverse("draft_comments", args=[draft.pk]), f"comment-{comment.pk}")
        reply_to = request.POST.get("parent") or None
        if "parent" in form.errors:  # its thread is gone: the text stays, in the new comment's form
            form.add_error(None, form.errors.pop("parent"))
            reply_to = None
    initial = {"target": f"step:{step}" if step else f"clause:{clause}" if clause else ""}
    new_form = form if form is not None and reply_to is None else CommentForm(draft=draft, initial=initial)
    threads = selectors.comment_threads(draft=draft, step=step, clause=clause)
    return render(
        request,
        "contracts/comments.html",
        {
            "draft": draft,
            "threads": threads,
            "form": new_form,
            # a refused reply: its thread's form open again, with the error and the text as typed
            "reply_to": int(reply_to) if reply_to and reply_to.isdigit() else None,
            "reply_errors": form.errors.get("body", []) if reply_to else [],
            "reply_body": request.POST.get("body", "") if reply_to else "",
            "filtered": BY_KEY[step].title if step else selectors.clause_labels().get(clause, clause),
            "may_comment": can(request.user, draft, Action.COMMENT),
            "max_length": COMMENT_MAX_LENGTH,
            "steps": STEPS,
            "states": step_states(draft),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """Resolve a thread, or open it again (resolved=0)."""
    draft = draft_for(user=request.user, pk=pk, action=Action.COMMENT)
    comment = get_object_or_404(draft.comments, pk=comment_pk)
    resolved = request.POST.get("resolved", "1") != "0"
    thread = services.comment_resolve(comment=comment, by=request.user, resolved=resolved)
    messages.success(request, _("The comment is resolved.") if resolved else _("The comment is open again."))
    return _back(request, reverse("draft_comments", args=[draft.pk]), f"comment-{thread.pk}")


@login_required
@require_POST
def approval_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the draft for review and approval, with an optional note for the approver."""
    draft = draft_for(user=request.user, pk=pk, action=Action.EDIT)
    form = ApprovalRequestForm(request.POST)
    if not form.is_valid():
        return review_page(request, draft, request_form=form, status=400)
    try:
        approval = services.approval_request_send(draft=draft, by=request.user, note=form.cleaned_data["note"])
    except services.ApprovalRefused as refused:
        messages.error(request, str(refused))
    else:
        notifications.approval_requested.enqueue(approval.pk, _review_url(request, draft), get_language())
        messages.success(request, _("The draft is sent for review and approval."))
    return redirect(f"{reverse('draft_review', args=[draft.pk])}#approval")


def _review_url(request: HttpRequest, draft) -> str:
    return request.build_absolute_uri(f"{reverse('draft_review', args=[draft.pk])}#approval")


@login_required
@require_POST
def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The approver's decision on the draft as the page showed it: approve, or send back with a comment."""
    draft = draft_for(user=request.user, pk=pk, action=Action.VIEW)
    form = ApprovalDecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    allowed = can(request.user, draft, Action.APPROVE) or (not approve and can(request.user, draft, Action.REVIEW))
    if not allowed:
        raise PermissionDenied(refusal(Action.APPROVE if approve else Action.REVIEW))
    if not form.is_valid():
        return review_page(request, draft, decision_form=form, status=400)
    try:
        approval = services.approval_decide(
            draft=draft,
            by=request.user,
            approve=approve,
            comment=form.cleaned_data["comment"],
            loaded=form.cleaned_data["loaded"],
        )
    except services.ApprovalRefused as refused:
        messages.error(request, str(refused))
    else:
        notifications.approval_decided.enqueue(approval.pk, _review_url(request, draft), get_language())
        messages.success(
            request,
            _("Approved: the final contract can be downloaded.")
            if approve
            else _("The draft is sent back with your comment."),
        )
    return redirect(f"{reverse('draft_review', args=[draft.pk])}#approval")
