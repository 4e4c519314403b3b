"""Appending takes no shared lock; the periodic job seals the events into the chain."""

import threading
import unittest
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import connection, transaction
from django.test import TransactionTestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage import audit
from maillage.audit import chain
from maillage.audit.models import AuditEvent, AuditHead
from maillage.jobs.schedule import PERIODIC
from maillage.testing import MaillageTestCase, make_person

LATER = chain.SEAL_MARGIN + timedelta(seconds=1)


class AppendTests(MaillageTestCase):
    def setUp(self) -> None:
        self.person = make_person()

    def test_appending_is_one_insert_without_a_shared_lock(self):
        with CaptureQueriesContext(connection) as queries:
            audit.record(self.camille, "case.viewed", person=self.person)
        sql = " ".join(query["sql"] for query in queries).upper()
        self.assertNotIn("FOR UPDATE", sql)
        self.assertNotIn(AuditHead._meta.db_table.upper(), sql)
        self.assertEqual(sql.count("INSERT"), 1)

    def test_an_unsealed_event_is_verified_on_its_own_and_counted(self):
        event = audit.record(self.camille, "case.viewed", person=self.person)
        self.assertEqual(event.hash, "")
        verdict = audit.verify()
        self.assertEqual((verdict.ok, verdict.unsealed), (True, 1))

    def test_an_unsealed_event_altered_is_named(self):
        audit.record(self.camille, "case.viewed", person=self.person)
        event = audit.record(self.camille, "case.viewed", person=self.person)
        AuditEvent.objects.filter(pk=event.pk).update(purpose="nothing to see")
        verdict = audit.verify()
        self.assertEqual((verdict.ok, verdict.broken_seq), (False, event.seq))

    def test_the_verify_command_counts_the_events_not_sealed_yet(self):
        audit.record(self.camille, "case.viewed", person=self.person)
        out = StringIO()
        call_command("verify_audit", stdout=out)
        self.assertIn("0 events verified, 1 not sealed yet", out.getvalue())


class SealTests(MaillageTestCase):
    def setUp(self) -> None:
        self.person = make_person()
        self.events = [
            audit.record(self.camille, "case.viewed", person=self.person) for _ in range(3)
        ]

    def test_events_are_sealed_in_order_once_older_than_the_margin(self):
        self.assertEqual(audit.seal(), 0)  # too recent: a transaction may still be open
        self.assertEqual(audit.seal(now=timezone.now() + LATER), 3)
        self.assertEqual(audit.seal(now=timezone.now() + LATER), 0)
        sealed = list(AuditEvent.objects.order_by("seq"))
        self.assertEqual([event.prev_seq for event in sealed[1:]], [e.seq for e in sealed[:2]])
        self.assertEqual(AuditHead.objects.get().last_seq, sealed[-1].seq)
        verdict = audit.verify()
        self.assertEqual((verdict.ok, verdict.checked, verdict.unsealed), (True, 3, 0))

    def test_sealing_goes_in_batches(self):
        self.assertEqual(audit.seal(now=timezone.now() + LATER, batch=2), 3)
        self.assertIs(audit.verify().ok, True)

    def test_an_event_altered_before_sealing_is_not_sealed(self):
        second = self.events[1]
        AuditEvent.objects.filter(pk=second.pk).update(verb="case.closed")
        with self.assertLogs("maillage.audit.chain", "ERROR"):
            self.assertEqual(audit.seal(now=timezone.now() + LATER), 1)
        verdict = audit.verify()
        self.assertEqual((verdict.ok, verdict.broken_seq), (False, second.seq))

    def test_the_commands_seal(self):
        out = StringIO()
        call_command("seal_audit", stdout=out)
        self.assertIn("sealed: 0", out.getvalue())
        with mock.patch("django.utils.timezone.now", return_value=timezone.now() + LATER):
            call_command("verify_audit", "--seal", stdout=out)
        self.assertIn("3 events verified, 0 not sealed yet", out.getvalue())

    def test_a_periodic_job_seals_every_minute(self):
        job = next(job for job in PERIODIC if job.func == "maillage.audit.tasks.seal_audit")
        self.assertEqual(job.minutes, 1)


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL runs writers at once")
class ConcurrentSealTests(TransactionTestCase):
    def test_a_number_drawn_by_an_open_transaction_holds_the_seal_back(self):
        """A later event committed first is not sealed past an earlier one still open."""
        drawn, release, done = threading.Event(), threading.Event(), threading.Event()

        def slow_writer() -> None:
            try:
                with transaction.atomic():
                    audit.record(None, "case.viewed")
                    drawn.set()
                    release.wait(10)
            finally:
                connection.close()
                done.set()

        thread = threading.Thread(target=slow_writer)
        thread.start()
        drawn.wait(10)
        later = audit.record(None, "case.viewed")
        self.assertEqual(audit.seal(now=timezone.now() + LATER), 0)
        release.set()
        done.wait(10)
        thread.join()
        self.assertEqual(audit.seal(now=timezone.now() + LATER), 2)
        self.assertEqual(AuditEvent.objects.get(pk=later.pk).prev_seq, later.seq - 1)
        self.assertIs(audit.verify().ok, True)
