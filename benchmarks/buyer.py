"""The download as the buyer feels it: the second half of `make bench`. Not a test: it prints figures.

It starts, on 127.0.0.1 and free ports, what `make run` and the load test run: gunicorn (DEBUG off, the
static files collected) and one render worker (`db_worker`), on a throwaway SQLite database of its own in a
temporary folder (or BUYER_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/contracts_bench_buyer: that
database is dropped and created again), and seeds one buyer
whose draft is one step short of complete: a built-in sample (`contracts/clauses/samples.py`) in Chinese,
every step answered, the last step ("Liability and disputes") not saved yet. Then Debian's Chromium
(Playwright, never a downloaded browser) plays the buyer, each time with another negotiation period so that
every PDF is a fresh render:

- **at once**: saves the last step, lands on the review page, clicks "Download" at once: the time from the
  click (and from the save) until the PDF has arrived (target: 2.0 s p95 from the click);
- **after 5 s**: the same, but clicks 5 s after the review page has loaded (target: 50 ms p95).

Between two tries the draft is put back one step short of complete, untimed. The render jobs' own records
show where the time went: the worker's pick-up (job created → started) and the render (started →
finished). Everything started is stopped at the end, also on failure or Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
AT_ONCE_P95_S = 2.0
LATER_P95_S = 0.050
LATER_WAIT_S = 5.0
USERNAME = "benchbuyer"
LAST_STEP = "legal"
CHANGED_FIELD = "negotiation_days"  # printed in the disputes clause; 1–90
KEEP = Path(tempfile.gettempdir()) / "contracts-bench-last"  # the servers' logs of the last run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- the throwaway site -------------------------------------------------------------------------------


def site_environment(work: Path, database_url: str | None) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url or f"sqlite:///{work}/bench.sqlite3",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "AXES_ENABLED": "0",
        "CONTRACTS_PER_HOUR": "100000",
        "MEDIA_ROOT": str(work / "media"),
        "RENDER_SLOTS_DIR": str(work / "slots"),
        "LOG_LEVEL": "ERROR",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def seed(env: dict[str, str], sample: str, password: str) -> int:
    """The buyer and a draft one step short of complete; its id. Runs in a child: Django gets this site's
    environment, not the render benchmark's."""
    code = f"""
import django; django.setup()
from django.contrib.auth import get_user_model
from contracts.clauses.samples import patched, sample_document
from contracts.models import Draft
from contracts.organisations import organisation_first
from contracts.terms.checks import to_json
from contracts.wizard.steps import STEPS, BoundStep
answers = patched(sample_document({sample!r}), {{"parties": {{"contract_language": "zh", "prevailing_language": None}}}})
for step in STEPS:  # stored as the wizard stores it
    bound = BoundStep.from_answers(step, answers.get(step.key) or {{}})
    assert bound.is_valid(), f"the sample's step {{step.key}} is not valid"
    answers[step.key] = to_json(bound.typed())
user = get_user_model().objects.create_user({USERNAME!r}, password={password!r})
draft = Draft.objects.create(
    owner=user, organisation=organisation_first(user=user), title="Bench CRM", answers=answers,
    step_reached=len(STEPS) - 1,
)
print(draft.pk)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def one_step_short(env: dict[str, str], draft_id: int) -> None:
    """Untimed, between two tries: the last step not saved yet (the answers stay; the status goes back)."""
    code = f"""
import django; django.setup()
from contracts.models import Draft
from contracts.wizard.steps import STEPS
Draft.objects.filter(pk={draft_id}).update(status=Draft.Status.IN_PROGRESS, step_reached=len(STEPS) - 1)
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def render_jobs(env: dict[str, str], draft_id: int) -> list[tuple[float, float, float]]:
    """(created, started, finished) of the draft's finished render jobs, oldest first: seconds since the epoch,
    on the clock of this machine, as the tries' own times."""
    code = f"""
import django; django.setup()
from contracts.models import RenderJob
for times in RenderJob.objects.filter(draft_id={draft_id}, status="done").exclude(
    started_at=None).exclude(finished_at=None).order_by("created_at").values_list("created_at", "started_at", "finished_at"):
    print(*(t.timestamp() for t in times))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return [tuple(map(float, line.split())) for line in out.stdout.splitlines() if line.strip()]


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path, ready_url: str | None = None):
    """A server process in a group of its own; stopped (TERM, then KILL) on the way out."""
    with open(log, "w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        if ready_url:
            for _ in range(240):
                try:
                    urllib.request.urlopen(ready_url, timeout=2).close()
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(f"{args[1]} stopped:\n{log.read_text()[-3000:]}") from None
                    time.sleep(0.25)
            else:
                raise RuntimeError(f"no answer from {ready_url}")
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def keep_logs(work: Path) -> None:
    KEEP.mkdir(exist_ok=True)
    for log in work.glob("*.log"):
        shutil.copy(log, KEEP / log.name)


# --- the buyer ----------------------------------------------------------------------------------------


@dataclass
class Tries:
    name: str
    target: float
    wait: float  # seconds between the review page's arrival and the click
    from_click: list[float] = field(default_factory=list)
    from_save: list[float] = field(default_factory=list)
    review: list[float] = field(default_factory=list)
    generate: list[float] = field(default_factory=list)  # the click's POST, sent → answered
    download_started: list[float] = field(default_factory=list)  # click → the browser's download begins
    polls: list[int] = field(default_factory=list)
    moments: list[tuple[float, float, float]] = field(default_factory=list)  # (saved, clicked, received), per try
    queued: list[float] = field(default_factory=list)  # the save's click → its render job created
    after_render: list[float] = field(default_factory=list)  # the render job finished → the PDF received

    def add_jobs(self, jobs: list[tuple[float, float, float]]) -> None:
        """The render job of each try (one per try, in order): where the time outside the render went."""
        for (saved, _clicked, received), (created, _started, finished) in zip(self.moments, jobs, strict=True):
            self.queued.append(created - saved)
            self.after_render.append(received - finished)

    def summary(self) -> list[str]:
        def line(label: str, values: list[float]) -> str:
            if not values:  # e.g. no POST answered before the file arrived (the page had it already)
                return f"  {label:<26}-"
            return (
                f"  {label:<26}p50 {statistics.median(values) * 1000:7.0f} ms   p95 "
                f"{percentile(values, 0.95) * 1000:7.0f} ms   max {max(values) * 1000:7.0f} ms"
            )

        p95 = percentile(self.from_click, 0.95)
        verdict = "met" if p95 <= self.target else "MISSED"
        return [
            f"{self.name} ({len(self.from_click)} tries):",
            line("click → PDF received", self.from_click),
            line("save → PDF received", self.from_save),
            line("save → review page loaded", self.review),
            line("POST of the click (answered)", self.generate),
            line("click → download begins", self.download_started),
            *([line("save → render queued", self.queued)] if self.queued else []),
            *([line("render stored → PDF received", self.after_render)] if self.after_render else []),
            f"  status polls per click      {statistics.median(self.polls):g} median, {max(self.polls)} max",
            f"  target: click → PDF ≤ {self.target * 1000:.0f} ms p95: {verdict} ({p95 * 1000:.0f} ms)",
        ]


def log_in(page, base: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("main form button.btn-primary, form button.btn-primary").first.click()


def one_try(page, base: str, draft_id: int, days: int, tries: Tries) -> None:
    page.goto(f"{base}/drafts/{draft_id}/step/{LAST_STEP}/")
    page.fill(f"input[name={CHANGED_FIELD}]", str(days))
    saved = time.time()  # the wall clock throughout: the page's click time is on it too
    with page.expect_navigation(wait_until="load"):
        page.locator("button.btn-primary[name=_action][value=next]").click()
    if not page.url.endswith(f"/drafts/{draft_id}/review/"):
        problems = page.locator(".alert, .invalid-feedback, [role=alert]").all_inner_texts()
        raise RuntimeError(f"the save led to {page.url}, not the review page: {problems} (logs: {KEEP})")
    arrived = time.time()
    if tries.wait:
        page.wait_for_timeout(tries.wait * 1000)
    button = page.get_by_role("button", name="Download", exact=True)  # the draft in the contract language
    requests: list = []

    def sent(request) -> None:
        requests.append(request)

    page.on("request", sent)
    # the click as the page sees it (Playwright's own checks before it clicks are not the buyer's wait)
    page.evaluate(
        "() => document.addEventListener('click', () => { window.clickedAt = performance.timeOrigin + "
        "performance.now(); }, {capture: true, once: true})"
    )
    with page.expect_download(timeout=300_000) as waiting:
        button.click()
    download = waiting.value
    started = time.time()
    path = download.path()  # returns once the whole file has arrived
    received = time.time()
    clicked = page.evaluate("() => window.clickedAt") / 1000
    pdf = Path(path).read_bytes()
    if not pdf.startswith(b"%PDF") or not download.suggested_filename.endswith("-zh.pdf"):
        raise RuntimeError(f"not the Chinese PDF: {download.suggested_filename}, {pdf[:20]!r}")
    page.remove_listener("request", sent)
    tries.polls.append(sum(1 for request in requests if "/renders/" in request.url))
    tries.generate.extend(
        r.timing["responseEnd"] / 1000 for r in requests if r.method == "POST" and r.timing["responseEnd"] > 0
    )
    tries.download_started.append(started - clicked)
    tries.from_click.append(received - clicked)
    tries.from_save.append(received - saved)
    tries.review.append(arrived - saved)
    tries.moments.append((saved, clicked, received))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tries", type=int, default=10, help="tries of each case (default 10)")
    parser.add_argument("--sample", default="standard", help="built-in sample, printed in Chinese (default standard)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (4 threads each)")
    parser.add_argument("--worker-interval", help="db_worker --interval (default: the command's own)")
    parser.add_argument("--later", type=float, default=LATER_WAIT_S, help="seconds before the later click (default 5)")
    parser.add_argument("--only", choices=("at-once", "later"), help="only one of the two cases")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium (the benchmark never downloads a browser)")

    print(f"\n== the buyer's download, timed in Chromium (sample {args.sample!r} in Chinese) ==", flush=True)
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="contracts-bench-")))
        stack.callback(keep_logs, work)
        database_url = os.environ.get("BUYER_DATABASE_URL")
        env = site_environment(work, database_url)
        if database_url and database_url.startswith("postgres"):  # dropped and created again: its own name
            server, name = database_url.rsplit("/", 1)
            subprocess.run([sys.executable, "benchmarks/fresh_database.py", server, name], cwd=ROOT, check=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "import_clauses")
        manage(env, "collectstatic", "--noinput", "-v", "0")  # DEBUG off: WhiteNoise serves staticfiles/
        password = secrets.token_urlsafe(12)
        draft_id = seed(env, args.sample, password)

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        gunicorn = [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
        ]
        gunicorn += ["--workers", str(args.workers), "--worker-class", "gthread", "--threads", "4", "--preload"]
        # every request with its time in the server (kept with the logs of the last run)
        gunicorn += ["--access-logfile", str(work / "access.log"), "--access-logformat", '%(t)s "%(r)s" %(s)s %(M)sms']
        stack.enter_context(process(gunicorn, env, work / "gunicorn.log", f"{base}/accounts/login/"))
        worker = [sys.executable, "manage.py", "db_worker", "--no-reload"]
        if args.worker_interval:
            worker += ["--interval", args.worker_interval]
        stack.enter_context(process(worker, env, work / "worker.log"))
        print(
            f"gunicorn ({args.workers} workers x 4 threads) and one db_worker{' --interval ' + args.worker_interval if args.worker_interval else ''} "
            f"on {base}; database {env['DATABASE_URL'].split(':')[0]}; render priority "
            f"{env.get('RENDER_PRIORITY', 'idle')}; load average {load_average()}",
            flush=True,
        )

        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # nothing here touches Django; Playwright keeps a loop
        from playwright.sync_api import sync_playwright

        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        page = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, base, password)

        cases = []
        if args.only != "later":
            cases.append(Tries("click at once", AT_ONCE_P95_S, wait=0))
        if args.only != "at-once":
            cases.append(Tries(f"click {args.later:g} s after arriving", LATER_P95_S, wait=args.later))
        days = iter(range(31, 91))
        # a warm-up try, untimed: the browser's cache, the servers' first requests, the worker's first render
        one_try(page, base, draft_id, next(days), Tries("warm-up", 0, wait=0))
        for tries in cases:
            for _ in range(args.tries):
                one_step_short(env, draft_id)
                one_try(page, base, draft_id, next(days), tries)
                print(".", end="", flush=True)
            print(flush=True)
        jobs = render_jobs(env, draft_id)[1:]  # the warm-up's first
        print(f"load average at the end: {load_average()}")
        if len(jobs) == sum(len(tries.moments) for tries in cases):  # one render per try, as it should be
            first = 0
            for tries in cases:
                tries.add_jobs(jobs[first : first + len(tries.moments)])
                first += len(tries.moments)
        for tries in cases:
            print("\n".join(tries.summary()))
        if jobs:
            pickup = [started - created for created, started, _ in jobs]
            render = [finished - started for _, started, finished in jobs]
            print(
                f"render jobs ({len(jobs)}): worker pick-up p50 {statistics.median(pickup) * 1000:.0f} ms, "
                f"max {max(pickup) * 1000:.0f} ms; render p50 {statistics.median(render):.2f} s, max {max(render):.2f} s"
            )


if __name__ == "__main__":
    main()
