"""Form building blocks for the wizard: conditional fields, row formsets, decimal choices."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import RegexValidator
from django.forms.formsets import BaseFormSet
from django.forms.renderers import Jinja2
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from contracts.problems import translated
from contracts.questions.words import Ask, Questions, country_choices
from contracts.terms import checks, schema
from contracts.terms.answers import ASKED_IF, REQUIRED_IF, is_asked
from contracts.terms.checks import CONTROL_CHARACTERS_RE, DIRECTION_CONTROLS_RE, LONE_SURROGATES_RE, email_is_valid
from contracts.terms.validation import DATE_OUT_OF_RANGE, date_in_range, date_range_params

STR_MAX = schema.STR_MAX
TEXT_MAX = schema.TEXT_MAX
# The characters a text may not hold, as terms.checks finds them, told at the field.
DIRECTION_CONTROLS = RegexValidator(
    DIRECTION_CONTROLS_RE, inverse_match=True, code="direction_controls", message=_(schema.DIRECTION_CONTROLS)
)
CONTROL_CHARACTERS = RegexValidator(
    CONTROL_CHARACTERS_RE, inverse_match=True, code="control_characters", message=_(schema.CONTROL_CHARACTERS)
)
LONE_SURROGATES = RegexValidator(
    LONE_SURROGATES_RE, inverse_match=True, code="lone_surrogate", message=_(schema.LONE_SURROGATE)
)
TEXT_VALIDATORS = [CONTROL_CHARACTERS, DIRECTION_CONTROLS, LONE_SURROGATES]
TITLE_MAX = checks.TITLE_MAX
# A draft title is one line (it names the .ics calendar and the comparison's columns): no tabs or breaks.
TITLE_CONTROLS = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f]",
    inverse_match=True,
    code="control_characters",
    message=_("Remove the line breaks, tabs and invisible control characters: a title is one line of text."),
)


def title_field(label, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TITLE_MAX,
        required=kwargs.pop("required", False),
        validators=[TITLE_CONTROLS, DIRECTION_CONTROLS, LONE_SURROGATES],
        error_messages=LENGTH_ERRORS | kwargs.pop("error_messages", {}),
        **kwargs,
    )


MONEY_MAX = schema.MONEY_MAX
INT_MAX = schema.INT_MAX
LENGTH_ERRORS = {"max_length": _(schema.TOO_LONG)}


def _range_text(min_value, max_value) -> str:
    return translated(checks.range_message(schema.Rule("dec", min=min_value, max=max_value)))


_range_message = lazy(_range_text, str)


def range_errors(min_value, max_value) -> dict:
    """One message for a number out of range, in the page's language, naming both ends of the range."""
    if min_value is None and max_value is None:
        return {}
    message = _range_message(min_value, max_value)
    return {"min_value": message, "max_value": message}


def _date_in_range(value) -> None:
    if not date_in_range(value):
        raise forms.ValidationError(_(DATE_OUT_OF_RANGE), code="date_out_of_range", params=date_range_params())


def date_field(label, **kwargs) -> forms.DateField:
    bounds = date_range_params()
    return forms.DateField(
        label=label,
        required=kwargs.pop("required", False),
        widget=forms.DateInput(attrs={"type": "date", **bounds}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],  # what a date input posts, and an answers document holds, in any language
        validators=[_date_in_range],
        **kwargs,
    )


class DecimalChoiceField(forms.ChoiceField):
    """A choice among decimal values ("99.9"), cleaned to Decimal; 99.90 and 99.9 are the same."""

    def to_python(self, value):
        rule = schema.Rule("decchoice", choices=tuple(code for code, _label in self.choices if code))
        try:
            return checks.to_python(rule, value)
        except checks.Invalid as invalid:
            code = "invalid" if invalid.message.message == schema.NOT_A_NUMBER else "invalid_choice"
            raise forms.ValidationError(_(invalid.message.message), code=code) from None

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")


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


COUNTRY_MESSAGE = _(schema.COUNTRY_INVALID)


def _email_address(value: str) -> None:
    if not email_is_valid(value):
        raise forms.ValidationError(_(schema.EMAIL_INVALID), code="invalid")


class EmailField(forms.EmailField):
    """An e-mail address as terms.checks takes it."""

    default_validators = [_email_address]


def build_field(name: str, ask: Ask, rule: schema.Rule) -> forms.Field:
    """The form field of a question: its words (`ask`) and what it accepts (its rule in terms.schema)."""
    common = {"label": ask.label, "help_text": ask.help_text, "required": rule.required}
    if rule.initial is not None:
        common["initial"] = list(rule.initial) if isinstance(rule.initial, list) else rule.initial
    if rule.kind == "choice" and rule.blank_choice:
        common["blank_label"] = ask.blank_label
    field = _BUILDERS[rule.kind](rule, _choices(name, ask, rule), common)
    if ask.placeholder is not None:
        field.widget.attrs["placeholder"] = ask.placeholder
    return field


def _choices(name: str, ask: Ask, rule: schema.Rule) -> list | None:
    """The rule's codes, named as the question names them: a code without a name, or a name without a
    code, is a mistake found when the form class is made."""
    if not rule.choices:
        return None
    labels = dict(ask.choice_labels or ())
    if set(labels) != set(rule.choices):
        raise ImproperlyConfigured(f"{name}: choices {sorted(labels)} are not those of terms.schema {rule.choices}")
    return [(code, labels[code]) for code in rule.choices]


def _text(rule, _choices, common) -> forms.Field:
    widget = forms.Textarea(attrs={"rows": 2}) if rule.kind == "text" else None
    return forms.CharField(
        max_length=rule.max_length, validators=TEXT_VALIDATORS, error_messages=LENGTH_ERRORS, widget=widget, **common
    )


def _number(rule, _choices, common) -> forms.Field:
    errors = range_errors(rule.min, rule.max)
    if rule.kind == "int":
        return forms.IntegerField(min_value=rule.min, max_value=rule.max, error_messages=errors, **common)
    return forms.DecimalField(
        min_value=rule.min,
        max_value=rule.max,
        decimal_places=rule.places,
        error_messages=errors | {"max_decimal_places": _(rule.places_message)},
        **common,
    )


def _choice(rule, choices, common) -> forms.Field:
    if rule.kind == "multi":
        errors = {"required": _(rule.required_message)} if rule.required_message != schema.REQUIRED else {}
        common.setdefault("initial", [])
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, error_messages=errors, **common
        )
    if rule.kind == "decchoice":
        return DecimalChoiceField(choices=choices, **common)
    blank = [("", common.pop("blank_label"))] if rule.blank_choice else []
    return forms.ChoiceField(choices=blank + choices, **common)


_BUILDERS = {
    "str": _text,
    "text": _text,
    "uscc": _text,
    "email": lambda rule, _choices, common: EmailField(
        max_length=rule.max_length, error_messages=LENGTH_ERRORS, **common
    ),
    "int": _number,
    "dec": _number,
    "bool": lambda rule, _choices, common: forms.BooleanField(**common | {"required": False}),
    "date": lambda rule, _choices, common: date_field(**common),
    "choice": _choice,
    "multi": _choice,
    "decchoice": _choice,
    "country": lambda rule, _choices, common: CountryField(blank=rule.initial is None, **common),
}


def build_fields(questions: type[Questions], rules, where: str) -> dict[str, forms.Field]:
    """The fields of a form, one for each question, built from its rule; every rule has its question."""
    for name in questions.asks:
        if name not in rules:
            raise ImproperlyConfigured(f"{where}.{name} has no rule in terms.schema")
    if missing := set(rules) - set(questions.asks):
        raise ImproperlyConfigured(f"{where} lacks the fields {sorted(missing)} of terms.schema")
    return {name: build_field(name, ask, rules[name]) for name, ask in questions.asks.items()}


# The wizard's widgets render through Django's Jinja2 copies of its widget templates: the same markup as
# the default templates, in half the time (a step page renders some 30 fields, a select's options one by
# one). Only the wizard's forms use it; the admin's widgets exist only as Django templates.
WIDGET_RENDERER = Jinja2()


class StepForm(forms.Form):
    """A wizard step. `step` names it in the answers document; the fields it asks only under a condition
    come from terms.answers.ASKED_IF (`show_if`), and `required_if_shown` are required whenever they are
    asked. Hidden fields are cleaned to None."""

    default_renderer = WIDGET_RENDERER

    questions: type[Questions] = Questions  # its words: what it asks, in which groups
    step: str = ""
    show_if: dict[str, tuple[str, tuple]] = {}
    required_if_shown: frozenset[str] = frozenset()
    rules: Mapping[str, schema.Rule] = {}
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (legend, field names) to lay the step out

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The step's fields from their rules, its conditional fields (its lists are conditioned in
        # steps.py); Django's metaclass has collected this class's fields into declared_fields by now.
        cls.step, cls.groups = cls.questions.step, cls.questions.groups
        cls.rules = rules = schema.FIELDS[cls.step]
        cls.declared_fields.update(build_fields(cls.questions, rules, cls.__name__))
        cls.required_if_shown = frozenset(name for name, rule in rules.items() if rule.required_if_asked)
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
        # the page's script shows the asterisk of a field that another answer makes required
        for name, (controller, values) in REQUIRED_IF.get(self.step, {}).items():
            self.fields[name].widget.attrs["data-required-if"] = controller
            self.fields[name].widget.attrs["data-required-values"] = "|".join(
                _js_value(v) for v in values if v is not None
            )

    def required_by_text(self, name: str) -> bool:
        """Whether field `name` is required by what another field of the step holds now (typed or initial),
        beyond ASKED_IF and REQUIRED_IF: the step refuses it blank, so the page marks it."""
        return False

    @classmethod
    def is_shown(cls, name: str, cleaned: dict) -> bool:
        """Whether field `name` is asked, given the (cleaned) answers of its step."""
        return is_asked(cls.step, name, cleaned)

    def full_clean(self):
        if self.is_bound:  # what the answers cannot say otherwise (data stored abroad leaves China)
            raw = {name: self.data.get(self.add_prefix(name)) for name in self.fields}
            forced = {name: value for name, value in checks.forced(self.step, raw).items() if value != raw[name]}
            if forced:
                self.data = self.data.copy()
                for name, value in forced.items():
                    self.data[self.add_prefix(name)] = value
        super().full_clean()

    def _clean_fields(self):
        super()._clean_fields()
        for name, rule in self.rules.items():  # a code's check character (not a foreign vendor's)
            if rule.kind == "uscc" and name in self.cleaned_data:
                code, problem = checks.clean_code(self.step, name, self.cleaned_data[name], self.cleaned_data)
                self.cleaned_data[name] = code
                if problem:
                    self.add_error(name, _validation_error(problem, "invalid_code"))
        hidden, required = checks.conditions(self.step, self.cleaned_data, self._errors, self._controller_values())
        for name in hidden:
            self._errors.pop(name, None)
            self.cleaned_data[name] = None
        for name in required:
            self.add_error(name, forms.ValidationError(_(schema.REQUIRED), code="required"))

    def clean(self):
        cleaned = super().clean()
        for name, problem in checks.step_rules(self.step, cleaned, self._errors):
            self.add_error(name, _validation_error(problem))
        return cleaned

    def _controller_values(self) -> dict:
        """Controllers that failed validation still decide what is shown, from their raw input."""
        values = {}
        for controller, _values in self.show_if.values():
            if controller not in self.cleaned_data and controller in self.fields:
                field = self.fields[controller]
                raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(controller))
                values[controller] = raw
        return values


def _validation_error(problem: checks.Message, code: str | None = None) -> forms.ValidationError:
    return forms.ValidationError(_(problem.message), code=code, params=dict(problem.params or {}) or None)


def _js_value(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class RowForm(forms.Form):
    """One row of a list answer. A row is empty, and ignored, when every field is blank."""

    default_renderer = WIDGET_RENDERER
    questions: type[Questions] = Questions  # its words; `row_of` names the (step, list) of terms.schema.LISTS
    row_of: tuple[str, str] = ("", "")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.row_of = step, name = cls.questions.row_of
        cls.declared_fields.update(build_fields(cls.questions, schema.LISTS[step][name].rows, cls.__name__))

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


def row_formset(form_class, *, extra=1):
    """The rows of a list: as many as its rule in terms.schema takes; `extra` blank ones to fill in."""
    step, name = form_class.row_of
    rule = schema.LISTS[step][name]
    max_num, min_num = rule.max_rows, rule.min_rows
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
