"""The partner's page and the partner's API show the same shared case: both are
assembled by `access.partner.get_shared_case()`."""

from maillage.api.tests.base import issue_tokens

from .base import PartnerTestCase


def ids(objects) -> list[str]:
    return [str(obj.pk) for obj in objects]


class SharedCaseTests(PartnerTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def test_the_page_and_the_api_list_the_same_content(self):
        page = self.client.get(f"/partner/cases/{self.case.pk}/").context
        answer = self.client.get(
            f"/api/v1/partner/cases/{self.case.pk}",
            HTTP_AUTHORIZATION=f"Bearer {self.tokens['pat']}",
        ).json()

        self.assertTrue(page["journal"])
        self.assertEqual(ids(page["journal"]), [e["id"] for e in answer["journal"]])
        self.assertEqual(ids(page["goals"]), [g["id"] for g in answer["goals"]])
        self.assertEqual(
            ids(action for action, _mine in page["actions"]), [a["id"] for a in answer["actions"]]
        )
        self.assertEqual(
            [(str(a.pk), mine) for a, mine in page["actions"]],
            [(a["id"], a["mine"]) for a in answer["actions"]],
        )
        self.assertEqual(
            [d.domain for d in page["domains"]],
            [d["domain"] for d in answer["assessment"]["domains"]],
        )
        self.assertEqual(page["crisis_plan"].version, answer["crisis_plan"]["version"])
        self.assertEqual(
            [str(i.conference_id) for i in page["invitations"]],
            [m["conference_id"] for m in answer["minutes"]],
        )
        self.assertEqual([a.name for a in page["network"]], [a["name"] for a in answer["network"]])
