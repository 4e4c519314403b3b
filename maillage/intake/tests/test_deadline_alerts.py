"""No deadline passes unseen: every request with a deadline is brought to its team's
intake workers and its assigned worker exactly once, at least 24 hours before the
deadline (at once when it was nearer on arrival), in the inbox and by email."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone, translation

from maillage.intake import actions, alerts
from maillage.intake.models import SupportRequest
from maillage.jobs.models import OutgoingEmail
from maillage.jobs.schedule import PERIODIC
from maillage.notifications.models import Kind, Notification
from maillage.programmes.examples import EXAMPLES
from maillage.programmes.models import Programme
from maillage.testing import MaillageTestCase, make_person

STEP = timedelta(minutes=15)


def alerts_for(support_request):
    return Notification.objects.filter(kind=Kind.DEADLINE_NEAR, request_id=support_request.pk)


def emails_to(user):
    return [
        e for e in OutgoingEmail.objects.filter(about="request.deadline_near") if user.email in e.to
    ]


class DeadlineAlertTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for user, language in ((cls.ines, "nl"), (cls.camille, "en"), (cls.bob, "")):
            user.email = f"{user.username}@example.org"
            user.language = language
            user.save(update_fields=["email", "language"])

    def walk(self, support_request, start):
        """Run the job every 15 minutes from `start` to past the deadline: who was
        alerted when."""
        when = {}
        now = start
        end = (support_request.answer_due or start) + timedelta(hours=2)
        while now <= end:
            alerts.alert_near_deadlines(now=now)
            for notice in alerts_for(support_request):
                when.setdefault(notice.recipient_id, now)
            now += STEP
        return when

    def test_every_example_programme_alerts_each_recipient_once_24_hours_ahead(self):
        codes = [example["code"] for example in EXAMPLES]
        self.assertEqual(len(codes), 4)
        for programme in Programme.objects.filter(code__in=codes):
            with self.subTest(programme=programme.code):
                start = timezone.now()
                support_request = self.record(
                    programme, self.ines, make_person(), received_at=start
                )
                actions.assign_request(
                    support_request, by=self.ines, worker=self.worker_of(programme)
                )
                when = self.walk(support_request, start)
                if programme.answer_deadline_hours is None:
                    self.assertEqual(when, {})
                    continue
                expected = {self.ines.pk, self.worker_of(programme).pk}
                self.assertEqual(set(when), expected)
                for user_id in expected:
                    notices = alerts_for(support_request).filter(recipient_id=user_id)
                    self.assertEqual(notices.count(), 1)
                    self.assertLessEqual(when[user_id], support_request.answer_due - alerts.LEAD)
                    self.assertGreater(
                        when[user_id], support_request.answer_due - alerts.WINDOW - STEP
                    )

    def test_a_deadline_nearer_than_24_hours_on_arrival_is_alerted_at_once(self):
        received = timezone.now() - timedelta(hours=40)  # recorded late: due in 8 hours
        support_request = self.record(self.brusano, self.ines, make_person(), received_at=received)
        self.assertEqual([n.recipient_id for n in alerts_for(support_request)], [self.ines.pk])
        self.assertEqual(len(emails_to(self.ines)), 1)
        self.walk(support_request, timezone.now())
        self.assertEqual(alerts_for(support_request).count(), 1)
        self.assertEqual(len(emails_to(self.ines)), 1)

    def test_a_deadline_already_passed_or_an_answered_request_is_not_alerted(self):
        past = self.record(
            self.brusano, self.ines, make_person(), received_at=timezone.now() - timedelta(hours=50)
        )
        self.assertFalse(alerts_for(past).exists())
        answered = self.record(self.brusano, self.ines, make_person())
        SupportRequest.objects.filter(pk=answered.pk).update(status=SupportRequest.Status.ANSWERED)
        self.walk(answered, timezone.now())
        self.assertFalse(alerts_for(answered).exists())

    def test_two_runs_at_once_alert_once(self):
        support_request = self.record(self.brusano, self.ines, make_person())
        now = support_request.answer_due - timedelta(hours=20)
        self.assertTrue(alerts.alert_request(support_request.pk, now=now))
        self.assertFalse(alerts.alert_request(support_request.pk, now=now))
        self.assertEqual(alerts_for(support_request).count(), 1)

    def test_the_email_holds_a_date_and_a_link_in_the_recipients_language(self):
        person = make_person(given_name="Secretgiven", family_name="Secretfamily")
        support_request = self.record(
            self.brusano,
            self.ines,
            person,
            summary="Secret situation",
            received_at=timezone.now() - timedelta(hours=30),
        )
        (email,) = emails_to(self.ines)
        with translation.override("nl"):
            self.assertNotEqual(email.subject, "")
        for secret in ("Secretgiven", "Secretfamily", "Secret situation"):
            self.assertNotIn(secret, email.subject + email.body)
        self.assertIn(f"/requests/{support_request.pk}/", email.body)
        self.assertNotIn("&#", email.body)

    def test_only_intake_workers_of_the_team_and_the_assigned_worker(self):
        support_request = self.record(self.dune, self.ines, make_person())  # Bru-Stars team
        self.assertEqual({u.username for u in alerts.recipients_of(support_request)}, {"ines"})
        actions.assign_request(support_request, by=self.ines, worker=self.bob)
        support_request.refresh_from_db()
        self.assertEqual(
            {u.username for u in alerts.recipients_of(support_request)}, {"ines", "bob"}
        )

    def test_the_job_runs_every_15_minutes_and_the_command_exists(self):
        (job,) = [j for j in PERIODIC if j.func == "maillage.intake.tasks.alert_near_deadlines"]
        self.assertEqual(job.minutes, 15)
        out = io.StringIO()
        call_command("alert_deadlines", stdout=out)
        self.assertIn("requests alerted", out.getvalue())

    def worker_of(self, programme):
        return self.camille if programme.team_id == self.brusano_team.pk else self.bob
