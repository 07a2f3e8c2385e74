"""Test data: users, vendors, drafts with answers documents. One place, used by every test."""

from __future__ import annotations

import copy

import factory
from django.contrib.auth import get_user_model

from contracts.models import Draft, Membership, Organisation, Vendor
from contracts.organisations import organisation_first
from contracts.terms.checks import to_json
from contracts.wizard.steps import STEP_KEYS, STEPS, BoundStep, answers_to_data
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


def wrong_step_data(step, answers: dict) -> dict:
    """A step's form data with every answer wrong or missing: numbers as text, every other field blank."""
    data = answers_to_data(step, answers)
    for name, field in step.form_class.base_fields.items():
        if name in data:
            numeric = "Integer" in type(field).__name__ or "Decimal" in type(field).__name__
            data[name] = "not a number" if numeric else ""
    return data


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


def organisation_of(user) -> Organisation:
    """The user's first organisation: their own, as sign-up makes it (made here when the factory skipped it)."""
    return organisation_first(user=user)


def member_of(organisation: Organisation, role: str, **user):
    """A user with `role` in the organisation (and an organisation of their own, as every account has)."""
    user = UserFactory(**user)
    organisation_of(user)
    Membership.objects.update_or_create(organisation=organisation, user=user, defaults={"role": role})
    return user


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    owner = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda draft: organisation_of(draft.owner))
    title = factory.Sequence(lambda n: f"CRM 采购 {n}")
    answers = factory.LazyFunction(answers_document)
    step_reached = len(STEP_KEYS)
    status = Draft.Status.COMPLETE
