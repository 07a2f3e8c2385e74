"""Test data: users, vendors, drafts with answers documents. One place, used by every test."""

from __future__ import annotations

import copy

import factory
from django.contrib.auth import get_user_model

from contracts.models import Draft, Vendor
from contracts.terms.checks import to_json
from contracts.wizard.steps import STEP_KEYS, STEPS, BoundStep
from tests.terms.sample_answers import complete_answers

PASSWORD = "correct-horse-battery-staple"


def answers_document(**changes: dict) -> dict:
    """A complete, valid answers document with per-step changes (step={field: value}), stored as the
    wizard stores it: each valid step normalised through its form; an invalid step is left as given."""
    document = to_json(complete_answers())
    for step, fields in changes.items():
        document[step] = {**document[step], **to_json(fields)}
    for step in STEPS:
        bound = BoundStep.from_answers(step, document[step.key])
        if bound.is_valid():
            document[step.key] = to_json(bound.typed())
    return copy.deepcopy(document)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"供应商{n}软件有限公司")
    uscc = "91330106MA2H3K9P1R"
    years_in_business = 8
    customer_count = 500
    certifications = ["iso27001"]


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"CRM 采购 {n}")
    answers = factory.LazyFunction(answers_document)
    step_reached = len(STEP_KEYS)
    status = Draft.Status.COMPLETE
