"""Opening a space: a printed one-time code or an emailed link, single use, expiring;
wrong codes count towards the sign-in lockout."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.space import actions
from maillage.space.models import SpaceAccount, SpaceInvitation, format_code
from maillage.testing import PASSWORD

from .base import SpaceTestCase, accepted_case


class InvitationTests(SpaceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.new_case = accepted_case(cls)

    def issue(self, **kwargs):
        return actions.invite(self.new_case, by=self.camille, **kwargs)

    def activate_with_code(self, code, username="louis", password=PASSWORD):
        client = self.client_class()
        response = client.post("/space/code/", {"code": code})
        if response.status_code != 302:
            return client, response
        data = {"username": username, "password1": password, "password2": password}
        return client, client.post("/space/activate/", {**data, "language": "nl"})

    def test_a_printed_code_opens_the_space_once(self):
        issued = self.issue()
        self.assertNotIn(issued.code, SpaceInvitation.objects.values_list("code_digest", flat=True))
        client, response = self.activate_with_code(format_code(issued.code).lower())
        self.assertRedirects(response, "/space/")
        account = SpaceAccount.objects.get(user__username="louis")
        self.assertEqual((account.person, account.user.language), (self.new_case.person, "nl"))
        self.assertEqual(client.get("/space/").status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(verb="space.activated").exists())
        # Used: a clear message, nothing happens.
        _client, response = self.activate_with_code(issued.code, username="louis2")
        self.assertEqual(response.status_code, 200)
        self.assertIn("code", response.context["form"].errors)
        self.assertFalse(SpaceAccount.objects.filter(user__username="louis2").exists())

    def test_an_expired_code_does_nothing(self):
        issued = self.issue()
        SpaceInvitation.objects.filter(pk=issued.invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        _client, response = self.activate_with_code(issued.code)
        self.assertIn("code", response.context["form"].errors)
        self.assertFalse(SpaceAccount.objects.filter(person=self.new_case.person).exists())

    def test_a_newer_invitation_replaces_the_older_one(self):
        older, newer = self.issue(), self.issue()
        _client, response = self.activate_with_code(older.code)
        self.assertIn("code", response.context["form"].errors)
        _client, response = self.activate_with_code(newer.code)
        self.assertRedirects(response, "/space/")

    def test_a_wrong_code_is_refused_and_five_lock_the_address_out(self):
        self.issue()
        client = self.client_class()
        for _ in range(5):
            response = client.post("/space/code/", {"code": "AAAA-BBBB-CC"})
            self.assertIn("code", response.context["form"].errors)
        issued = self.issue()
        response = client.post("/space/code/", {"code": issued.code})
        self.assertEqual(response.status_code, 403)

    def test_the_password_follows_the_rules(self):
        issued = self.issue()
        _client, response = self.activate_with_code(issued.code, password="court")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.assertFalse(SpaceAccount.objects.filter(person=self.new_case.person).exists())
        self.assertIsNone(SpaceInvitation.objects.get(pk=issued.invitation.pk).used_at)

    def test_an_emailed_link_opens_the_space_without_case_content(self):
        client = self.login(self.camille)
        with self.captureOnCommitCallbacks(execute=True):  # sent by a job, after commit
            response = client.post(
                f"/cases/{self.new_case.pk}/space/",
                {"relation": "self", "email": "louis@example.org", "output": "html"},
            )
        self.assertRedirects(response, f"/cases/{self.new_case.pk}/space/")
        self.assertEqual(len(mail.outbox), 1)
        body = mail.outbox[0].body
        self.assertNotIn(self.new_case.person.family_name, body)
        path = re.search(r"https?://[^/\s]+(/space/invitation/\S+/)", body).group(1)
        visitor = self.client_class()
        self.assertEqual(visitor.get(path).status_code, 200)
        data = {"username": "louis", "password1": PASSWORD, "password2": PASSWORD}
        response = visitor.post("/space/activate/", {**data, "language": "fr"})
        self.assertRedirects(response, "/space/")
        self.assertEqual(self.client_class().get(path).status_code, 410)
        self.assertEqual(self.client_class().get("/space/invitation/nope/").status_code, 404)

    def test_the_letter_shows_the_code_once_and_a_representative_can_be_invited(self):
        client = self.login(self.camille)
        data = {
            "relation": "representative",
            "representative_name": "Maître Dupont",
            "representative_capacity": "administrateur de biens et de la personne",
            "email": "",
            "output": "html",
        }
        response = client.post(f"/cases/{self.new_case.pk}/space/", data)
        self.assertContains(response, "Maître Dupont")
        code = re.search(r'class="code">([A-Z0-9-]+)<', response.content.decode()).group(1)
        _client, response = self.activate_with_code(code, username="dupont")
        account = SpaceAccount.objects.get(user__username="dupont")
        self.assertEqual(account.relation, "representative")
        pdf = client.post(f"/cases/{self.new_case.pk}/space/", {**data, "output": "pdf"})
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))

    def test_a_representative_needs_a_name_and_a_closed_case_takes_no_invitation(self):
        client = self.login(self.camille)
        response = client.post(
            f"/cases/{self.new_case.pk}/space/", {"relation": "representative", "email": ""}
        )
        self.assertIn("representative_name", response.context["form"].errors)
        self.assertFalse(SpaceInvitation.objects.filter(case=self.new_case).exists())
