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
