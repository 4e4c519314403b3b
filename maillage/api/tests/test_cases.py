from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.actions import advance_phase
from maillage.cases.models import Case
from maillage.people.models import Person
from maillage.programmes.models import Programme
from maillage.testing import make_person

from .base import ApiTestCase, field_names


def ids(response: Any) -> list[str]:
    return [item["id"] for item in response.json()["items"]]


class CaseApiTestCase(ApiTestCase):
    @classmethod
    def open_case(cls, programme: Programme, *workers: Any, person: Person | None = None) -> Case:
        support_request = cls.record(programme, cls.ines, person=person)
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=list(workers)
        )
        return support_request.case


class ReadCaseTests(CaseApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = cls.open_case(cls.brusano, cls.camille, cls.noor)

    def test_a_team_member_reads_the_case(self) -> None:
        response = self.api.get(f"cases/{self.case.pk}", self.lea)
        self.assertEqual(response.status_code, 200)
        case = response.json()
        self.assertEqual(case["id"], str(self.case.pk))
        self.assertEqual(case["programme"], "brusano")
        self.assertEqual(case["team"], "Brusano – Case managers")
        self.assertEqual(case["phase"], "exploration")
        self.assertEqual(case["person"]["given_name"], "Louis")
        self.assertEqual([w["username"] for w in case["workers"]], ["camille", "noor"])
        self.assertEqual(case["planned_end"], self.case.planned_end.isoformat())  # type: ignore[union-attr]
        self.assertIsNone(case["closed_at"])
        self.assertEqual(case["version"], 1)

    def test_the_read_is_audited(self) -> None:
        self.api.get(f"cases/{self.case.pk}", self.camille)
        event = AuditEvent.objects.last()
        assert event is not None
        self.assertEqual((event.verb, event.case_id), ("case.viewed", self.case.pk))

    def test_outsiders_get_404(self) -> None:
        for user in (self.bob, self.ines, self.pat, self.ana, self.adam, self.zoe):
            response = self.api.get(f"cases/{self.case.pk}", user)
            self.assertEqual(response.status_code, 404, user)
        self.assertEqual(self.api.get("cases/nope", self.camille).status_code, 404)


class ListCasesTests(CaseApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.camilles = cls.open_case(cls.brusano, cls.camille)
        cls.noors = cls.open_case(cls.em107, cls.noor, person=make_person(given_name="Ana"))
        cls.active = cls.open_case(cls.brusano, cls.noor, person=make_person(given_name="Eli"))
        advance_phase(cls.active, by=cls.lea, version=1)
        cls.bobs = cls.open_case(cls.brustars, cls.bob)

    def test_it_lists_the_teams_cases_newest_first(self) -> None:
        response = self.api.get("cases", self.camille)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            ids(response), [str(self.active.pk), str(self.noors.pk), str(self.camilles.pk)]
        )
        self.assertEqual(ids(self.api.get("cases", self.bob)), [str(self.bobs.pk)])
        self.assertEqual(ids(self.api.get("cases", self.ines)), [])

    def test_mine_lists_the_cases_the_user_holds(self) -> None:
        response = self.api.get("cases", self.noor, mine="true")
        self.assertEqual(ids(response), [str(self.active.pk), str(self.noors.pk)])

    def test_it_filters_by_phase(self) -> None:
        response = self.api.get("cases", self.camille, phase="active")
        self.assertEqual(ids(response), [str(self.active.pk)])
        self.assertEqual(field_names(self.api.get("cases", self.camille, phase="x")), ["phase"])

    def test_it_pages_without_counting(self) -> None:
        first = self.api.get("cases", self.camille, per_page=2)
        self.assertEqual((len(ids(first)), first.json()["next_page"]), (2, 2))
        second = self.api.get("cases", self.camille, per_page=2, page=2)
        self.assertEqual((ids(second), second.json()["next_page"]), ([str(self.camilles.pk)], None))

    def test_each_list_is_audited_once(self) -> None:
        before = AuditEvent.objects.count()
        self.api.get("cases", self.camille)
        event = AuditEvent.objects.last()
        assert event is not None
        self.assertEqual(AuditEvent.objects.count(), before + 1)
        self.assertEqual((event.verb, event.person_id, event.changes), ("case.listed", None, []))

    def test_queries_do_not_grow_with_the_number_of_cases(self) -> None:
        with CaptureQueriesContext(connection) as captured:
            self.api.get("cases", self.camille)
        for index in range(27):
            self.open_case(
                self.brusano, self.camille, self.noor, person=make_person(given_name=f"P{index}")
            )
        with self.assertNumQueries(len(captured)):
            response = self.api.get("cases", self.camille)
        self.assertEqual(len(ids(response)), 30)
