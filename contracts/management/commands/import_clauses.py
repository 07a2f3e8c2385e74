from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contracts.clauses.engine import ClauseTemplateError
from contracts.clauses.files import LIBRARY_DIR
from contracts.clauses.versions import library_import
from contracts.models import Clause


class Command(BaseCommand):
    help = "Load the clause library from YAML files (the shipped library by default); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(LIBRARY_DIR))
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="switch off active clauses that the files do not have (their versions stay)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="also replace clauses whose current version an admin made (by default they are kept and listed)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load the library only into a database that has no clause yet (what `make run` does)",
        )

    def handle(self, *args, directory, deactivate_missing, force, if_empty, **options):
        if not Path(directory).is_dir():
            raise CommandError(f"{directory}: not a directory")
        if if_empty and (count := Clause.objects.count()):
            self.stdout.write(
                f"the clause library is already loaded ({count} clauses): nothing imported "
                "(run import_clauses without --if-empty to bring in the files' changes)"
            )
            return
        try:
            result = library_import(directory=Path(directory), deactivate_missing=deactivate_missing, force=force)
        except ClauseTemplateError as exc:
            raise CommandError(f"clause library refused: {exc}") from exc
        self.stdout.write(
            f"clauses: {result.clauses_created} new, {result.versions_created} new versions, "
            f"{result.unchanged} unchanged"
        )
        if result.kept:
            self.stdout.write(
                f"kept {len(result.kept)} clauses as an admin last saved them (the files differ): "
                f"{', '.join(result.kept)} (--force replaces them with the files' text)"
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
