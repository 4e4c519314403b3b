"""The "Answered" tab sorts on the request's own answer time (indexed with its team and
status), which the answer sets; its number of queries does not grow with the rows."""

from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.intake import actions
from maillage.intake.models import Decision, SupportRequest
from maillage.testing import MaillageTestCase

migration = import_module("maillage.intake.migrations.0004_answered_at")


class AnsweredTabTests(MaillageTestCase):
    def refuse(self) -> SupportRequest:
        support_request = self.record(self.brusano, self.ines)
        actions.record_answer(support_request, by=self.ines, kind="refuse", reason="Elsewhere.")
        return support_request

    def answered_tab(self):
        self.login(self.ines)
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get("/requests/?tab=answered")
        self.assertEqual(page.status_code, 200)
        return page.content.decode(), len(queries.captured_queries)

    def test_the_answer_keeps_its_time_on_the_request(self):
        support_request = self.refuse()
        support_request.refresh_from_db()
        self.assertEqual(support_request.answered_at, support_request.decision.decided_at)

    def test_the_latest_answer_comes_first(self):
        first, second = self.refuse(), self.refuse()
        earlier = second.decision.decided_at - timedelta(days=2)
        Decision.objects.filter(support_request=second).update(decided_at=earlier)
        SupportRequest.objects.filter(pk=second.pk).update(answered_at=earlier)
        content, _queries = self.answered_tab()
        self.assertLess(content.index(str(first.pk)), content.index(str(second.pk)))

    def test_the_queries_do_not_grow_with_the_answered_requests(self):
        self.refuse()
        _content, one = self.answered_tab()
        for _ in range(4):
            self.refuse()
        _content, five = self.answered_tab()
        self.assertEqual(one, five)

    def test_the_migration_copies_the_decision_time(self):
        support_request = self.refuse()
        SupportRequest.objects.filter(pk=support_request.pk).update(answered_at=None)
        unanswered = self.record(self.brusano, self.ines)
        migration.copy_decision_times(apps, None)
        support_request.refresh_from_db()
        unanswered.refresh_from_db()
        self.assertEqual(support_request.answered_at, support_request.decision.decided_at)
        self.assertIsNone(unanswered.answered_at)
