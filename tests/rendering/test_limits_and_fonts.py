"""Rendering under limits, and characters a user may type that the main font lacks."""

import io
import os
import re

import pdfplumber
import pytest
from pypdf import PdfReader

from benchmarks.reference import document_for
from contracts.rendering import RenderFailed, render
from contracts.rendering.limits import run_limited
from tests.factories import answers_document
from tests.rendering.conftest import GENERATED_AT


def test_a_render_that_overruns_its_time_is_stopped_and_the_worker_lives_on():
    def forever() -> bytes:
        while True:
            pass

    with pytest.raises(RenderFailed, match="longer than 1 seconds"):
        run_limited(forever, timeout=1, memory_mb=200)
    assert run_limited(lambda: b"still here", timeout=5, memory_mb=200) == b"still here"


@pytest.mark.idle_renders
@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux only")
def test_the_render_child_only_takes_cpu_time_page_requests_leave_over():
    assert (
        run_limited(lambda: str(os.sched_getscheduler(0)).encode(), timeout=10, memory_mb=200)
        == str(os.SCHED_IDLE).encode()
    )
    assert os.sched_getscheduler(0) == os.SCHED_OTHER  # the web worker itself is untouched


@pytest.mark.idle_renders  # the nice level replaces SCHED_IDLE: the real priority path
def test_on_a_machine_shared_with_other_busy_work_the_render_child_can_run_at_a_nice_level(settings):
    """SCHED_IDLE there would leave the buyer's render only the CPU time the other work leaves over."""
    settings.RENDER_PRIORITY = "10"
    own = os.getpriority(os.PRIO_PROCESS, 0)

    def priority() -> bytes:
        return f"{os.sched_getscheduler(0)} {os.getpriority(os.PRIO_PROCESS, 0)}".encode()

    assert run_limited(priority, timeout=10, memory_mb=200) == f"{os.SCHED_OTHER} {max(10, own)}".encode()
    assert os.getpriority(os.PRIO_PROCESS, 0) == own  # the worker itself is untouched


def test_a_render_that_needs_too_much_memory_fails_with_a_message():
    def hog() -> bytes:
        return b"x" * (400 * 1024 * 1024)

    with pytest.raises(RenderFailed, match="more than 100 MB"):
        run_limited(hog, timeout=30, memory_mb=100)


def test_an_error_in_the_child_is_reported_not_raised_in_the_parent_process():
    pid = os.getpid()

    def boom() -> bytes:
        raise ValueError("broken template")

    with pytest.raises(RenderFailed, match="broken template"):
        run_limited(boom, timeout=10, memory_mb=200)
    assert os.getpid() == pid


def test_a_pathological_draft_fails_with_a_clear_message(settings):
    settings.RENDER_TIMEOUT_SECONDS = 3
    requirements = [
        {
            "id": f"R{i}",
            "text": "系统应当支持客户数据的同步与审计。" * 235,
            "priority": "must",
            "acceptance_test": "验收测试",
        }
        for i in range(200)
    ]
    document = document_for(answers_document(scope={"requirements": requirements}))
    with pytest.raises(RenderFailed, match="too long to print"):
        render(document, language="zh", fmt="pdf", generated_at=GENERATED_AT)


def fonts_by_text(pdf: bytes) -> dict[str, str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return {ch["text"]: ch["fontname"] for page in doc.pages[:1] for ch in page.chars}


def test_rare_characters_and_emoji_in_names_print_with_a_fallback_font():
    answers = answers_document(
        parties={
            "buyer_name": "㐀䶮𠀀𪚥贸易有限公司",
            "buyer_contact_name": "李雷 😀👍🏽",
            "contract_language": "zh",
            "prevailing_language": None,
        }
    )
    pdf = render(document_for(answers), language="zh", fmt="pdf", generated_at=GENERATED_AT)
    fonts = fonts_by_text(pdf)
    for char in "㐀䶮𠀀𪚥😀":
        assert char in fonts, char  # printed, with a glyph that maps back to the character
    assert "HanaMin" in fonts["𠀀"] and "Noto-Serif-CJK" in fonts["㐀"]
    assert "Emoji" in fonts["😀"]
    assert not any("Emoji" in fonts[d] for d in "0123456789" if d in fonts)  # digits stay in the serif face
    assert re.search("㐀䶮𠀀𪚥贸易有限公司", "".join(fonts))


def test_pdf_a_variant_for_archiving(minimal_document):
    pdf = render(minimal_document, language="zh", fmt="pdf", generated_at=GENERATED_AT, pdf_variant="pdf/a-3u")
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="U"' in xmp
    assert "/OutputIntents" in root


def test_a_render_collects_garbage_less_often_and_leaves_the_process_as_it_found_it(monkeypatch):
    """The raised collector thresholds are the render's own: a web worker that renders in process (tests,
    RENDER_ISOLATED off) keeps Python's, also when the render fails."""
    import gc

    from contracts.rendering import pdf

    during = []

    def write_pdf(self, **options):
        during.append(gc.get_threshold())
        raise RuntimeError("the render failed")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", write_pdf)
    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        pdf.html_to_pdf("<p>合同</p>")
    assert during == [pdf.RENDER_GC_THRESHOLDS] and during[0][0] > before[0]
    assert gc.get_threshold() == before
