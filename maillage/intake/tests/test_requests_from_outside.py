"""Requests without a signed-in user (the public form), a requester added later, and an
age given without a birth date."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

from maillage.audit.models import AuditEvent
from maillage.intake import actions
from maillage.intake.models import SupportRequest
from maillage.testing import MaillageTestCase, make_person

PROFESSIONAL = actions.RequesterData(kind="professional", organisation="CMP", name="Paul")


class RequestsFromOutsideTests(MaillageTestCase):
    def record(self, **kwargs):
        fields = {
            "by": None,
            "programme": self.brustars,
            "new_person": {"given_name": "Jeanne", "family_name": "Publique"},
            "requesters": [PROFESSIONAL],
            "facts": {"network_in_brussels": True, "stated_age": 16},
            "channel": SupportRequest.Channel.PUBLIC_FORM,
        }
        return actions.record_request(**{**fields, **kwargs})

    def test_only_the_public_form_records_without_a_user(self):
        with self.assertRaises(PermissionDenied):
            self.record(channel=SupportRequest.Channel.PHONE)
        self.brustars.active = False
        with self.assertRaises(PermissionDenied):
            self.record()
        self.assertFalse(SupportRequest.objects.exists())

    def test_the_stated_age_counts_while_the_birth_date_is_unknown(self):
        request = self.record()
        self.assertEqual(request.all_facts()["age"], 16)
        self.assertNotIn("stated_age", request.all_facts())
        with self.assertRaises(ValidationError):
            self.record(facts={"stated_age": 200})

    def test_a_second_organisation_completes_bru_stars(self):
        request = self.record()
        self.assertEqual(request.eligibility_outcome, "incomplete")
        actions.add_requester(
            request,
            by=None,
            requester=actions.RequesterData(kind="professional", organisation="SSM Le Méridien"),
        )
        request.refresh_from_db()
        self.assertEqual(request.eligibility_outcome, "eligible")
        event = AuditEvent.objects.get(verb="request.requester_added")
        self.assertIsNone(event.actor_id)

    def test_one_organisation_is_final_for_a_request_taken_by_phone(self):
        request = self.record(
            by=self.ines,
            person=make_person(birth_date=date(2012, 3, 1)),
            new_person=None,
            channel=SupportRequest.Channel.PHONE,
        )
        self.assertEqual(request.eligibility_outcome, "not_eligible")
        results = {c.code: c.result for c in request.evaluate().criteria}
        self.assertEqual(results["age-0-23"], "met")
        self.assertEqual(results["two-professional-requesters"], "not_met")

    def test_no_requester_is_added_to_an_answered_request(self):
        request = self.record()
        actions.record_answer(request, by=self.ines, kind="refuse", reason="Non.")
        with self.assertRaises(ValidationError):
            actions.add_requester(request, by=None, requester=PROFESSIONAL)
