"""django-tasks-db's `db_worker`, which first puts back in the queue the renders a killed worker left running.

Run one per machine's share of renders (see docs/deployment.md): it is single-threaded, and each render runs
in a child forked from it under the limits of contracts/rendering/limits.py."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from contracts.renders import render_jobs_recover


class Command(DatabaseWorkerCommand):
    help = DatabaseWorkerCommand.help + " (renders left running by a worker that died are queued again first)"

    def handle(self, *args, **options):
        recovered = render_jobs_recover()
        if recovered:
            self.stdout.write(f"{recovered} render(s) left running by a stopped worker: queued again")
            self.stdout.flush()
        return super().handle(*args, **options)
