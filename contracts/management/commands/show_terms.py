import dataclasses
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand

from contracts.management.commands._answers import load_typed_answers
from contracts.terms import build_terms


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class Command(BaseCommand):
    help = "Print the figures derived from an answers document (the Terms) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("answers", help="path to the answers JSON document")

    def handle(self, *args, answers, **options):
        _raw, typed = load_typed_answers(answers)
        terms = build_terms(typed)
        self.stdout.write(json.dumps(_plain(terms), ensure_ascii=False, indent=2))
