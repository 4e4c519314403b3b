"""Invitations: single-use, expiring links; activation with password rules and TOTP;
one partner account in several networks."""

import re
from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import formats, timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.models import User
from maillage.categories import Category
from maillage.network.models import Actor
from maillage.partners import actions
from maillage.partners.models import PartnerInvitation
from maillage.testing import MaillageTestCase

from .base import open_case, partner_actor, share

PASSWORD = "Un mot de passe bien long 42"


class InvitationTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = open_case(cls)
        cls.gp = partner_actor(cls.case, None, name="Dr Martine Peeters")
        cls.gp.email = "martine@mm.example.org"
        cls.gp.save()
        share(cls.case, cls.camille, {cls.gp: {Category.HOUSING, Category.PLAN}})

    def invite(self, actor: Actor | None = None) -> str:
        """Invite through the case manager's button; return the link's path."""
        actor = actor or self.gp
        self.login(self.camille)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/cases/{actor.case_id}/network/{actor.pk}/invite-partner/"
            )
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        body = mail.outbox[-1].body
        return re.search(r"https?://[^/\s]+(/partner/activate/[^\s]+/)", body).group(1)

    def activate(self, path: str, client: Client | None = None, **fields: str):
        data = {
            "first_name": "Martine",
            "last_name": "Peeters",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **fields,
        }
        return (client or self.client).post(path, data)

    def test_the_email_goes_to_the_actor_in_their_language_and_names_no_one(self):
        self.invite()
        message = mail.outbox[-1]
        self.assertEqual(message.to, ["martine@mm.example.org"])
        invitation = PartnerInvitation.objects.get(actor=self.gp)
        with translation.override("fr"):  # the actor's language: dates in French
            until = formats.date_format(
                timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
            )
        self.assertIn(until, message.body)
        self.assertNotIn("Identitymarker", message.body + message.subject)
        self.assertNotIn(invitation.digest, message.body)  # only the digest is stored

    def test_activation_creates_the_account_then_requires_totp(self):
        path = self.invite()
        response = self.activate(path)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/two-factor/", response["Location"])
        user = User.objects.get(username="martine@mm.example.org")
        self.gp.refresh_from_db()
        self.assertEqual(self.gp.user, user)
        # Without TOTP, the partner pages send to the set-up page.
        response = self.client.get("/partner/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/two-factor/", response["Location"])

    def test_password_rules_apply(self):
        path = self.invite()
        response = self.activate(path, password1="court", password2="court")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(username="martine@mm.example.org").exists())
        self.assertEqual(PartnerInvitation.objects.get(actor=self.gp).used_at, None)

    def test_the_link_works_once(self):
        path = self.invite()
        self.activate(path)
        again = self.activate(path, client=Client())
        self.assertEqual(again.status_code, 410)
        self.assertContains(again, "déjà été utilisé", status_code=410)

    def test_an_expired_link_does_nothing(self):
        path = self.invite()
        PartnerInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        response = self.activate(path)
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "a expiré", status_code=410)
        self.assertFalse(User.objects.filter(username="martine@mm.example.org").exists())

    def test_an_unknown_link_does_nothing(self):
        response = self.client.get("/partner/activate/not-a-token/")
        self.assertEqual(response.status_code, 410)

    def test_a_new_invitation_expires_the_previous_one(self):
        first = self.invite()
        self.invite()
        self.assertEqual(self.client.get(first).status_code, 410)

    def test_the_wrong_user_cannot_take_the_invitation(self):
        path = self.invite()
        self.login(self.camille)  # a case manager, another address
        response = self.client.post(path)
        self.assertEqual(response.status_code, 400)
        self.gp.refresh_from_db()
        self.assertIsNone(self.gp.user)

    def test_an_existing_partner_adds_a_second_network(self):
        self.activate(self.invite())
        user = User.objects.get(username="martine@mm.example.org")
        other_case = open_case(self, family_name="Secondcase")
        second = partner_actor(other_case, None, name="Dr Martine Peeters")
        second.email = "martine@mm.example.org"
        second.save()
        share(other_case, self.camille, {second: {Category.INCOME}})
        path = self.invite(second)
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        self.login(user)
        response = self.client.post(path)
        self.assertRedirects(response, "/partner/", fetch_redirect_response=False)
        second.refresh_from_db()
        self.assertEqual(second.user, user)
        listed = self.client.get("/partner/").content.decode()
        self.assertIn(str(self.case.pk)[:8].upper(), listed)
        self.assertIn(str(other_case.pk)[:8].upper(), listed)

    def test_nothing_shared_means_no_invitation(self):
        ungranted = partner_actor(self.case, None, name="Dr Nobody")
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "shares nothing"),
        ):
            actions.invite_partner(ungranted, by=self.camille)
        informal = Actor.objects.create(
            case=self.case, kind="informal", name="Marie", relation="family", email="m@x.org"
        )
        with self.assertRaises(ValidationError):
            actions.invite_partner(informal, by=self.camille)

    def test_the_actor_page_shows_the_invitation_status(self):
        self.invite()
        self.login(self.camille)
        page = self.client.get(f"/cases/{self.case.pk}/network/{self.gp.pk}/edit/")
        self.assertContains(page, "Invité·e le")
        self.assertContains(page, "Envoyer une nouvelle invitation")
