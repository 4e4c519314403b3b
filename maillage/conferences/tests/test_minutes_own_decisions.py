"""Each participant's minutes open with "Your decisions": the decisions of the meeting
their actor carries out, filtered by the consent in force like the rest of their
version — in the HTML, the PDF and the email."""

from django.core import mail

from maillage.conferences import delivery, minutes
from maillage.conferences.models import Invitation

from .test_meeting_base import HOUSING_DECISION, MENTAL_DECISION
from .test_minutes_per_reader import MinutesTestCase

PLAN_DECISION = "Accompagner Louis au guichet du CPAS"
SECRET_DECISION = "Informer le psychiatre de la rechute"  # mental health, owned by the CPAS


class OwnDecisionsTests(MinutesTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.decide(PLAN_DECISION, "plan", owner=self.cpas, how="En tram, le mardi")
        self.decide(SECRET_DECISION, "mental_health", owner=self.cpas)

    def own(self, actor) -> list[str]:
        content = minutes.minutes_for(self.conference, self.invitation(actor))
        return [decision["what"] for decision in content["own_decisions"]]

    def test_each_reader_owns_their_decisions_and_only_those(self):
        self.assertEqual(self.own(self.cpas), [HOUSING_DECISION, PLAN_DECISION])
        self.assertEqual(self.own(self.psychiatrist), [MENTAL_DECISION])
        self.assertEqual(self.own(self.gp), [])
        self.assertIsNone(minutes.minutes_for(self.conference, None)["own_decisions"])

    def test_a_decision_they_may_not_read_is_not_listed_even_as_theirs(self):
        self.assertNotIn(SECRET_DECISION, self.own(self.cpas))
        self.assertNotIn(SECRET_DECISION, self.html(self.cpas))
        # The person and the case workers read everything, their own decisions included.
        self.decide("Appeler sa sœur", "family", owner=self.person)
        self.assertEqual(self.own(self.person), ["Appeler sa sœur"])

    def test_the_section_opens_the_html_and_the_pdf(self):
        html = self.html(self.cpas)
        self.assertLess(html.index("Your decisions"), html.index("Participants"))
        section = html[html.index("Your decisions") : html.index("Participants")]
        self.assertIn(HOUSING_DECISION, section)
        self.assertIn("En tram, le mardi", section)
        self.assertNotIn(MENTAL_DECISION, section)
        self.assertIn("No decision of this meeting is yours.", self.html(self.gp))
        self.assertNotIn("Your decisions", self.html(None))
        pdf = self.pdf(self.cpas)
        self.assertLess(pdf.index("Your decisions"), pdf.index("Participants"))
        self.assertIn(PLAN_DECISION, pdf[: pdf.index("Participants")])

    def test_the_email_opens_with_the_readers_decisions(self):
        Invitation.objects.filter(actor=self.cpas).update(language="en")
        self.hold()
        with self.captureOnCommitCallbacks(execute=True):
            delivery.send_minutes(self.conference, by=self.camille)
        [message] = [m for m in mail.outbox if m.to == ["dubois@example.org"]]
        text = message.body
        self.assertLess(text.index("Your decisions"), text.index("Participants"))
        self.assertIn(f"- {HOUSING_DECISION}", text[: text.index("Participants")])
        self.assertNotIn(SECRET_DECISION, text)
        html = message.alternatives[0][0]
        self.assertLess(html.index("Your decisions"), html.index("Participants"))

    def test_the_preview_of_a_readers_version_shows_it(self):
        self.login(self.camille)
        url = f"/conferences/{self.conference.pk}/minutes/"
        response = self.client.get(url, {"recipient": self.invitation(self.cpas).pk})
        self.assertContains(response, 'id="own-decisions-title"')
        self.assertContains(response, PLAN_DECISION)
        self.assertNotContains(self.client.get(url), 'id="own-decisions-title"')
