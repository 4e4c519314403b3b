"""Unmet needs: from a refused or waiting-list referral in two clicks, by hand, from a
search; who sees them; the API and its errors."""

from maillage.api.tests.base import issue_tokens
from maillage.orientation import actions
from maillage.orientation.models import Referral, UnmetNeed

from .base import OrientationTestCase


class UnmetNeedPageTests(OrientationTestCase):
    def test_from_a_waiting_list_in_two_clicks_prefilled(self):
        referral = self.refer()
        actions.answer_by_link(self.last_token(), "waiting_list", "Complet")
        self.login(self.camille)
        detail = self.client.get(f"/orientation/{referral.pk}/")
        self.assertContains(detail, f"/orientation/unmet-needs/new/?referral={referral.pk}")
        form = self.client.get(f"/orientation/unmet-needs/new/?referral={referral.pk}")
        self.assertEqual(form.context["form"].initial["reason"], "full")
        self.assertEqual(form.context["form"].initial["commune"], "21009")
        self.assertEqual(form.context["form"].initial["age_band"], "25-64")
        initial = form.context["form"].initial
        data = {
            key: initial.get(key, "") for key in ("life_domain", "reason", "commune", "age_band")
        }
        response = self.client.post(f"/orientation/unmet-needs/new/?referral={referral.pk}", data)
        self.assertRedirects(response, f"/orientation/{referral.pk}/")
        need = UnmetNeed.objects.get()
        self.assertEqual(
            (need.life_domain, need.reason, need.referral, need.case, need.service),
            ("housing", "full", referral, self.case, self.service),
        )

    def test_from_a_refusal_the_reason_is_refused(self):
        referral = self.refer()
        actions.update_status(referral, "refused", "Hors zone", via=self.camille)
        self.assertEqual(actions.unmet_need_from_referral(referral)["reason"], "refused")

    def test_by_hand_on_the_case_and_from_a_search(self):
        self.login(self.camille)
        response = self.client.post(
            f"/orientation/unmet-needs/new/?case={self.case.pk}",
            {"life_domain": "mental_health", "reason": "language", "commune": "21009"},
        )
        self.assertRedirects(response, f"/orientation/cases/{self.case.pk}/")
        self.assertEqual(UnmetNeed.objects.get().case, self.case)
        # From the search: only the filters, no person.
        url = "/orientation/unmet-needs/new/?life_domain=housing&commune=21004&age=30&q=logement"
        form = self.client.get(url)
        self.assertEqual(form.context["form"].initial["age_band"], "25-64")
        self.client.post(
            url, {"life_domain": "housing", "reason": "no_service", "commune": "21004"}
        )
        anonymous = UnmetNeed.objects.get(case=None)
        self.assertEqual((anonymous.commune, anonymous.search_query), ("21004", "logement"))
        self.assertIsNone(anonymous.support_request)

    def test_others_may_not_record_on_the_case(self):
        url = f"/orientation/unmet-needs/new/?case={self.case.pk}"
        self.assertEqual(self.login(self.bob).get(url).status_code, 404)
        self.assertEqual(
            self.login(self.zoe, self.client_class())
            .get("/orientation/unmet-needs/new/")
            .status_code,
            403,
        )


class UnmetNeedApiTests(OrientationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)
        cls.from_search = actions.record_unmet_need(
            by=cls.bob, life_domain="housing", reason="no_service"
        )
        cls.on_case = actions.record_unmet_need(
            by=cls.camille, life_domain="housing", reason="full", case=cls.case
        )

    def call(self, method: str, path: str, user: str, body: object = None):
        headers = {
            "HTTP_AUTHORIZATION": f"Bearer {self.tokens[user]}",
            "HTTP_ACCEPT_LANGUAGE": "en",
        }
        if method == "get":
            return self.client.get(f"/api/v1/{path}", **headers)
        import json

        return self.client.post(
            f"/api/v1/{path}", json.dumps(body), content_type="application/json", **headers
        )

    def ids(self, user: str) -> set[str]:
        return {item["id"] for item in self.call("get", "unmet-needs", user).json()["items"]}

    def test_who_sees_which(self):
        search, case = str(self.from_search.pk), str(self.on_case.pk)
        self.assertEqual(self.ids("ana"), {search})
        self.assertEqual(self.ids("lea"), {search, case})
        self.assertEqual(self.ids("camille"), {case})
        self.assertEqual(self.ids("bob"), set())
        self.assertEqual(self.ids("zoe"), set())

    def test_errors_name_the_fields(self):
        response = self.call(
            "post", "unmet-needs", "camille", {"life_domain": "sky", "reason": "x"}
        )
        self.assertEqual(response.status_code, 422)
        fields = {error["field"] for error in response.json()["errors"]}
        self.assertEqual(fields, {"life_domain", "reason"})
        response = self.call(
            "post",
            "unmet-needs",
            "camille",
            {"life_domain": "housing", "reason": "full", "commune": "99999"},
        )
        self.assertEqual(response.json()["errors"][0]["field"], "commune")
        response = self.call(
            "post",
            "unmet-needs",
            "camille",
            {"life_domain": "housing", "reason": "full", "service_id": "nope"},
        )
        self.assertEqual(
            (response.status_code, response.json()["errors"][0]["field"]), (422, "service_id")
        )
        response = self.call(
            "post",
            "unmet-needs",
            "bob",
            {"life_domain": "housing", "reason": "full", "case_id": str(self.case.pk)},
        )
        self.assertEqual(response.status_code, 404)

    def test_recording_linked_to_a_case(self):
        response = self.call(
            "post",
            "unmet-needs",
            "noor",
            {
                "life_domain": "income",
                "reason": "cost",
                "case_id": str(self.case.pk),
                "age_band": "25-64",
            },
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["case_id"], str(self.case.pk))


class ReferralApiTests(OrientationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def post(self, path: str, user: str, body: object):
        import json

        return self.client.post(
            f"/api/v1/{path}",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.tokens[user]}",
            HTTP_ACCEPT_LANGUAGE="en",
        )

    def test_create_list_and_change_status(self):
        body = {
            "service_id": self.service.pk,
            "need": "Un logement",
            "life_domain": "housing",
            "categories": ["identity"],
            "person_agreed": True,
        }
        created = self.post(f"cases/{self.case.pk}/referrals", "camille", body)
        self.assertEqual(created.status_code, 201, created.content)
        referral_id = created.json()["id"]
        listed = self.client.get(
            f"/api/v1/cases/{self.case.pk}/referrals",
            HTTP_AUTHORIZATION=f"Bearer {self.tokens['noor']}",
        ).json()
        self.assertEqual([item["id"] for item in listed["items"]], [referral_id])
        changed = self.post(f"referrals/{referral_id}/status", "noor", {"status": "received"})
        self.assertEqual(changed.json()["status"], "received")
        stale = self.post(
            f"referrals/{referral_id}/status", "noor", {"status": "accepted", "version": 1}
        )
        self.assertEqual((stale.status_code, stale.json()["current_version"]), (409, 2))

    def test_errors_name_the_fields(self):
        path = f"cases/{self.case.pk}/referrals"
        response = self.post(
            path,
            "camille",
            {"service_id": "nope", "need": "x", "life_domain": "housing", "person_agreed": True},
        )
        self.assertEqual(
            (response.status_code, response.json()["errors"][0]["field"]), (422, "service_id")
        )
        response = self.post(
            path,
            "camille",
            {
                "service_id": self.service.pk,
                "need": "x",
                "life_domain": "housing",
                "categories": ["mental_health"],
                "person_agreed": False,
            },
        )
        self.assertEqual(response.status_code, 422)
        fields = {error["field"] for error in response.json()["errors"]}
        self.assertEqual(fields, {"categories", "person_agreed"})
        response = self.post(path, "camille", {"life_domain": "housing"})
        fields = {error["field"] for error in response.json()["errors"]}
        self.assertEqual(fields, {"service_id", "need", "person_agreed"})
        self.assertFalse(Referral.objects.exists())
        referral = self.refer()
        response = self.post(f"referrals/{referral.pk}/status", "camille", {"status": "refused"})
        self.assertEqual(
            (response.status_code, response.json()["errors"][0]["field"]), (422, "reason")
        )
        response = self.post(f"referrals/{referral.pk}/status", "camille", {"status": "maybe"})
        self.assertEqual(
            (response.status_code, response.json()["errors"][0]["field"]), (422, "status")
        )
