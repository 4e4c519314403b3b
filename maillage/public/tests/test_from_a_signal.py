"""An early-warning signal made into a request: the form starts with the facts the
signal gathered, and the request it sends is linked to the signal (for the figures of
what became of signals) and marked as coming from one."""

import json

from django.urls import reverse

from maillage.guard.testing import solution
from maillage.intake.models import SupportRequest
from maillage.public.tests.base import api_body
from maillage.public.tests.test_public_form import posted
from maillage.screening import actions as screening
from maillage.screening.models import ComplexitySignal
from maillage.screening.tests.base import COMPLEX
from maillage.testing import MaillageTestCase

URL = "/public/request/"


class FromASignalTests(MaillageTestCase):
    def test_the_form_starts_with_the_signals_facts_and_links_the_request(self):
        self.assertEqual(screening.REQUEST_FORM, reverse("public:request"))
        signal, token = screening.record_signal(COMPLEX, anonymous=False)
        page = self.client.get(URL, {"signal": token})
        form = page.context["form"]
        self.assertEqual(form["fact_network_state"].value(), "exhausted")
        self.assertEqual(form["fact_psychiatric_history"].value(), "yes")
        self.assertEqual(form["signal"].value(), token)
        self.assertContains(page, f'name="signal" value="{token}"')

        sent = self.client.post(URL, posted(signal=token, fact_network_state="exhausted"))
        self.assertEqual(sent.status_code, 302)
        support_request = SupportRequest.objects.get(person__family_name="Publique")
        self.assertEqual(support_request.channel, SupportRequest.Channel.SIGNAL)
        signal.refresh_from_db()
        self.assertEqual(signal.support_request, support_request)

    def test_an_unknown_or_altered_signal_fills_nothing_and_links_nothing(self):
        signal, token = screening.record_signal(COMPLEX, anonymous=False)
        page = self.client.get(URL, {"signal": token + "x"})
        self.assertEqual(page.context["form"]["fact_network_state"].value(), "")
        self.client.post(URL, posted(signal="not-a-signal"))
        support_request = SupportRequest.objects.get(person__family_name="Publique")
        self.assertEqual(support_request.channel, SupportRequest.Channel.PUBLIC_FORM)
        self.assertFalse(ComplexitySignal.objects.filter(support_request__isnull=False).exists())
        self.assertIsNone(ComplexitySignal.objects.get(pk=signal.pk).support_request)

    def test_the_api_takes_the_signal_of_its_request_url(self):
        signal, token = screening.record_signal(COMPLEX, anonymous=False)
        response = self.client.post(
            "/api/v1/public/requests",
            json.dumps({**api_body("brusano"), "signal": token}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        signal.refresh_from_db()
        self.assertEqual(signal.support_request.channel, SupportRequest.Channel.SIGNAL)
        # A signal is made into one request only.
        again = self.client.post(
            "/api/v1/public/requests",
            json.dumps({**api_body("brusano"), "signal": token, "altcha": solution()}),
            content_type="application/json",
        )
        self.assertEqual(again.status_code, 201)
        signal.refresh_from_db()
        self.assertEqual(
            SupportRequest.objects.filter(channel=SupportRequest.Channel.SIGNAL).count(), 2
        )
