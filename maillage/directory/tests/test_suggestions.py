"""Suggested corrections: any user suggests, an editor accepts (applied, with history)
or rejects; each step is audited without naming a person."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from maillage.audit.models import AuditEvent
from maillage.directory import actions
from maillage.directory.models import Metadata, Suggestion
from maillage.directory.search import search_services
from maillage.testing import MaillageTestCase

from .test_search import InEnglish, make_service


class SuggestionTests(InEnglish, MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.service = make_service("Service de médiation de dettes", domains=("income",))

    def test_any_user_suggests_and_an_editor_accepts(self):
        client = self.login(self.zoe)
        url = reverse("directory:suggest", kwargs={"service_id": self.service.pk})
        response = client.post(
            url, {"field_name": "email", "proposed_value": "dettes@example.org", "note": "site"}
        )
        self.assertEqual(response.status_code, 302)
        suggestion = Suggestion.objects.get()
        self.assertEqual(suggestion.suggested_by, self.zoe)
        self.assertEqual(suggestion.status, Suggestion.Status.PENDING)
        editor = self.login(self.adam, self.client_class())
        listing = editor.get(reverse("directory:suggestions"))
        self.assertContains(listing, "dettes@example.org")
        response = editor.post(
            reverse("directory:review", kwargs={"suggestion_id": suggestion.pk}),
            {"decision": "accept"},
        )
        self.assertEqual(response.status_code, 302)
        suggestion.refresh_from_db()
        self.service.refresh_from_db()
        self.assertEqual(suggestion.status, Suggestion.Status.ACCEPTED)
        self.assertEqual(suggestion.reviewed_by, self.adam)
        self.assertEqual(self.service.email, "dettes@example.org")
        row = Metadata.objects.get(resource_id=self.service.pk)
        self.assertEqual((row.field_name, row.replacement_value), ("email", "dettes@example.org"))
        verbs = set(AuditEvent.objects.values_list("verb", flat=True))
        self.assertLessEqual(
            {
                "directory.correction_suggested",
                "directory.suggestion_accepted",
                "directory.service_updated",
            },
            verbs,
        )
        self.assertFalse(
            AuditEvent.objects.filter(verb__startswith="directory.", person_id__isnull=False)
        )
        # Reviewed once only.
        with self.assertRaises(ValidationError):
            actions.review_suggestion(suggestion, by=self.adam, accept=False)

    def test_rejecting_changes_nothing(self):
        suggestion = actions.suggest_correction(
            self.service, by=self.camille, field_name="name", proposed_value="Autre nom"
        )
        actions.review_suggestion(suggestion, by=self.adam, accept=False, review_note="Non")
        self.service.refresh_from_db()
        self.assertEqual(self.service.name, "Service de médiation de dettes")
        self.assertEqual(Suggestion.objects.get().status, Suggestion.Status.REJECTED)
        self.assertFalse(Metadata.objects.exists())

    def test_accepted_name_change_is_searchable(self):
        suggestion = actions.suggest_correction(
            self.service, by=self.camille, field_name="name", proposed_value="Budget Plus"
        )
        actions.review_suggestion(suggestion, by=self.adam, accept=True)
        self.assertEqual([s.pk for s in search_services("budget")], [self.service.pk])

    def test_an_invalid_value_is_refused_at_review(self):
        suggestion = actions.suggest_correction(
            self.service, by=self.camille, field_name="minimum_age", proposed_value="douze"
        )
        with self.assertRaises(ValidationError):
            actions.review_suggestion(suggestion, by=self.adam, accept=True)
        self.assertEqual(Suggestion.objects.get().status, Suggestion.Status.PENDING)

    def test_an_empty_suggestion_and_a_non_editor_review_are_refused(self):
        response = self.login(self.camille).post(
            reverse("directory:suggest", kwargs={"service_id": self.service.pk}),
            {"field_name": "", "proposed_value": "", "note": ""},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Give the correct value or a note.")
        suggestion = actions.suggest_correction(self.service, by=self.camille, note="Fermé")
        with self.assertRaises(PermissionDenied):
            actions.review_suggestion(suggestion, by=self.camille, accept=True)
