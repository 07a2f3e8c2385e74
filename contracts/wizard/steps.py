"""The wizard's steps (each step of the registry, contracts/questions/steps.py, with its form and its lists'
formsets) and the wizard's side of validation: bind a step's form and lists to what a browser posts, clean
them. A stored answers document is validated in terms/ (terms.checks) by the same rules
(terms.schema), which the forms are built from."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext

from contracts.problems import validate_answers
from contracts.questions import steps as questions
from contracts.terms import checks, cross_field_problems
from contracts.terms.coverage import MODULE_KEYWORDS, suggested_modules
from contracts.terms.hints import hints_for
from contracts.terms.model import OtherModule
from contracts.wizard import forms as f


@dataclass(frozen=True)
class ListSpec(questions.ListSpec):
    formset_class: type | None = None


@dataclass(frozen=True)
class ErrorLink:
    anchor: str  # the id of the input at fault, or of its list; empty for a problem of the whole step
    label: str
    message: str


@dataclass(frozen=True)
class Step(questions.Step):
    """A step of the registry (contracts/questions/steps.py) with the form that asks it and its lists' formsets."""

    lists: tuple[ListSpec, ...] = ()
    form_class: type | None = None


def _with_forms(step: questions.Step) -> Step:
    lists = tuple(ListSpec(**vars(spec), formset_class=f.LIST_FORMSETS[step.key, spec.name]) for spec in step.lists)
    return Step(step.key, step.title, step.intro, lists, form_class=f.STEP_FORMS[step.key])


STEPS: tuple[Step, ...] = tuple(_with_forms(step) for step in questions.STEPS)
STEP_KEYS = tuple(s.key for s in STEPS)
BY_KEY = {s.key: s for s in STEPS}


def step_index(key: str) -> int:
    return STEP_KEYS.index(key)


def field_anchor(step_key: str, field: str) -> str:
    """The id on the step page a link to one of its fields points at: a list's fieldset, or a field's wrapper."""
    step = BY_KEY.get(step_key)
    if step is not None and any(spec.name == field for spec in step.lists):
        return f"list-{field}"
    return f"div_id_{field}"


# --- answers document (JSON) ⇄ form data -------------------------------------------------------


def _form_values(value) -> list[str]:
    """A multiple choice as posted: null is none chosen."""
    return [] if value is None else checks.posted(value if isinstance(value, list | tuple) else [value])


_form_value = checks.posted


def _is_multiple(fld) -> bool:
    return isinstance(fld, f.forms.MultipleChoiceField)


def step_defaults(step: Step) -> dict:
    """What the wizard pre-fills for a step, as an answers document fragment."""
    return checks.step_defaults(step.key)


def answers_to_data(step: Step, answers: dict, *, fill_defaults: bool = True) -> QueryDict:
    """Form data for a step from its answers fragment; absent fields take the wizard's defaults."""
    values = (step_defaults(step) | answers) if fill_defaults else dict(answers)
    data = QueryDict(mutable=True)
    fields = step.form_class.base_fields
    for name, value in values.items():
        if isinstance(value, list) and name in {s.name for s in step.lists}:
            rows = [r for r in value if isinstance(r, dict)]
            row_fields = next(s for s in step.lists if s.name == name).formset_class.form.base_fields
            data[f"{name}-TOTAL_FORMS"] = str(len(rows))
            data[f"{name}-INITIAL_FORMS"] = "0"
            for i, row in enumerate(rows):
                for key, cell in row.items():
                    if isinstance(cell, (list, tuple)) or _is_multiple(row_fields.get(key)):
                        data.setlist(f"{name}-{i}-{key}", _form_values(cell))  # a requirement's modules
                    else:
                        data[f"{name}-{i}-{key}"] = _form_value(cell)
        elif isinstance(value, list) or _is_multiple(fields.get(name)):
            data.setlist(name, _form_values(value))
        else:
            data[name] = _form_value(value)
    for spec in step.lists:
        if f"{spec.name}-TOTAL_FORMS" not in data:
            data[f"{spec.name}-TOTAL_FORMS"] = "0"
            data[f"{spec.name}-INITIAL_FORMS"] = "0"
    return data


def with_module_suggestions(scope: dict) -> dict:
    """The scope answers with each requirement row lacking a module choice pre-filled with the modules
    its text suggests, for the buyer to confirm or change (older drafts and imports have no choice)."""
    others = [OtherModule(name=o.get("name")) for o in scope.get("other_modules") or () if isinstance(o, dict)]
    rows = []
    for row in scope.get("requirements") or ():
        if isinstance(row, dict) and not row.get("needs_modules") and row.get("text"):
            suggested = [m for m in suggested_modules(str(row["text"]), others) if m in MODULE_KEYWORDS]
            row = row | {"needs_modules": suggested}
        rows.append(row)
    return scope | {"requirements": rows} if "requirements" in scope else scope


def list_shown(step: Step, spec: ListSpec, cleaned: dict) -> bool:
    """Whether a list is asked, given the (cleaned) answers of its step."""
    if spec.show_if is None:
        return True
    controller, values = spec.show_if
    return step.form_class.is_shown(controller, cleaned) and cleaned.get(controller) in values


@dataclass
class BoundStep:
    step: Step
    form: f.StepForm
    formsets: dict

    @classmethod
    def from_data(cls, step: Step, data=None, *, initial: dict | None = None) -> BoundStep:
        """Bound to POST data or form data; unbound (showing `initial`) when data is None."""
        initial = initial if initial is not None else step_defaults(step)
        form = step.form_class(data=data, initial=None if data is not None else initial)
        formsets = {
            spec.name: spec.formset_class(
                data=data, prefix=spec.name, initial=None if data is not None else initial.get(spec.name) or []
            )
            for spec in step.lists
        }
        return cls(step, form, formsets)

    @classmethod
    def from_answers(cls, step: Step, answers: dict) -> BoundStep:
        return cls.from_data(step, answers_to_data(step, answers))

    def list_shown(self, spec: ListSpec) -> bool:
        return list_shown(self.step, spec, getattr(self.form, "cleaned_data", None) or {})

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for spec in self.step.lists:
            if self.list_shown(spec):
                valid = self.formsets[spec.name].is_valid() and valid
        return valid

    def typed(self) -> dict:
        """The cleaned step answers as Python values (Decimal, date …); call after is_valid()."""
        values = dict(self.form.cleaned_data)
        for spec in self.step.lists:
            values[spec.name] = self.formsets[spec.name].rows() if self.list_shown(spec) else None
        return values

    def errors(self) -> list[tuple[str, str]]:
        """(field, message) for everything wrong with this step, lists as `name[row].field`."""
        problems = []
        for name, messages in self.form.errors.items():
            for message in messages:
                problems.append((name if name != "__all__" else "", message))
        for spec in self.step.lists:
            if not self.list_shown(spec):
                continue
            formset = self.formsets[spec.name]
            if formset.is_bound and not formset.is_valid():
                for message in formset.non_form_errors():
                    problems.append((spec.name, message))
                for i, row_errors in enumerate(formset.errors):
                    for name, messages in row_errors.items():
                        for message in messages:
                            problems.append((f"{spec.name}[{i + 1}].{name}", message))
        return problems

    def error_links(self) -> list[ErrorLink]:
        """What the error summary at the top of the step lists, each pointing at the input at fault (a
        list's own problems point at the list), in the order the page shows them."""
        links = []
        for name, field_errors in self.form.errors.items():
            bound = self.form[name] if name in self.form.fields else None
            for message in field_errors:
                links.append(
                    ErrorLink(bound.id_for_label if bound else "", str(bound.label) if bound else "", str(message))
                )
        for spec in self.step.lists:
            formset = self.formsets[spec.name]
            if not (self.list_shown(spec) and formset.is_bound) or formset.is_valid():
                continue
            for message in formset.non_form_errors():
                links.append(ErrorLink(f"list-{spec.name}", str(spec.label), str(message)))
            for number, row in enumerate(formset.forms, start=1):
                for name, field_errors in row.errors.items():
                    if name not in row.fields:  # a problem of the whole row: point at its first input
                        name = next(iter(row.fields))
                        label = gettext("%(list)s, row %(row)d") % {"list": spec.label, "row": number}
                    else:
                        label = gettext("%(list)s, row %(row)d: %(field)s") % {
                            "list": spec.label,
                            "row": number,
                            "field": row.fields[name].label,
                        }
                    links.extend(ErrorLink(row[name].id_for_label, label, str(m)) for m in field_errors)
        return links

    def add_problem(self, field_name: str, message: str) -> None:
        """Show a cross-field problem at the field at fault (or at the list it belongs to)."""
        base = field_name.split("[")[0].split(".")[0]
        if base in self.form.fields:
            self.form.add_error(base, message)
        elif base in self.formsets:
            formset = self.formsets[base]
            formset.is_valid()
            formset._non_form_errors.append(message)
        else:
            self.form.add_error(None, message)


# --- the whole answers document ---------------------------------------------------------------
# Validated in terms/ (terms.checks), from the same rules the forms are built from.


def step_result(step: Step, fragment: dict) -> checks.StepResult:
    """A stored step, validated (kept per content): callers must treat what it returns as read-only."""
    return checks.step_result(step.key, fragment)


def typed_steps(answers: dict) -> dict:
    """The steps of a stored answers document that are valid on their own, as typed values."""
    return checks.typed_steps(answers)


def step_problems(step_key: str, typed_step: dict, other_typed: dict) -> list:
    """Cross-field problems that belong to this step, given the other steps answered so far."""
    combined = dict(other_typed)
    combined[step_key] = typed_step
    problems = []
    for problem in cross_field_problems(combined):
        if problem.step == step_key:
            problems.append(problem)
        elif problem.other is not None and problem.other.step == step_key:
            problems.append(problem.other)
    return problems


def partial_typed_answers(answers: dict, *, step_key: str | None = None, step_data=None) -> dict:
    """Whatever is valid so far, field by field, for a live preview of an unfinished draft
    (terms.checks.partial_answers).

    `step_data` (the form data of the step being edited, not yet saved) replaces that step's answers."""
    typed = checks.partial_answers(answers)
    step = BY_KEY.get(step_key)
    if step is not None and step_data is not None:
        bound = BoundStep.from_data(step, step_data)
        bound.is_valid()
        values = dict(getattr(bound.form, "cleaned_data", {}))
        for spec in step.lists:
            formset = bound.formsets[spec.name]
            values[spec.name] = formset.rows() if bound.list_shown(spec) and formset.is_valid() else []
        typed[step_key] = values
    return typed


def step_hints(answers: dict, step_key: str, step_data=None) -> dict:
    """Live hints for a step's fields, from its current (possibly unsaved) input over the saved draft."""
    typed = partial_typed_answers(answers, step_key=step_key, step_data=step_data)
    return hints_for(step_key, typed[step_key], typed)


def step_states(draft) -> dict[str, str]:
    """For the step indicator: done, problem (saved but something is wrong, or unfinished input), or todo."""
    _typed, problems = validate_answers(draft.answers)
    with_problems = {p.step for p in problems if p.step in draft.answers} | set(draft.pending_input)
    return {
        step.key: "todo" if step.key not in draft.answers else ("problem" if step.key in with_problems else "done")
        for step in STEPS
    }
