import pytest

from contracts.clauses.library import library_import
from tests.factories import DraftFactory, UserFactory


@pytest.fixture
def library(db):
    """The clause library shipped in the repository, loaded as `make run` loads it."""
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


@pytest.fixture(autouse=True)
def _prerender_synchronously(settings):
    settings.RENDER_PRERENDER = "sync"  # no pre-render thread outlives a test


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Per-process caches keyed by database ids must not outlive a test's rolled-back rows."""
    from contracts.clauses import library as clause_library

    clause_library._current_snapshot.cache_clear()
    yield
    clause_library._current_snapshot.cache_clear()
