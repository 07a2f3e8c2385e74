from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contracts.clauses.engine import ClauseTemplateError
from contracts.clauses.library import LIBRARY_DIR, library_import


class Command(BaseCommand):
    help = "Load the clause library from YAML files (the shipped library by default); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(LIBRARY_DIR))

    def handle(self, *args, directory, **options):
        if not Path(directory).is_dir():
            raise CommandError(f"{directory}: not a directory")
        try:
            result = library_import(directory=Path(directory))
        except ClauseTemplateError as exc:
            raise CommandError(f"clause library refused: {exc}") from exc
        self.stdout.write(
            f"clauses: {result.clauses_created} new, {result.versions_created} new versions, "
            f"{result.unchanged} unchanged"
        )
