from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from contracts.clauses.snapshot import library_snapshot
from contracts.management.commands._answers import load_typed_answers
from contracts.pipeline import build_document
from contracts.rendering import FORMATS, LANGUAGES, LAYOUTS, render
from contracts.rendering.docx import with_track_changes


class Command(BaseCommand):
    help = "Render a contract from an answers document (JSON), validated as the wizard validates it."

    def add_arguments(self, parser):
        parser.add_argument("answers", help="path to the answers JSON document")
        parser.add_argument("--language", choices=LANGUAGES, default="zh")
        parser.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="file to write")
        parser.add_argument("--number", default="", help="contract number to print (default: a blank to fill in)")
        parser.add_argument("--layout", choices=LAYOUTS, default="columns", help="bilingual layout")
        parser.add_argument(
            "--track-changes",
            action="store_true",
            help="DOCX only: Word records every edit as a tracked change from the moment the file is opened",
        )

    def handle(self, *args, answers, language, fmt, output, number, layout, track_changes, **options):
        if track_changes and fmt != "docx":
            raise CommandError("--track-changes: only a Word file (--format docx) records tracked changes")
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
        # dated now, as a download from the site is: the cover's draft date and the file's creation date
        generated_at = timezone.now().replace(microsecond=0)
        content = render(document, language=language, fmt=fmt, layout=layout, generated_at=generated_at)
        Path(output).write_bytes(with_track_changes(content) if track_changes else content)
        self.stdout.write(f"wrote {output}")
