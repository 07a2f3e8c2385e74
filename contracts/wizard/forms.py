"""The eight wizard steps as forms: each built from its questions' words (contracts/questions/words.py) and
their rules (terms.schema)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from contracts.problems import document_problem_texts
from contracts.questions import words
from contracts.terms import checks, schema
from contracts.terms.document import DocumentRefused, parse_answers
from contracts.wizard.fields import RowForm, StepForm, row_formset, title_field

AVAILABILITY_CHOICES = words.AVAILABILITY_CHOICES


class PartiesForm(StepForm):
    questions = words.Parties

    def required_by_text(self, name: str) -> bool:
        return name == "signing_place_en" and checks.needs_english_place(
            self["contract_language"].value(), self["signing_place"].value()
        )


class ScopeForm(StepForm):
    questions = words.Scope


class ImplementationForm(StepForm):
    questions = words.Implementation


class TermForm(StepForm):
    questions = words.Term


class SlaForm(StepForm):
    questions = words.Sla


class PricingForm(StepForm):
    questions = words.Pricing


class DataForm(StepForm):
    questions = words.Data


class LegalForm(StepForm):
    questions = words.Legal


class OtherModuleForm(RowForm):
    questions = words.OtherModuleRow


class IntegrationForm(RowForm):
    questions = words.IntegrationRow


class RequirementForm(RowForm):
    questions = words.RequirementRow


class MilestoneForm(RowForm):
    questions = words.MilestoneRow


class CreditTierForm(RowForm):
    questions = words.CreditTierRow


class SeverityForm(RowForm):
    questions = words.SeverityRow


class ModulePriceForm(RowForm):
    questions = words.ModulePriceRow


class UsageAddonForm(RowForm):
    questions = words.UsageAddonRow


class OneTimeFeeForm(RowForm):
    questions = words.OneTimeFeeRow


class EuAffiliateForm(RowForm):
    questions = words.EuAffiliateRow


DEFAULT_CREDIT_TABLE = [dict(row) for row in schema.DEFAULT_CREDIT_TABLE]
DEFAULT_SEVERITY_TARGETS = [dict(row) for row in schema.DEFAULT_SEVERITY_TARGETS]
# A term extension credits days, not a share of the fee: the same tiers in days (Google Workspace's
# form, contract-checklist.md). The step offers them when the buyer switches an untouched table.
DEFAULT_EXTENSION_DAYS = [Decimal("3"), Decimal("7"), Decimal("15")]


def default_tier_limits(target: Decimal) -> list[Decimal]:
    """Where the default tiers start for another availability target: the first at the target (the
    contract requires it), the lower ones where they are (99 %, 95 %) while below it, a missing one
    halfway. The step moves an untouched table to these when the buyer changes the target."""
    limits = [target] + [row["below_pct"] for row in DEFAULT_CREDIT_TABLE[1:] if row["below_pct"] < target]
    while len(limits) < len(DEFAULT_CREDIT_TABLE):
        limits.insert(1, (limits[0] + limits[1]) / 2)
    return limits


OtherModuleFormSet = row_formset(OtherModuleForm)
IntegrationFormSet = row_formset(IntegrationForm)
RequirementFormSet = row_formset(RequirementForm, extra=2)
MilestoneFormSet = row_formset(MilestoneForm, extra=1)
CreditTierFormSet = row_formset(CreditTierForm, extra=1)
SeverityFormSet = row_formset(SeverityForm, extra=0)
ModulePriceFormSet = row_formset(ModulePriceForm, extra=1)
UsageAddonFormSet = row_formset(UsageAddonForm, extra=1)
OneTimeFeeFormSet = row_formset(OneTimeFeeForm, extra=1)
EuAffiliateFormSet = row_formset(EuAffiliateForm, extra=1)

STEP_FORMS = {
    form.step: form
    for form in (PartiesForm, ScopeForm, ImplementationForm, TermForm, SlaForm, PricingForm, DataForm, LegalForm)
}
LIST_FORMSETS = {
    formset.form.row_of: formset
    for formset in (
        OtherModuleFormSet,
        IntegrationFormSet,
        RequirementFormSet,
        MilestoneFormSet,
        CreditTierFormSet,
        SeverityFormSet,
        ModulePriceFormSet,
        UsageAddonFormSet,
        OneTimeFeeFormSet,
        EuAffiliateFormSet,
    )
}


MAX_IMPORT_BYTES = 1_000_000


class TitleForm(forms.Form):
    """A draft's title, as typed for a new draft or a rename; a blank one keeps the default."""

    title = title_field(_("Title"))


class ImportForm(forms.Form):
    title = title_field(_("Title"))
    file = forms.FileField(label=_("Answers file (JSON)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            self.cleaned_data["answers"] = parse_answers(upload.read())
        except DocumentRefused as refused:
            raise forms.ValidationError(document_problem_texts(refused)) from None
        return upload
