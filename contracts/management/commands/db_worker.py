"""django-tasks-db's `db_worker`, which first puts back in the queue the renders a killed worker left running,
then warms itself up, and looks for new tasks every 0.1 s by default.

Run one per machine's share of renders (see docs/deployment.md): it is single-threaded, and each render runs
in a child forked from it under the limits of contracts/rendering/limits.py."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from contracts.renders import render_jobs_recover
from contracts.warmup import warm_up_renderer

# How long an idle worker waits before it looks at the queue again: a buyer's render waits that long at most
# before it starts (the library's default, 1 s, was half a second on average of every click at once). A
# look is one small indexed query.
POLL_SECONDS = 0.1


class Command(DatabaseWorkerCommand):
    help = (
        DatabaseWorkerCommand.help
        + " (renders left running by a worker that died are queued again first; the worker is warmed up"
        + f" before its first task; --interval {POLL_SECONDS:g} by default)"
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(interval=POLL_SECONDS)

    def handle(self, *args, **options):
        recovered = render_jobs_recover()
        if recovered:
            self.stdout.write(f"{recovered} render(s) left running by a stopped worker: queued again")
            self.stdout.flush()
        runs_tasks = not options.get("reload") or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        if runs_tasks and not options.get("batch"):  # with --reload, the reloader's child runs them
            warm_up_renderer()
        return super().handle(*args, **options)
