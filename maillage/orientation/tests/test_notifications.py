"""A service's answer through its link reaches the referral's author and the case's
workers in their inbox; nobody else."""

from maillage.notifications.models import Kind, Notification
from maillage.orientation import actions

from .base import OrientationTestCase


class ReferralAnsweredTests(OrientationTestCase):
    def test_the_author_and_the_case_workers_are_told(self):
        referral = self.refer()
        actions.answer_by_link(self.last_token(), "accepted")
        notices = Notification.objects.filter(kind=Kind.REFERRAL_ANSWERED)
        self.assertEqual(sorted(n.recipient.username for n in notices), ["camille", "noor"])
        notice = notices.first()
        self.assertEqual(notice.url, f"/orientation/{referral.pk}/")
        self.assertEqual(notice.case_id, self.case.pk)

    def test_a_status_recorded_by_the_worker_notifies_nobody(self):
        referral = self.refer()
        actions.update_status(referral, "received", via=self.camille)
        self.assertFalse(Notification.objects.exists())
