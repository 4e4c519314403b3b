from datetime import timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.intake.models import SupportRequest

from .base import RECEIVED, ApiTestCase, field_names


def ids(response: Any) -> list[str]:
    return [item["id"] for item in response.json()["items"]]


class RequestDetailTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.brusano_request = cls.record(cls.brusano, cls.ines, facts={"living_situation": "home"})

    def test_a_team_member_reads_the_request_with_its_criteria(self) -> None:
        response = self.api.get(f"requests/{self.brusano_request.pk}", self.camille)
        self.assertEqual(response.status_code, 200)
        request = response.json()
        self.assertEqual(request["id"], str(self.brusano_request.pk))
        self.assertEqual(request["eligibility"]["outcome"], "eligible")
        self.assertEqual(
            [c["code"] for c in request["eligibility"]["criteria"]],
            ["adult", "lives-in-brussels", "lives-at-home"],
        )
        self.assertIn("reason", request["eligibility"]["criteria"][0])
        self.assertNotIn("likely_duplicates", request)

    def test_the_read_is_audited(self) -> None:
        self.api.get(f"requests/{self.brusano_request.pk}", self.camille)
        event = AuditEvent.objects.last()
        assert event is not None
        self.assertEqual(event.verb, "request.viewed")
        self.assertEqual(event.actor_id, self.camille.pk)
        self.assertEqual(event.person_id, self.brusano_request.person_id)

    def test_another_team_gets_404(self) -> None:
        response = self.api.get(f"requests/{self.brusano_request.pk}", self.bob)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not found.", "errors": []})

    def test_users_without_a_request_role_get_404(self) -> None:
        for user in (self.pat, self.ana, self.adam, self.zoe):
            response = self.api.get(f"requests/{self.brusano_request.pk}", user)
            self.assertEqual(response.status_code, 404, user)

    def test_a_malformed_id_is_404(self) -> None:
        self.assertEqual(self.api.get("requests/not-an-id", self.camille).status_code, 404)
        self.assertEqual(self.api.get("requests/12345", self.camille).status_code, 404)

    def test_an_overdue_request_says_so(self) -> None:
        self.brusano_request.answer_due = timezone.now() - timedelta(minutes=1)
        self.brusano_request.save(update_fields=["answer_due"])
        request = self.api.get(f"requests/{self.brusano_request.pk}", self.camille).json()
        self.assertIs(request["overdue"], True)


class ListRequestsTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        now = timezone.now()
        # Received in this order; Brusano answers in 48 hours, EM107 in 14 days.
        cls.old_em107 = cls.record(cls.em107, cls.ines, received_at=now - timedelta(days=20))
        cls.overdue = cls.record(cls.brusano, cls.ines, received_at=now - timedelta(days=3))
        cls.fresh = cls.record(cls.brusano, cls.ines, received_at=now - timedelta(hours=1))
        cls.answered = cls.record(cls.brusano, cls.ines, received_at=now - timedelta(hours=2))
        cls.answered.status = SupportRequest.Status.ANSWERED
        cls.answered.save(update_fields=["status"])
        cls.dune_request = cls.record(cls.dune, cls.ines, received_at=now)

    def test_it_lists_visible_requests_newest_first(self) -> None:
        response = self.api.get("requests", self.camille)
        self.assertEqual(response.status_code, 200)
        expected = [self.fresh, self.answered, self.overdue, self.old_em107]
        self.assertEqual(ids(response), [str(r.pk) for r in expected])
        self.assertEqual(response.json()["next_page"], None)
        self.assertEqual((response.json()["page"], response.json()["per_page"]), (1, 50))

    def test_another_team_does_not_see_them(self) -> None:
        self.assertEqual(ids(self.api.get("requests", self.bob)), [str(self.dune_request.pk)])
        self.assertEqual(ids(self.api.get("requests", self.zoe)), [])

    def test_open_requests_come_most_urgent_first(self) -> None:
        response = self.api.get("requests", self.ines, status="open")
        expected = [self.old_em107, self.overdue, self.fresh, self.dune_request]
        self.assertEqual(ids(response), [str(r.pk) for r in expected])

    def test_it_filters_answered_requests(self) -> None:
        response = self.api.get("requests", self.camille, status="answered")
        self.assertEqual(ids(response), [str(self.answered.pk)])

    def test_it_filters_overdue_requests(self) -> None:
        response = self.api.get("requests", self.camille, overdue="true")
        self.assertEqual(ids(response), [str(self.old_em107.pk), str(self.overdue.pk)])
        self.assertTrue(all(item["overdue"] for item in response.json()["items"]))
        not_overdue = self.api.get("requests", self.camille, overdue="false")
        self.assertEqual(ids(not_overdue), [str(self.fresh.pk), str(self.answered.pk)])

    def test_it_filters_by_programme(self) -> None:
        response = self.api.get("requests", self.ines, programme="em107-precarite")
        self.assertEqual(ids(response), [str(self.old_em107.pk)])

    def test_items_carry_the_stored_outcome_only(self) -> None:
        item = self.api.get("requests", self.camille).json()["items"][0]
        self.assertEqual(item["eligibility"], {"outcome": "incomplete"})
        self.assertEqual(item["outcome"], "incomplete")
        self.assertEqual(item["person"]["given_name"], "Louis")
        self.assertEqual(item["requesters"][0]["kind"], "person")

    def test_it_pages_without_counting(self) -> None:
        first = self.api.get("requests", self.camille, per_page=3)
        self.assertEqual(len(ids(first)), 3)
        self.assertEqual(first.json()["next_page"], 2)
        second = self.api.get("requests", self.camille, per_page=3, page=2)
        self.assertEqual(ids(second), [str(self.old_em107.pk)])
        self.assertIsNone(second.json()["next_page"])
        beyond = self.api.get("requests", self.camille, per_page=3, page=9)
        self.assertEqual((ids(beyond), beyond.json()["next_page"]), ([], None))

    def test_page_sizes_are_bounded(self) -> None:
        for query in ({"per_page": 0}, {"per_page": 101}, {"page": 0}):
            response = self.api.get("requests", self.camille, **query)
            self.assertEqual(response.status_code, 422, query)
            self.assertEqual(field_names(response), list(query))

    def test_each_list_is_audited_once_without_a_person(self) -> None:
        before = AuditEvent.objects.count()
        self.api.get("requests", self.camille)
        self.assertEqual(AuditEvent.objects.count(), before + 1)
        event = AuditEvent.objects.last()
        assert event is not None
        self.assertEqual((event.verb, event.actor_id), ("request.listed", self.camille.pk))
        self.assertIsNone(event.person_id)
        self.assertEqual(event.changes, [])


class ListRequestsQueryCountTests(ApiTestCase):
    def count_queries(self, **query: Any) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = self.api.get("requests", self.camille, **query)
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_queries_do_not_grow_with_the_number_of_requests(self) -> None:
        def add(count: int) -> None:
            for index in range(count):
                request = self.record(
                    self.brusano, self.ines, received_at=RECEIVED + timedelta(minutes=index)
                )
                if index % 3 == 0:
                    self.api.post(
                        f"requests/{request.pk}/decision",
                        self.ines,
                        {"decision": "accept", "case_workers": ["camille", "noor"]},
                    )

        add(3)
        queries = self.count_queries()
        queries_open = self.count_queries(status="open")
        add(27)
        with self.assertNumQueries(queries):
            response = self.api.get("requests", self.camille)
        self.assertEqual(len(response.json()["items"]), 30)
        self.assertIsNotNone(response.json()["items"][-1]["decision"])
        with self.assertNumQueries(queries_open):
            self.api.get("requests", self.camille, status="open")
