"""The clause library and vendor records, kept by admins. Saving a clause text makes a new version."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from contracts.clauses.library import TABLES, clause_problems, clause_save_text
from contracts.models import Clause, ClauseVersion, Draft, GeneratedContract, Section, Vendor


class ClauseForm(forms.ModelForm):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    body_zh = forms.CharField(label=_("Text (Chinese)"), widget=forms.Textarea(attrs={"rows": 12, "cols": 100}))
    body_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 12, "cols": 100}))
    change_note = forms.CharField(label=_("Change note"), max_length=300, required=False)
    table = forms.ChoiceField(label=_("Table"), choices=[("", "—")] + [(t, t) for t in TABLES], required=False)

    class Meta:
        model = Clause
        fields = ["key", "section", "order", "condition", "highlight", "table", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.instance.current_version if self.instance.pk else None
        if version:
            for name in ("title_zh", "title_en", "body_zh", "body_en"):
                self.fields[name].initial = getattr(version, name)

    def clean(self):
        cleaned = super().clean()
        problems = clause_problems(
            title_zh=cleaned.get("title_zh", ""), title_en=cleaned.get("title_en", ""),
            body_zh=cleaned.get("body_zh", ""), body_en=cleaned.get("body_en", ""),
            condition=cleaned.get("condition", ""), table=cleaned.get("table", ""),
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return cleaned


class ClauseVersionInline(admin.TabularInline):
    model = ClauseVersion
    fields = ["number", "title_zh", "change_note", "author", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    form = ClauseForm
    list_display = ["key", "section", "order", "condition", "highlight", "is_active", "current_version"]
    list_filter = ["section", "highlight", "is_active"]
    search_fields = ["key", "versions__body_zh", "versions__body_en"]
    fieldsets = [
        (None, {"fields": ["key", "section", "order", "condition", "highlight", "table", "is_active"]}),
        (_("Text"), {"fields": ["title_zh", "title_en", "body_zh", "body_en", "change_note"]}),
    ]
    inlines = [ClauseVersionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        clause_save_text(
            clause=obj, title_zh=form.cleaned_data["title_zh"], title_en=form.cleaned_data["title_en"],
            body_zh=form.cleaned_data["body_zh"], body_en=form.cleaned_data["body_en"],
            author=request.user, change_note=form.cleaned_data.get("change_note", ""),
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
    search_fields = ["name", "uscc"]
    list_filter = ["is_foreign"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "step_reached", "updated_at"]
    list_filter = ["status"]
    readonly_fields = ["owner", "answers", "step_reached", "version", "created_at", "updated_at"]


@admin.register(GeneratedContract)
class GeneratedContractAdmin(admin.ModelAdmin):
    list_display = ["number", "owner", "language", "format", "created_at"]
    readonly_fields = [f.name for f in GeneratedContract._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
