from django.utils import timezone

from maillage import access
from maillage.accounts.models import Membership, Role
from maillage.audit.models import AuditEvent
from maillage.versioning import bump_version

from .base import ApiTestCase, field_names


class AnswerRequestTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.support_request = cls.record(cls.brusano, cls.ines)
        cls.path = f"requests/{cls.support_request.pk}/decision"

    def accept(self, **fields: object) -> object:
        body = {"decision": "accept", "reason": "", "case_workers": ["camille", "noor"], **fields}
        return self.api.post(self.path, self.ines, body)

    def test_accepting_opens_a_case_held_by_the_named_workers(self) -> None:
        response = self.accept()
        self.assertEqual(response.status_code, 201, response.content)
        request = response.json()
        self.assertEqual(request["status"], "answered")
        self.assertEqual(request["decision"]["decision"], "accept")
        self.assertEqual(request["decision"]["decided_by"], "ines")
        self.assertEqual(request["version"], 2)
        self.assertIsNotNone(request["case_id"])
        case = self.api.get(f"cases/{request['case_id']}", self.camille).json()
        self.assertEqual(
            case["workers"],
            [{"username": "camille", "name": "Camille"}, {"username": "noor", "name": "Noor"}],
        )
        self.assertEqual(case["request_id"], str(self.support_request.pk))
        self.assertEqual(case["programme"], "brusano")
        self.assertIn("request.accepted", AuditEvent.objects.values_list("verb", flat=True))

    def test_the_answer_shows_when_reading_the_request_again(self) -> None:
        case_id = self.accept().json()["case_id"]
        request = self.api.get(f"requests/{self.support_request.pk}", self.camille).json()
        self.assertEqual((request["status"], request["case_id"]), ("answered", case_id))

    def test_refusing_needs_a_reason(self) -> None:
        response = self.api.post(self.path, self.ines, {"decision": "refuse", "reason": "  "})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["reason"])
        self.assertEqual(
            response.json()["errors"][0]["message"], "Give the reason for this answer."
        )
        self.assertTrue(access.requests_visible_to(self.ines).open().exists())

    def test_refusing_with_a_reason_opens_no_case(self) -> None:
        response = self.api.post(
            self.path, self.ines, {"decision": "refuse", "reason": "Not a grey zone."}
        )
        self.assertEqual(response.status_code, 201)
        self.assertIsNone(response.json()["case_id"])
        self.assertEqual(response.json()["decision"]["reason"], "Not a grey zone.")

    def test_orienting_needs_a_target(self) -> None:
        response = self.api.post(self.path, self.ines, {"decision": "orient", "reason": "CPAS"})
        self.assertEqual(field_names(response), ["orient_target"])

    def test_accepting_needs_a_worker(self) -> None:
        response = self.accept(case_workers=[])
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["case_workers"])

    def test_workers_must_belong_to_the_programmes_team(self) -> None:
        for usernames in (["camille", "nobody"], ["bob"], ["ines"]):
            response = self.accept(case_workers=usernames)
            self.assertEqual(response.status_code, 422, usernames)
            self.assertEqual(field_names(response), ["case_workers"])

    def test_a_second_answer_is_a_conflict(self) -> None:
        self.accept()
        response = self.api.post(self.path, self.ines, {"decision": "refuse", "reason": "No."})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json()["detail"], "This request has already been answered.")

    def test_a_stale_version_is_a_conflict_with_the_current_version(self) -> None:
        bump_version(self.support_request, 1)
        response = self.accept(version=1)
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json()["current_version"], 2)
        self.assertEqual(field_names(response), ["version"])
        self.assertEqual(self.accept(version=2).status_code, 201)

    def test_another_team_gets_404(self) -> None:
        response = self.api.post(self.path, self.bob, {"decision": "refuse", "reason": "No."})
        self.assertEqual(response.status_code, 404)

    def test_a_worker_who_moved_to_another_team_may_read_but_not_answer(self) -> None:
        self.accept()
        Membership.objects.filter(user=self.camille).update(ended_at=timezone.now())
        Membership.objects.create(user=self.camille, team=self.brustars_team, role=Role.INTAKE)
        request_path = f"requests/{self.support_request.pk}"
        self.assertEqual(self.api.get(request_path, self.camille).status_code, 200)
        response = self.api.post(self.path, self.camille, {"decision": "refuse", "reason": "x"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["errors"], [])
