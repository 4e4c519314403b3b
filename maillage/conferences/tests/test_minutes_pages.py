"""The minutes pages: each recipient's version previewed, sent, and as a PDF."""

from django.core import mail

from maillage.conferences.models import MinutesDelivery

from .test_meeting_base import HOUSING_DECISION, MENTAL, MENTAL_DECISION, MeetingTestCase


class MinutesPagesTests(MeetingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.full_record()
        self.url = f"/conferences/{self.conference.pk}/minutes/"

    def test_the_case_manager_previews_the_full_version_first(self):
        self.login(self.camille)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MENTAL)
        self.assertContains(response, "The full version (case manager).")
        self.assertContains(response, "Sophie Dubois")  # in the selector and the header

    def test_then_each_recipients_version(self):
        self.login(self.olivier)
        cpas = self.invitation(self.cpas)
        response = self.client.get(self.url, {"recipient": cpas.pk})
        self.assertNotContains(response, MENTAL)
        self.assertNotContains(response, MENTAL_DECISION)
        self.assertContains(response, HOUSING_DECISION)
        self.assertContains(response, f"minutes.pdf?recipient={cpas.pk}")

    def test_a_preview_speaks_the_readers_language(self):
        self.login(self.camille)
        response = self.client.get(self.url, {"recipient": self.invitation(self.psychiatrist).pk})
        self.assertContains(response, 'lang="nl"')
        self.assertContains(response, MENTAL_DECISION)

    def test_an_unknown_recipient_is_refused_naming_the_field(self):
        self.login(self.camille)
        response = self.client.get(self.url, {"recipient": "not-an-id"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="id_recipient_error"')
        self.assertNotContains(response, MENTAL)

    def test_the_pdf_of_one_recipient(self):
        self.login(self.camille)
        response = self.client.get(
            f"/conferences/{self.conference.pk}/minutes.pdf",
            {"recipient": self.invitation(self.cpas).pk},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        bad = self.client.get(
            f"/conferences/{self.conference.pk}/minutes.pdf", {"recipient": "nope"}
        )
        self.assertEqual(bad.status_code, 404)

    def test_sending_from_the_page(self):
        self.hold()
        self.login(self.camille)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/conferences/{self.conference.pk}/minutes/send/")
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 3)
        self.assertEqual(MinutesDelivery.objects.count(), 3)
        page = self.client.get(self.url)
        self.assertContains(page, "Minutes sent")
        self.assertContains(page, "income and debts")

    def test_sending_before_the_meeting_is_closed_says_why(self):
        self.login(self.camille)
        response = self.client.post(f"/conferences/{self.conference.pk}/minutes/send/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Close the meeting before sending its minutes.")
        self.assertEqual(mail.outbox, [])

    def test_access(self):
        self.hold()
        send = f"/conferences/{self.conference.pk}/minutes/send/"
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(send).status_code, 404)
        self.login(self.ana)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.case.phase = "closed"
        self.case.save()
        self.login(self.camille)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(self.client.post(send).status_code, 403)
        self.assertEqual(mail.outbox, [])
