"""Who read my file, one line per visit: one reader's reads in a row on the same day,
listing the parts read in plain words; the reader's own organisation (of their
membership at the time, a partner's in the network); paged without counting, with a
bounded number of queries. And "call the team" gives the team's phone number."""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from maillage import audit
from maillage.access.own import access_log_page
from maillage.accounts.models import Membership, Role
from maillage.network.models import Actor

from .base import PURPOSE, SpaceTestCase


class VisitTests(SpaceTestCase):
    def read(self, reader, part: str, *, at=None, purpose: str = "") -> None:
        with mock.patch("django.utils.timezone.now", return_value=at or timezone.now()):
            audit.record(
                reader,
                "case.viewed",
                person=self.person.pk,
                case=self.case,
                part=part,
                purpose=purpose,
            )

    def page(self, params=None, per_page: int = 50):
        with translation.override("en"):
            return access_log_page(self.person, params or {}, per_page=per_page)

    def test_the_parts_read_in_a_row_make_one_visit(self):
        for part in ("overview", "journal", "plan", "journal"):
            self.read(self.camille, part)
        (visit,) = self.page().items
        self.assertEqual(visit.who, str(self.camille))
        self.assertEqual(
            visit.what, "the summary of your support, the journal of your support, your plan"
        )
        response = self.login(self.paul).get("/space/access/")  # Paul reads French
        self.assertContains(response, "<tr>", count=2)  # the header and one visit
        with translation.override("fr"):
            in_french = access_log_page(self.person, {}).items[0].what
        self.assertContains(response, f"<td>{in_french}</td>", html=True)

    def test_another_reader_another_day_a_long_pause_or_a_purpose_start_a_new_visit(self):
        morning = timezone.now().replace(hour=9, minute=0) - timedelta(days=2)
        self.read(self.camille, "overview", at=morning)
        self.read(self.camille, "goals", at=morning + timedelta(minutes=10))
        self.read(self.noor, "journal", at=morning + timedelta(minutes=20))
        self.read(self.camille, "plan", at=morning + timedelta(minutes=30))
        pause = timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
        self.read(self.camille, "network", at=morning + timedelta(minutes=30) + pause)
        self.read(self.camille, "network", at=morning + timedelta(days=1))
        self.read(self.lea, "overview", at=morning + timedelta(days=1, minutes=5))
        self.read(self.lea, "plan", at=morning + timedelta(days=1, minutes=6), purpose=PURPOSE)
        visits = self.page().items
        self.assertEqual(
            [(v.who, v.what, v.with_purpose) for v in visits],
            [
                (str(self.lea), "your plan", True),
                (str(self.lea), "the summary of your support", False),
                (str(self.camille), "your network", False),
                (str(self.camille), "your network", False),
                (str(self.camille), "your plan", False),
                (str(self.noor), "the journal of your support", False),
                (str(self.camille), "the summary of your support, your goals", False),
            ],
        )
        first = visits[-1]
        self.assertEqual(first.at, morning)
        self.assertEqual(first.until, timezone.localtime(morning + timedelta(minutes=10)))

    def test_the_organisation_is_the_readers_at_the_time_of_the_visit(self):
        self.read(self.camille, "overview")
        # Camille leaves Brusano for Bru-Stars.
        Membership.objects.filter(user=self.camille).update(ended_at=timezone.now())
        Membership.objects.create(
            user=self.camille, team=self.brustars_team, role=Role.CASE_MANAGER
        )
        self.read(self.noor, "overview")
        self.read(self.camille, "plan")
        visits = self.page().items
        self.assertEqual(
            [(v.who, v.organisations) for v in visits],
            [
                (str(self.camille), ["Bru-Stars"]),
                (str(self.noor), ["Brusano"]),
                (str(self.camille), ["Brusano"]),
            ],
        )

    def test_a_partner_is_named_with_their_own_organisation(self):
        Actor.objects.create(
            case=self.case,
            kind=Actor.Kind.FORMAL,
            name="Pat",
            organisation="CPAS de Schaerbeek",
            user=self.pat,
        )
        self.read(self.pat, "plan")
        (visit,) = self.page().items
        self.assertEqual(visit.organisations, ["CPAS de Schaerbeek"])
        self.assertEqual(visit.role_labels, ["partner professional"])

    def test_a_visit_is_never_cut_between_two_pages(self):
        for reader, reads in ((self.lea, 5), (self.camille, 30), (self.noor, 30)):
            for _ in range(reads):
                self.read(reader, "journal")
        first = self.page(per_page=2)  # reads at most 40 reads: Noor's 30 and 10 of 30
        self.assertEqual([v.who for v in first.items], [str(self.noor)])
        self.assertIs(first.has_next, True)
        second = self.page({"before": str(first.next_before)}, per_page=2)
        self.assertEqual([v.who for v in second.items], [str(self.camille), str(self.lea)])
        self.assertEqual([len(v.events) for v in second.items], [30, 5])
        self.assertIs(second.has_next, False)
        self.assertIs(second.is_first, False)

    def test_the_page_costs_the_same_whatever_the_number_of_reads(self):
        Actor.objects.create(
            case=self.case, kind=Actor.Kind.FORMAL, name="Pat", organisation="CPAS", user=self.pat
        )
        client = self.login(self.paul)

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                response = client.get("/space/access/")
            self.assertEqual(response.status_code, 200)
            return len(context.captured_queries)

        for reader in (self.camille, self.pat, self.noor):
            self.read(reader, "plan")
        few = queries()
        for day in range(1, 40):
            for reader in (self.camille, self.pat, self.noor, self.lea):
                for part in ("overview", "plan", "journal"):
                    self.read(reader, part, at=timezone.now() - timedelta(days=day))
        self.assertEqual(queries(), few)
        response = client.get("/space/access/")
        self.assertContains(response, "?before=")  # more than a page of visits


class CallTheTeamTests(SpaceTestCase):
    def test_the_space_gives_the_teams_phone_number(self):
        self.case.team.phone = "02 600 12 34"
        self.case.team.save()
        response = self.login(self.paul).get("/space/")
        self.assertContains(response, 'href="tel:026001234"')
        self.assertContains(response, "02 600 12 34")
        printed = self.login(self.camille, self.client_class()).get(
            f"/cases/{self.case.pk}/space/print/", HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(printed, "02 600 12 34")

    def test_without_a_number_the_team_is_named(self):
        response = self.login(self.paul).get("/space/")
        self.assertContains(response, str(self.case.team))
        self.assertNotContains(response, "tel:")
