"""Case list and case page: my cases, bounded queries, phases."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.testing import MaillageTestCase


class CasePagesTests(MaillageTestCase):
    def open_case(self, *workers):
        support_request = self.record(self.brusano, self.ines)
        casefile_actions.answer_request(
            support_request, by=self.ines, kind="accept", case_workers=list(workers)
        )
        return Case.objects.get(support_request=support_request)

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)

    def test_my_cases_lists_the_cases_i_hold(self):
        mine = self.open_case(self.camille, self.noor)
        other = self.open_case(self.noor)
        self.login(self.camille)
        content = self.client.get("/cases/").content.decode()
        self.assertIn(str(mine.pk), content)
        self.assertNotIn(str(other.pk), content)
        self.assertIn(str(other.pk), self.client.get("/cases/?tab=team").content.decode())

    def test_the_case_list_and_page_cost_the_same_with_more_cases(self):
        self.login(self.camille)
        case = self.open_case(self.camille, self.noor)
        list_before, page_before = self.queries("/cases/"), self.queries(f"/cases/{case.pk}/")
        for _ in range(15):
            self.open_case(self.camille, self.noor)
        self.assertEqual(self.queries("/cases/"), list_before)
        self.assertEqual(self.queries(f"/cases/{case.pk}/"), page_before)

    def test_a_worker_moves_the_case_through_its_phases(self):
        case = self.open_case(self.camille)
        self.login(self.camille)
        self.client.post(f"/cases/{case.pk}/phase/", {"version": case.version})
        case.refresh_from_db()
        self.assertEqual(case.phase, "active")
        self.client.post(f"/cases/{case.pk}/phase/", {"version": case.version - 1})
        case.refresh_from_db()
        self.assertEqual(case.phase, "active")  # the stale form changed nothing

    def test_an_organiser_reads_but_cannot_change(self):
        case = self.open_case(self.camille)
        self.login(self.olivier)
        self.assertEqual(self.client.get(f"/cases/{case.pk}/").status_code, 200)
        response = self.client.post(f"/cases/{case.pk}/phase/", {"version": case.version})
        self.assertEqual(response.status_code, 403)

    def test_a_closed_case_is_read_only(self):
        case = self.open_case(self.camille)
        Case.objects.filter(pk=case.pk).update(phase=Case.Phase.CLOSED)
        self.login(self.camille)
        self.assertEqual(
            self.client.post(f"/cases/{case.pk}/phase/", {"version": 1}).status_code, 403
        )
