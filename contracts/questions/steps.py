"""The eight steps in the buyer's words: each step's title and introduction, and its lists with their
labels, the rows the wizard pre-fills and the answer they are asked under. The one registry of steps: the
wizard pairs each with its form (contracts/wizard/steps.py); the rest of the app names steps from here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from contracts.terms import schema
from contracts.terms.answers import ASKED_IF


@dataclass(frozen=True)
class ListSpec:
    name: str
    label: Promise
    default_rows: tuple = ()
    show_if: tuple[str, tuple] | None = None


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    intro: Promise
    lists: tuple[ListSpec, ...] = field(default_factory=tuple)


STEPS: tuple[Step, ...] = (
    Step(
        "parties",
        _("Parties"),
        _("Who signs: your company (Party A) and the vendor (Party B), and the language of the contract."),
    ),
    Step(
        "scope",
        _("Service scope"),
        _("What you buy. Your requirement list becomes an annex and the yardstick for acceptance."),
        (
            ListSpec("other_modules", _("Other modules")),
            ListSpec("integrations", _("Integrations")),
            ListSpec("requirements", _("Requirements")),
        ),
    ),
    Step(
        "implementation",
        _("Implementation"),
        _("How the system goes live, how your data moves over, and how you accept the work before paying for it."),
        (ListSpec("milestones", _("Milestones"), show_if=ASKED_IF["implementation"]["milestones"]),),
    ),
    Step("term", _("Term"), _("How long the contract runs, how it renews and how you can leave.")),
    Step(
        "sla",
        _("Service levels"),
        _("Measurable availability and support targets, and what you get when the vendor misses them."),
        (
            ListSpec("credit_table", _("Credit table"), schema.LISTS["sla"]["credit_table"].initial),
            ListSpec("severity_targets", _("Severity targets"), schema.LISTS["sla"]["severity_targets"].initial),
        ),
    ),
    Step(
        "pricing",
        _("Price and payment"),
        _("What you pay, when, and how much the price may rise."),
        (
            ListSpec("module_prices", _("Module prices"), show_if=ASKED_IF["pricing"]["module_prices"]),
            ListSpec("usage_addons", _("Usage charges")),
            ListSpec("one_time_fees", _("One-time fees")),
        ),
    ),
    Step(
        "data",
        _("Data protection"),
        _("Your data stays yours: where it lives, who may touch it, and how you get it back."),
        (
            ListSpec(
                "eu_affiliates", _("EU affiliates that use the service"), show_if=ASKED_IF["data"]["eu_affiliates"]
            ),
        ),
    ),
    Step("legal", _("Liability and disputes"), _("How much the vendor answers for, and where a dispute is decided.")),
)
STEP_KEYS = tuple(s.key for s in STEPS)
BY_KEY = {s.key: s for s in STEPS}


def pending_steps(draft) -> list[Step]:
    """The steps holding input kept ("Save draft", "Back", leaving the step) that is not valid yet: it is in
    no contract, so nothing is printed from the draft until it is saved or discarded."""
    return [step for step in STEPS if step.key in (draft.pending_input or {})]
