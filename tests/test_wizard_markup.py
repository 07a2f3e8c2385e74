"""Every wizard field, as crispy-forms' Bootstrap 5 template pack prints it, tells the browser and a screen
reader what it is: a label tied to each input, the required mark where the step refuses a blank, the
Bootstrap classes that show an error at the field, the error and the hint read with the field, and the
attributes the page's script reads to show a field, or its asterisk, by another answer."""

from __future__ import annotations

import itertools

import lxml.html
import pytest
from django import forms
from django.test import override_settings

from contracts.terms.answers import REQUIRED_IF
from contracts.wizard.render import is_marked_required, wizard_field
from contracts.wizard.steps import STEPS, BoundStep, answers_to_data
from tests.factories import answers_document, wrong_step_data


def all_fields(bound):
    fields = list(bound.form)
    for formset in bound.formsets.values():
        for form in [*formset.forms, formset.empty_form]:
            fields += list(form.visible_fields())
    return fields


def bound_step(step, variant):
    answers = answers_document()[step.key]
    data = {"unbound": None, "valid": answers_to_data(step, answers), "errors": wrong_step_data(step, answers)}[variant]
    bound = BoundStep.from_data(step, data)
    if data is not None:
        bound.is_valid()
    return bound


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def described_by(element) -> set[str]:
    return set((element.get("aria-describedby") or "").split())


def text(element) -> str:
    return " ".join(element.text_content().split())


def check_field(field) -> None:
    """What the page must hold for one bound field; fails with the reason."""
    html = lxml.html.fragment_fromstring(str(wizard_field(field)), create_parent="div")
    inputs = html.xpath(".//*[self::input or self::select or self::textarea][@name=$name]", name=field.html_name)
    assert inputs, "no input"
    widget = field.field.widget
    group = field.use_fieldset  # a list of checkboxes: a fieldset whose legend names it
    labels = html.xpath(".//legend") if group else html.xpath(".//label[@for=$id]", id=field.id_for_label)
    assert len(labels) == 1, "no label, or several"
    label = labels[0]
    assert str(field.label) in text(label), "the label does not name the field"

    for element in inputs:
        assert element.get("id"), "an input without an id"
        tied = html.xpath(".//label[@for=$id]", id=element.get("id"))
        assert len(tied) == 1 and text(tied[0]), "an input without its own label"
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            assert "form-check-input" in classes(element), "a checkbox without Bootstrap's class"
            assert "form-check" in classes(element.getparent()), "a checkbox outside .form-check"
            assert "form-check-label" in classes(tied[0])
        elif isinstance(widget, forms.Select):
            assert "form-select" in classes(element)
        else:
            assert "form-control" in classes(element)

    # the asterisk where the step refuses a blank; the browser is asked only for the unconditional ones
    mark = label.xpath(".//*[contains(@class, 'asteriskField')]")
    assert bool(mark) == is_marked_required(field), "the asterisk does not match what the step refuses"
    assert all(m.text == "*" for m in mark)
    if mark and not isinstance(widget, forms.CheckboxInput):
        assert "requiredField" in classes(label)
    if not field.field.required:
        assert all(e.get("required") is None for e in inputs), "the browser is asked to refuse a blank"

    # what is read with the field: the hint, the error
    describes = html.xpath(".//fieldset")[0] if group else inputs[0]
    if field.help_text:
        hint = html.xpath(".//*[@id=$id]", id=f"{field.auto_id}_helptext")
        assert hint and "form-text" in classes(hint[0]) and text(hint[0]), "the hint is missing"
        assert f"{field.auto_id}_helptext" in described_by(describes), "the hint is not read with the field"
    error = html.xpath(".//*[@id=$id]", id=f"{field.auto_id}_error")
    if not field.errors:
        assert not error and not any("is-invalid" in classes(e) for e in inputs)
        return
    assert error and "invalid-feedback" in classes(error[0]), "the error is not at the field"
    for message in field.errors:
        assert " ".join(message.split()) in text(error[0])
    assert all("is-invalid" in classes(e) for e in inputs), "an input at fault is not marked"
    # Bootstrap shows .invalid-feedback only after an .is-invalid sibling
    assert any("is-invalid" in classes(e) for e in error[0].itersiblings(preceding=True)), "the error stays hidden"
    assert f"{field.auto_id}_error" in described_by(describes), "the error is not read with the field"
    if not group:
        assert inputs[0].get("aria-invalid") == "true"


def check_conditions(field) -> None:
    """The attributes the page's script reads: the answer that shows a field, and the one that makes
    it required."""
    html = lxml.html.fragment_fromstring(str(wizard_field(field)), create_parent="div")
    inputs = html.xpath(".//*[self::input or self::select or self::textarea][@name=$name]", name=field.html_name)
    shown_by = getattr(field.form, "show_if", {}).get(field.name)
    required_by = REQUIRED_IF.get(getattr(field.form, "step", ""), {}).get(field.name)
    for element in inputs:
        assert element.get("data-show-if") == (shown_by[0] if shown_by else None)
        assert element.get("data-required-if") == (required_by[0] if required_by else None)


CASES = [(step, variant) for step in STEPS for variant in ("unbound", "valid", "errors")]


@pytest.mark.parametrize(("step", "variant"), CASES, ids=[f"{s.key}-{v}" for s, v in CASES])
def test_every_field_is_labelled_marked_and_shows_its_error(step, variant):
    fields = all_fields(bound_step(step, variant))
    assert fields
    problems = []
    for field in fields:
        try:
            check_field(field)
            check_conditions(field)
        except AssertionError as error:
            problems.append(f"{field.html_name}: {error}")
    assert problems == [], "\n".join(problems)
    if variant == "errors":
        assert any(f.errors for f in fields)  # the error branch was exercised


def test_fields_required_when_shown_are_marked_required_but_not_forced_by_the_browser():
    court_place = bound_step(next(s for s in STEPS if s.key == "legal"), "unbound").form["court_place"]
    assert is_marked_required(court_place) and not court_place.field.required
    html = lxml.html.fragment_fromstring(str(wizard_field(court_place)), create_parent="div")
    assert html.xpath(".//label[@for='id_court_place']/span[@class='asteriskField']")
    assert html.xpath(".//select[@name='court_place']")[0].get("required") is None  # hidden under arbitration
    assert court_place.form.use_required_attribute  # and the rest of the form is as it was
    assert not court_place.field.required


@override_settings(
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [],
            "APP_DIRS": False,
            "OPTIONS": {
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"bootstrap5/field.html": "pack: {{ field.label }}"})
                ]
            },
        }
    ]
)
def test_the_wizard_prints_whatever_the_installed_template_pack_prints():
    """No copy of crispy's markup: a new crispy-bootstrap5 release, or a project override of its field
    template, is what the wizard prints."""
    field = bound_step(STEPS[0], "unbound").form["buyer_name"]
    assert str(wizard_field(field)) == f"pack: {field.label}"


def sample_drafts() -> dict[str, dict]:
    """The load test's draft (the sample in Chinese), the biggest pages (every option, bilingual), and the
    sample with other options ticked in its groups of checkboxes."""
    from contracts.clauses.samples import ALL_OPTIONS_PATCH

    every_option = {step: dict(fields) for step, fields in ALL_OPTIONS_PATCH.items()}
    every_option["parties"] = {"contract_language": "bilingual", "prevailing_language": "zh"}
    return {
        "sample, Chinese": answers_document(parties={"contract_language": "zh", "prevailing_language": None}),
        "every option, bilingual": answers_document(**every_option),
        "other options ticked": answers_document(
            parties={"vendor_certifications": ["soc2"]},
            scope={"modules": ["contacts", "marketing", "service_tickets"], "environments": ["production"]},
            data={"export_formats": ["xml"]},
        ),
    }


def step_as_shown(step, answers: dict, variant: str) -> BoundStep:
    """A step as its page shows it: opened (the saved answers), posted as saved, or posted all wrong."""
    from contracts.wizard.steps import step_defaults

    saved = answers[step.key]
    if variant == "opened":
        return BoundStep.from_data(step, None, initial=step_defaults(step) | saved)
    data = answers_to_data(step, saved) if variant == "posted" else wrong_step_data(step, saved)
    bound = BoundStep.from_data(step, data)
    bound.is_valid()
    return bound


def test_a_kept_field_print_is_what_crispy_prints(settings, monkeypatch):
    """crispy prints a field once and its print is kept (DEBUG off): every field of every step page of
    the sample drafts (one after the other: other answers, other options ticked), in both UI languages,
    with and without errors, prints byte for byte what crispy prints afresh."""
    from django.utils import translation

    from contracts.wizard import render

    pages = list(itertools.product(("zh-hans", "en"), STEPS, sample_drafts().values(), ("opened", "posted", "errors")))

    def printed(language, step, answers, variant):
        with translation.override(language):
            return [(f.html_name, wizard_field(f)) for f in all_fields(step_as_shown(step, answers, variant))]

    crispy_calls = []
    monkeypatch.setattr(render, "as_crispy_field", lambda field: crispy_calls.append(field) or as_crispy(field))
    settings.DEBUG = True  # nothing kept: crispy prints every field
    fresh = [printed(*page) for page in pages]
    settings.DEBUG = False
    for _print in ("first", "kept"):
        for page, crispy_prints in zip(pages, fresh, strict=True):
            language, step, _answers, variant = page
            crispy_calls.clear()
            for (name, html), (_name, crispy_html) in zip(printed(*page), crispy_prints, strict=True):
                assert html == crispy_html, (language, step.key, variant, name)
            if _print == "kept" and variant != "errors":  # crispy is asked for no field: none has an error
                assert not crispy_calls, (language, step.key, variant, [f.html_name for f in crispy_calls])


def as_crispy(field):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return as_crispy_field(field)
