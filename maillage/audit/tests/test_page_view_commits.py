"""A page view of a case commits once: its audit events, and no session save."""

from collections.abc import Callable
from typing import Any
from unittest import mock

from django.db import connection
from django.test import TransactionTestCase
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.partners.tests.base import ALL_CATEGORIES, open_case, partner_actor, share
from maillage.testing import Personas

WRITES = ("INSERT", "UPDATE", "DELETE")


class PageViewCommitTests(Personas, TransactionTestCase):
    def setUp(self) -> None:
        self.build_cast()
        support_request = self.record(self.brusano, self.ines)
        casefile_actions.answer_request(
            support_request, by=self.ines, kind="accept", case_workers=[self.camille]
        )
        self.case_url = f"/cases/{support_request.case.pk}/"
        self.client.force_login(self.camille)

    def count_commits(self, url: str) -> tuple[int, list[str]]:
        """Commits, and writes made outside a transaction (each its own commit)."""
        commits, statements = 0, []

        def count(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
            nonlocal commits
            statements.append(sql)
            if not connection.in_atomic_block and sql.lstrip().upper().startswith(WRITES):
                commits += 1
            return execute(sql, *args)

        with (
            mock.patch.object(connection, "commit", wraps=connection.commit) as commit,
            connection.execute_wrapper(count),
        ):
            self.assertEqual(self.client.get(url).status_code, 200)
        return commits + commit.call_count, statements

    def test_a_page_view_of_a_case_commits_at_most_once(self):
        before = AuditEvent.objects.count()
        commits, _ = self.count_commits(self.case_url)
        self.assertEqual(AuditEvent.objects.count(), before + 1)  # still audited
        self.assertLessEqual(commits, 1)

    def test_a_page_view_takes_no_lock_shared_by_all_users(self):
        _, statements = self.count_commits(self.case_url)
        self.assertFalse([sql for sql in statements if "FOR UPDATE" in sql.upper()])

    def test_a_partner_reading_every_part_of_a_case_commits_once(self):
        case = open_case(self)
        share(case, self.camille, {partner_actor(case, self.pat): ALL_CATEGORIES})
        self.client.force_login(self.pat)
        device = TOTPDevice.objects.create(user=self.pat, name="test", confirmed=True)
        session = self.client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        before = AuditEvent.objects.count()
        commits, _ = self.count_commits(f"/partner/cases/{case.pk}/")
        self.assertGreater(AuditEvent.objects.count() - before, 1)  # one event per part read
        self.assertLessEqual(commits, 1)
