"""The public form at /public/request/: check which programmes could fit, then send;
nothing typed is lost on an error."""

from unittest import mock

from maillage.guard import gate
from maillage.guard.testing import solution
from maillage.intake.models import SupportRequest
from maillage.public.models import PublicSubmission
from maillage.testing import MaillageTestCase

URL = "/public/request/"


def posted(**changes):
    data = {
        "kind": "carer",
        "name": "Marie Aidant",
        "email": "marie@example.org",
        "given_name": "Jeanne",
        "family_name": "Publique",
        "age": "67",
        "residence": "21009",
        "what_is_asked": "Un accompagnement pour reprendre pied.",
        "why_now": "Elle ne sort plus.",
        "fact_living_situation": "home",
        "consent": "agrees",
        "programme": "",
        "altcha": solution(),
        "website": "",
        "action": "send",
        "seen_fits": "1",  # the page that sends it showed what could fit
    }
    data.update(changes)
    return data


class PublicFormTests(MaillageTestCase):
    def test_it_opens_without_an_account_in_french_dutch_and_english(self):
        for language, words in (("fr", b'lang="fr"'), ("nl", b'lang="nl"'), ("en", b'lang="en"')):
            with self.subTest(language):
                response = self.client.get(URL, HTTP_ACCEPT_LANGUAGE=language)
                self.assertEqual(response.status_code, 200)
                self.assertIn(words, response.content)
                self.assertContains(response, 'name="fact_in_crisis"')
                self.assertContains(response, "Anderlecht")

    def test_checking_shows_each_programme_with_its_criteria_and_saves_nothing(self):
        response = self.client.post(URL, posted(action="check"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 200)
        fits = {f.programme.code: f.outcome for f in response.context["fits"]}
        self.assertEqual(fits["brusano"], "eligible")
        self.assertEqual(fits["bru-stars"], "not_eligible")  # 67 years old
        self.assertEqual(fits["dune-liaison"], "incomplete")
        self.assertContains(response, "could fit")
        self.assertContains(response, "clearly does not fit")
        self.assertContains(response, "needs more information")
        self.assertContains(response, "Aged 18 or over")
        self.assertContains(response, "Jeanne")  # what was typed stays in the form
        self.assertFalse(PublicSubmission.objects.exists())

    def test_checking_needs_no_name(self):
        response = self.client.post(URL, posted(action="check", given_name="", family_name=""))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["form"].errors)
        self.assertTrue(response.context["fits"])

    def test_a_professional_sees_that_a_colleague_may_complete_bru_stars(self):
        response = self.client.post(
            URL,
            posted(action="check", kind="professional", organisation="CMP", age="16"),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        fits = {f.programme.code: f for f in response.context["fits"]}
        self.assertEqual(fits["bru-stars"].outcome, "incomplete")
        self.assertIs(fits["bru-stars"].needs_colleague, True)
        self.assertContains(response, "invite a colleague of another organisation")

    def test_sending_records_the_request_and_shows_the_private_link(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(URL, posted(), HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/public/request/status/", response["Location"])
        self.assertIn("sent=fits", response["Location"])
        submission = PublicSubmission.objects.get()
        self.assertEqual(submission.language, "nl")
        self.assertEqual(submission.support_request.programme, self.brusano)
        page = self.client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, "Brusano")
        self.assertContains(page, "Un accompagnement pour reprendre pied.")

    def test_an_error_names_the_field_and_keeps_what_was_typed(self):
        response = self.client.post(
            URL,
            posted(kind="professional", organisation="", what_is_asked=""),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("organisation", form.errors)
        self.assertIn("what_is_asked", form.errors)
        self.assertContains(response, 'href="#id_organisation"')  # the summary links to it
        self.assertContains(response, 'value="Jeanne"')
        self.assertContains(response, "Elle ne sort plus.")
        self.assertFalse(PublicSubmission.objects.exists())

    def test_every_field_has_a_size_limit(self):
        response = self.client.post(URL, posted(name="x" * 201, why_now="y" * 4001))
        self.assertIn("name", response.context["form"].errors)
        self.assertIn("why_now", response.context["form"].errors)
        self.assertFalse(SupportRequest.objects.exists())

    def test_the_person_who_asks_for_themselves_needs_no_agreement_answer(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(URL, posted(kind="person", consent=""))
        self.assertEqual(response.status_code, 302)
        request = SupportRequest.objects.get()
        self.assertEqual(request.requesters.get().name, "Jeanne Publique")

    def test_a_refusal_of_the_guard_keeps_the_form_with_its_message(self):
        refused = gate.Refused(429, "Too many requests from here: try again later.", "")
        with mock.patch.object(gate, "check", side_effect=refused):
            response = self.client.post(URL, posted())
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Too many requests from here", status_code=429)
        self.assertContains(response, 'value="Jeanne"', status_code=429)
        self.assertFalse(PublicSubmission.objects.exists())

    def test_a_carer_says_whether_the_person_knows_and_agrees(self):
        response = self.client.post(URL, posted(consent=""))
        self.assertIn("consent", response.context["form"].errors)
        response = self.client.post(URL, posted(consent="not_informed", consent_reason=""))
        self.assertIn("consent_reason", response.context["form"].errors)
        self.assertFalse(PublicSubmission.objects.exists())

    def test_the_fields_needed_to_send_are_marked_required(self):
        response = self.client.get(URL)
        for name in ("kind", "given_name", "family_name", "what_is_asked"):
            self.assertIs(response.context["form"].fields[name].required, True, name)
        self.assertContains(response, 'name="given_name" maxlength="100" required')

    def test_sending_without_a_programme_first_shows_what_could_fit(self):
        data = posted()
        del data["seen_fits"]
        first = self.client.post(URL, data, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(first.status_code, 200)
        self.assertTrue(first.context["confirm"])
        self.assertContains(first, "You did not choose a programme")
        self.assertContains(first, "could fit")
        self.assertContains(first, 'name="seen_fits" value="1"')
        self.assertFalse(PublicSubmission.objects.exists())
        sent = self.client.post(URL, posted(), HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(sent.status_code, 302)
        self.assertEqual(PublicSubmission.objects.get().programme.code, "brusano")

    def test_a_chosen_programme_is_sent_at_once(self):
        data = posted(programme="brusano")
        del data["seen_fits"]
        self.assertEqual(self.client.post(URL, data).status_code, 302)
