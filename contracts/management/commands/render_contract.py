from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contracts.clauses.library import library_snapshot
from contracts.management.commands._answers import load_typed_answers
from contracts.pipeline import build_document
from contracts.rendering import FORMATS, LANGUAGES, render


class Command(BaseCommand):
    help = "Render a contract from an answers document (JSON), validated as the wizard validates it."

    def add_arguments(self, parser):
        parser.add_argument("answers", help="path to the answers JSON document")
        parser.add_argument("--language", choices=LANGUAGES, default="zh")
        parser.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="file to write")
        parser.add_argument("--number", default="", help="contract number to print (default: a blank to fill in)")

    def handle(self, *args, answers, language, fmt, output, number, **options):
        raw, typed = load_typed_answers(answers)
        library = library_snapshot()
        if not any(s.clauses for s in library):
            raise CommandError("the clause library is empty: run `manage.py import_clauses` first")
        document = build_document(
            typed,
            contract_number=number,
            library=library,
            positions=raw.get("positions") if isinstance(raw, dict) else None,
        )
        Path(output).write_bytes(render(document, language=language, fmt=fmt))
        self.stdout.write(f"wrote {output}")
