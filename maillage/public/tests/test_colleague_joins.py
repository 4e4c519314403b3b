"""A professional requester invites a colleague of another organisation; Bru-Stars'
criterion of two organisations is met when the colleague confirms."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone, translation

from maillage.audit.models import AuditEvent
from maillage.guard.testing import solution
from maillage.intake.models import SupportRequest
from maillage.public import actions
from maillage.public.models import CoRequesterInvitation
from maillage.testing import MaillageTestCase

from .base import body


def joined(**changes):
    return {
        "name": "Sara Collègue",
        "organisation": "Service de santé mentale Le Méridien",
        "sector": "santé mentale",
        "contact": "sara@example.org",
        "altcha": solution(),
        "website": "",
        **changes,
    }


class ColleagueJoinsTests(MaillageTestCase):
    def setUp(self):
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
        self.enterContext(translation.override("en"))
        with self.captureOnCommitCallbacks(execute=True):
            self.submission, self.token, _how = actions.submit(
                body("bru-stars", professional="CMP Anderlecht"), language="fr"
            )
        mail.outbox.clear()

    def invite(self, email=""):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/public/request/status/{self.token}/invite/", {"email": email}
            )
        self.assertEqual(response.status_code, 200)
        return response.context["join_url"].split("/public/request/join/")[1].rstrip("/")

    def outcome(self):
        return SupportRequest.objects.get(pk=self.submission.support_request_id).eligibility_outcome

    def test_one_professional_is_incomplete_until_a_second_organisation_confirms(self):
        self.assertEqual(self.outcome(), "incomplete")
        status = self.client.get(f"/public/request/status/{self.token}/")
        self.assertContains(status, "Invite a colleague of another organisation")
        token = self.invite()
        page = self.client.get(f"/public/request/join/{token}/")
        self.assertContains(page, "Un accompagnement pour reprendre pied.")
        self.assertNotContains(page, "Publique")  # not the person's identity
        self.assertEqual(self.outcome(), "incomplete")
        response = self.client.post(f"/public/request/join/{token}/", joined())
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "public/join_done.html")
        self.assertEqual(self.outcome(), "eligible")
        request = SupportRequest.objects.get(pk=self.submission.support_request_id)
        self.assertEqual(request.all_facts()["professional_organisations"], 2)
        self.assertTrue(AuditEvent.objects.filter(verb="public.colleague_joined").exists())
        self.assertTrue(AuditEvent.objects.filter(verb="request.requester_added").exists())

    def test_the_same_organisation_is_refused_clearly(self):
        token = self.invite()
        response = self.client.post(
            f"/public/request/join/{token}/", joined(organisation=" cmp anderlecht ")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("organisation", response.context["form"].errors)
        self.assertContains(response, "Sara Collègue")  # kept
        self.assertEqual(self.outcome(), "incomplete")

    def test_the_link_works_once_and_is_emailed_when_an_address_is_given(self):
        token = self.invite(email="sara@example.org")
        (message,) = mail.outbox
        self.assertEqual(message.to, ["sara@example.org"])
        self.assertIn(f"/public/request/join/{token}/", message.body)
        self.client.post(f"/public/request/join/{token}/", joined())
        again = self.client.post(f"/public/request/join/{token}/", joined(organisation="Autre"))
        self.assertEqual(again.status_code, 410)
        self.assertEqual(self.submission.support_request.requesters.count(), 2)

    def test_an_unknown_or_expired_link_changes_nothing(self):
        self.assertEqual(self.client.get("/public/request/join/nothing/").status_code, 404)
        token = self.invite()
        CoRequesterInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        self.assertEqual(self.client.get(f"/public/request/join/{token}/").status_code, 410)

    def test_the_colleague_is_not_shown_on_the_status_page(self):
        token = self.invite()
        self.client.post(f"/public/request/join/{token}/", joined())
        page = self.client.get(f"/public/request/status/{self.token}/")
        self.assertNotContains(page, "Sara")
        self.assertNotContains(page, "Méridien")

    def test_only_a_professional_may_invite(self):
        submission, token, _how = actions.submit(body("brusano"), language="fr")
        page = self.client.get(f"/public/request/status/{token}/")
        self.assertNotContains(page, "Invite a colleague")
        response = self.client.post(f"/public/request/status/{token}/invite/", {"email": ""})
        self.assertFalse(response.context["join_url"])
        self.assertFalse(CoRequesterInvitation.objects.filter(submission=submission).exists())


class InvitationReadTests(MaillageTestCase):
    def test_opening_a_colleagues_link_is_audited(self):
        submission, _token, _how = actions.submit(
            body("bru-stars", professional="CMP"), language="fr"
        )
        secret = actions.invite_colleague(submission, email="")
        self.assertEqual(self.client.get(f"/public/request/join/{secret}/").status_code, 200)
        event = AuditEvent.objects.get(verb="public.invitation_viewed")
        self.assertEqual(event.person_id, submission.support_request.person_id)
        self.assertIsNone(event.actor_id)
