import hashlib

import pytest
from django.conf import global_settings
from django.test import override_settings

from contracts.clauses.versions import library_import
from contracts.models import Clause
from contracts.rendering import limits
from contracts.rendering import pdf as pdf_rendering
from tests.factories import DraftFactory, UserFactory

# Fixtures that give a test the database; a test marked django_db or using one of these touches it.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help=(
            "run only the tests that touch the database (the second database's run: the rest ran already);"
            " browser tests run once, on the first database"
        ),
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    keep, drop = [], []
    for item in items:
        touches_db = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)
        # A browser test drives views that the view tests already cover on both databases; what it adds
        # (the page in Chromium) does not depend on the database, and it costs a live server and a browser.
        in_browser = item.get_closest_marker("browser")
        (keep if touches_db and not in_browser else drop).append(item)
    config.hook.pytest_deselected(items=drop)
    items[:] = keep


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shipped clause library, loaded once into the test database: each test rolls back to it."""
    with django_db_blocker.unblock():
        library_import()


@pytest.fixture
def library(db):
    """The clause library shipped in the repository, loaded as `make run` loads it (it is loaded once
    per session; a transactional test empties the tables, so the next one that asks loads it again)."""
    if not Clause.objects.exists():
        library_import()


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def complete_draft(alice):
    return DraftFactory(owner=alice)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _own_render_slots(settings, tmp_path):
    settings.RENDER_SLOTS_DIR = str(tmp_path / "render-slots")  # renders of parallel test runs do not queue


@pytest.fixture(autouse=True)
def _english_ui(settings):
    """Tests read the English UI unless they ask for Chinese (tests/test_i18n.py does)."""
    settings.LANGUAGE_CODE = "en"


# On a machine busy with other work a contract can take minutes: the deadline in tests is a generous limit,
# never a wait. The tests of the limit itself set a short one.
RENDER_TIMEOUT_IN_TESTS = 600
_YIELD_TO_PAGE_REQUESTS = limits._yield_to_page_requests  # the server's, for the test marked idle_renders


@pytest.fixture(scope="session", autouse=True)
def _renders_at_normal_priority():
    """In tests a render child keeps the test process's priority. SCHED_IDLE is for a server, whose page
    requests must go first; beside other CPU-bound work (the other test process, another run, a busy
    machine) an idle child gets next to no CPU, and a test waiting for its file times out or holds the
    whole run up at its end. The child keeps every other limit (time, memory, slots). Session-wide, so
    that module-scoped renders are covered too; a test marked `idle_renders` (the priority's own test)
    gets the real SCHED_IDLE."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "_yield_to_page_requests", lambda: None)
        yield


@pytest.fixture(autouse=True)
def _idle_renders_when_marked(request, monkeypatch):
    if request.node.get_closest_marker("idle_renders") is not None:
        monkeypatch.setattr(limits, "_yield_to_page_requests", _YIELD_TO_PAGE_REQUESTS)


# A password hash costs a quarter of a second of CPU by design (PBKDF2, a million rounds), and nearly every
# test makes a user: in tests passwords are hashed with one MD5 round instead. Hashes made with the
# project's own hashers (listed after it) still verify; what a test checks of a password (it logs in, a
# wrong one is refused, a reset changes it) does not depend on the algorithm.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *global_settings.PASSWORD_HASHERS]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashes():
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="session", autouse=True)
def _patient_renders():
    with override_settings(RENDER_TIMEOUT_SECONDS=RENDER_TIMEOUT_IN_TESTS):  # also for module-scoped renders
        yield


@pytest.fixture(autouse=True)
def _no_prerender(settings):
    """A review visit renders no PDF ahead of time in tests (tests/rendering/test_prerender_and_cache.py
    switches it on for the pre-render's own tests)."""
    settings.RENDER_PRERENDER = "off"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Per-process caches keyed by database ids must not outlive a test's rolled-back rows."""
    from contracts.clauses import snapshot as clause_library

    clause_library._current_snapshot.cache_clear()
    yield
    clause_library._current_snapshot.cache_clear()


@pytest.fixture
def layout_stand_in(monkeypatch):
    """For a test of what happens around a render (the pre-render, the stored file, its owner, the hourly limit,
    the Word file's settings), not of what the pages print: WeasyPrint's layout, two to five seconds of CPU
    a contract, gives way to a stand-in. The contract's HTML is still built, the render still runs in its
    child process under its limits and is stored as a file; the PDF is a few bytes naming the HTML (equal
    answers, equal file; other answers, another file), and the Word file is built in full, its contents
    without page numbers. What the pages print is checked with WeasyPrint itself (tests/rendering,
    tests/test_contract_pdf.py, the approval's final contract). A module- or session-scoped fixture that
    renders must not be made first for a test that uses this one: it would keep the stand-in's file."""
    pdf_rendering.warm_up()  # the real one, once a process: a later real render's children start warm

    def stand_in_pdf(html: str, *, pdf_variant: str | None = None) -> bytes:
        return b"%PDF-1.7 stand-in " + hashlib.sha256(f"{pdf_variant}:{html}".encode()).hexdigest().encode()

    monkeypatch.setattr(pdf_rendering, "html_to_pdf", stand_in_pdf)
    monkeypatch.setattr(pdf_rendering, "_anchor_pages", lambda html: b"{}")
