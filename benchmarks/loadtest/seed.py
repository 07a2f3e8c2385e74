"""Prepare the load test: buyers with a complete draft each, its PDF rendered, and the wizard's form data.

Run by `make loadtest` (benchmarks/loadtest/run.sh) against the load-test database, with the app's
settings. Writes a plan (JSON) that the locust file reads: the buyers' credentials, their drafts, and what
a browser posts for each wizard step. Every buyer's PDF is rendered here, untimed, so that the run measures
what a buyer sees on a warm system: the same draft again is a cache hit; a changed answer is a first render.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def sample_answers() -> dict:
    """The sample draft in Chinese: the contract language the PDF is pre-rendered in."""
    from benchmarks.reference import minimal_answers

    return minimal_answers()


def step_form_data(answers: dict) -> list[tuple[str, dict]]:
    from contracts.wizard.steps import STEPS
    from tests.helpers import post_data

    return [(step.key, post_data(step.key, answers[step.key])) for step in STEPS]


def create_buyers(count: int, password: str, answers: dict) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from contracts.models import Draft
    from contracts.organisations import organisation_first
    from contracts.wizard.steps import STEP_KEYS

    User = get_user_model()
    hashed = make_password(password)  # one hash for all: 20 PBKDF2 rounds would only slow the setup
    buyers = []
    for i in range(1, count + 1):
        user, _created = User.objects.update_or_create(username=f"loadbuyer{i:02d}", defaults={"password": hashed})
        Draft.objects.filter(owner=user).delete()
        draft = Draft.objects.create(
            owner=user,
            organisation=organisation_first(user=user),
            title=f"Load test {i:02d}",
            answers=answers,
            step_reached=len(STEP_KEYS),
            status=Draft.Status.COMPLETE,
        )
        buyers.append({"username": user.username, "draft": draft.pk})
    return buyers


def prerender(buyers: list[dict]) -> None:
    from django import db

    from contracts.models import Draft
    from contracts.services import contract_generate

    def one(draft_pk: int) -> None:
        try:
            contract_generate(draft=Draft.objects.get(pk=draft_pk), language="zh", fmt="pdf")
        finally:
            db.connections.close_all()

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # each render is a forked child
        list(pool.map(one, [b["draft"] for b in buyers]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--buyers", type=int, default=20)
    parser.add_argument("--plan", required=True, help="where to write the plan (JSON)")
    args = parser.parse_args()

    import django

    django.setup()
    from contracts.terms.checks import to_json

    answers = to_json(sample_answers())
    password = secrets.token_urlsafe(16)
    buyers = create_buyers(args.buyers, password, answers)
    prerender(buyers)
    plan = {
        "password": password,
        "buyers": buyers,
        "steps": step_form_data(answers),
        "seat_count": answers["scope"]["seat_count"],
    }
    Path(args.plan).write_text(json.dumps(plan, ensure_ascii=False))
    print(f"seeded {len(buyers)} buyers, each with a complete draft and its PDF; plan in {args.plan}")


if __name__ == "__main__":
    main()
