"""Reading a person's file leaves a trace: who, what, when, from where."""

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.testing import MaillageTestCase


class ReadAuditTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.support_request = cls.record(cls.brusano, cls.ines)
        casefile_actions.answer_request(
            cls.support_request, by=cls.ines, kind="accept", case_workers=[cls.camille]
        )
        cls.case = cls.support_request.case

    def test_opening_a_request_is_recorded(self):
        self.login(self.camille)
        self.client.get(f"/requests/{self.support_request.pk}/", REMOTE_ADDR="10.1.2.3")
        event = AuditEvent.objects.filter(verb="request.viewed").last()
        self.assertEqual(event.actor_id, self.camille.pk)
        self.assertEqual(event.person_id, self.support_request.person_id)
        self.assertEqual(event.target_id, str(self.support_request.pk))
        self.assertEqual(event.ip, "10.1.2.3")

    def test_opening_a_case_is_recorded(self):
        self.login(self.camille)
        self.client.get(f"/cases/{self.case.pk}/")
        event = AuditEvent.objects.filter(verb="case.viewed").last()
        self.assertEqual((event.actor_id, event.case_id), (self.camille.pk, self.case.pk))

    def test_a_denied_read_records_nothing_about_the_person(self):
        self.login(self.bob)
        before = AuditEvent.objects.filter(person_id=self.case.person_id).count()
        self.assertEqual(self.client.get(f"/cases/{self.case.pk}/").status_code, 404)
        self.assertEqual(AuditEvent.objects.filter(person_id=self.case.person_id).count(), before)

    def test_writes_are_recorded_by_their_action(self):
        verbs = set(
            AuditEvent.objects.filter(person_id=self.case.person_id).values_list("verb", flat=True)
        )
        self.assertTrue({"request.recorded", "request.accepted", "case.opened"} <= verbs)

    def test_login_and_failed_login_are_recorded(self):
        from maillage.testing import PASSWORD

        self.client.post("/accounts/login/", {"username": "camille", "password": "wrong"})
        self.client.post("/accounts/login/", {"username": "camille", "password": PASSWORD})
        verbs = list(AuditEvent.objects.order_by("-seq").values_list("verb", flat=True)[:2])
        self.assertEqual(verbs, ["auth.logged_in", "auth.login_failed"])
