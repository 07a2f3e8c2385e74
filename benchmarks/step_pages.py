"""Step page benchmark, part of `make bench` (benchmarks/render.py): the server's CPU time for a wizard
step page.

Each step of two reference drafts (benchmarks/reference.py) is opened through Django's test client
(middleware, session, database: an in-memory SQLite holding the shipped clause library, as the load
test's) as the buyer sees it, with its saved answers, and
once more posted with every answer wrong (the page with an error at each field), and saved as the load test
saves it (the saved answers posted, Next: a redirect); then the draft's review page. The drafts: the load
test's (`make loadtest`: the sample in Chinese) and the biggest pages (every option, bilingual, so every
free text has its English field too). CPU time of this process (`time.process_time`), not wall time: the
machine may be shared, so each page is rendered several times and the minimum is kept. Beside the page,
the fields alone: the step's form and its list rows (not the blank row that "Add a row" copies), bound
and printed by the wizard's field filter.
"""

from __future__ import annotations

import time

from benchmarks.reference import full_answers, minimal_answers


def min_cpu_ms(func, runs: int) -> float:
    func()  # warm: compiled templates, translations, imports
    times = []
    for _ in range(runs):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return min(times) * 1000


def _fields_only(step, data):
    from contracts.templatetags.wizard_fields import english_of
    from contracts.wizard.render import wizard_field
    from contracts.wizard.steps import BoundStep

    def once():
        bound = BoundStep.from_data(step, data)
        if data is not None:
            bound.is_valid()
        for field in bound.form:
            wizard_field(field)
        for formset in bound.formsets.values():
            for form in formset.forms:
                for field in form.visible_fields():
                    wizard_field(field)
                    english_of(field, True)

    return once


def bench_step_pages(runs: int) -> None:
    from django.core.management import call_command

    from contracts.clauses.versions import library_import

    call_command("migrate", verbosity=0, interactive=False)
    library_import()  # as in the load test (and make bench's download): the findings cite its clauses
    print(f"\nstep pages: server CPU time in ms, the minimum of {runs} runs")
    _bench_draft("the load test's draft (sample, Chinese)", minimal_answers(), runs)
    _bench_draft("every option, bilingual", full_answers(), runs)


def _bench_draft(title: str, answers: dict, runs: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from contracts.models import Draft
    from contracts.organisations import organisation_first
    from contracts.wizard.steps import STEPS, answers_to_data
    from tests.factories import wrong_step_data

    owner = get_user_model().objects.create(username=f"bench-{get_user_model().objects.count()}")
    draft = Draft.objects.create(
        owner=owner,
        organisation=organisation_first(user=owner),
        title=title,
        answers=answers,
        status=Draft.Status.COMPLETE,
        step_reached=len(STEPS) - 1,
    )
    client = Client()
    client.force_login(owner)
    print(f"{title:42} {'fields':>6} {'page':>7} {'fields only':>12} {'page, errors':>13} {'save':>6}")
    for step in STEPS:
        url = reverse("draft_step", args=[draft.pk, step.key])
        data = answers_to_data(step, answers[step.key])
        broken = wrong_step_data(step, answers[step.key]) | {"_action": "save", "_step": step.key}

        def page(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        def page_with_errors(url=url, broken=broken):
            response = client.post(url, broken)
            assert response.status_code == 200, response.status_code

        def save(url=url, data=data):  # as the load test posts it: the saved answers, Next
            response = client.post(url, data)
            assert response.status_code == 302, response.status_code

        fields = page().content.count(b'id="div_')
        print(
            f"  {step.key:40} {fields:6d} {min_cpu_ms(page, runs):7.1f} "
            f"{min_cpu_ms(_fields_only(step, data), runs):12.1f} {min_cpu_ms(page_with_errors, runs):13.1f} "
            f"{min_cpu_ms(save, runs):6.1f}"  # last: it drops the input the wrong answers left
        )

    def review():
        response = client.get(reverse("draft_review", args=[draft.pk]))
        assert response.status_code == 200, response.status_code

    print(f"  {'review page':40} {'':6} {min_cpu_ms(review, runs):7.1f}")
