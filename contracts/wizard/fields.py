"""Form building blocks for the wizard: conditional fields, row formsets, decimal choices."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import RegexValidator
from django.forms.formsets import BaseFormSet
from django.forms.renderers import Jinja2
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from contracts.terms.answers import ASKED_IF, is_asked
from contracts.terms.formatting import num
from contracts.terms.places import COUNTRIES
from contracts.terms.validation import DATE_OUT_OF_RANGE, date_in_range, date_range_params

STR_MAX = 200
TEXT_MAX = 4000
# Direction overrides and isolates make printed text read differently from what was typed ("Invoice
# \u202egnp.exe" shows as "Invoice exe.png"): refused. Plain marks (U+200E/U+200F) stay allowed.
DIRECTION_CONTROLS = RegexValidator(
    r"[\u202a-\u202e\u2066-\u2069]",
    inverse_match=True,
    code="direction_controls",
    message=_(
        "Remove the invisible text-direction characters: they would make the printed text read "
        "differently from what was typed."
    ),
)
# Control characters cannot be printed in a PDF or stored in a Word file; tab and line breaks are fine.
CONTROL_CHARACTERS = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
    inverse_match=True,
    code="control_characters",
    message=_("Remove the invisible control characters from this text (they cannot be printed)."),
)
# Half of a UTF-16 pair alone ("\ud800", from a JSON escape) is no character: no page, PDF or Word file
# can encode it.
LONE_SURROGATES = RegexValidator(
    r"[\ud800-\udfff]",
    inverse_match=True,
    code="lone_surrogate",
    message=_("Remove the broken character from this text (half of an emoji or other character copied apart)."),
)
TEXT_VALIDATORS = [CONTROL_CHARACTERS, DIRECTION_CONTROLS, LONE_SURROGATES]
TITLE_MAX = 200
# A draft title is one line (it names the .ics calendar and the comparison's columns): no tabs or breaks.
TITLE_CONTROLS = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f]",
    inverse_match=True,
    code="control_characters",
    message=_("Remove the line breaks, tabs and invisible control characters: a title is one line of text."),
)
_NOT_IN_TITLES = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+")


def title_field(label, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TITLE_MAX,
        required=kwargs.pop("required", False),
        validators=[TITLE_CONTROLS, DIRECTION_CONTROLS, LONE_SURROGATES],
        error_messages=LENGTH_ERRORS | kwargs.pop("error_messages", {}),
        **kwargs,
    )


def title_text(text: str) -> str:
    """A title made from others (a copy's "Copy of …"): what a title may not hold becomes a space."""
    return " ".join(_NOT_IN_TITLES.sub(" ", text).split())[:TITLE_MAX]


MONEY_MAX = Decimal("999999999999.99")  # what a JSON number and a contract table can carry
INT_MAX = 2_000_000_000  # no count the wizard asks for comes near it; a typo of 23 digits does
# Django's own wording for these is technical ("no more than 6 digits in total"), and its Chinese
# says 变量 (variable): each is said once, in the buyer's terms.
LENGTH_ERRORS = {"max_length": _("Enter at most %(limit_value)d characters (this has %(show_value)d).")}


def text_field(label, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX,
        required=kwargs.pop("required", False),
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=TEXT_VALIDATORS,
        error_messages=LENGTH_ERRORS | kwargs.pop("error_messages", {}),
        **kwargs,
    )


def str_field(label, **kwargs) -> forms.CharField:
    kwargs.setdefault("max_length", STR_MAX)
    return forms.CharField(
        label=label,
        required=kwargs.pop("required", False),
        validators=TEXT_VALIDATORS,
        error_messages=LENGTH_ERRORS | kwargs.pop("error_messages", {}),
        **kwargs,
    )


def _range_text(min_value, max_value) -> str:
    if min_value is not None and max_value is not None:
        return gettext("Enter a number from %(min)s to %(max)s.") % {"min": num(min_value), "max": num(max_value)}
    if min_value is not None:
        return gettext("Enter a number of at least %(min)s.") % {"min": num(min_value)}
    return gettext("Enter a number of at most %(max)s.") % {"max": num(max_value)}


_range_message = lazy(_range_text, str)


def range_errors(min_value, max_value) -> dict:
    """One message for a number out of range, in the page's language, naming both ends of the range."""
    if min_value is None and max_value is None:
        return {}
    message = _range_message(min_value, max_value)
    return {"min_value": message, "max_value": message}


def int_field(label, initial=None, min_value=0, max_value=None, **kwargs) -> forms.IntegerField:
    max_value = INT_MAX if max_value is None else max_value
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=min_value,
        max_value=max_value,
        required=kwargs.pop("required", initial is not None),
        error_messages=range_errors(min_value, max_value),
        **kwargs,
    )


def pct_field(label, initial=None, min_value=Decimal("0"), max_value=Decimal("100"), **kwargs):
    return forms.DecimalField(
        label=label,
        initial=initial,
        min_value=min_value,
        max_value=max_value,
        decimal_places=3,  # the range bounds the whole digits
        required=kwargs.pop("required", initial is not None),
        error_messages=range_errors(min_value, max_value)
        | {"max_decimal_places": _("Enter at most 3 decimal places.")},
        **kwargs,
    )


def money_field(label, initial=None, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        initial=initial,
        required=kwargs.pop("required", False),
        min_value=Decimal("0"),
        max_value=MONEY_MAX,
        decimal_places=2,
        error_messages=range_errors(Decimal("0"), MONEY_MAX)
        | {"max_decimal_places": _("Enter the amount to the cent: at most 2 decimal places.")},
        **kwargs,
    )


def bool_field(label, initial=False, **kwargs) -> forms.BooleanField:
    return forms.BooleanField(label=label, initial=initial, required=False, **kwargs)


def _date_in_range(value) -> None:
    if not date_in_range(value):
        raise forms.ValidationError(_(DATE_OUT_OF_RANGE), code="date_out_of_range", params=date_range_params())


def date_field(label, **kwargs) -> forms.DateField:
    bounds = date_range_params()
    return forms.DateField(
        label=label,
        required=kwargs.pop("required", False),
        widget=forms.DateInput(attrs={"type": "date", **bounds}, format="%Y-%m-%d"),
        validators=[_date_in_range],
        **kwargs,
    )


def choice_field(label, choices, initial=None, **kwargs) -> forms.ChoiceField:
    required = kwargs.pop("required", initial is not None)
    if not required:
        choices = [("", "—")] + list(choices)
    return forms.ChoiceField(label=label, choices=choices, initial=initial, required=required, **kwargs)


def multi_field(label, choices, initial=None, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        initial=initial or [],
        required=kwargs.pop("required", False),
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


class DecimalChoiceField(forms.ChoiceField):
    """A choice among decimal values ("99.9"), cleaned to Decimal; 99.90 and 99.9 are the same."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise forms.ValidationError(_("Enter a number."), code="invalid") from None
        for code, _label in self.choices:
            if code and Decimal(code) == number:
                return Decimal(code)
        raise forms.ValidationError(_("Select a valid choice."), code="invalid_choice")

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")


def country_choices() -> list[tuple[str, str]]:
    """The country catalogue by name in the UI language: China and its regions first, the rest by name."""
    index = 0 if (get_language() or "").startswith("zh") else 1
    named = [(code, names[index]) for code, names in COUNTRIES.items()]
    first = named[:4]
    return first + sorted(named[4:], key=lambda choice: COUNTRIES[choice[0]][1])


class CountrySelect(forms.Select):
    """A country select that also shows a code from before the select (an older draft's "ZA"), as the code."""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        known = {str(code) for code, _label in self.choices}
        for code in value:
            if code and code not in known:
                groups.append((None, [self.create_option(name, code, code, True, len(groups))], len(groups)))
        return groups


class CountryField(forms.ChoiceField):
    """An ISO 3166 two-letter code chosen by the country's name; any two-letter code an older draft or an
    import holds stays valid (printed as the code when the catalogue lacks it)."""

    widget = CountrySelect

    def __init__(self, label, *, blank: bool = False, **kwargs):
        choices = (lambda: [("", "—"), *country_choices()]) if blank else country_choices
        kwargs.setdefault("error_messages", {"invalid_choice": COUNTRY_MESSAGE})
        super().__init__(label=label, choices=choices, **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def valid_value(self, value) -> bool:
        return bool(re.fullmatch(r"[A-Z]{2}", value))


COUNTRY_MESSAGE = _("Choose the country from the list.")


# The wizard's widgets render through Django's Jinja2 copies of its widget templates: the same markup as
# the default templates, in half the time (a step page renders some 30 fields, a select's options one by
# one). Only the wizard's forms use it; the admin's widgets exist only as Django templates.
WIDGET_RENDERER = Jinja2()


def is_english_companion(name: str, fields, show_if=None) -> bool:
    """Whether field `name` is the English companion (`<field>_en`) of a free text of the same form,
    asked only for a bilingual contract; the place of signing, shown by its own condition, is not one."""
    if not name.endswith("_en") or name[:-3] not in fields:
        return False
    condition = (show_if or {}).get(name)
    return not (condition and condition[0] == "contract_language")


class StepForm(forms.Form):
    """A wizard step. `step` names it in the answers document; the fields it asks only under a condition
    come from terms.answers.ASKED_IF (`show_if`), and `required_if_shown` are required whenever they are
    asked. Hidden fields are cleaned to None."""

    default_renderer = WIDGET_RENDERER

    step: str = ""
    show_if: dict[str, tuple[str, tuple]] = {}
    required_if_shown: frozenset[str] = frozenset()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (legend, field names) to lay the step out

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The step's conditional fields (its lists are conditioned in steps.py); Django's metaclass has
        # collected this class's fields into declared_fields by now.
        cls.show_if = {name: c for name, c in ASKED_IF.get(cls.step, {}).items() if name in cls.declared_fields}

    def grouped_fields(self) -> list[tuple[str, list]]:
        """The bound fields by group, every field exactly once (ungrouped ones last)."""
        seen: set[str] = set()
        result = []
        for legend, names in self.groups:
            result.append((legend, [self[name] for name in names]))
            seen.update(names)
        rest = [self[name] for name in self.fields if name not in seen]
        if rest:
            result.append(("", rest))
        return result

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (controller, values) in self.show_if.items():
            self.fields[name].widget.attrs["data-show-if"] = controller
            self.fields[name].widget.attrs["data-show-values"] = "|".join(_js_value(v) for v in values)

    def required_by_text(self, name: str) -> bool:
        """Whether field `name` is required by what another field of the step holds now (typed or initial),
        beyond ASKED_IF and REQUIRED_IF: the step refuses it blank, so the page marks it."""
        return False

    @classmethod
    def is_shown(cls, name: str, cleaned: dict) -> bool:
        """Whether field `name` is asked, given the (cleaned) answers of its step."""
        return is_asked(cls.step, name, cleaned)

    def _clean_fields(self):
        super()._clean_fields()
        for name in self.show_if:
            if not self.is_shown(name, self.cleaned_data | self._controller_values()):
                self._errors.pop(name, None)
                self.cleaned_data[name] = None
            elif name in self.required_if_shown and self.cleaned_data.get(name) in (None, "", []):
                if name not in self.errors:
                    self.add_error(name, forms.ValidationError(_("This field is required."), code="required"))

    def _controller_values(self) -> dict:
        """Controllers that failed validation still decide what is shown, from their raw input."""
        values = {}
        for controller, _values in self.show_if.values():
            if controller not in self.cleaned_data and controller in self.fields:
                field = self.fields[controller]
                raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(controller))
                values[controller] = raw
        return values


def _js_value(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class RowForm(forms.Form):
    """One row of a list answer. A row is empty, and ignored, when every field is blank."""

    default_renderer = WIDGET_RENDERER

    def has_changed(self) -> bool:
        for name, field in self.fields.items():
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if raw not in (None, "", [], False) and raw != _shown_when_blank(field):
                return True
        return False


def _shown_when_blank(field):
    """What a blank row's select posts when it has no empty choice (its initial, else its first choice):
    a browser always sends it, so it alone does not make a row entered."""
    if not isinstance(field, forms.ChoiceField) or any(value == "" for value, _label in field.choices):
        return None
    return str(field.initial) if field.initial is not None else str(next(iter(field.choices))[0])


class BaseRowFormSet(BaseFormSet):
    """Rows are all 'extra': blank ones vanish, pre-filled defaults count as entered."""

    def initial_form_count(self) -> int:
        return 0

    def total_form_count(self) -> int:
        if self.is_bound:
            return super().total_form_count()
        return len(self.initial or []) + self.extra

    def rows(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.cleaned_data]


def row_formset(form_class, *, extra=1, max_num=100, min_num=0):
    return forms.formset_factory(
        form_class,
        formset=BaseRowFormSet,
        extra=extra,
        max_num=max_num,
        validate_max=True,
        min_num=min_num,
        validate_min=min_num > 0,
        absolute_max=max_num,
    )
