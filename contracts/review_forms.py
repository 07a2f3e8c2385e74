"""The forms of a draft's comments and its review and approval."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from contracts.models import COMMENT_MAX_LENGTH, DECISION_COMMENT_MAX_LENGTH, Draft
from contracts.questions.steps import STEPS
from contracts.selectors import clause_labels


class CommentForm(forms.Form):
    """A new comment (on a step or a clause), or a reply to a thread (`parent`: its thread's own)."""

    target = forms.ChoiceField(label=_("About"), required=False)
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, draft: Draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        clauses = clause_labels()
        self.fields["target"].choices = [
            ("", "—"),
            (_("Steps"), [(f"step:{step.key}", step.title) for step in STEPS]),
            (_("Clauses"), [(f"clause:{key}", label) for key, label in clauses.items()]),
        ]

    def clean_parent(self):
        pk = self.cleaned_data.get("parent")
        if pk is None:
            return None
        parent = self.draft.comments.filter(pk=pk).first()
        if parent is None:
            raise forms.ValidationError(_("The comment you answer is no longer there."))
        return parent

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("parent") is None and "parent" not in self.errors and not cleaned.get("target"):
            self.add_error("target", _("Choose the step or the clause the comment is about."))
        return cleaned

    def where(self) -> dict[str, str]:
        """{"step": key} or {"clause": key}, as the chosen target says (nothing for a reply)."""
        kind, _sep, key = (self.cleaned_data.get("target") or "").partition(":")
        return {kind: key} if kind in ("step", "clause") else {}


class ApprovalRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the approver (optional)"),
        required=False,
        max_length=DECISION_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApprovalDecisionForm(forms.Form):
    """Approve the draft as shown, or send it back: then the comment is required."""

    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("send_back", _("Send back"))])
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=DECISION_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you send the draft back: say what is to be changed."),
    )
    loaded = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "send_back" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say what is to be changed: a draft is sent back with a comment."))
        return cleaned
