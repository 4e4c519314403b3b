"""The job queue: after commit, at once in tests, periodic jobs installed and run once."""

import threading
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase
from django.utils import timezone
from django_q.models import Schedule, Task
from django_q.scheduler import scheduler

from maillage import jobs
from maillage.jobs.schedule import PERIODIC, install_schedules

RAN: list[object] = []


def remember(value: object) -> object:
    RAN.append(value)
    return value


class QueueTests(TestCase):
    def setUp(self) -> None:
        RAN.clear()

    def test_a_job_runs_once_the_change_is_committed(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            jobs.enqueue("maillage.jobs.tests.test_jobs.remember", 3)
            self.assertEqual(RAN, [])  # not before the commit
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(RAN, [3])

    def test_a_rolled_back_change_sends_nothing(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    jobs.enqueue("maillage.jobs.tests.test_jobs.remember", 4)
                    raise RuntimeError
            except RuntimeError:
                pass
        self.assertEqual(callbacks, [])
        self.assertEqual(RAN, [])

    def test_the_periodic_jobs_are_installed_once_whatever_the_number_of_workers(self):
        install_schedules()
        install_schedules()
        self.assertEqual(
            sorted(Schedule.objects.values_list("name", flat=True)),
            sorted(job.name for job in PERIODIC),
        )
        reminders = Schedule.objects.get(name="referral reminders")
        self.assertEqual(reminders.func, "maillage.orientation.tasks.send_referral_reminders")
        self.assertGreater(reminders.next_run, timezone.now())

    def test_every_periodic_job_names_a_function_that_exists(self):
        from importlib import import_module

        for job in PERIODIC:
            module, name = job.func.rsplit(".", 1)
            self.assertTrue(callable(getattr(import_module(module), name)), job.func)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")
class TwoWorkersTests(TransactionTestCase):
    """Two workers' schedulers look at the same due job at the same moment: it runs once."""

    def test_a_due_periodic_job_runs_once(self):
        RAN.clear()
        Schedule.objects.create(
            name="probe",
            func="maillage.jobs.tests.test_jobs.remember",
            args="'tick'",
            schedule_type=Schedule.MINUTES,
            minutes=60,
            next_run=timezone.now() - timedelta(seconds=1),
        )
        barrier = threading.Barrier(2)

        def worker() -> None:
            barrier.wait()
            scheduler()
            connection.close()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(RAN, ["tick"])
        self.assertEqual(Task.objects.filter(name__isnull=False).count(), 1)


class WorkerStartTests(TestCase):
    def test_a_worker_waits_until_the_database_is_migrated(self):
        """On a first `make run` the server migrates while the worker starts beside it."""
        command = "maillage.jobs.management.commands.worker"
        out = StringIO()
        with (
            mock.patch(f"{command}.migrated", side_effect=[False, False, True]),
            mock.patch(f"{command}.time.sleep") as sleep,
            mock.patch(f"{command}.call_command") as cluster,
        ):
            call_command("worker", stdout=out)
        self.assertEqual(sleep.call_count, 1)
        self.assertIn("Waiting until the database is migrated", out.getvalue())
        cluster.assert_called_once_with("qcluster")
