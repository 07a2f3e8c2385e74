"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser for the package; each test gets a fresh context (cookies, viewport). Logging in through
the form is tested once; the other tests put a session cookie into the browser. When a test fails,
the page it failed on and every page it visited are saved to test-artifacts/ at desktop and phone
width (BROWSER_SCREENSHOTS=always saves them for passing tests too, to look at the layout).
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
IN_CI = os.environ.get("CI") == "true"
# Tests wait for conditions (an element, a URL, a response), never for a fixed time. These are only the
# limits of such a wait: generous, so that two CPU-bound processes beside the suite slow it, not fail it.
WAIT_MS = 60_000


def _missing(what: str, how: str):
    """A missing tool skips the browser tests on a developer's machine and fails them in CI."""
    message = f"{what} is missing ({how})"
    if IN_CI:
        pytest.fail(f"{message}; CI must run the browser tests", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        _missing("/usr/bin/chromium", "apt-get install chromium, or `make setup`")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)

    # Playwright's sync API keeps an event loop in this thread; Django would refuse ORM calls from it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    elif report.failed:
        item.stash.setdefault(_FAILED, True)
    return report


_FAILED = pytest.StashKey[bool]()


class Session:
    """A browser context for one test, with the pages it opened and the URLs it visited."""

    def __init__(self, browser, base_url: str, *, bypass_csp: bool = False, viewport=DESKTOP):
        self.base_url = base_url
        self.context = browser.new_context(
            base_url=base_url, viewport=viewport, locale="en-US", accept_downloads=True, bypass_csp=bypass_csp
        )
        self.context.set_default_timeout(WAIT_MS)
        self.context.set_default_navigation_timeout(WAIT_MS)
        self.visited: list[str] = []
        self.page = self.context.new_page()
        self.page.on("framenavigated", self._record)

    def _record(self, frame):
        if frame == self.page.main_frame and frame.url.startswith(self.base_url):
            path = frame.url[len(self.base_url) :]
            if path not in self.visited:
                self.visited.append(path)

    def log_in(self, user):
        """Log in without the form: the session cookie a login would set."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        self.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.base_url}])

    def screenshots(self, name: str):
        """The page as it is now, then every page visited, at desktop and phone width."""
        ARTIFACTS.mkdir(exist_ok=True)
        page = self.page
        try:
            _both_widths(page, ARTIFACTS / f"{name}--current")
            for index, path in enumerate(self.visited[:15]):
                if "/download/" in path or path.endswith((".pdf", ".ics", "/export/")):
                    continue
                page.goto(path)
                _both_widths(page, ARTIFACTS / f"{name}--{index:02d}-{_slug(path)}")
        except Exception as error:  # a screenshot must never hide the test's own failure
            print(f"screenshots for {name} incomplete: {error}")

    def close(self):
        self.context.close()
        # The live server answers each connection in a thread of its own. One still at work (a preview
        # the page asked for just before the test ended) would hold the in-memory database's tables,
        # and the flush after the test fails with "database table is locked". Closing the context
        # closed the browser's connections; wait for the threads that served them.
        deadline = time.monotonic() + 30
        for thread in threading.enumerate():
            if thread.name.endswith("(process_request_thread)"):
                thread.join(max(0.0, deadline - time.monotonic()))


def _both_widths(page, stem: Path):
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(stem) + f"-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "root"


def _session_fixture(request, browser, live_server, **options):
    session = Session(browser, live_server.url, **options)
    yield session
    if request.node.stash.get(_FAILED, False) or os.environ.get("BROWSER_SCREENSHOTS") == "always":
        session.screenshots(_slug(request.node.name))
    session.close()


@pytest.fixture
def session(request, browser, live_server, transactional_db, library):
    yield from _session_fixture(request, browser, live_server)


@pytest.fixture
def axe_session(request, browser, live_server, transactional_db, library):
    """A context that lets axe-core's script in: the CSP forbids any script but the site's own."""
    if not AXE_JS.exists():
        _missing(str(AXE_JS.relative_to(ROOT)), "run `npm ci`, or `make setup`")
    yield from _session_fixture(request, browser, live_server, bypass_csp=True)


@pytest.fixture
def phone_session(request, browser, live_server, transactional_db, library):
    yield from _session_fixture(request, browser, live_server, viewport=PHONE)
