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
    from contracts.wizard import render

    assert render._compiled is not None  # the wizard's field template is compiled before any page asks
    loaders = engines["django"].engine.template_loaders
    cached = getattr(loaders[0], "get_template_cache", None)
    if cached is not None:  # the cached loader (DEBUG off) holds the step page already
        assert "contracts/step.html" in cached
    assert client.get("/accounts/login/").status_code == 200
