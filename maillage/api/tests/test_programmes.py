from maillage.programmes.models import Programme

from .base import ApiTestCase


class ListProgrammesTests(ApiTestCase):
    def test_it_lists_active_programmes_with_their_criteria(self) -> None:
        response = self.api.get("programmes", self.ines)
        self.assertEqual(response.status_code, 200)
        by_code = {programme["code"]: programme for programme in response.json()}
        self.assertEqual(set(by_code), {"brusano", "bru-stars", "dune-liaison", "em107-precarite"})
        brusano = by_code["brusano"]
        self.assertEqual(brusano["name"], "Brusano case managers (“grey zones”)")
        self.assertEqual(set(brusano["names"]), {"fr", "nl", "en"})
        self.assertEqual(brusano["answer_deadline_hours"], 48)
        self.assertEqual(brusano["planned_duration_days"], 365)
        self.assertEqual(
            brusano["criteria"][0],
            {
                "code": "adult",
                "label": "Aged 18 or over",
                "rule": {"fact": "age", "op": "gte", "value": 18},
            },
        )
        self.assertIsNone(by_code["bru-stars"]["answer_deadline_hours"])
        self.assertEqual(by_code["em107-precarite"]["answer_deadline_hours"], 14 * 24)

    def test_names_follow_accept_language(self) -> None:
        response = self.api.get("programmes", self.ines, language="nl")
        names = {programme["code"]: programme["name"] for programme in response.json()}
        self.assertEqual(names["em107-precarite"], "Mobiel team 107 Precariteit")
        self.assertEqual(response.json()[0]["criteria"][0]["label"], "Tussen 0 en 23 jaar oud")

    def test_it_leaves_out_inactive_programmes_and_templates(self) -> None:
        Programme.objects.filter(code="dune-liaison").update(active=False)
        Programme.objects.filter(code="brusano").update(is_template=True)
        codes = [programme["code"] for programme in self.api.get("programmes", self.ines).json()]
        self.assertEqual(codes, ["bru-stars", "em107-precarite"])

    def test_any_user_with_a_token_may_read_the_configuration(self) -> None:
        response = self.api.get("programmes", self.zoe)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()), 4)

    def test_it_reads_criteria_in_one_query(self) -> None:
        # Token, programmes, criteria.
        with self.assertNumQueries(3):
            self.api.get("programmes", self.ines)
