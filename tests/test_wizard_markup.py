"""The wizard's own field printer gives exactly the markup of crispy-forms' `as_crispy_field`, which it
replaces for speed: labels, required marks, Bootstrap classes, error and help ids, checkbox lists."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

from contracts.terms.answers import REQUIRED_IF
from contracts.wizard.render import is_marked_required, wizard_field
from contracts.wizard.steps import STEPS, BoundStep, answers_to_data
from tests.factories import answers_document


def normalised(html: str) -> str:
    """White space between tags and inside text runs does not change what a browser shows, nor does
    the spelling of an escaped quote (Django writes &#x27; and &quot;, Jinja2 &#39; and &#34;). An
    asterisk that the page's script turns on and off by another answer is crispy's, or none when hidden."""
    html = str(html).replace("&#x27;", "&#39;").replace("&quot;", "&#34;")
    html = re.sub(
        r'<span class="asteriskField" data-required-if="[^"]*" data-required-values="[^"]*" hidden>\*</span>', "", html
    )
    html = re.sub(r'(<span class="asteriskField") data-required-if="[^"]*" data-required-values="[^"]*"', r"\1", html)
    html = re.sub(r">\s+", ">", html)
    html = re.sub(r"\s+<", "<", html)
    return re.sub(r"\s+", " ", html).strip()


def bound_steps(step, data):
    """Two identical bound steps: crispy changes the widgets it prints, so each printer gets its own."""
    return BoundStep.from_data(step, data), BoundStep.from_data(step, data)


def all_fields(bound):
    fields = list(bound.form)
    for formset in bound.formsets.values():
        for form in [*formset.forms, formset.empty_form]:
            fields += list(form.visible_fields())
    return fields


def broken(step, answers):
    """The step's answers with every field wrong or missing: numbers as text, required fields blank."""
    data = answers_to_data(step, answers)
    for name, field in step.form_class.base_fields.items():
        if name in data:
            data[name] = (
                "not a number" if "Integer" in type(field).__name__ or "Decimal" in type(field).__name__ else ""
            )
    return data


def crispy(field) -> str:
    """crispy's markup; a field required whenever it is shown, or required now by another answer
    (REQUIRED_IF), is printed as required, but without the browser's `required` attribute."""
    by_condition = field.name in REQUIRED_IF.get(getattr(field.form, "step", ""), {}) and is_marked_required(field)
    if field.name not in getattr(field.form, "required_if_shown", ()) and not by_condition:
        return as_crispy_field(field)
    field.field.required, field.form.use_required_attribute = True, False
    try:
        return as_crispy_field(field)
    finally:
        field.field.required, field.form.use_required_attribute = False, True


CASES = [(step, variant) for step in STEPS for variant in ("unbound", "valid", "errors")]


@pytest.mark.parametrize(("step", "variant"), CASES, ids=[f"{s.key}-{v}" for s, v in CASES])
def test_every_field_prints_as_crispy_prints_it(step, variant):
    answers = answers_document()[step.key]
    data = {"unbound": None, "valid": answers_to_data(step, answers), "errors": broken(step, answers)}[variant]
    theirs, ours = bound_steps(step, data)
    if data is not None:
        theirs.is_valid(), ours.is_valid()
    pairs = list(zip(all_fields(theirs), all_fields(ours), strict=True))
    assert pairs
    for their_field, our_field in pairs:
        assert normalised(wizard_field(our_field)) == normalised(crispy(their_field)), our_field.name
    if variant == "errors":
        assert any(f.errors for f, _ in pairs)  # the error branch was exercised


def test_fields_required_when_shown_are_marked_required_but_not_forced_by_the_browser():
    theirs, ours = bound_steps(next(s for s in STEPS if s.key == "legal"), None)
    court_place = ours.form["court_place"]
    assert is_marked_required(court_place) and not court_place.field.required
    html = str(wizard_field(court_place))
    assert '<span class="asteriskField">*</span>' in html
    assert " required" not in html.split("<select", 1)[1].split(">", 1)[0]  # it may be hidden (arbitration)
