from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from contracts.questions.reference import answers_reference

REFERENCE = Path(settings.BASE_DIR) / "docs" / "answers.md"


class Command(BaseCommand):
    help = "Print the answers document's reference (docs/answers.md), written from the wizard's step registry."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="write it to docs/answers.md")
        parser.add_argument("--check", action="store_true", help="fail if the file is out of date")

    def handle(self, *args, write: bool, check: bool, **options):
        text = answers_reference()
        if check:
            if not REFERENCE.exists() or REFERENCE.read_text(encoding="utf-8") != text:
                raise CommandError(f"{REFERENCE} is out of date: run `manage.py answers_reference --write`.")
            return
        if write:
            REFERENCE.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {REFERENCE}")
            return
        self.stdout.write(text, ending="")
