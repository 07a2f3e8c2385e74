"""Simulated buyers for `make loadtest` (locust, headless). Not a test: it prints figures.

Each buyer logs in, fills the wizard (every step posted with the sample answers, as a browser posts them),
opens the review page, and then, with a short think time, goes back to steps, re-opens the review and
downloads the PDF of the same draft again (a cache hit). Some buyers (LOADTEST_FIRST_RENDER, default 30%)
change one answer once, which makes the next download a first render. Besides, every buyer now and then
prints a new version (LOADTEST_RENDERS, default on): renders run all along beside the page traffic, as
many at once as the site allows (RENDER_CONCURRENCY); one that gets no slot in time is reported as
"generate (busy, retry)", which is the designed answer, not an error. A render is a task of the one
worker run.sh starts: the buyer polls its state (as the Download button's script does) until the file is
there; "first render: click to file" is that whole wait.

The plan (buyers, password, form data) comes from seed.py through LOADTEST_PLAN. Traffic goes to the
--host given on the command line, which run.sh sets to 127.0.0.1.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import random
import time
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"], encoding="utf-8").read())
STEPS: list[tuple[str, dict]] = [(key, data) for key, data in PLAN["steps"]]
FIRST_RENDER_SHARE = float(os.environ.get("LOADTEST_FIRST_RENDER", "0.3"))
RENDERS = os.environ.get("LOADTEST_RENDERS", "1") not in ("0", "")
BUSY_MESSAGES = ("try again in a minute", "请一分钟后再试")  # contracts/rendering/limits.py RenderBusy
_next_buyer = itertools.count()

# Every request, for report.py's steady-state figures: seconds since the start, name, milliseconds, failed.
_REQUEST_LOG = os.environ.get("LOADTEST_REQUEST_LOG")
if _REQUEST_LOG:
    _log_file = open(_REQUEST_LOG, "w", newline="", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    _log = csv.writer(_log_file)
    _started = time.time()

    @events.request.add_listener
    def _log_request(name, response_time, start_time, exception=None, **_kwargs) -> None:
        _log.writerow((f"{start_time - _started:.3f}", name, f"{response_time:.1f}", int(exception is not None)))

    @events.quitting.add_listener
    def _close_log(**_kwargs) -> None:
        _log_file.close()


class Buyer(FastHttpUser):
    """A buyer at a browser. FastHttpUser (geventhttpclient) rather than HttpUser: the load generator
    shares the app's two cores, and it needs a fraction of the CPU per request."""

    wait_time = between(0.5, 2)  # a person reading the page before the next click

    def on_start(self) -> None:
        buyer = PLAN["buyers"][next(_next_buyer) % len(PLAN["buyers"])]
        self.draft = buyer["draft"]
        self.will_change_an_answer = random.random() < FIRST_RENDER_SHARE
        self.client.get("/accounts/login/", name="login page")
        self.wait()
        self.post("/accounts/login/", {"username": buyer["username"], "password": PLAN["password"]}, "login")
        for key, data in STEPS:  # the first pass through the wizard, reading each page before answering
            self.step_page(key)
            self.wait()
            self.step_save(key, data)
        self.review()

    # --- what a buyer does -------------------------------------------------------------------------

    @task(5)
    def revisit_a_step(self) -> None:
        key, data = random.choice(STEPS)
        self.step_page(key)
        self.step_save(key, data)

    @task(3)
    def review(self) -> None:
        self.client.get(f"/drafts/{self.draft}/review/", name="review")

    @task(4)
    def download_the_pdf_again(self) -> None:
        self.download("generate (cache hit)")

    @task(1)
    def change_an_answer_and_download(self) -> None:
        if not self.will_change_an_answer:
            return self.download_the_pdf_again()
        self.will_change_an_answer = False
        key, data = next((k, d) for k, d in STEPS if k == "scope")
        self.step_save(key, {**data, "seat_count": str(PLAN["seat_count"] + random.randint(1, 10_000))})
        self.download("generate (first render)")

    @task(2)
    def print_a_new_version(self) -> None:
        """A changed answer and its PDF: a first render, while the other buyers keep clicking."""
        if not RENDERS:
            return self.revisit_a_step()
        key, data = next((k, d) for k, d in STEPS if k == "scope")
        self.step_save(key, {**data, "seat_count": str(PLAN["seat_count"] + random.randint(1, 90_000))})
        self.download("generate (first render)")

    # --- requests --------------------------------------------------------------------------------

    def step_page(self, key: str) -> None:
        self.client.get(f"/drafts/{self.draft}/step/{key}/", name="step page")

    def step_save(self, key: str, data: dict) -> None:
        self.post(f"/drafts/{self.draft}/step/{key}/", data, "step save")

    def download(self, name: str) -> None:
        clicked, clicked_at = time.monotonic(), time.time()
        location = self.post(f"/drafts/{self.draft}/generate/", {"language": "zh", "format": "pdf"}, name)
        if location and location.startswith("/renders/"):
            location = self.wait_for_render(location, clicked, clicked_at)
        if location and "/download/" in location:
            with self.client.get(location, name="download pdf", catch_response=True) as response:
                if response.headers.get("Content-Type") != "application/pdf":
                    response.failure(f"not a PDF: {response.headers.get('Content-Type')}")

    def wait_for_render(self, status_url: str, clicked: float, clicked_at: float) -> str | None:
        """Poll the render's state as the Download button's script does; the wait is reported on its own."""
        state = {"status": "queued", "poll_ms": 200}
        while state["status"] in ("queued", "running") and time.monotonic() - clicked < 600:
            time.sleep(state.get("poll_ms", 200) / 1000)  # the wait the server suggests, as static/downloads.js
            response = self.client.get(status_url, headers={"Accept": "application/json"}, name="render status (poll)")
            state = response.json()
        events.request.fire(
            request_type="WAIT",
            name="first render: click to file",
            start_time=clicked_at,  # report.py: the pages served while this render ran
            response_time=(time.monotonic() - clicked) * 1000,
            response_length=0,
            exception=None if state["status"] == "done" else Exception(state.get("message", "")),
            context={},
        )
        return state.get("download_url")

    def csrf_token(self) -> str:
        return next((cookie.value for cookie in self.client.cookiejar if cookie.name == "csrftoken"), "")

    def post(self, url: str, data: dict, name: str) -> str | None:
        """A form post with the CSRF token, as a browser sends it; a redirect is its success."""
        headers = {
            "X-CSRFToken": self.csrf_token(),
            "Referer": self.host + url,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        with self.client.post(
            url,
            data=urlencode(data, doseq=True),
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"expected a redirect, got {response.status_code}")
                return None
            location = response.headers.get("Location", "")
            if name.startswith("generate") and "/download/" not in location and "/renders/" not in location:
                if self.told_to_retry(location):
                    response.request_meta["name"] = "generate (busy, retry)"
                else:
                    response.failure(f"no download: sent back to {location}")  # a render failed or was refused
            return location

    def told_to_retry(self, location: str) -> bool:
        """The page the buyer was sent back to says every render slot was taken (not counted as a page)."""
        response = self.client.get(location, name="review (after a refused render)")
        return any(message in response.text for message in BUSY_MESSAGES)
