"""Background jobs: one queue for the whole project.

The queue is django-q2 with its broker in our own database (SQLite in development,
PostgreSQL in production: no other service to run); `docs/decisions/background-jobs.md`
says why. Everything else goes through this module, so that moving to Django's own tasks
later changes only this file:

- `enqueue("maillage.<app>.tasks.<function>", *args)`: the job runs in a worker after the
  current transaction commits (never for a change that was rolled back); in tests and
  with `MAILLAGE_JOBS_SYNC=1` it runs at once, in the same process;
- task functions are plain functions in `<app>/tasks.py`, taking ids and plain values;
- periodic jobs are declared in `schedule.py` and installed by `manage.py worker`.
"""

from typing import Any

from django.db import transaction


def enqueue(task: str, *args: Any, **kwargs: Any) -> None:
    """Run the task function at the dotted path `task` after the current commit."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(task, *args, **kwargs))
