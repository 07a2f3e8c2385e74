"""The clause library and vendor records, kept by admins. Saving a clause text makes a new version."""

from __future__ import annotations

import json
import re

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db.models import Case, Q, Value, When
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from contracts import clause_views
from contracts.clauses.assemble import numbering, select
from contracts.clauses.checks import referring_clauses
from contracts.clauses.messages import field_problem, save_problem_text
from contracts.clauses.samples import sample_context
from contracts.clauses.snapshot import library_snapshot
from contracts.clauses.spec import (
    BUYER,
    KIND_ORDER,
    POSITION_PARTS,
    TABLES,
    ClauseSpec,
    clause_problems,
    positions_from_json,
)
from contracts.clauses.versions import clause_version_create, version_content
from contracts.models import (
    ApprovalRequest,
    Clause,
    ClauseVersion,
    Draft,
    GeneratedContract,
    Invitation,
    Membership,
    Organisation,
    Section,
    Vendor,
)
from contracts.templatetags.contract_format import contract_language

# Texts kept in English in code (the sample drafts in contracts/clauses/samples.py, the field labels of
# contracts/clauses/diff.py) and translated where the admin shows them. Listed here so makemessages
# finds them; tests/clauses/test_admin.py checks that none is missing.
DISPLAYED_TEXTS = (
    gettext_noop("Standard: per seat, court, data in China, bilingual"),
    gettext_noop("Every option: migration, GDPR, data abroad, arbitration, escrow, English"),
    gettext_noop("Perpetual licence by milestones, term extension, no renewal, Chinese"),
    gettext_noop("Title (zh)"),
    gettext_noop("Title (en)"),
    gettext_noop("Text (zh)"),
    gettext_noop("Text (en)"),
    gettext_noop("Condition"),
    gettext_noop("Order"),
    gettext_noop("Highlight"),
    gettext_noop("Table"),
    gettext_noop("Buyer position — Note (zh)"),
    gettext_noop("Buyer position — Note (en)"),
    gettext_noop("Balanced position — Note (zh)"),
    gettext_noop("Balanced position — Note (en)"),
    gettext_noop("Balanced position — Text (zh)"),
    gettext_noop("Balanced position — Text (en)"),
    gettext_noop("Vendor position — Note (zh)"),
    gettext_noop("Vendor position — Note (en)"),
    gettext_noop("Vendor position — Text (zh)"),
    gettext_noop("Vendor position — Text (en)"),
)


def _position_field(position: str, part: str) -> str:
    return f"{position}_{part}"


def _position_fields(position: str) -> list[str]:
    return [_position_field(position, part) for part in POSITION_PARTS[position]]


def _pairs(fields: list[str]) -> list[tuple[str, str]]:
    return list(zip(fields[::2], fields[1::2], strict=True))


def _position_text(label, rows: int) -> forms.CharField:
    # strip=False: an unchanged text must compare equal to the stored one, or every save is a new version
    return forms.CharField(
        label=label, required=False, strip=False, widget=forms.Textarea(attrs={"rows": rows, "cols": 100})
    )


class ClauseForm(forms.ModelForm):
    """A clause slot and the content of its next version; every save that changes it is a new version."""

    order = forms.IntegerField(label=_("Order in the section"), min_value=0, initial=0)
    condition = forms.CharField(
        label=_("Condition"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "cols": 100}),  # grows with the condition: all of it in view
        help_text=_("Boolean expression; empty means always included."),
    )
    highlight = forms.BooleanField(
        label=_("Highlight"),
        required=False,
        help_text=_("Limits the buyer's own liability: printed in bold (standard terms)."),
    )
    table = forms.ChoiceField(label=_("Table"), choices=[("", "—")] + [(t, t) for t in TABLES], required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    body_zh = forms.CharField(
        label=_("Text (Chinese)"), strip=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 100})
    )
    body_en = forms.CharField(
        label=_("Text (English)"), strip=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 100})
    )
    buyer_note_zh = _position_text(_("What this (our standard) text secures for the buyer (Chinese)"), 2)
    buyer_note_en = _position_text(_("What this (our standard) text secures for the buyer (English)"), 2)
    balanced_note_zh = _position_text(_("What the balanced text gives away (Chinese)"), 2)
    balanced_note_en = _position_text(_("What the balanced text gives away (English)"), 2)
    balanced_body_zh = _position_text(_("Balanced text (Chinese)"), 8)
    balanced_body_en = _position_text(_("Balanced text (English)"), 8)
    vendor_note_zh = _position_text(_("What the vendor's text gives away (Chinese)"), 2)
    vendor_note_en = _position_text(_("What the vendor's text gives away (English)"), 2)
    vendor_body_zh = _position_text(_("Vendor's usual text (Chinese)"), 8)
    vendor_body_en = _position_text(_("Vendor's usual text (English)"), 8)
    change_note = forms.CharField(label=_("Change note"), max_length=300, required=False)

    class Meta:
        model = Clause
        fields = ["key", "section", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.instance.current_version if self.instance.pk else None
        if version:
            content = version_content(version)
            for name in ("order", "condition", "highlight", "table", "title_zh", "title_en", "body_zh", "body_en"):
                self.fields[name].initial = content[name]
            for position, text in (content["positions"] or {}).items():
                for part in POSITION_PARTS.get(position, ()):
                    self.fields[_position_field(position, part)].initial = text.get(part, "")

    def positions(self) -> dict:
        cleaned = self.cleaned_data
        result = {}
        for position, parts in POSITION_PARTS.items():
            text = {part: (cleaned.get(_position_field(position, part)) or "").replace("\r\n", "\n") for part in parts}
            if any(v.strip() for v in text.values()):
                result[position] = text
        return result

    def content(self) -> dict:
        c = self.cleaned_data
        text = {
            name: (c.get(name) or "").replace("\r\n", "\n") for name in ("title_zh", "title_en", "body_zh", "body_en")
        }
        return {
            "order": c.get("order") or 0,
            "condition": (c.get("condition") or "").strip(),
            "highlight": bool(c.get("highlight")),
            "table": c.get("table") or "",
            **text,
            "positions": self.positions(),
        }

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("key") or self.instance.key
        section = cleaned.get("section")
        content = self.content()
        clause_keys = set(Clause.objects.values_list("key", flat=True)) | {key}
        problems = clause_problems(
            title_zh=content["title_zh"],
            title_en=content["title_en"],
            body_zh=content["body_zh"],
            body_en=content["body_en"],
            condition=content["condition"],
            table=content["table"],
            positions=content["positions"],
            clause_keys=clause_keys,
        )
        for name, message in problems.items():
            field = name if not name.startswith("positions.") else "_".join(name.split(".")[1:])
            self.add_error(field if field in self.fields else None, field_problem(name, message))
        if section is not None and "key" in cleaned:
            self._check_key_and_order(key, section, content["order"])
        if not self.errors and key and section is not None:
            spec = ClauseSpec(
                key=key,
                **positions_from_json(content["positions"]),
                **{k: v for k, v in content.items() if k != "positions"},
            )
            old_key = self.instance.key if self.instance.pk else None
            active = bool(cleaned.get("is_active"))
            for problem in clause_views.save_problems(section.key, spec, old_key=old_key, active=active):
                self.add_error(None, save_problem_text(problem, key=key))
        return cleaned

    def _check_key_and_order(self, key: str, section: Section, order: int) -> None:
        """A key names its section (`sla.credits` in section sla); two clauses of a section never share a place."""
        prefix = f"{section.key}."
        if not key.startswith(prefix) or not KEY_TAIL.fullmatch(key[len(prefix) :]):
            self.add_error(
                "key",
                gettext("A clause key is the section's key, a dot and lowercase words joined by _, e.g. %(example)s.")
                % {"example": f"{prefix}late_payment"},
            )
        if not self.cleaned_data.get("is_active"):
            return
        others = (
            Clause.objects.filter(section=section, is_active=True, current_version__order=order)
            .exclude(pk=self.instance.pk)
            .values_list("key", flat=True)
        )
        if others:
            self.add_error(
                "order",
                gettext("Clause %(key)s already has place %(order)d in this section: choose another number.")
                % {"key": ", ".join(others), "order": order},
            )


KEY_TAIL = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")


def _slot_change(form: ClauseForm, name: str) -> str:
    before, after = form.initial.get(name), form.cleaned_data.get(name)
    if name == "is_active":
        return gettext("In use") if after else gettext("Switched off")
    if name == "section":
        before = Section.objects.filter(pk=before).values_list("key", flat=True).first()
        after = after.key
    return gettext("%(field)s: %(before)s → %(after)s") % {
        "field": gettext("Key") if name == "key" else gettext("Section"),
        "before": before,
        "after": after,
    }


def _breakable(text: str, after: str):
    """`text` allowed to wrap after each `after`: the clause list has to fit 1280 px beside the filter."""
    parts = text.split(after)
    return format_html_join(mark_safe(f"{after}<wbr>"), "{}", ((part,) for part in parts))


POSITION_NAMES = {"balanced": _("balanced"), "vendor": _("vendor")}  # the alternatives to the buyer's text


class ConditionalFilter(admin.SimpleListFilter):
    title = _("condition")
    parameter_name = "conditional"

    def lookups(self, request, model_admin):
        return [("yes", _("printed only under a condition")), ("no", _("always printed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(current_version__condition="")
        if self.value() == "no":
            return queryset.filter(current_version__condition="")
        return queryset


class PositionsFilter(admin.SimpleListFilter):
    title = _("positions")
    parameter_name = "positions"

    def lookups(self, request, model_admin):
        return [("yes", _("with balanced or vendor texts")), ("no", _("our standard text only"))]

    def queryset(self, request, queryset):
        offered = Q(current_version__positions__has_key="balanced") | Q(current_version__positions__has_key="vendor")
        if self.value() == "yes":
            return queryset.filter(offered)
        if self.value() == "no":
            return queryset.exclude(offered)
        return queryset


class ClauseVersionInline(admin.TabularInline):
    model = ClauseVersion
    fields = ["number", "title_zh", "condition", "highlight", "change_note", "author", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    form = ClauseForm
    change_form_template = "admin/contracts/clause/change_form.html"
    delete_confirmation_template = "admin/contracts/clause/delete_confirmation.html"
    list_display = [
        "printed_number",
        "clause_key",
        "version_title",
        "section_key",
        "version_order",
        "version_condition",
        "version_highlight",
        "version_positions",
        "is_active",
        "version_number",
    ]
    list_filter = ["section", ConditionalFilter, PositionsFilter, "current_version__highlight", "is_active"]

    list_select_related = ["section", "current_version"]
    list_display_links = ["clause_key"]
    list_per_page = 200  # the whole library (~105 clauses) on one page
    search_fields = ["key", "versions__body_zh", "versions__body_en"]
    # Chinese and English side by side, one pair per line (clause_form.css stacks them on a narrow screen).
    fieldsets = [
        (None, {"fields": ["key", "section", "order", "condition", "highlight", "table", "is_active"]}),
        (
            _("Text (the buyer-favourable position)"),
            {"fields": _pairs(["title_zh", "title_en", "body_zh", "body_en", *_position_fields(BUYER)])},
        ),
        (_("Balanced position"), {"classes": ["collapse"], "fields": _pairs(_position_fields("balanced"))}),
        (_("Vendor's usual position"), {"classes": ["collapse"], "fields": _pairs(_position_fields("vendor"))}),
        (None, {"fields": ["change_note"]}),
    ]

    class Media:
        css = {"all": ["clauses/clause_form.css"]}
        js = ["clauses/clause_form.js"]

    inlines = [ClauseVersionInline]

    def get_ordering(self, request):
        # print order: preamble, articles, annexes, each section's clauses by their place in it (kind_rank is
        # annotated below, so it is not the `ordering` attribute, which the system checks hold to real fields)
        return ["kind_rank", "section__order", "current_version__order", "key"]

    def get_queryset(self, request):
        ranks = [When(section__kind=kind, then=Value(rank)) for kind, rank in KIND_ORDER.items()]
        queryset = Clause.objects.annotate(kind_rank=Case(*ranks, default=Value(9)))
        return queryset.order_by(*self.get_ordering(request))  # what ModelAdmin does, after the annotation

    def changelist_view(self, request, extra_context=None):
        # The number each clause prints under in the standard sample draft (conditions decide the rest).
        context = sample_context("standard")
        _sections, self._numbers, _refs = numbering(select(context, library_snapshot()))
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("No. (standard sample)"), ordering="kind_rank")
    def printed_number(self, obj):
        return getattr(self, "_numbers", {}).get(obj.key, "—")

    @admin.display(description=_("title"))
    def version_title(self, obj):
        if not obj.current_version:
            return ""
        v = obj.current_version
        return (v.title_zh or v.title_en) if get_language().startswith("zh") else (v.title_en or v.title_zh)

    @admin.display(description=_("key"), ordering="key")
    def clause_key(self, obj):
        return _breakable(obj.key, ".")

    @admin.display(description=_("section"), ordering="section")
    def section_key(self, obj):
        # The key keeps the column narrow; the bilingual name is the tooltip and the filter's entry.
        return format_html('<span title="{}">{}</span>', str(obj.section), _breakable(obj.section.key, "_"))

    @admin.display(description=_("order"))
    def version_order(self, obj):
        return obj.current_version.order if obj.current_version else ""

    @admin.display(description=_("condition"))
    def version_condition(self, obj):
        return _breakable(obj.current_version.condition, ".") if obj.current_version else ""

    @admin.display(description=_("highlight"), boolean=True)
    def version_highlight(self, obj):
        return bool(obj.current_version and obj.current_version.highlight)

    @admin.display(description=_("positions"))
    def version_positions(self, obj):
        if not obj.current_version:
            return ""
        names = sorted(set(obj.current_version.positions or {}) - {BUYER})
        return ", ".join(str(POSITION_NAMES.get(name, name)) for name in names)

    @admin.display(description=_("current version"), ordering="current_version__number")
    def version_number(self, obj):
        return f"v{obj.current_version.number}" if obj.current_version else "—"

    def get_urls(self):
        urls = [
            path(
                "preview/",
                self.admin_site.admin_view(clause_views.admin_clause_preview),
                name="contracts_clause_preview",
            ),
            path(
                "<int:clause_id>/versions/",
                self.admin_site.admin_view(clause_views.admin_clause_versions),
                name="contracts_clause_versions",
            ),
            path(
                "<int:clause_id>/versions/<int:version_id>/restore/",
                self.admin_site.admin_view(clause_views.admin_clause_restore),
                name="contracts_clause_restore",
            ),
        ]
        return urls + super().get_urls()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **clause_views.authoring_help()}
        extra_context["samples"] = [(key, gettext(label)) for key, label in extra_context["samples"]]
        return super().changeform_view(request, object_id, form_url, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        label = str(form.fields["change_note"].label)
        for item in message:  # the note is told as itself below, not as a changed field
            if fields := item.get("changed", {}).get("fields"):
                fields[:] = [f for f in fields if f != label]
        message = [item for item in message if item.get("changed", {}).get("fields", True)]
        if note := form.cleaned_data.get("change_note"):
            message.append({"note": note})  # shown in words by the audit trail below
        return message

    def delete_refusals(self, clause: Clause) -> list[str]:
        """Why `clause` may not be deleted: a contract printed one of its versions (which must still re-render
        as it was), or another clause cites it. Such a clause is switched off instead."""
        reasons = []
        versions = set(clause.versions.values_list("pk", flat=True))
        used = GeneratedContract.objects.values_list("clause_versions", flat=True)
        if any(versions & set(ids or ()) for ids in used.iterator()):
            reasons.append(
                gettext(
                    "It is printed in generated contracts, which must still re-render as they were: untick "
                    "“In use” instead to leave it out of new contracts."
                )
            )
        for referrer in referring_clauses(library_snapshot(), clause.key):
            reasons.append(gettext("Clause %(referrer)s refers to it.") % {"referrer": referrer})
        return reasons

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, _protected = super().get_deleted_objects(objs, request)
        # The clause's own current version is "protected" only by the clause itself: it goes with it.
        refusals = [reason for clause in objs for reason in self.delete_refusals(clause)]
        return deleted, counts, perms_needed, refusals

    def delete_model(self, request, obj):
        Clause.objects.filter(pk=obj.pk).update(current_version=None)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        queryset.update(current_version=None)
        super().delete_queryset(request, queryset)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A new key, section or "in use" is recorded as a version too, so the history shows it with its note.
        slot = [
            _slot_change(form, name) for name in ("key", "section", "is_active") if change and name in form.changed_data
        ]
        note = "; ".join([*slot, form.cleaned_data.get("change_note", "")]).strip("; ")
        clause_version_create(
            clause=obj, content=form.content(), author=request.user, change_note=note, force=bool(slot)
        )


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["key", "kind", "order", "title_zh", "title_en", "condition"]

    def clean_condition(self):
        condition = self.cleaned_data.get("condition", "")
        problems = clause_problems(title_zh="", title_en="", body_zh="", body_en="", condition=condition)
        if "condition" in problems:
            raise forms.ValidationError(problems["condition"])
        return condition


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionForm
    list_display = ["key", "kind", "order", "title_zh", "title_en", "condition"]
    list_filter = ["kind"]


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ["name", "is_foreign", "uscc", "years_in_business", "customer_count", "updated_at"]
    search_fields = ["name", "name_en", "uscc"]
    list_filter = ["is_foreign"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["created_at"]


class InvitationInline(admin.TabularInline):
    """Sent from the organisation page (the link is in the mail only); here to see and delete."""

    model = Invitation
    extra = 0
    fields = ["email", "role", "invited_by", "created_at", "expires_at", "accepted_at", "accepted_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "approval_required", "created_at"]
    search_fields = ["name", "memberships__user__username"]
    inlines = [MembershipInline, InvitationInline]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "owner", "status", "step_reached", "updated_at"]
    list_filter = ["status"]
    readonly_fields = [
        "organisation",
        "owner",
        "contract_number",
        "answers",
        "step_reached",
        "version",
        "created_at",
        "updated_at",
    ]


@admin.register(GeneratedContract)
class GeneratedContractAdmin(admin.ModelAdmin):
    """The contracts buyers asked for; pre-renders nobody downloaded (requested_at empty) are not listed."""

    list_display = ["number", "organisation", "owner", "language_name", "format", "requested_at"]
    readonly_fields = [f.name for f in GeneratedContract._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).requested()

    @admin.display(description=_("language"), ordering="language")
    def language_name(self, obj):
        return contract_language(obj.language)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(admin.ModelAdmin):
    """Who sent which draft for approval, and who approved it or sent it back, when and with what comment."""

    list_display = ["draft", "status", "requested_by", "requested_at", "decided_by_name", "decided_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ApprovalRequest._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LogEntry)
class AuditTrailAdmin(admin.ModelAdmin):
    """Who changed what in the clause library and the vendor records, from the admin's own log."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change_in_words"]
    readonly_fields = ["change_in_words"]
    list_filter = ["content_type", "action_flag", "user"]
    search_fields = ["object_repr", "change_message"]
    date_hierarchy = "action_time"

    @admin.display(description=_("change"))
    def change_in_words(self, obj):
        return log_message_text(obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def log_message_text(entry: LogEntry) -> str:
    """An admin log entry's change in words: the changed fields, a restore, the author's change note."""
    try:
        data = json.loads(entry.change_message)
    except ValueError:
        return entry.change_message
    if not isinstance(data, list):
        return entry.change_message
    told = any(isinstance(item, dict) and {"added", "changed", "deleted"} & set(item) for item in data)
    parts = [entry.get_change_message()] if told or not data else []
    for item in data:
        if not isinstance(item, dict):
            continue
        if restored := item.get("restored"):
            parts.append(gettext("Restored version %(number)s as version %(new)s.") % restored)
        if note := item.get("note"):
            parts.append(gettext("Change note: %(note)s") % {"note": note})
    return " ".join(p for p in parts if p)
