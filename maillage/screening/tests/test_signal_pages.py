"""The public signal: questions → findings (nothing stored) → record or make a request."""

from unittest import mock

from django.urls import reverse
from django.utils import translation

from maillage.audit.models import AuditEvent
from maillage.guard import gate
from maillage.screening import actions
from maillage.screening.models import ComplexitySignal, SignalAnswer
from maillage.testing import MaillageTestCase

from .base import COMPLEX, UNKNOWN, posted

QUESTIONS_URL = "/public/signal/"
RECORD_URL = "/public/signal/record/"


class QuestionsPageTests(MaillageTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
        self.enterContext(translation.override("en"))

    def test_anyone_sees_the_questions_without_an_account(self) -> None:
        response = self.client.get(QUESTIONS_URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<fieldset", count=12)
        self.assertContains(response, 'name="domains"', count=12)  # 11 domains + don't know

    def test_the_findings_are_in_words_and_nothing_is_stored(self) -> None:
        response = self.client.post(QUESTIONS_URL, COMPLEX)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "case manager could help")
        self.assertContains(response, 'name="choice" value="anonymous"')
        self.assertContains(response, 'name="choice" value="request"')
        # The directory is for signed-in professionals here: through the sign-in page.
        self.assertContains(response, "/accounts/login/?next=%2Fdirectory%2F%3Fdomain%3Dhousing")
        self.login(self.camille)
        response = self.client.post(QUESTIONS_URL, COMPLEX)
        self.assertContains(response, 'href="/directory/?domain=housing"')
        # The answers travel on in hidden fields, every box of a multiple choice too.
        self.assertContains(response, '<input type="hidden" name="domains" value="income"')
        self.assertFalse(ComplexitySignal.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="signal.recorded").exists())

    def test_a_missing_answer_keeps_what_was_ticked_and_links_to_the_question(self) -> None:
        answers = {**COMPLEX}
        del answers["network"]
        response = self.client.post(QUESTIONS_URL, answers)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'href="#id_network_0"')
        self.assertContains(response, 'aria-invalid="true"')
        self.assertContains(response, 'value="housing" id="id_domains_3" checked')
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_dont_know_stands_alone_in_a_multiple_choice(self) -> None:
        response = self.client.post(QUESTIONS_URL, {**COMPLEX, "domains": ["housing", "dont_know"]})
        self.assertContains(response, "alone, or the answers you know")
        self.assertContains(response, 'href="#id_domains_0"')

    def test_changing_the_answers_shows_the_questions_filled_in(self) -> None:
        response = self.client.post(QUESTIONS_URL, posted(COMPLEX, change="1"))
        self.assertTemplateUsed(response, "screening/questions.html")
        self.assertContains(response, 'value="housing" id="id_domains_3" checked')
        self.assertNotContains(response, "error-summary-title")
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_all_dont_know_is_a_valid_signal(self) -> None:
        response = self.client.post(QUESTIONS_URL, UNKNOWN)
        self.assertContains(response, "You do not know yet whether the situation is complex")


class RecordTests(MaillageTestCase):
    def test_it_records_a_signal_without_any_identity(self) -> None:
        response = self.client.post(RECORD_URL, posted(COMPLEX, choice="anonymous"))
        self.assertRedirects(response, reverse("screening:recorded"))
        signal = ComplexitySignal.objects.get()
        self.assertIs(signal.anonymous, True)
        self.assertEqual(signal.token_digest, "")
        self.assertEqual(signal.answers, COMPLEX)
        self.assertEqual(
            (signal.age_band, signal.gender, signal.language, signal.reporter),
            ("24_64", "woman", "fr", "gp"),
        )
        self.assertEqual(SignalAnswer.objects.filter(signal=signal).count(), 15)
        event = AuditEvent.objects.get(verb="signal.recorded")
        self.assertEqual((event.actor_id, event.target_id), (None, str(signal.pk)))
        self.assertIsNone(event.person_id)
        self.assertEqual(self.client.get(response["Location"]).status_code, 200)

    def test_making_a_request_sends_the_answers_to_the_request_form(self) -> None:
        response = self.client.post(RECORD_URL, posted(COMPLEX, choice="request"))
        self.assertEqual(response.status_code, 302)
        location = response["Location"]
        self.assertTrue(location.startswith("/public/request/?signal="))
        token = location.split("signal=")[1]
        signal = ComplexitySignal.objects.get()
        self.assertIs(signal.anonymous, False)
        self.assertNotIn(token, signal.token_digest)  # only its digest is kept
        self.assertEqual(
            actions.facts_of(token),
            {"network_state": "exhausted", "psychiatric_history": "yes"},
        )
        self.assertIsNone(actions.facts_of("unknown-token"))

    def test_answers_changed_on_the_way_go_back_to_the_questions(self) -> None:
        response = self.client.post(
            RECORD_URL, posted({**COMPLEX, "network": "bad"}, choice="anonymous")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'href="#id_network_0"')
        self.assertContains(response, 'value="housing" id="id_domains_3" checked')
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_a_refusal_of_the_guard_keeps_the_answers_and_stores_nothing(self) -> None:
        refused = gate.Refused(429, "Too many signals from here. Try again later.")
        with mock.patch.object(gate, "check", side_effect=refused) as check:
            response = self.client.post(RECORD_URL, posted(COMPLEX, choice="anonymous"))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(check.call_args.kwargs, {"kind": "signal"})
        self.assertContains(response, "Too many signals from here.", status_code=429)
        self.assertContains(response, 'name="domains" value="housing"', status_code=429)
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_spam_is_answered_as_if_stored_but_not_stored(self) -> None:
        with mock.patch.object(gate, "check", return_value=gate.Verdict(spam=True)):
            anonymous = self.client.post(RECORD_URL, posted(COMPLEX, choice="anonymous"))
            request = self.client.post(RECORD_URL, posted(COMPLEX, choice="request"))
        self.assertRedirects(anonymous, reverse("screening:recorded"))
        self.assertTrue(request["Location"].startswith("/public/request/?signal="))
        self.assertFalse(ComplexitySignal.objects.exists())

    def test_the_signal_is_linked_once_to_the_request_made_from_it(self) -> None:
        _signal, token = actions.record_signal(COMPLEX, anonymous=False)
        first = self.record(self.brusano, self.ines)
        second = self.record(self.brusano, self.ines)
        actions.attach(token, first)
        actions.attach(token, second)
        actions.attach("unknown-token", second)
        self.assertEqual(ComplexitySignal.objects.get().support_request, first)
        self.assertEqual(AuditEvent.objects.filter(verb="signal.attached").count(), 1)


class AnonymityTests(MaillageTestCase):
    def test_a_signal_has_no_field_that_could_say_who_the_person_is(self) -> None:
        fields = {f.name for f in ComplexitySignal._meta.get_fields()}
        self.assertEqual(
            fields,
            {
                "id",
                "answers",
                "age_band",
                "gender",
                "language",
                "reporter",
                "anonymous",
                "token_digest",
                "support_request",
                "created_at",
                "updated_at",
                "rows",
            },
        )

    def test_free_text_slipped_into_the_post_is_not_kept(self) -> None:
        self.client.post(
            RECORD_URL,
            posted(COMPLEX, choice="anonymous", name="Louis Lambert", birth_date="1980-05-17"),
        )
        signal = ComplexitySignal.objects.get()
        self.assertNotIn("Lambert", str(signal.answers))
        self.assertFalse(SignalAnswer.objects.filter(answer__contains="Lambert").exists())
