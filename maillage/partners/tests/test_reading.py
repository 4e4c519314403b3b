"""What a partner reads: only the categories shared with them, through every page,
endpoint and the minutes — the check of the issue: without mental health and substance
use, neither is readable anywhere; after withdrawal, nothing of that person is."""

import shutil

from maillage.api.tests.base import issue_tokens
from maillage.audit.models import AuditEvent
from maillage.categories import Category
from maillage.conferences.tests.test_minutes_per_reader import pdf_text

from .base import (
    ALL_CATEGORIES,
    WITHOUT_HEALTH_SECRETS,
    PartnerTestCase,
    markers_of,
)

WITHHELD = (Category.MENTAL_HEALTH, Category.SUBSTANCE_USE)


class PartnerReadingTests(PartnerTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def api(self, path: str):
        return self.client.get(
            f"/api/v1/partner/{path}", HTTP_AUTHORIZATION=f"Bearer {self.tokens['pat']}"
        )

    def responses(self) -> dict[str, bytes]:
        """Every partner page and endpoint, as pat sees them now."""
        case, conference = self.case.pk, self.conference.pk
        found = {
            "home": self.client.get("/partner/"),
            "case": self.client.get(f"/partner/cases/{case}/"),
            "journal form": self.client.get(f"/partner/cases/{case}/journal/new/"),
            "minutes": self.client.get(f"/partner/conferences/{conference}/minutes/"),
            "api cases": self.api("cases"),
            "api case": self.api(f"cases/{case}"),
            "api journal": self.api(f"cases/{case}/journal"),
            "api minutes": self.api(f"conferences/{conference}/minutes"),
        }
        return {name: response.content.decode() for name, response in found.items()}

    def test_the_scope_shows_what_is_shared(self):
        pages = self.responses()
        for category in WITHOUT_HEALTH_SECRETS:
            for text in markers_of(category):
                self.assertIn(text, pages["case"] + pages["api case"] + pages["minutes"], text)

    def test_mental_health_and_substance_use_are_read_nowhere(self):
        for name, content in self.responses().items():
            for category in WITHHELD:
                for text in markers_of(category):
                    self.assertNotIn(text, content, (name, text))

    def test_the_minutes_pdf_leaves_them_out_too(self):
        for path in (
            f"/partner/conferences/{self.conference.pk}/minutes.pdf",
            f"/api/v1/partner/conferences/{self.conference.pk}/minutes.pdf",
        ):
            response = self.client.get(path, HTTP_AUTHORIZATION=f"Bearer {self.tokens['pat']}")
            self.assertEqual(response.status_code, 200, path)
            self.assertEqual(response["Content-Type"], "application/pdf")
            if shutil.which("pdftotext"):
                text = pdf_text(response.content)
                self.assertIn(markers_of(Category.HOUSING)[3], text)
                for category in WITHHELD:
                    for marker in markers_of(category):
                        self.assertNotIn(marker, text)

    def test_an_action_of_a_withheld_category_cannot_be_reached_even_if_owned(self):
        action = self.action_of(Category.MENTAL_HEALTH)
        self.assertEqual(self.client.get(f"/partner/actions/{action.pk}/").status_code, 404)

    def test_worker_pages_and_endpoints_stay_closed(self):
        self.assertEqual(self.client.get(f"/cases/{self.case.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/cases/{self.case.pk}/plan/").status_code, 404)
        response = self.client.get(
            f"/api/v1/cases/{self.case.pk}", HTTP_AUTHORIZATION=f"Bearer {self.tokens['pat']}"
        )
        self.assertEqual(response.status_code, 404)

    def test_the_unscoped_summary_is_never_shown(self):
        self.assertNotIn("qxsummaryqx", self.responses()["case"])

    def test_after_withdrawal_nothing_of_that_person_is_read(self):
        from maillage.consent import actions as consent_actions

        consent_actions.withdraw_consent(self.case, by=self.camille, reason="Ne veut plus")
        pages = self.responses()
        self.assertNotIn(str(self.case.pk), pages["home"] + pages["api cases"])
        for name in ("case", "journal form", "minutes", "api case", "api journal", "api minutes"):
            for category in ALL_CATEGORIES:
                for text in markers_of(category):
                    self.assertNotIn(text, pages[name], (name, text))
        self.assertEqual(self.client.get(f"/partner/cases/{self.case.pk}/").status_code, 404)
        self.assertEqual(self.api(f"cases/{self.case.pk}").status_code, 404)

    def test_each_read_is_audited_with_the_part_read(self):
        self.client.get(f"/partner/cases/{self.case.pk}/")
        parts = set(
            AuditEvent.objects.filter(
                verb="case.viewed", actor_id=self.pat.pk, case_id=self.case.pk
            ).values_list("part", flat=True)
        )
        self.assertEqual(
            parts, {"overview", "journal", "assessments", "goals", "actions", "crisis_plan"}
        )
        self.api(f"conferences/{self.conference.pk}/minutes")
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="conference.viewed", actor_id=self.pat.pk, person_id=self.case.person_id
            ).exists()
        )

    def test_the_neutral_label_replaces_the_name_without_identity(self):
        from .base import share

        share(self.case, self.camille, {self.actor: {Category.HOUSING}})
        page = self.client.get(f"/partner/cases/{self.case.pk}/").content.decode()
        self.assertNotIn("Identitymarker", page)
        self.assertIn(str(self.case.pk)[:8].upper(), page)
