"""The HSDS read-only API: paging, search, taxonomy filter, the full service object."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from maillage.api.tests.base import ApiClient, issue_tokens
from maillage.directory import life_domains
from maillage.directory.demo import seed_directory
from maillage.directory.importer import import_path
from maillage.testing import MaillageTestCase

from .hsds_checks import EXAMPLES, compiled_service_validator

EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


class DirectoryApiTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)
        import_path(EXAMPLES / "service_full.json")
        seed_directory(synthetic=30, seed=5)

    def setUp(self):
        self.api = ApiClient(self.client, self.tokens)

    def test_services_are_paged_as_in_hsds(self):
        first = self.api.get("directory/services", self.zoe, per_page=10).json()
        self.assertEqual(set(first), PAGE_KEYS)
        self.assertEqual(first["total_items"], 39)  # 1 example + 8 real + 30 synthetic
        self.assertEqual((first["total_pages"], first["size"]), (4, 10))
        self.assertEqual(
            (first["first_page"], first["last_page"], first["empty"]), (True, False, False)
        )
        last = self.api.get("directory/services", self.zoe, per_page=10, page=4).json()
        self.assertEqual((last["size"], last["last_page"], last["page_number"]), (9, True, 4))
        beyond = self.api.get("directory/services", self.zoe, per_page=10, page=9).json()
        self.assertEqual((beyond["size"], beyond["empty"], beyond["contents"]), (0, True, []))
        ids = {
            s["id"]
            for p in (1, 2, 3, 4)
            for s in self.api.get("directory/services", self.zoe, per_page=10, page=p).json()[
                "contents"
            ]
        }
        self.assertEqual(len(ids), 39)

    def test_per_page_is_bounded(self):
        for value in (0, 101, -1):
            response = self.api.get("directory/services", self.zoe, per_page=value)
            self.assertEqual(response.status_code, 422, value)
            self.assertEqual(response.json()["errors"][0]["field"], "per_page")
        self.assertEqual(
            self.api.get("directory/services", self.zoe, per_page=100).status_code, 200
        )
        self.assertEqual(self.api.get("directory/services", self.zoe, page=0).status_code, 422)

    def test_search_finds_the_service(self):
        found = self.api.get("directory/services", self.camille, search="Brusano").json()
        names = [s["name"] for s in found["contents"]]
        self.assertTrue(names and "Brusano" in names[0], names)
        nothing = self.api.get("directory/services", self.camille, search="zzzyyqqq").json()
        self.assertEqual((nothing["total_items"], nothing["empty"]), (0, True))

    def test_a_search_pages_through_every_match_best_first(self):
        from maillage.directory.search import ranked_service_ids

        matching = list(ranked_service_ids("fictif", status=None))
        self.assertGreater(len(matching), 20)
        seen = []
        for number in (1, 2, 3, 4):
            page = self.api.get(
                "directory/services", self.zoe, search="fictif", per_page=10, page=number
            ).json()
            self.assertEqual(page["total_items"], len(matching))
            seen += [service["id"] for service in page["contents"]]
        self.assertEqual(seen, matching[:40])  # the ranked order, page after page

    def test_taxonomy_term_filter(self):
        term = life_domains.term_id("substance_use")
        found = self.api.get(
            "directory/services", self.ines, taxonomy_term_id=term, per_page=100
        ).json()
        self.assertGreater(found["total_items"], 0)
        expected = set(
            life_domains.services_in_domain("substance_use").values_list("pk", flat=True)
        )
        self.assertEqual({s["id"] for s in found["contents"]}, expected)
        self.assertIn(
            "Service de liaison et d'accompagnement social (DUNE)",
            [s["name"] for s in found["contents"]],
        )

    def test_list_items_carry_their_organization(self):
        found = self.api.get("directory/services", self.ines, search="DUNE").json()
        self.assertEqual(found["contents"][0]["organization"]["name"], "DUNE asbl")

    def test_the_full_service_validates_against_the_official_schema(self):
        check = compiled_service_validator()
        for service_id in (EXAMPLE_SERVICE, life_domains.services_in_domain("housing").first().pk):
            body = self.api.get(f"directory/services/{service_id}", self.bob).json()
            self.assertEqual([e.message for e in check.iter_errors(body)], [], service_id)

    def test_the_full_service_holds_every_part(self):
        body = self.api.get(f"directory/services/{EXAMPLE_SERVICE}", self.bob).json()
        self.assertEqual(body["organization"]["name"], "Example Organization Inc.")
        self.assertEqual(body["phones"][0]["languages"][0]["code"], "ur")
        place = body["service_at_locations"][0]
        self.assertEqual(place["location"]["addresses"][0]["postal_code"], "ABC 1234")
        self.assertEqual(body["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"], "name")
        for key in (
            "schedules",
            "service_areas",
            "languages",
            "funding",
            "cost_options",
            "required_documents",
            "contacts",
            "metadata",
        ):
            self.assertEqual(len(body[key]), 1, key)
        self.assertEqual(body["program"]["name"], "Community Mental Health Support")
        self.assertEqual(body["minimum_age"], 12)

    def test_reading_a_service_takes_a_bounded_number_of_queries(self):
        seeded = life_domains.services_in_domain("housing").first().pk
        counts = []
        for service_id in (EXAMPLE_SERVICE, seeded):
            with CaptureQueriesContext(connection) as queries:
                self.api.get(f"directory/services/{service_id}", self.bob)
            counts.append(len(queries))
        self.assertLess(max(counts), 40)  # prefetches, not one query per nested object

    def test_an_unknown_service_is_404(self):
        response = self.api.get("directory/services/nope", self.bob)
        self.assertEqual(response.status_code, 404)
        self.assertIn("detail", response.json())

    def test_anonymous_callers_get_401(self):
        self.assertEqual(self.api.get("directory/services", None).status_code, 401)
        self.assertEqual(
            self.api.get(f"directory/services/{EXAMPLE_SERVICE}", None).status_code, 401
        )

    @override_settings(DIRECTORY_PUBLIC=True)
    def test_a_public_directory_is_open_to_anonymous_callers(self):
        self.assertEqual(self.api.get("directory/services", None).status_code, 200)
        body = self.api.get(f"directory/services/{EXAMPLE_SERVICE}", None).json()
        self.assertEqual(body["id"], EXAMPLE_SERVICE)

    def test_taxonomies_terms_and_organizations(self):
        taxonomies = self.api.get("directory/taxonomies", self.zoe).json()
        self.assertIn(life_domains.TAXONOMY_ID, [t["id"] for t in taxonomies["contents"]])
        terms = self.api.get("directory/taxonomy_terms", self.zoe, per_page=100).json()
        self.assertEqual(terms["total_items"], 12)  # 11 life domains + the example's term
        organizations = self.api.get("directory/organizations", self.zoe, per_page=100).json()
        self.assertIn("Brusano asbl", [o["name"] for o in organizations["contents"]])
