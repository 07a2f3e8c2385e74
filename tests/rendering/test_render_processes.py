"""Render children: they die with their worker, stop at their own deadline, and only a few run at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from contracts.models import GeneratedContract
from contracts.rendering.limits import RenderBusy, render_slot, run_limited
from tests.factories import DraftFactory

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")

# A stand-in for a gunicorn worker: renders "forever" in a child that writes its pid to a file first.
WORKER = """
import os, sys
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from contracts.rendering.limits import run_limited

def forever():
    with open({pidfile!r} + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename({pidfile!r} + ".tmp", {pidfile!r})
    while True:
        pass

run_limited(forever, timeout={timeout}, memory_mb=200)
"""


def alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie waiting for its (stopped) parent."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def worker(tmp_path):
    """Start a worker rendering forever; yields (worker process, render child pid); kills both after."""
    started = []

    def start(timeout: float):
        pidfile = tmp_path / "child.pid"
        script = WORKER.format(root=str(ROOT), pidfile=str(pidfile), timeout=timeout)
        env = {**os.environ, "RENDER_SLOTS_DIR": str(tmp_path / "slots")}
        process = subprocess.Popen([sys.executable, "-c", script], env=env)
        started.append(process)
        assert wait_until(pidfile.exists, 60), "the render child never started"
        child = int(pidfile.read_text())
        started.append(child)
        return process, child

    yield start
    for item in started:
        pid = item if isinstance(item, int) else item.pid
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if not isinstance(item, int):
            item.wait()


@linux_only
def test_a_render_child_dies_with_its_killed_worker(worker):
    process, child = worker(timeout=120)
    assert alive(child)
    os.kill(process.pid, signal.SIGKILL)  # gunicorn's timeout, or the OOM killer
    process.wait()
    assert wait_until(lambda: not alive(child), 10), "the render child outlived its worker"


@linux_only
def test_a_render_child_whose_worker_never_reads_stops_at_its_own_deadline(worker):
    process, child = worker(timeout=1)
    os.kill(process.pid, signal.SIGSTOP)  # a hung worker: it neither reads nor kills the child
    try:
        assert wait_until(lambda: not alive(child), 20), "the render child ran past its own deadline"
    finally:
        os.kill(process.pid, signal.SIGCONT)


# --- render slots --------------------------------------------------------------------------------------

HOLDER = """
import os, sys
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from contracts.rendering.limits import render_slot

with render_slot(wait=30):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def one_slot(settings):
    settings.RENDER_CONCURRENCY = 1
    settings.RENDER_SLOT_WAIT_SECONDS = 0.3


def test_a_render_waits_for_a_slot_another_worker_process_holds_then_asks_to_retry(one_slot, settings):
    env = {**os.environ, "RENDER_SLOTS_DIR": settings.RENDER_SLOTS_DIR, "RENDER_CONCURRENCY": "1"}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(root=str(ROOT))],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RenderBusy, match="try again in a minute"):
            run_limited(lambda: b"never", timeout=5, memory_mb=200)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert run_limited(lambda: b"printed", timeout=5, memory_mb=200) == b"printed"  # the slot is free again


def test_no_more_renders_run_at_once_than_there_are_slots(settings, tmp_path):
    settings.RENDER_CONCURRENCY = 2
    settings.RENDER_SLOT_WAIT_SECONDS = 30
    running = tmp_path / "running"
    running.mkdir()

    def render_and_count() -> bytes:
        """In the child: how many renders run at the same moment as this one."""
        marker = running / str(os.getpid())
        marker.touch()
        time.sleep(0.4)
        at_once = len(list(running.iterdir()))
        marker.unlink()
        return str(at_once).encode()

    seen: list[int] = []

    def one() -> None:
        seen.append(int(run_limited(render_and_count, timeout=20, memory_mb=200)))

    threads = [threading.Thread(target=one) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 5 and max(seen) <= 2


@pytest.mark.django_db
def test_the_buyer_is_asked_to_retry_when_every_render_slot_is_taken(one_slot, alice_client, alice, library, settings):
    settings.RENDER_PRERENDER = "off"
    draft = DraftFactory(owner=alice)
    with render_slot():  # another buyer's render
        response = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "pdf"})
    assert response.status_code == 302 and response["Location"] == f"/drafts/{draft.pk}/review/"
    page = alice_client.get(response["Location"]).content.decode()
    assert "Many contracts are being printed right now" in page
    assert not GeneratedContract.objects.filter(draft=draft).exists()
    response = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "pdf"})
    assert response["Location"].startswith("/contracts/")  # once the slot is free, it prints


@pytest.mark.django_db
def test_a_prerender_never_queues_for_a_slot_ahead_of_buyers(
    one_slot, alice_client, alice, library, settings, monkeypatch
):
    from contracts.rendering import limits

    settings.RENDER_PRERENDER = "on"

    settings.RENDER_SLOT_WAIT_SECONDS = 30

    def no_waiting(seconds):
        raise AssertionError("a pre-render waited for a render slot")

    draft = DraftFactory(owner=alice)
    with render_slot():  # a buyer's render
        monkeypatch.setattr(limits.time, "sleep", no_waiting)
        assert alice_client.get(f"/drafts/{draft.pk}/review/").status_code == 200
        monkeypatch.undo()
    assert not GeneratedContract.objects.filter(draft=draft).exists()  # skipped; "Download PDF" renders it
    alice_client.get(f"/drafts/{draft.pk}/review/")
    assert GeneratedContract.objects.filter(draft=draft, requested_at=None).exists()  # a free slot: pre-rendered
