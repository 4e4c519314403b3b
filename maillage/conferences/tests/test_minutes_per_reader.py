"""Each reader's minutes hold only what the consent in force shares with them — in the
HTML, in the PDF's text and in the email — and the case manager's version holds it all."""

import hashlib
import shutil
import subprocess
import tempfile

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from maillage.audit.models import AuditEvent
from maillage.conferences import delivery, meeting, minutes
from maillage.conferences.models import Invitation, MinutesDelivery
from maillage.consent import actions as consent_actions

from .test_meeting_base import (
    HOUSING,
    HOUSING_DECISION,
    MENTAL,
    MENTAL_DECISION,
    PLAN,
    MeetingTestCase,
)


def pdf_text(document: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(document)
        pdf.flush()
        result = subprocess.run(  # noqa: S603 — a fixed program on our own file
            ["pdftotext", "-layout", pdf.name, "-"], capture_output=True, check=True, text=True
        )
    return " ".join(result.stdout.split())


class MinutesTestCase(MeetingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.full_record()

    def html(self, actor, language="en"):
        reader = self.invitation(actor) if actor is not None else None
        return minutes.render_minutes_html(self.conference, reader, language)

    def pdf(self, actor, language="en"):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        reader = self.invitation(actor) if actor is not None else None
        return pdf_text(minutes.render_minutes_pdf(self.conference, reader, language))


class ContentPerReaderTests(MinutesTestCase):
    def test_the_case_managers_version_holds_everything(self):
        content = minutes.minutes_for(self.conference, None)
        self.assertIs(content["full"], True)
        self.assertEqual(len(content["agenda"]), 3)
        self.assertEqual(len(content["decisions"]), 2)
        self.assertEqual(content["person_name"], "Louis Lambert")
        html = self.html(None)
        for text in (MENTAL, MENTAL_DECISION, HOUSING, HOUSING_DECISION, PLAN, "Louis Lambert"):
            self.assertIn(text, html)

    def test_a_partner_without_mental_health_receives_none_of_it(self):
        content = minutes.minutes_for(self.conference, self.invitation(self.cpas))
        self.assertEqual(content["categories"], {"plan", "housing", "income"})
        self.assertEqual(
            [item["title"] for item in content["agenda"]], ["Logement", "Organisation"]
        )
        self.assertEqual([d["what"] for d in content["decisions"]], [HOUSING_DECISION])
        html = self.html(self.cpas)
        for text in (MENTAL, MENTAL_DECISION, "Santé mentale", "mental health"):
            self.assertNotIn(text, html)
        for text in (HOUSING, HOUSING_DECISION, PLAN):
            self.assertIn(text, html)

    def test_left_out_is_not_blacked_out(self):
        html = self.html(self.cpas)
        for word in ("withheld", "hidden", "redacted", "█"):
            self.assertNotIn(word, html)

    def test_the_persons_name_needs_identity(self):
        cpas = minutes.minutes_for(self.conference, self.invitation(self.cpas))
        self.assertEqual(cpas["person_name"], "")
        self.assertNotIn("Lambert", self.html(self.cpas))
        self.assertIn("the person", self.html(self.cpas))
        self.assertIn("Louis Lambert", self.html(self.gp))
        # Professionals' names are theirs to give: they stay.
        self.assertIn("Martine Peeters", self.html(self.cpas))

    def test_a_relation_is_named_only_with_identity(self):
        Invitation.objects.create(conference=self.conference, actor=self.mother, language="fr")
        self.assertNotIn("Marie Lambert", self.html(self.cpas))
        self.assertIn("Marie Lambert", self.html(self.gp))

    def test_the_psychiatrist_reads_mental_health_but_not_housing(self):
        html = self.html(self.psychiatrist)
        self.assertIn(MENTAL, html)
        self.assertIn(MENTAL_DECISION, html)
        self.assertNotIn(HOUSING, html)
        self.assertNotIn(HOUSING_DECISION, html)

    def test_the_person_and_the_case_workers_read_everything(self):
        for actor in (self.person, self.camille_actor):
            html = self.html(actor)
            self.assertIn(MENTAL, html)
            self.assertIn(HOUSING_DECISION, html)

    def test_withdrawn_consent_leaves_nothing_categorised(self):
        consent_actions.withdraw_consent(self.case, by=self.camille, reason="Ne veut plus")
        for actor in (self.cpas, self.gp, self.psychiatrist):
            content = minutes.minutes_for(self.conference, self.invitation(actor))
            self.assertEqual(content["agenda"], [])
            self.assertEqual(content["decisions"], [])
            self.assertEqual(content["evaluations"], [])
            self.assertEqual(content["person_name"], "")
            html = self.html(actor)
            for text in (MENTAL, HOUSING, PLAN, HOUSING_DECISION, "Louis Lambert"):
                self.assertNotIn(text, html)
        self.assertIn(MENTAL, self.html(self.person))

    def test_evaluations_of_earlier_decisions_are_filtered_too(self):
        first = self.make_conference(hours_ago=24 * 40)
        earlier = self.decide("Consultation au CGG", "mental_health", conference=first)
        self.hold(first)
        meeting.evaluate_decision(
            earlier,
            meeting.EvaluationData("partly", "Une consultation sur deux"),
            at=self.conference,
            by=self.camille,
            version=None,
        )
        self.assertIn("Une consultation sur deux", self.html(self.psychiatrist))
        self.assertNotIn("Une consultation sur deux", self.html(self.cpas))
        self.assertNotIn("Consultation au CGG", self.html(self.cpas))

    def test_each_reader_reads_in_their_language(self):
        html = minutes.render_minutes_html(
            self.conference, self.invitation(self.psychiatrist), "nl"
        )
        self.assertIn('lang="nl"', html)


class PdfTextTests(MinutesTestCase):
    def test_the_partners_pdf_has_no_mental_health_content_the_case_managers_has(self):
        partner = self.pdf(self.cpas)
        full = self.pdf(None)
        self.assertNotIn(MENTAL, partner)
        self.assertNotIn(MENTAL_DECISION, partner)
        self.assertNotIn("Lambert", partner)
        self.assertIn(HOUSING_DECISION, partner)
        self.assertIn(MENTAL, full)
        self.assertIn(MENTAL_DECISION, full)
        self.assertIn("Louis Lambert", full)

    def test_after_withdrawal_the_partners_pdf_holds_nothing_categorised(self):
        consent_actions.withdraw_consent(self.case, by=self.camille)
        partner = self.pdf(self.cpas)
        for text in (MENTAL, HOUSING, PLAN, HOUSING_DECISION, MENTAL_DECISION):
            self.assertNotIn(text, partner)
        self.assertIn("Sophie Dubois", partner)  # the participants stay


class SendMinutesTests(MinutesTestCase):
    def send(self):
        with self.captureOnCommitCallbacks(execute=True):
            return delivery.send_minutes(self.conference, by=self.noor)

    def message_to(self, address):
        return next(m for m in mail.outbox if m.to == [address])

    def test_the_minutes_are_sent_once_the_meeting_is_closed(self):
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "Close the meeting"),
        ):
            self.send()
        self.assertEqual(mail.outbox, [])
        self.assertFalse(MinutesDelivery.objects.exists())

    def test_each_participant_with_an_address_receives_their_own_version(self):
        self.hold()
        deliveries = self.send()
        self.assertEqual(len(deliveries), 3)
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            ["claes@example.org", "dubois@example.org", "peeters@example.org"],
        )
        cpas = self.message_to("dubois@example.org")
        html = cpas.alternatives[0][0]
        for body in (cpas.body, html):
            self.assertNotIn(MENTAL, body)
            self.assertNotIn(MENTAL_DECISION, body)
            self.assertNotIn("Lambert", body)
            self.assertIn(HOUSING_DECISION, body)
        self.assertNotIn("Lambert", cpas.subject)
        [(filename, document, mimetype)] = cpas.attachments
        self.assertEqual(mimetype, "application/pdf")
        self.assertTrue(filename.endswith(".pdf"))
        self.assertTrue(document.startswith(b"%PDF"))
        if shutil.which("pdftotext"):
            text = pdf_text(document)
            self.assertNotIn(MENTAL, text)
            self.assertIn(HOUSING_DECISION, text)
        psychiatrist = self.message_to("claes@example.org")
        self.assertIn(MENTAL_DECISION, psychiatrist.body)
        self.assertIn('lang="nl"', psychiatrist.alternatives[0][0])

    def test_who_received_which_version_is_recorded(self):
        self.hold()
        self.send()
        delivery = MinutesDelivery.objects.get(invitation=self.invitation(self.cpas))
        self.assertEqual(delivery.categories, ["housing", "income", "plan"])
        self.assertEqual(delivery.language, "fr")
        self.assertEqual(delivery.sent_by, self.noor)
        html = self.message_to("dubois@example.org").alternatives[0][0]
        self.assertEqual(delivery.digest, hashlib.sha256(html.encode()).hexdigest())
        nl = MinutesDelivery.objects.get(invitation=self.invitation(self.psychiatrist))
        self.assertEqual(nl.language, "nl")
        event = AuditEvent.objects.get(verb="conference.minutes_sent")
        self.assertEqual(event.target_id, str(self.conference.pk))

    def test_nothing_leaves_when_no_one_has_an_address(self):
        self.hold()
        Invitation.objects.filter(conference=self.conference).update(email="")
        for actor in (self.gp, self.psychiatrist, self.cpas):
            actor.email = ""
            actor.save()
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "No participant has an email address"),
        ):
            self.send()
