"""Export downloads (pages and API), and identity corrections that keep their history."""

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.api.tests.base import issue_tokens
from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.people.models import Person
from maillage.records import actions
from maillage.records.models import Rectification
from maillage.testing import MaillageTestCase, make_person
from maillage.versioning import StaleVersion


class RecordsTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.person = make_person(given_name="Louis", family_name="Lambert", phone="0470 11 22 33")
        request = cls.record(cls.brusano, cls.ines, cls.person, summary="Needs a flat")
        casefile_actions.answer_request(
            request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = Case.objects.get(support_request=request)


class ExportPageTests(RecordsTestCase):
    def test_the_json_download_holds_the_export_and_is_audited(self):
        self.login(self.camille)
        response = self.client.get(reverse("records:export_json", args=[self.person.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("filename=", response["Content-Disposition"])
        document = json.loads(response.content)
        self.assertEqual(document["person"]["family_name"], "Lambert")
        self.assertEqual(document["requests"][0]["summary"], "Needs a flat")
        event = AuditEvent.objects.filter(verb="person.exported").last()
        self.assertEqual(
            (event.person_id, event.part, event.actor_id), (self.person.pk, "json", self.camille.pk)
        )

    def test_the_pdf_is_a_pdf_in_the_language_asked(self):
        self.login(self.lea)
        url = reverse("records:export_pdf", args=[self.person.pk])
        response = self.client.get(url, {"language": "nl"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_the_case_overview_links_to_the_export_for_its_workers_only(self):
        url = reverse("cases:detail", args=[self.case.pk])
        export = reverse("records:export_pdf", args=[self.person.pk]).encode()
        self.assertIn(export, self.login(self.camille).get(url).content)
        self.assertIn(
            reverse("records:identity", args=[self.person.pk]).encode(),
            self.login(self.camille).get(url).content,
        )
        self.assertNotIn(export, self.login(self.olivier, self.client_class()).get(url).content)

    def test_a_worker_who_left_the_case_may_no_longer_export(self):
        self.case.workers.filter(user=self.noor).update(ended_at="2025-01-01T00:00Z")
        response = self.login(self.noor).get(reverse("records:export_json", args=[self.person.pk]))
        # Noor still sees the team's cases (case manager of the team), but holds none.
        self.assertEqual(response.status_code, 403)


class ExportApiTests(RecordsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def get(self, path: str, username: str):
        return self.client.get(
            f"/api/v1/persons/{path}", HTTP_AUTHORIZATION=f"Bearer {self.tokens[username]}"
        )

    def test_the_export_over_the_api(self):
        response = self.get(f"{self.person.pk}/export", "noor")
        self.assertEqual(response.status_code, 200)
        document = response.json()
        self.assertEqual(document["format"], "maillage.person-export")
        self.assertEqual(document["cases"][0]["id"], str(self.case.pk))

    def test_refusals_are_json_errors(self):
        self.assertEqual(self.get(f"{self.person.pk}/export", "olivier").status_code, 403)
        missing = self.get("not-a-uuid/export", "camille")
        self.assertEqual(missing.status_code, 404)
        self.assertIn("detail", missing.json())
        bad = self.get(f"{self.person.pk}/export.pdf?language=xx", "camille")
        self.assertEqual(bad.status_code, 422)
        self.assertEqual(bad.json()["errors"][0]["field"], "language")

    def test_the_pdf_over_the_api(self):
        response = self.get(f"{self.person.pk}/export.pdf?language=en", "lea")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))


class RectificationTests(RecordsTestCase):
    def test_a_correction_keeps_the_old_value_with_the_reason(self):
        corrections = actions.rectify_person(
            self.person,
            by=self.camille,
            changes={"family_name": "Lambertz", "birth_date": date(1980, 6, 17), "phone": ""},
            reason="Identity card seen",
            version=self.person.version,
        )
        self.assertEqual(len(corrections), 3)
        person = Person.objects.get(pk=self.person.pk)
        self.assertEqual((person.family_name, person.family_key), ("Lambertz", "lambertz"))
        history = {r.field: (r.old_value, r.new_value) for r in person.rectifications.all()}
        self.assertEqual(history["family_name"], ("Lambert", "Lambertz"))
        self.assertEqual(history["birth_date"], ("1980-05-17", "1980-06-17"))
        self.assertEqual(history["phone"], ("0470 11 22 33", ""))
        event = AuditEvent.objects.get(verb="person.rectified")
        self.assertEqual(event.changes, ["birth_date", "family_name", "phone"])
        self.assertNotIn("Lambertz", json.dumps(event.changes))

    def test_a_correction_needs_a_reason_and_a_change(self):
        with self.assertRaises(ValidationError):
            actions.rectify_person(self.person, by=self.camille, changes={"phone": "1"}, reason=" ")
        with self.assertRaises(ValidationError):
            actions.rectify_person(
                self.person, by=self.camille, changes={"phone": "0470 11 22 33"}, reason="Same"
            )
        with self.assertRaises(ValidationError):
            actions.rectify_person(
                self.person, by=self.camille, changes={"residence": "99999"}, reason="Bad commune"
            )
        self.assertFalse(Rectification.objects.exists())

    def test_a_stale_version_is_refused(self):
        stale = self.person.version
        actions.rectify_person(self.person, by=self.camille, changes={"phone": "1"}, reason="New")
        with self.assertRaises(StaleVersion):
            actions.rectify_person(
                self.person, by=self.noor, changes={"phone": "2"}, reason="Other", version=stale
            )
        self.assertEqual(Person.objects.get(pk=self.person.pk).phone, "1")

    def form(self, **changes: object) -> dict[str, object]:
        return {
            "version": self.person.version,
            "given_name": "Louis",
            "family_name": "Lambert",
            "birth_date": "1980-05-17",
            "residence": "21009",
            "language": "",
            "phone": "0470 11 22 33",
            "email": "",
            "reason": "Told by the person",
            **changes,
        }

    def test_the_page_corrects_and_shows_the_history(self):
        url = reverse("records:identity", args=[self.person.pk])
        client = self.login(self.camille)
        response = client.post(url, self.form(email="louis@example.org"))
        self.assertRedirects(response, url)
        page = client.get(url)
        self.assertContains(page, "louis@example.org")
        self.assertContains(page, "Told by the person")

    def test_the_page_keeps_the_text_when_someone_else_saved_first(self):
        url = reverse("records:identity", args=[self.person.pk])
        form = self.form(phone="0499 99 99 99")
        actions.rectify_person(self.person, by=self.noor, changes={"phone": "1"}, reason="Noor")
        response = self.login(self.camille).post(url, form)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "0499 99 99 99")
        self.assertContains(response, 'class="alert alert-danger"')
        self.assertContains(response, 'name="version" value="2"')
        self.assertEqual(Person.objects.get(pk=self.person.pk).phone, "1")

    def test_the_organiser_may_not_correct(self):
        url = reverse("records:identity", args=[self.person.pk])
        response = self.login(self.olivier).post(url, self.form(phone="0"))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Rectification.objects.exists())
