"""Render benchmark: `make bench`. Not a test: it prints figures for docs/performance.md.

For each reference contract it reports the median render time over several runs in a warm process (the
production path: WeasyPrint in a forked child under the render limits), the child's peak memory, the PDF's
size and page count, and Chromium printing the same HTML, as a ratio. Then the cached path: a repeated
"Download PDF" of an unchanged draft. Then the wizard's step pages (benchmarks/step_pages.py;
`--pages-only` for those alone).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.reference import document_for, full_answers, minimal_answers, setup_django  # noqa: E402
from benchmarks.step_pages import bench_step_pages  # noqa: E402

GENERATED_AT = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def median_seconds(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


class ChromiumPrinter:
    """Headless Debian Chromium through Playwright; never downloads a browser."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self._page = self._browser.new_page()

    def pdf(self, html: str) -> bytes:
        self._page.set_content(html, wait_until="load")
        return self._page.pdf(format="A4", prefer_css_page_size=True)

    def close(self):
        self._browser.close()
        self._playwright.stop()


def bench_renders(runs: int, chromium: ChromiumPrinter | None) -> None:
    from contracts.rendering import render
    from contracts.rendering.html import render_html

    cases = [
        ("full, bilingual (columns), every annex", document_for(full_answers()), "bilingual", "columns"),
        ("full, bilingual (paragraphs)", document_for(full_answers()), "bilingual", "paragraphs"),
        ("minimal, zh only", document_for(minimal_answers()), "zh", "columns"),
    ]
    print(f"{'contract':42} {'median s':>9} {'peak MB':>8} {'PDF KB':>7} {'pages':>6} {'chromium s':>11} {'ratio':>6}")
    for name, document, language, layout in cases:

        def once():
            return render(document, language=language, fmt="pdf", layout=layout, generated_at=GENERATED_AT)

        pdf = once()  # warm: fonts, templates, the first fork
        seconds = median_seconds(once, runs)
        peak = child_peak_mb()
        line = f"{name:42} {seconds:9.2f} {peak:8.0f} {len(pdf) / 1024:7.0f} {page_count(pdf):6d}"
        if chromium:
            html = render_html(document, language, layout=layout, generated_at=GENERATED_AT)
            chromium.pdf(html)
            chrome_seconds = median_seconds(lambda: chromium.pdf(html), runs)
            line += f" {chrome_seconds:11.2f} {seconds / chrome_seconds:6.1f}"
        print(line, flush=True)
        docx_seconds = median_seconds(
            lambda: render(document, language=language, fmt="docx", layout=layout, generated_at=GENERATED_AT), runs
        )
        print(f"{'  same as DOCX':42} {docx_seconds:9.2f}")


def bench_cache_hit(runs: int) -> None:
    """A repeated "Download PDF" of an unchanged draft: hash lookup plus reading the stored file."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test.utils import override_settings

    from contracts.clauses.versions import library_import
    from contracts.models import Draft
    from contracts.organisations import organisation_first
    from contracts.services import contract_generate

    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        call_command("migrate", verbosity=0, interactive=False)
        library_import()
        owner = get_user_model().objects.create(username="bench")
        draft = Draft.objects.create(
            owner=owner,
            organisation=organisation_first(user=owner),
            title="bench",
            answers=full_answers(),
            status=Draft.Status.COMPLETE,
        )
        first = time.perf_counter()
        contract_generate(draft=draft, language="bilingual")
        miss = time.perf_counter() - first

        def hit():
            contract = contract_generate(draft=Draft.objects.get(pk=draft.pk), language="bilingual")
            with contract.file.open("rb") as f:
                return f.read()

        hit()
        print(
            f"\ncached download (unchanged draft): median {median_seconds(hit, runs * 4) * 1000:.1f} ms "
            f"(first render with database and storage: {miss:.2f} s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-chromium", action="store_true")
    parser.add_argument("--page-runs", type=int, default=20, help="runs of each step page (the minimum is kept)")
    parser.add_argument("--pages-only", action="store_true", help="the step pages only, no contract")
    args = parser.parse_args()
    setup_django()
    if args.pages_only:
        bench_step_pages(args.page_runs)
        return
    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()}"
    )
    import weasyprint
    from weasyprint.text.ffi import harfbuzz_subset

    print(f"WeasyPrint {weasyprint.__version__}; HarfBuzz subsetting: {'yes' if harfbuzz_subset else 'NO (fontTools)'}")
    chromium = None
    if not args.no_chromium and Path(CHROMIUM).exists():
        try:
            chromium = ChromiumPrinter()
        except Exception as exc:  # noqa: BLE001 - the comparison is optional
            print(f"chromium: not compared ({exc.__class__.__name__}: {exc})")
    try:
        bench_renders(args.runs, chromium)
    finally:
        if chromium:
            chromium.close()
    bench_cache_hit(args.runs)
    bench_step_pages(args.page_runs)


if __name__ == "__main__":
    main()
