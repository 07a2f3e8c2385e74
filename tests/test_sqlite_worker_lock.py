"""On SQLite (the zero-setup default of `make run`), the render worker looking at its queue ten times a second
never makes a buyer's save fail with "database is locked"."""

from __future__ import annotations

import threading
import time

from django.db.utils import ConnectionHandler, OperationalError

from config.settings import SQLITE_OPTIONS


def begin(connection) -> None:
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()  # what transaction.atomic() does first on SQLite


def commit(connection) -> None:
    connection.cursor().execute("COMMIT")


def test_a_save_that_reads_then_writes_waits_for_the_workers_look_at_the_queue(tmp_path, django_db_blocker):
    spec = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3"), "OPTIONS": SQLITE_OPTIONS}
    connections = ConnectionHandler({"default": spec, "worker": spec})
    failures = []

    def worker_looks_at_its_queue() -> None:  # django-tasks-db's db_worker: an exclusive transaction on SQLite
        worker = connections.create_connection("worker")
        try:
            worker.ensure_connection()
            worker.transaction_mode = "EXCLUSIVE"
            begin(worker)
            worker.cursor().execute("SELECT count(*) FROM draft")
            commit(worker)
        except OperationalError as exc:
            failures.append(f"worker: {exc}")
        finally:
            worker.close()

    with django_db_blocker.unblock():
        page = connections.create_connection("default")
        page.cursor().execute("CREATE TABLE draft (id INTEGER PRIMARY KEY, answers TEXT)")
        page.cursor().execute("INSERT INTO draft VALUES (1, 'before')")
        begin(page)  # a save: reads the draft under its lock, then writes it
        page.cursor().execute("SELECT answers FROM draft WHERE id = 1")
        worker = threading.Thread(target=worker_looks_at_its_queue)
        worker.start()
        time.sleep(0.3)  # the worker now waits for the database
        try:
            page.cursor().execute("UPDATE draft SET answers = 'after' WHERE id = 1")
            commit(page)
        except OperationalError as exc:
            failures.append(f"save: {exc}")
        worker.join()
        assert failures == []
        assert page.cursor().execute("SELECT answers FROM draft").fetchone() == ("after",)
        page.close()
