"""The receiving service's link: valid, expired, reused, unknown; transitions; audit."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from maillage.audit.models import AuditEvent
from maillage.orientation import actions
from maillage.orientation.models import Referral, ReferralLink

from .base import HOUSING_NEED, MENTAL_SECRET, OrientationTestCase


class LinkTests(OrientationTestCase):
    def setUp(self) -> None:
        self.referral = self.refer()
        self.token = self.last_token()
        self.url = f"/orientation/answer/{self.token}/"

    def test_the_link_shows_only_the_referral(self):
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        for shown in ("Service Logement Test", "Un logement adapté", HOUSING_NEED, "Camille"):
            self.assertContains(page, shown)
        self.assertContains(page, "camille@brusano.example.org")
        self.assertNotContains(page, MENTAL_SECRET)
        self.assertNotContains(page, "0470 11 22 33")
        self.assertEqual(page["Cache-Control"].count("no-store"), 1)
        self.assertTrue(AuditEvent.objects.filter(verb="referral.opened_by_link").exists())
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "sent")  # reading changes nothing

    def test_a_valid_link_updates_the_status_seen_on_the_case_and_in_the_api(self):
        outbox = len(mail.outbox)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.url, {"status": "waiting_list", "reason": "6 semaines"}
            )
        self.assertEqual(response.status_code, 200)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, Referral.Status.WAITING_LIST)
        self.assertEqual(self.referral.status_reason, "6 semaines")
        change = self.referral.changes.last()
        self.assertEqual((change.status, change.via, change.by), ("waiting_list", "link", None))
        # Not final: the acknowledgement carries a fresh link; the worker is told.
        sent = mail.outbox[outbox:]
        self.assertEqual(
            sorted(m.to[0] for m in sent),
            ["accueil@logement.example.org", "camille@brusano.example.org"],
        )
        service_mail = next(m for m in sent if m.to == ["accueil@logement.example.org"])
        fresh = self.token_from(service_mail)
        self.assertNotEqual(fresh, self.token)
        self.assertEqual(self.client.get(f"/orientation/answer/{fresh}/").status_code, 200)
        # The case shows it.
        self.login(self.noor)
        case_page = self.client.get(f"/orientation/cases/{self.case.pk}/")
        shown = escape(self.referral.get_status_display())  # « liste d'attente »
        self.assertContains(case_page, shown)
        self.assertContains(self.client.get(f"/cases/{self.case.pk}/"), shown)
        # The API too.
        from maillage.accounts.models import ApiToken

        token = ApiToken.issue(self.noor, "tests")[1]
        body = self.client.get(
            f"/api/v1/referrals/{self.referral.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
        ).json()
        self.assertEqual(body["status"], "waiting_list")
        self.assertEqual([h["status"] for h in body["history"]], ["sent", "waiting_list"])

    def test_a_reused_link_changes_nothing(self):
        self.client.post(self.url, {"status": "received"})
        again = self.client.post(self.url, {"status": "refused", "reason": "Complet"})
        self.assertEqual(again.status_code, 410)
        self.assertEqual(self.client.get(self.url).status_code, 410)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "received")
        with self.assertRaises(ValidationError):
            actions.answer_by_link(self.token, "accepted")

    def test_an_expired_link_changes_nothing(self):
        ReferralLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        self.assertEqual(self.client.get(self.url).status_code, 410)
        response = self.client.post(self.url, {"status": "accepted"})
        self.assertEqual(response.status_code, 410)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "sent")
        self.assertEqual(self.referral.changes.count(), 1)

    def test_an_unknown_link_changes_nothing(self):
        before = AuditEvent.objects.count()
        response = self.client.post("/orientation/answer/not-a-real-token/", {"status": "accepted"})
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Service Logement Test", status_code=404)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "sent")
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_a_refusal_needs_a_reason_and_closes_the_referral(self):
        response = self.client.post(self.url, {"status": "refused", "reason": ""})
        self.assertEqual(response.status_code, 200)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "sent")  # the form said a reason is needed
        outbox = len(mail.outbox)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {"status": "refused", "reason": "Hors zone"})
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "refused")
        # Final: no new link for the service, only the worker's notice.
        self.assertEqual([m.to for m in mail.outbox[outbox:]], [["camille@brusano.example.org"]])
        self.assertEqual(actions.link_state(self.token)[0], "used")

    def test_a_new_link_spends_nothing_but_an_answer_spends_every_open_link(self):
        second, _ = actions._issue_link(self.referral, "reminder")
        self.client.post(self.url, {"status": "received"})
        self.assertEqual(actions.link_state(second)[0], "used")


class TransitionTests(OrientationTestCase):
    def test_allowed_and_refused_transitions(self):
        referral = self.refer()
        with self.assertRaises(ValidationError):
            actions.update_status(referral, "completed", via=self.camille)
        actions.update_status(referral, "received", via=self.camille)
        actions.update_status(referral, "accepted", via=self.camille)
        actions.update_status(referral, "completed", via=self.camille)
        with self.assertRaises(ValidationError):
            actions.update_status(referral, "accepted", via=self.camille)
        self.assertEqual(
            [c.status for c in referral.changes.all()],
            ["sent", "received", "accepted", "completed"],
        )

    def test_a_late_answer_after_no_response_still_counts(self):
        referral = self.refer()
        actions.update_status(referral, "no_response", via=self.camille)
        actions.update_status(referral, "accepted", via=self.camille)
        self.assertEqual(referral.status, "accepted")

    def test_every_change_is_audited(self):
        referral = self.refer()
        actions.update_status(referral, "received", via=self.camille)
        actions.answer_by_link(self.last_token(), "refused", "Complet")
        events = AuditEvent.objects.filter(part="orientation", target_id=str(referral.pk))
        verbs = list(events.order_by("seq").values_list("verb", flat=True))
        self.assertEqual(verbs, ["referral.sent", "referral.received", "referral.refused"])
        by_link = events.get(verb="referral.refused")
        self.assertIsNone(by_link.actor_id)
        self.assertEqual(by_link.case_id, self.case.pk)
