"""The funding export: one row per held conference and participant, CSV and XLSX, only
cases the user may see, audited once, no personal data in the file name."""

import csv
import io
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from maillage.audit.models import AuditEvent
from maillage.network.models import Actor
from maillage.testing import make_person

from .. import export
from ..models import Conference, FundingScheme, Invitation
from .test_funding_base import MEETING, FundingTestCase

URL = reverse("conferences:funding_export")
PERIOD = {"start": "2025-01-01", "end": "2025-03-31", "scheme": "capp-2012"}


def read_csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


class ExportTestCase(FundingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.held, cls.actors = cls.funded_conference()
        cls.held.invitations.filter(actor=cls.actors["psychologist"]).update(
            attendance=Invitation.Attendance.EXCUSED, represents="SSM Le Méridien"
        )
        cls.held.invitations.filter(actor=cls.actors["gp"]).update(duration_minutes=45)
        cls.actors["gp"].independent = True
        cls.actors["gp"].organisation = "Maison médicale du Midi"
        cls.actors["gp"].save()
        cls.second = cls.conference(MEETING + timedelta(days=20))
        cls.invite(cls.second, cls.actors["gp"])
        cls.invite(cls.second, cls.actors["nurse"], attendance=Invitation.Attendance.ABSENT)
        # Outside the export: planned, cancelled, before the period, another scheme.
        excluded = [
            cls.conference(MEETING + timedelta(days=10), status=Conference.Status.CANCELLED),
            cls.conference(MEETING + timedelta(days=5), status=Conference.Status.PLANNED),
            cls.conference(MEETING - timedelta(days=90), reference_person=cls.actors["nurse"]),
            cls.conference(MEETING + timedelta(days=6), scheme=cls.other_scheme()),
        ]
        for conference in excluded:
            cls.invite(conference, cls.actors["nurse"])
        # Bob's Bru-Stars case, with a conference in the period.
        cls.bob_case = cls.open_case(cls.brustars, make_person(family_name="Bobsperson"))
        bob_conference = cls.conference(MEETING, case=cls.bob_case)
        cls.invite(
            bob_conference,
            cls.professional("Dr Bru", "mental_health", "psychiatre", case=cls.bob_case),
        )

    @staticmethod
    def other_scheme() -> FundingScheme:
        return FundingScheme.objects.create(
            code="other", name_fr="Autre", name_nl="Ander", name_en="Other", rules=[]
        )

    def download(self, user, language="en", **params):
        self.login(user)
        return self.client.get(URL, {**PERIOD, **params}, HTTP_ACCEPT_LANGUAGE=language)


class CsvExportTests(ExportTestCase):
    def test_it_has_one_row_per_participant_and_held_conference(self):
        response = self.download(self.camille)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = read_csv(response)
        self.assertEqual(rows[0], export.headers())
        self.assertEqual(len(rows) - 1, self.held.invitations.count() + 2)
        conferences = {row[1] for row in rows[1:]}
        self.assertEqual(conferences, {str(self.held.pk), str(self.second.pk)})

    def test_each_row_holds_what_the_funder_needs(self):
        rows = read_csv(self.download(self.camille))
        header = rows[0]
        gp = next(
            dict(zip(header, row, strict=True))
            for row in rows[1:]
            if row[5] == "Dr Peeters" and row[1] == str(self.held.pk)
        )
        self.assertEqual(
            gp,
            {
                "Conference date": "2025-03-03",
                "Conference reference": str(self.held.pk),
                "Case reference": str(self.case.pk),
                "Programme": self.brusano.name_en,
                "Funding scheme": "capp-2012",
                "Participant": "Dr Peeters",
                "Participant type": "formal network (professional)",
                "Organisation": "Maison médicale du Midi",
                "Profession": "médecin généraliste",
                "Sector": "general practice (first line)",
                "Independent or salaried": "independent",
                "Duration (minutes)": "45",
                "Attendance": "present",
                "The person present": "yes",
                "Funding conditions met": "yes",
            },
        )

    def test_the_represented_organisation_and_the_conference_duration_are_used(self):
        rows = read_csv(self.download(self.camille))
        psychologist = next(row for row in rows if row[5] == "Tom Wouters")
        self.assertEqual(psychologist[7], "SSM Le Méridien")
        self.assertEqual(psychologist[10], "salaried")
        self.assertEqual(psychologist[11], "90")
        self.assertEqual(psychologist[12], "excused")

    def test_the_person_is_never_named(self):
        response = self.download(self.camille)
        self.assertNotIn(b"Secretname", response.content)
        self.assertNotIn(b"Louis", response.content)
        rows = read_csv(response)
        person_rows = [row for row in rows if row[6] == "the person"]
        self.assertEqual([row[5] for row in person_rows], ["the person"])

    def test_the_person_present_and_conditions_are_per_conference(self):
        rows = read_csv(self.download(self.camille))
        second = [row for row in rows if row[1] == str(self.second.pk)]
        self.assertEqual({row[13] for row in second}, {"no"})
        self.assertEqual({row[14] for row in second}, {"no"})  # one kind present only

    def test_another_team_exports_none_of_brusanos_conferences(self):
        rows = read_csv(self.download(self.bob))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][2], str(self.bob_case.pk))
        self.assertNotIn(str(self.case.pk), "".join(",".join(row) for row in rows))

    def test_without_a_scheme_every_held_conference_is_exported(self):
        unfunded = Conference.objects.create(
            case=self.case,
            starts_at=MEETING + timedelta(days=1),
            organiser=self.camille,
            status=Conference.Status.HELD,
        )
        self.invite(unfunded, self.actors["nurse"])
        rows = read_csv(self.download(self.camille, scheme=""))
        unfunded_rows = [row for row in rows if row[1] == str(unfunded.pk)]
        self.assertEqual(len(unfunded_rows), 1)
        self.assertEqual(unfunded_rows[0][4], "")
        self.assertEqual(unfunded_rows[0][14], "")

    def test_the_file_name_names_the_scheme_and_period_only(self):
        response = self.download(self.camille)
        self.assertEqual(
            response["Content-Disposition"],
            'attachment; filename="funding-capp-2012-2025-01-01-2025-03-31.csv"',
        )

    def test_the_export_is_audited_once_without_a_person(self):
        before = AuditEvent.objects.count()
        self.download(self.noor)
        events = AuditEvent.objects.filter(seq__gt=before).order_by("seq")
        exported = [e for e in events if e.verb == "conference.funding_exported"]
        self.assertEqual(len(exported), 1)
        self.assertIsNone(exported[0].person_id)
        self.assertIsNone(exported[0].case_id)
        self.assertEqual(exported[0].actor_id, self.noor.pk)

    def test_headers_and_values_follow_the_language(self):
        rows = read_csv(self.download(self.camille, language="fr"))
        self.assertNotEqual(rows[0], read_csv(self.download(self.camille))[0])
        self.assertEqual(len(rows[0]), len(export.COLUMNS))

    def test_the_query_count_does_not_grow_with_conferences_or_participants(self):
        self.login(self.camille)
        with CaptureQueriesContext(connection) as small:
            self.client.get(URL, PERIOD)
        for n in range(4):
            extra = self.conference(MEETING + timedelta(days=n + 1))
            for key in ("gp", "nurse", "psychiatrist"):
                self.invite(extra, self.actors[key])
            self.invite(extra, self.professional(f"Extra {n}", "social", case=self.case))
        with CaptureQueriesContext(connection) as large:
            self.client.get(URL, PERIOD)
        self.assertEqual(len(large), len(small))


class XlsxExportTests(ExportTestCase):
    def test_it_opens_with_a_header_row_dates_and_widths(self):
        response = self.download(self.camille, format="xlsx")
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertIn(
            'filename="funding-capp-2012-2025-01-01-2025-03-31.xlsx"',
            response["Content-Disposition"],
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), export.headers())
        self.assertEqual(len(rows) - 1, self.held.invitations.count() + 2)
        self.assertEqual(rows[1][0].date(), date(2025, 3, 3))
        self.assertEqual(sheet.cell(row=2, column=1).number_format, "yyyy-mm-dd")
        self.assertIs(sheet.cell(row=1, column=1).font.bold, True)
        self.assertEqual(sheet.column_dimensions["C"].width, 38)
        self.assertNotIn("Secretname", str(rows))

    def test_another_team_gets_only_its_own_rows(self):
        sheet = load_workbook(io.BytesIO(self.download(self.bob, format="xlsx").content)).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual([row[2] for row in rows], [str(self.bob_case.pk)])


class ExportFormTests(ExportTestCase):
    def test_without_parameters_it_shows_the_form(self):
        self.login(self.camille)
        response = self.client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Funding export</h1>", html=True)
        self.assertNotContains(response, "errorlist")
        self.assertContains(response, "Concertation around the psychiatric patient")

    def test_an_invalid_date_is_named(self):
        response = self.download(self.camille, start="2025-13-01")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["form"].errors), ["start"])
        self.assertContains(response, "Enter a valid date as YYYY-MM-DD.")

    def test_an_end_before_the_start_is_refused_on_end(self):
        response = self.download(self.camille, start="2025-03-31", end="2025-01-01")
        self.assertEqual(list(response.context["form"].errors), ["end"])
        self.assertContains(response, "The end of the period must be on or after its start.")

    def test_an_unknown_scheme_is_refused(self):
        response = self.download(self.camille, scheme="nope")
        self.assertEqual(list(response.context["form"].errors), ["scheme"])

    def test_a_missing_end_is_named(self):
        response = self.download(self.camille, end="")
        self.assertEqual(list(response.context["form"].errors), ["end"])

    def test_nothing_is_audited_until_the_file_is_made(self):
        self.download(self.camille, end="")
        self.assertFalse(AuditEvent.objects.filter(verb="conference.funding_exported").exists())

    def test_anonymous_users_are_sent_to_sign_in(self):
        response = self.client.get(URL, PERIOD)
        self.assertEqual(response.status_code, 302)


class ParticipantRowTests(ExportTestCase):
    def test_carers_appear_by_their_relation_not_their_name(self):
        carer = Actor.objects.create(
            case=self.case, kind=Actor.Kind.INFORMAL, name="Marie Secretname", relation="carer"
        )
        self.invite(self.held, carer)
        rows = read_csv(self.download(self.camille))
        carer_row = next(row for row in rows if row[6] == "informal network")
        self.assertEqual(carer_row[5], "carer")
        self.assertEqual(carer_row[7:11], ["", "", "", ""])
