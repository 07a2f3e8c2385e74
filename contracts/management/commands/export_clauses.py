from pathlib import Path

from django.core.management.base import BaseCommand

from contracts.clauses.files import library_export


class Command(BaseCommand):
    help = "Write the current clause library as reviewable YAML files (the format import_clauses reads)."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        written = library_export(directory=Path(directory))
        self.stdout.write(f"{len(written)} files written to {directory}")
