"""The WSGI entry point a production server loads: it warms the worker up before the first request."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def test_the_wsgi_application_warms_up_and_serves(caplog, client):
    from django.template import engines

    with caplog.at_level(logging.ERROR):
        from config.wsgi import application
        from contracts.warmup import warm_up_web

        warm_up_web()
    assert application is not None
    assert not [r for r in caplog.records if "warming up" in r.getMessage()]
    loaders = engines["django"].engine.template_loaders
    cached = loaders[0].get_template_cache  # Django's cached loader, with DEBUG on or off
    assert "contracts/step.html" in cached  # the step page is compiled before any page asks
    assert "bootstrap5/field.html" in cached  # and crispy-forms' field, which prints each of its fields
    assert client.get("/accounts/login/").status_code == 200


def test_the_warm_up_keeps_crispys_print_of_every_field_in_both_languages_rows_included(settings, monkeypatch):
    """A worker's first buyers do not pay for crispy's templates: their fields, the lists' rows among them, are
    printed from what the warm-up kept (with gunicorn --preload, once for every worker)."""
    from django.utils import translation

    from contracts.clauses.samples import sample_document
    from contracts.warmup import warm_up_web
    from contracts.wizard import render
    from contracts.wizard.steps import BY_KEY, BoundStep, step_defaults

    settings.DEBUG = False
    monkeypatch.setattr(render, "_PRINTS", {})
    warm_up_web()

    def crispy_again(field):
        raise AssertionError(f"{field.name} printed by crispy again")

    monkeypatch.setattr(render, "as_crispy_field", crispy_again)
    scope = BY_KEY["scope"]
    answers = sample_document("standard")["scope"]  # another draft than the warm-up's, its rows too
    bound = BoundStep.from_data(scope, None, initial=step_defaults(scope) | answers)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert all(render.wizard_field(field) for field in bound.form if not field.is_hidden)
            rows = bound.formsets["requirements"].forms
            assert rows and all(render.wizard_field(field) for form in rows for field in form.visible_fields())
