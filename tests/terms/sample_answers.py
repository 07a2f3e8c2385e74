"""A complete, valid typed answers document: the app's standard sample draft, typed as the wizard types it.

One sample for the app and the tests: `contracts.clauses.samples.STANDARD` (every step of answers.md,
realistic values), through the validation the wizard and the import share (terms.checks), so the dates
are dates and the amounts Decimals.
"""

from __future__ import annotations

import copy

from contracts.clauses.samples import STANDARD
from contracts.terms.checks import check_answers

BUYER_USCC = STANDARD["parties"]["buyer_uscc"]  # check characters computed per GB 32100-2015
VENDOR_USCC = STANDARD["parties"]["vendor_uscc"]


def complete_answers() -> dict:
    """A fresh dict each call, so a test may change it freely."""
    typed, problems = check_answers(copy.deepcopy(STANDARD))
    assert not problems, problems
    return typed
