"""The statistics page reads kept figures: the same as counting every request, at a
cost that does not grow with the number of requests, and says when they were counted."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.home.statistics import programme_statistics, programme_statistics_from_scratch
from maillage.intake import tasks
from maillage.intake.models import Decision, ProgrammeFigures, SupportRequest
from maillage.testing import MaillageTestCase, make_person

DECISIONS = [Decision.Kind.ACCEPT, Decision.Kind.REFUSE, Decision.Kind.ORIENT]


class StatisticsTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.person = make_person()

    def seed(self, number: int, *, programme=None) -> None:
        """`number` requests of every kind: open, overdue, answered early and late."""
        programme = programme or self.brusano
        now = timezone.now()
        requests = SupportRequest.objects.bulk_create(
            SupportRequest(
                programme=programme,
                team=self.brusano_team,
                person=self.person,
                received_at=now - timedelta(days=20, hours=i % 7),
                answer_due=now + timedelta(days=(i % 5) - 2),
                status="open" if i % 3 == 0 else "answered",
            )
            for i in range(number)
        )
        Decision.objects.bulk_create(
            Decision(
                support_request=request,
                kind=DECISIONS[i % 3],
                reason="" if DECISIONS[i % 3] == Decision.Kind.ACCEPT else "A reason.",
                orient_target="Elsewhere" if DECISIONS[i % 3] == Decision.Kind.ORIENT else "",
                decided_by=self.ines,
                decided_at=request.received_at + timedelta(days=i % 30, minutes=i),
            )
            for i, request in enumerate(requests)
            if request.status == "answered"
        )

    def page(self):
        return self.login(self.ana).get(reverse("ui:statistics"))

    def test_the_page_shows_the_figures_counted_from_every_request(self):
        self.seed(60)
        self.seed(7, programme=self.brustars)
        tasks.refresh_statistics()
        response = self.page()
        self.assertEqual(response.context["rows"], programme_statistics_from_scratch())
        brusano = next(r for r in response.context["rows"] if r["programme"] == self.brusano)
        self.assertEqual((brusano["total"], brusano["open"]), (60, 20))
        self.assertGreater(brusano["overdue"], 0)
        self.assertGreater(brusano["late_answers"], 0)
        self.assertIsNotNone(brusano["mean_answer_hours"])

    def test_a_fixed_number_of_queries_whatever_the_number_of_requests(self):
        self.seed(10)
        tasks.refresh_statistics()
        self.page()
        with CaptureQueriesContext(connection) as few:
            self.page()
        self.seed(190)
        tasks.refresh_statistics()
        with CaptureQueriesContext(connection) as many:
            response = self.page()
        self.assertEqual(len(few.captured_queries), len(many.captured_queries))
        brusano = next(r for r in response.context["rows"] if r["programme"] == self.brusano)
        self.assertEqual(brusano["total"], 200)

    def test_new_requests_appear_when_the_figures_are_counted_again(self):
        self.seed(3)
        tasks.refresh_statistics()
        self.seed(2)
        self.assertEqual(self.brusano_total(), 3)
        out = StringIO()
        call_command("refresh_statistics", stdout=out)
        self.assertIn("Statistics counted again", out.getvalue())
        self.assertEqual(self.brusano_total(), 5)

    def brusano_total(self) -> int:
        rows = programme_statistics().rows
        return next(r["total"] for r in rows if r["programme"] == self.brusano)

    def test_before_the_first_job_the_page_counts_without_keeping(self):
        self.seed(3)
        self.assertEqual(self.brusano_total(), 3)
        self.assertEqual(ProgrammeFigures.objects.count(), 0)

    def test_the_page_says_when_the_figures_were_counted(self):
        self.seed(3)
        response = self.page()
        as_of = response.context["as_of"]
        self.assertLess(timezone.now() - as_of, timedelta(minutes=1))
        self.assertContains(response, timezone.localtime(as_of).strftime("%H:%M"))
