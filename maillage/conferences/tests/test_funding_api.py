"""The funding endpoints: a conference's conditions, and the export with bad input."""

import csv
import io

from maillage.api.tests.base import ApiClient, field_names, issue_tokens
from maillage.audit.models import AuditEvent
from maillage.testing import make_person

from ..models import Invitation
from .test_funding_base import FundingTestCase


class FundingApiTestCase(FundingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)
        cls.held, cls.actors = cls.funded_conference()

    def setUp(self) -> None:
        self.api = ApiClient(self.client, self.tokens)


class ConferenceFundingTests(FundingApiTestCase):
    def test_it_gives_the_findings_before_and_after(self):
        response = self.api.get(f"conferences/{self.held.pk}/funding", self.camille)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["conference_id"], str(self.held.pk))
        self.assertEqual(body["scheme"]["code"], "capp-2012")
        self.assertEqual(len(body["before"]), 7)
        self.assertEqual(len(body["after"]), 8)
        self.assertIs(body["conditions_met"], True)
        self.assertEqual(set(body["after"][0]), {"code", "label", "met", "explanation"})

    def test_an_unmet_condition_carries_its_reason_in_the_language_asked(self):
        self.held.invitations.filter(actor__sector="mental_health").update(
            attendance=Invitation.Attendance.ABSENT
        )
        response = self.api.get(f"conferences/{self.held.pk}/funding", self.noor)
        after = {f["code"]: f for f in response.json()["after"]}
        self.assertIs(after["mental-health-present"]["met"], False)
        self.assertEqual(
            after["mental-health-present"]["explanation"],
            "No mental-health professional was present.",
        )
        self.assertIs(response.json()["conditions_met"], False)
        nl = self.api.get(f"conferences/{self.held.pk}/funding", self.noor, language="nl")
        self.assertEqual(nl.json()["after"][0]["label"], "Akkoord van de persoon geregistreerd")

    def test_another_team_gets_404_and_nothing(self):
        response = self.api.get(f"conferences/{self.held.pk}/funding", self.bob)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"Secretname", response.content)

    def test_a_malformed_id_is_404(self):
        self.assertEqual(self.api.get("conferences/nope/funding", self.camille).status_code, 404)

    def test_the_read_is_audited(self):
        self.api.get(f"conferences/{self.held.pk}/funding", self.olivier)
        event = AuditEvent.objects.filter(verb="conference.viewed").latest("seq")
        self.assertEqual(event.actor_id, self.olivier.pk)
        self.assertEqual(event.person_id, self.case.person_id)


class ExportApiTests(FundingApiTestCase):
    PERIOD = {"start": "2025-01-01", "end": "2025-03-31", "scheme": "capp-2012"}

    def export(self, user, **params):
        return self.api.get("funding/export", user, **{**self.PERIOD, **params})

    def test_it_returns_the_same_csv_as_the_page(self):
        response = self.export(self.camille)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(len(rows) - 1, self.held.invitations.count())
        self.assertEqual(AuditEvent.objects.filter(verb="conference.funding_exported").count(), 1)

    def test_the_xlsx_opens(self):
        from openpyxl import load_workbook

        response = self.export(self.camille, format="xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.max_row, self.held.invitations.count() + 1)

    def test_bob_gets_none_of_brusanos_rows(self):
        bob_case = self.open_case(self.brustars, make_person(family_name="Other"))
        self.invite(
            self.conference(case=bob_case), self.professional("Dr B", "social", case=bob_case)
        )
        rows = list(csv.reader(io.StringIO(self.export(self.bob).content.decode("utf-8-sig"))))
        self.assertEqual([row[2] for row in rows[1:]], [str(bob_case.pk)])

    def test_a_bad_date_is_422_naming_the_field(self):
        response = self.export(self.camille, start="2025-02-30")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["start"])
        self.assertEqual(
            response.json()["errors"][0]["message"], "Enter a valid date as YYYY-MM-DD."
        )

    def test_a_missing_date_is_422_naming_the_field(self):
        response = self.api.get("funding/export", self.camille, start="2025-01-01")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["end"])

    def test_an_end_before_the_start_is_422_naming_end(self):
        response = self.export(self.camille, start="2025-03-31", end="2025-01-01")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["end"])
        self.assertFalse(AuditEvent.objects.filter(verb="conference.funding_exported").exists())

    def test_an_unknown_scheme_or_format_is_422(self):
        self.assertEqual(field_names(self.export(self.camille, scheme="nope")), ["scheme"])
        self.assertEqual(field_names(self.export(self.camille, format="pdf")), ["format"])

    def test_without_a_token_it_is_401(self):
        self.assertEqual(self.export(None).status_code, 401)
