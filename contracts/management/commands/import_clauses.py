from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contracts.clauses.engine import ClauseTemplateError
from contracts.clauses.library import LIBRARY_DIR, library_import


class Command(BaseCommand):
    help = "Load the clause library from YAML files (the shipped library by default); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(LIBRARY_DIR))
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="switch off active clauses that the files do not have (their versions stay)",
        )

    def handle(self, *args, directory, deactivate_missing, **options):
        if not Path(directory).is_dir():
            raise CommandError(f"{directory}: not a directory")
        try:
            result = library_import(directory=Path(directory), deactivate_missing=deactivate_missing)
        except ClauseTemplateError as exc:
            raise CommandError(f"clause library refused: {exc}") from exc
        self.stdout.write(
            f"clauses: {result.clauses_created} new, {result.versions_created} new versions, "
            f"{result.unchanged} unchanged"
        )
        if result.missing:
            keys = ", ".join(result.missing)
            if result.deactivated:
                self.stdout.write(f"switched off {len(result.missing)} clauses the files do not have: {keys}")
            else:
                self.stdout.write(
                    f"{len(result.missing)} active clauses are not in these files and stay in "
                    f"contracts: {keys} (--deactivate-missing switches them off)"
                )
