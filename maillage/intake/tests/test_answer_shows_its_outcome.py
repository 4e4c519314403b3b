"""After answering: the request page and the message say what the answer led to — the
case and who holds it, the reason of a refusal, where the person was oriented."""

from django.contrib.messages import get_messages

from maillage.cases.models import Case
from maillage.intake.actions import RequesterData
from maillage.network import actions as network_actions
from maillage.testing import MaillageTestCase


class AnswerShowsItsOutcomeTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.support_request = cls.record(cls.brusano, cls.ines)

    def setUp(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def answer(self, user, **data: str):
        self.login(user)
        form = {"version": str(self.support_request.version), **data}
        return self.client.post(f"/requests/{self.support_request.pk}/answer/", form, follow=True)

    def accept(self, user):
        pair = [str(self.camille.pk), str(self.noor.pk)]
        return self.answer(user, decision="accept", case_workers=pair)

    def message(self, response) -> str:
        return " ".join(str(m) for m in get_messages(response.wsgi_request))

    def test_the_message_after_accepting_links_to_the_case_and_names_its_workers(self):
        response = self.accept(self.camille)
        case = Case.objects.get(support_request=self.support_request)
        message = self.message(response)
        self.assertIn("a case was opened, held by Camille and Noor", message)
        self.assertIn(f'href="/cases/{case.pk}/"', message)
        messages = response.content.decode().split('class="messages"')[1].split("</ul>")[0]
        self.assertIn(f'<a href="/cases/{case.pk}/">Open the case</a>', messages)

    def test_the_request_page_links_to_the_case_and_names_its_workers(self):
        self.accept(self.camille)
        case = Case.objects.get(support_request=self.support_request)
        page = self.client.get(f"/requests/{self.support_request.pk}/")
        summary = page.content.decode().split('id="answer-summary"')[1].split("</div>")[0]
        self.assertIn("held by Camille and Noor", summary)
        self.assertIn(f'href="/cases/{case.pk}/"', summary)
        self.assertContains(page, "Held by Camille and Noor.")

    def test_an_intake_worker_who_cannot_open_the_case_still_reads_who_holds_it(self):
        response = self.accept(self.ines)
        case = Case.objects.get(support_request=self.support_request)
        self.assertIn("held by Camille and Noor", self.message(response))
        self.assertNotIn(f"/cases/{case.pk}/", self.message(response))
        page = self.client.get(f"/requests/{self.support_request.pk}/")
        self.assertContains(page, "held by Camille and Noor")
        self.assertNotContains(page, f'href="/cases/{case.pk}/"')

    def test_a_refusal_shows_its_reason(self):
        response = self.answer(self.ines, decision="refuse", reason="Lives in Flemish Brabant.")
        self.assertIn("Reason given: Lives in Flemish Brabant.", self.message(response))
        summary = response.content.decode().split('id="answer-summary"')[1].split("</div>")[0]
        self.assertIn("Refused on", summary)
        self.assertIn("Lives in Flemish Brabant.", summary)

    def test_an_orientation_shows_where_the_person_was_oriented(self):
        response = self.answer(
            self.ines, decision="orient", orient_target="SSM Le Méridien", reason="Fits better."
        )
        self.assertIn("oriented to SSM Le Méridien", self.message(response))
        summary = response.content.decode().split('id="answer-summary"')[1].split("</div>")[0]
        self.assertIn("to SSM Le Méridien", summary)
        self.assertIn("Fits better.", summary)

    def test_the_names_are_escaped_in_the_message(self):
        self.camille.first_name = "<b>Cam</b>"
        self.camille.save()
        message = self.message(self.accept(self.camille))
        self.assertIn("&lt;b&gt;Cam&lt;/b&gt;", message)

    def test_the_answered_queue_shows_the_destination_and_the_reason(self):
        self.answer(self.ines, decision="orient", orient_target="SSM Le Méridien", reason="Fits.")
        refused = self.record(self.brusano, self.ines)
        self.client.post(
            f"/requests/{refused.pk}/answer/",
            {"version": "1", "decision": "refuse", "reason": "Lives in Flemish Brabant."},
        )
        queue = self.client.get("/requests/?tab=answered")
        self.assertContains(queue, "to SSM Le Méridien")
        self.assertContains(queue, "Lives in Flemish Brabant.")

    def test_the_page_leads_to_the_requesters_not_yet_in_the_network(self):
        support_request = self.record(
            self.brusano, self.ines, requesters=[RequesterData(kind="carer", name="Sophie")]
        )
        self.support_request = support_request
        self.accept(self.camille)
        case = Case.objects.get(support_request=support_request)
        link = f'href="/cases/{case.pk}/network/#from-request"'
        self.assertContains(self.client.get(f"/requests/{support_request.pk}/"), link)
        network_actions.add_requester(case, support_request.requesters.get(), by=self.camille)
        self.assertNotContains(self.client.get(f"/requests/{support_request.pk}/"), link)
