"""A complete, valid typed answers document: the app's standard sample draft, typed as the wizard types it.

One sample for the app and the tests: `contracts.clauses.samples.STANDARD` (every step of answers.md,
realistic values), through the wizard's own validation, so the dates are dates and the amounts Decimals.
"""

from __future__ import annotations

import copy

from contracts.clauses.samples import STANDARD

BUYER_USCC = STANDARD["parties"]["buyer_uscc"]  # check characters computed per GB 32100-2015
VENDOR_USCC = STANDARD["parties"]["vendor_uscc"]


def complete_answers() -> dict:
    """A fresh dict each call, so a test may change it freely."""
    from contracts.wizard.steps import validate_answers  # needs Django's apps loaded

    typed, problems = validate_answers(copy.deepcopy(STANDARD))
    assert not problems, problems
    return typed
