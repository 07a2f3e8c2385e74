"""`make scaleout`, the buyer's side: two app servers (A, B), one render worker, shared PostgreSQL and S3.

Run by benchmarks/scaleout.sh once both gunicorn servers answer, with the same environment. It starts and
stops the worker itself (it kills it mid-render on purpose), and checks, as a buyer's browser would:

1. a draft filled in step by step through server A is pre-rendered by the worker, and "Download" through
   server B is then the stored file at once (the same bytes as the object in the bucket);
2. a changed answer saved through A and Download clicked at once through B: the file once printed;
3. another changed answer starts a new render; the worker is killed while it prints; the render is not
   lost: the restarted worker prints it (or it is queued again when B's page asks), and B delivers it.
Exits non-zero on the first thing that does not hold.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "scale-out-Passw0rd-long"
JSON = {"Accept": "application/json"}
WAIT_SECONDS = 900  # renders take seconds on an idle machine, minutes on a busy one


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def setup_buyer() -> tuple[int, dict]:
    """A buyer with an empty draft, and the form data a browser posts for each step of the sample answers."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from benchmarks.loadtest.seed import sample_answers, step_form_data
    from contracts.models import Draft
    from contracts.organisations import organisation_first

    user, _created = get_user_model().objects.get_or_create(username="scaleout")
    user.set_password(PASSWORD)
    user.save()
    draft = Draft.objects.create(owner=user, organisation=organisation_first(user=user), title="Scale-out check")
    return draft.pk, step_form_data(sample_answers())


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/").raise_for_status()
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": "scaleout", "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/"},
    )
    assert response.url.rstrip("/").endswith("/drafts"), f"login at {base} failed: {response.url}"
    return session


def post(session: requests.Session, url: str, data: dict, **kwargs) -> requests.Response:
    return session.post(url, data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]}, **kwargs)


def save_step(session: requests.Session, base: str, draft: int, step: str, data: dict) -> None:
    response = post(session, f"{base}/drafts/{draft}/step/{step}/", data, allow_redirects=False)
    assert response.status_code == 302, f"step {step} was not saved through {base}: {response.status_code}"


def job_status(draft: int) -> str | None:
    from contracts.models import RenderJob

    job = RenderJob.objects.filter(draft_id=draft).order_by("-created_at").first()
    return job and job.status


def wait_for(what: str, condition, seconds: float = WAIT_SECONDS, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise SystemExit(f"FAILED: {what} did not happen within {seconds:g} s")


def download(session: requests.Session, base: str, draft: int, language: str) -> tuple[bytes, float, int]:
    """Click Download through `base` and follow the page's polling to the file: (bytes, seconds, polls)."""
    started = time.monotonic()
    state = post(session, f"{base}/drafts/{draft}/generate/", {"language": language, "format": "pdf"}, headers=JSON)
    state = state.json()
    polls = 0
    while state["status"] in ("queued", "running"):
        time.sleep(0.5)
        polls += 1
        state = session.get(base + state["status_url"], headers=JSON).json()
        if time.monotonic() - started > WAIT_SECONDS:
            raise SystemExit("FAILED: the render did not finish")
    assert state["status"] == "done", f"the render failed: {state.get('message')}"
    response = session.get(base + state["download_url"])
    response.raise_for_status()
    return response.content, time.monotonic() - started, polls


def stored_object(contract_pk: int) -> bytes:
    from contracts.models import GeneratedContract

    with GeneratedContract.objects.get(pk=contract_pk).file.open("rb") as stored:
        return stored.read()


class Worker:
    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        out = self.log_path.open("a")
        command = [sys.executable, "manage.py", "db_worker", "--no-reload", "-v", "2"]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        log(f"worker started (pid {self.process.pid})")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        log(f"worker killed with SIGKILL (pid {self.process.pid})")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server-a", required=True)
    parser.add_argument("--server-b", required=True)
    parser.add_argument("--worker-log", required=True, type=Path)
    args = parser.parse_args()
    a, b = args.server_a, args.server_b
    draft, steps = setup_buyer()
    language = "zh"
    worker = Worker(args.worker_log)
    worker.start()
    try:
        at_a, at_b = signed_in(a), signed_in(b)
        log(f"draft {draft}: every step saved through A ({a})")
        for step, data in steps:
            save_step(at_a, a, draft, step, data)
        wait_for("the pre-render of the completed draft", lambda: job_status(draft) == "done")
        log("the worker pre-rendered it")
        content, seconds, polls = download(at_b, b, draft, language)
        from contracts.models import GeneratedContract

        contract = GeneratedContract.objects.get(draft_id=draft)
        assert content.startswith(b"%PDF") and content == stored_object(contract.pk)
        log(
            f"downloaded through B ({b}) in {seconds * 1000:.0f} ms ({polls} polls): the bucket's object, {len(content):,} bytes"
        )

        hits = sorted(download(at_b, b, draft, language)[1] for _ in range(10))
        log(
            f"10 more downloads through B (a lookup by content hash): median {hits[5] * 1000:.0f} ms, max {hits[-1] * 1000:.0f} ms"
        )

        parties = dict(steps[0][1])
        parties["buyer_name"] = "上海扩展测试贸易有限公司"
        save_step(at_a, a, draft, steps[0][0], parties)
        content, seconds, polls = download(at_b, b, draft, language)
        log(f"a changed answer saved through A, Download clicked at once through B: the file after {seconds:.1f} s")

        parties["buyer_name"] = "上海扩展测试贸易有限公司"
        parties["buyer_address"] = "上海市浦东新区扩展路1号"
        save_step(at_a, a, draft, steps[0][0], parties)
        log("a changed answer saved through A: a new render is queued")
        wait_for("the worker starting the new render", lambda: job_status(draft) == "running", every=0.05)
        time.sleep(0.5)  # well into the render
        worker.kill()
        time.sleep(1)
        assert job_status(draft) == "running", "the render of the killed worker was lost"
        log("the render is still recorded as running (not lost); restarting the worker")
        worker.start()
        wait_for("the restarted worker queueing it again", lambda: "queued again" in args.worker_log.read_text())
        log("the restarted worker found the render of the killed one and queued it again")
        content, seconds, polls = download(at_b, b, draft, language)
        newest = GeneratedContract.objects.filter(draft_id=draft).order_by("-pk").first()
        assert newest.answers["parties"]["buyer_address"] == "上海市浦东新区扩展路1号"
        assert content == stored_object(newest.pk)
        log(f"the restarted worker finished it; downloaded through B after {seconds:.1f} s ({polls} polls)")
        print("\nOK: two app servers, one worker, shared PostgreSQL and S3-compatible storage.")
    finally:
        worker.stop()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.production")
    main()
