"""Inviting the network: emails in each invitee's language with an iCalendar file,
updates with the same UID and a higher SEQUENCE, cancellations; never the person's
name nor anything of the case."""

from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation

from maillage.conferences import actions
from maillage.consent import actions as consent_actions
from maillage.consent.models import Consent
from maillage.network.models import Actor

from .test_schedule_base import CASE_SECRET, PERSON_NAMES, ConferenceTestCase, next_week, open_case


class InvitePageTests(ConferenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.conference = self.plan()
        self.url = f"/conferences/{self.conference.pk}/invitations/"

    def test_the_page_lists_the_current_network_with_emails(self):
        Actor.objects.filter(pk=self.neighbour.pk).update(ended_on=timezone.localdate())
        self.login(self.olivier)
        response = self.client.get(self.url)
        self.assertContains(response, "janssens@mm-midi.example")
        self.assertContains(response, "Els Peeters")
        self.assertNotContains(response, "Marc")  # left the network today
        Actor.objects.filter(pk=self.neighbour.pk).update(ended_on=None)
        self.assertContains(self.client.get(self.url), "no email: invite by phone")

    def test_inviting_sends_each_invitee_an_email(self):
        self.login(self.camille)
        data = {"actors": [self.gp.pk, self.carer.pk, self.neighbour.pk], "send": "on"}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, data)
        self.assertRedirects(response, f"/conferences/{self.conference.pk}/")
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["els@example.be", "janssens@mm-midi.example"]
        )
        invitations = {i.actor: i for i in self.conference.invitations.all()}
        self.assertEqual(invitations[self.carer].language, "nl")
        self.assertIsNotNone(invitations[self.gp].sent_at)
        self.assertEqual(invitations[self.gp].sent_sequence, 0)
        self.assertIsNone(invitations[self.neighbour].sent_at)
        self.assertEqual(self.last_event("invitation.sent").part, "conferences")
        self.assertEqual(self.last_event("invitation.created").case_id, self.case.pk)

    def test_an_empty_choice_is_refused_by_name(self):
        self.login(self.camille)
        response = self.client.post(self.url, {})
        self.assertEqual(response.status_code, 200)
        self.assertIn("actors", response.context["form"].errors)

    def test_the_send_button_sends_only_what_was_not_sent(self):
        actions.invite(self.conference, by=self.camille, actors=[self.gp, self.carer])
        self.login(self.noor)
        url = f"/conferences/{self.conference.pk}/invitations/send/"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url)
        self.assertRedirects(response, f"/conferences/{self.conference.pk}/")
        self.assertEqual(len(mail.outbox), 2)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url)
        self.assertEqual(len(mail.outbox), 2)

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        url = f"/conferences/{self.conference.pk}/invitations/send/"
        self.assertEqual(self.client.post(url).status_code, 404)


class InvitationEmailTests(ConferenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.conference = self.plan()
        self.invite_and_send(self.conference, self.gp, self.carer, self.person_actor)

    def test_the_email_is_in_the_invitees_language(self):
        starts = timezone.localtime(self.conference.starts_at)
        dutch = self.mail_to("els@example.be")
        with translation.override("nl"):
            day = formats.date_format(starts, "l j F Y")
        self.assertIn("Overleg", dutch.subject)
        self.assertIn(day, dutch.subject)
        self.assertIn(day, dutch.body)
        french = self.mail_to("janssens@mm-midi.example")
        with translation.override("fr"):
            self.assertIn(formats.date_format(starts, "l j F Y"), french.subject)
        self.assertIn("Concertation", french.subject)

    def test_the_email_gives_time_place_manager_and_a_personal_link(self):
        message = self.mail_to("janssens@mm-midi.example")
        invitation = self.conference.invitations.get(actor=self.gp)
        self.assertIn("14:00", message.body)
        self.assertIn("90", message.body)
        self.assertIn("Maison médicale du Midi, salle 2", message.body)
        self.assertIn("Camille Martin", message.body)
        link = f"{settings.SITE_URL.rstrip('/')}/conferences/answer/{invitation.token}/"
        self.assertIn(link, message.body)  # absolute, from MAILLAGE_SITE_URL

    def test_the_calendar_file_is_a_request_with_a_stable_uid(self):
        calendar, event = self.ics_of(self.mail_to("janssens@mm-midi.example"))
        self.assertEqual(str(calendar["METHOD"]), "REQUEST")
        self.assertEqual(str(event["UID"]), self.conference.ical_uid)
        self.assertEqual(int(event["SEQUENCE"]), 0)
        self.assertEqual(event.decoded("DTSTART"), self.conference.starts_at)
        self.assertEqual(str(event["ORGANIZER"].params["CN"]), "Camille Martin")
        self.assertEqual(str(event["ATTENDEE"]), "mailto:janssens@mm-midi.example")

    def test_nothing_names_the_person_or_the_case(self):
        for message in mail.outbox:
            ics = message.attachments[0][1]
            ics = ics if isinstance(ics, str) else ics.decode()
            for text in (message.subject, message.body, ics):
                for secret in (*PERSON_NAMES, CASE_SECRET):
                    self.assertNotIn(secret, text, message.to)

    def test_a_reschedule_sends_an_update_with_the_same_uid(self):
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.update_conference(
                self.conference,
                by=self.noor,
                version=1,
                starts_at=self.conference.starts_at + timedelta(days=1),
            )
        self.assertEqual(len(mail.outbox), 3)
        message = self.mail_to("janssens@mm-midi.example")
        self.assertIn("Modifiée", message.subject)  # the invitee reads French
        calendar, event = self.ics_of(message)
        self.assertEqual(str(calendar["METHOD"]), "REQUEST")
        self.assertEqual(str(event["UID"]), self.conference.ical_uid)
        self.assertEqual(int(event["SEQUENCE"]), 1)
        self.assertEqual(event.decoded("DTSTART"), self.conference.starts_at)
        self.assertEqual(self.conference.invitations.filter(sent_sequence=1).count(), 3)
        self.assertEqual(
            self.last_event("conference.rescheduled").changes, ["ical_sequence", "starts_at"]
        )

    def test_after_a_withdrawal_or_a_departure_a_new_date_is_not_sent(self):
        given = Consent.Status.GIVEN
        consent_actions.record_consent(self.case, by=self.camille, status=given, method="written")
        consent_actions.record_consent(self.case, by=self.camille, status=Consent.Status.WITHDRAWN)
        Actor.objects.filter(pk=self.carer.pk).update(ended_on=timezone.localdate())
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.update_conference(
                self.conference,
                by=self.noor,
                version=1,
                starts_at=self.conference.starts_at + timedelta(days=1),
            )
        # The person hears of it; the GP (consent withdrawn) and the carer (left) do not.
        self.assertEqual([message.to[0] for message in mail.outbox], ["louis@example.org"])

    def test_a_new_facilitator_sends_nothing(self):
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.update_conference(
                self.conference, by=self.noor, version=1, facilitator=self.noor
            )
        self.assertEqual(mail.outbox, [])
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.ical_sequence, 0)

    def test_a_cancellation_is_a_cancel_with_a_higher_sequence(self):
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.cancel_conference(
                self.conference, by=self.camille, reason="Salle indisponible."
            )
        calendar, event = self.ics_of(self.mail_to("els@example.be"))
        self.assertEqual(str(calendar["METHOD"]), "CANCEL")
        self.assertEqual(str(event["STATUS"]), "CANCELLED")
        self.assertEqual(str(event["UID"]), self.conference.ical_uid)
        self.assertEqual(int(event["SEQUENCE"]), 1)
        self.assertIn("Salle indisponible.", self.mail_to("els@example.be").body)


class InviteRulesTests(ConferenceTestCase):
    @translation.override("en")
    def test_actors_of_another_case_or_gone_are_refused(self):
        conference = self.plan()
        other = open_case(type(self)).actors.get(kind="person")
        with self.assertRaisesMessage(ValidationError, "current network of this case"):
            actions.invite(conference, by=self.camille, actors=[other])
        self.neighbour.ended_on = timezone.localdate() - timedelta(days=1)
        with self.assertRaisesMessage(ValidationError, "current network of this case"):
            actions.invite(conference, by=self.camille, actors=[self.neighbour])

    def test_inviting_twice_keeps_one_invitation(self):
        conference = self.plan()
        first = actions.invite(conference, by=self.camille, actors=[self.gp])
        again = actions.invite(conference, by=self.camille, actors=[self.gp, self.carer])
        self.assertEqual(again[0], first[0])
        self.assertEqual(conference.invitations.count(), 2)

    def test_an_actor_without_language_is_invited_in_french(self):
        conference = self.plan(starts_at=next_week(9))
        (invitation,) = actions.invite(conference, by=self.camille, actors=[self.neighbour])
        self.assertEqual((invitation.language, invitation.email), ("fr", ""))

    def test_a_worker_is_invited_with_their_account_address(self):
        conference = self.plan()
        worker = self.case.actors.get(kind="worker", user=self.camille)
        (invitation,) = actions.invite(conference, by=self.noor, actors=[worker])
        self.assertEqual(invitation.email, "camille@brusano.example")
