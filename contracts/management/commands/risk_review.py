import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contracts.clauses.snapshot import library_snapshot
from contracts.insights import draft_insights
from contracts.management.commands._answers import load_typed_answers
from contracts.questions.display import problem_place
from contracts.rendering.risk import render_risk_pdf


class Command(BaseCommand):
    help = "Run the pre-signing risk review on an answers document: JSON findings, or the review as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("answers", help="path to the answers JSON document")
        parser.add_argument("--format", choices=("json", "pdf"), default="json", dest="fmt")
        parser.add_argument("-o", "--output", help="file to write (JSON goes to standard output without it)")
        parser.add_argument(
            "--language",
            choices=("zh", "en", "bilingual"),
            help="language of the PDF (default: the contract language of the answers)",
        )

    def handle(self, *args, answers, fmt, output, language, **options):
        raw, _typed = load_typed_answers(answers)
        review = draft_insights(raw, library=library_snapshot()).review
        if fmt == "json":
            body = json.dumps(review.as_dict(), ensure_ascii=False, indent=2)
            if output:
                Path(output).write_text(body + "\n", encoding="utf-8")
            else:
                self.stdout.write(body)
            return
        if not output:
            raise CommandError("--format pdf needs -o OUT")
        language = language or raw["parties"].get("contract_language") or "zh"
        Path(output).write_bytes(
            render_risk_pdf(review, language=language, number="", title=Path(answers).stem, place_name=problem_place)
        )
        self.stdout.write(f"wrote {output}")
