from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.api.tests.base import ApiClient, issue_tokens
from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.search import query
from maillage.search.query import one_edit_apart, parse, search
from maillage.testing import MaillageTestCase, make_person, make_user


def labels(hits):
    return [hit.label for hit in hits]


class SearchTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.leila = make_person(
            given_name="Leïla", family_name="Benali", birth_date=date(1990, 1, 2)
        )
        cls.marie = make_person(
            given_name="Marie", family_name="Dubois", birth_date=date(1985, 3, 12)
        )
        cls.other_marie = make_person(given_name="Marie", family_name="Martin")
        cls.compound = make_person(given_name="Jean-Pierre", family_name="Van den Berg")
        cls.leila_request = cls.record(cls.brusano, cls.ines, cls.leila)
        cls.marie_request = cls.record(cls.brusano, cls.ines, cls.marie)
        cls.record(cls.brusano, cls.ines, cls.other_marie)
        cls.record(cls.brusano, cls.ines, cls.compound)
        casefile_actions.answer_request(
            cls.marie_request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.marie_case = Case.objects.get(support_request=cls.marie_request)
        # Another organisation's person, with the same name: Brusano never sees her.
        cls.hidden = make_person(given_name="Marie", family_name="Dubois", birth_date=None)
        cls.hidden_request = cls.record(cls.brustars, cls.ines, cls.hidden)

    # Names

    def test_accents_are_ignored_both_ways(self):
        self.assertEqual(labels(search(self.camille, "Leila").persons), ["Leïla Benali"])
        self.assertEqual(labels(search(self.camille, "BENALI leïla").persons), ["Leïla Benali"])

    def test_first_and_last_names_may_be_swapped(self):
        found = search(self.camille, "Dubois Marie")
        self.assertEqual(labels(found.persons), ["Marie Dubois"])
        self.assertEqual(found.persons[0].match, query.EXACT)

    def test_one_typing_error_in_a_long_name_is_forgiven(self):
        for typo in ("Duboiss", "Dubios", "Dubous", "Duboi"):
            with self.subTest(typo):
                persons = search(self.camille, typo).persons
                self.assertEqual(labels(persons), ["Marie Dubois"])
        self.assertEqual(search(self.camille, "Dubios").persons[0].match, query.TYPO)
        # Two errors, or one in a short word, are not.
        self.assertEqual(search(self.camille, "Dubiosx").persons, [])
        self.assertEqual(search(self.camille, "Maxie").persons, [])

    def test_exact_before_prefix_before_typo(self):
        for name in ("Dubos", "Duboisier"):
            self.record(self.brusano, self.ines, make_person(given_name="X", family_name=name))
        found = search(self.lea, "Dubois")
        self.assertEqual(labels(found.persons), ["Marie Dubois", "X Duboisier", "X Dubos"])
        self.assertEqual(
            [hit.match for hit in found.persons], [query.EXACT, query.PREFIX, query.TYPO]
        )

    def test_a_prefix_finds_the_start_of_a_name(self):
        self.assertEqual(
            labels(search(self.camille, "Mar").persons), ["Marie Dubois", "Marie Martin"]
        )
        self.assertEqual(labels(search(self.camille, "mar dub").persons), ["Marie Dubois"])

    def test_compound_names_match_word_by_word(self):
        self.assertEqual(
            labels(search(self.camille, "jean pierre").persons), ["Jean-Pierre Van den Berg"]
        )
        self.assertEqual(
            labels(search(self.camille, "Van den Berg").persons), ["Jean-Pierre Van den Berg"]
        )

    def test_the_last_word_of_a_family_name_of_several(self):
        self.assertEqual(labels(search(self.camille, "Berg").persons), ["Jean-Pierre Van den Berg"])
        self.assertEqual(
            labels(search(self.camille, "Bergg").persons), ["Jean-Pierre Van den Berg"]
        )
        self.assertEqual(
            labels(search(self.camille, "Berg Jean").persons), ["Jean-Pierre Van den Berg"]
        )

    def test_a_person_found_brings_their_cases_and_requests(self):
        found = search(self.camille, "marie dubois")
        self.assertEqual([hit.id for hit in found.cases], [self.marie_case.pk])
        self.assertEqual([hit.id for hit in found.requests], [self.marie_request.pk])
        case = found.cases[0]
        self.assertEqual(case.url, f"/cases/{self.marie_case.pk}/")
        self.assertEqual(case.phase, self.marie_case.phase)
        self.assertEqual(case.programme, self.brusano.name)

    # Birth date and reference

    def test_by_birth_date_in_three_spellings(self):
        for spelling in ("12/03/1985", "12.03.1985", "1985-03-12"):
            with self.subTest(spelling):
                self.assertEqual(labels(search(self.camille, spelling).persons), ["Marie Dubois"])
        self.assertEqual(search(self.camille, "12/03/1985").persons[0].match, query.BIRTH_DATE)
        self.assertEqual(search(self.camille, "Martin 12/03/1985").persons, [])
        self.assertEqual(
            labels(search(self.camille, "Dubois 12/03/1985").persons), ["Marie Dubois"]
        )

    def test_by_reference_whole_or_short(self):
        short = self.leila_request.pk.hex[:8]
        for reference in (short, str(self.leila_request.pk), self.leila_request.pk.hex):
            with self.subTest(reference):
                found = search(self.ines, reference)
                self.assertEqual([hit.id for hit in found.requests], [self.leila_request.pk])
                self.assertEqual(found.requests[0].reference, short)
        found = search(self.camille, self.marie_case.pk.hex[:8])
        self.assertEqual([hit.id for hit in found.cases], [self.marie_case.pk])
        # Exactly: another 8 characters find nothing.
        self.assertEqual(search(self.ines, "00000000").requests, [])

    def test_parse(self):
        terms = parse("Dubois 1a2b3c4d 12/03/1985")
        self.assertEqual(terms.words, ("dubois",))
        self.assertEqual(terms.prefixes, ("1a2b3c4d",))
        self.assertEqual(terms.birth_date, date(1985, 3, 12))
        self.assertTrue(one_edit_apart("dubios", "dubois"))
        self.assertTrue(one_edit_apart("duboiss", "dubois"))
        self.assertFalse(one_edit_apart("dbuios", "dubois"))

    # Access

    def test_only_what_the_user_may_see(self):
        found = search(self.camille, "Marie Dubois")
        self.assertNotIn(self.hidden.pk, [hit.id for hit in found.persons])
        self.assertNotIn(self.hidden_request.pk, [hit.id for hit in found.requests])
        # Bob (Bru-Stars) finds only his team's Marie Dubois; ines (intake in both) both.
        self.assertEqual(len(search(self.ines, "Marie Dubois").persons), 2)
        found = search(self.bob, "Marie Dubois")
        self.assertEqual([hit.id for hit in found.persons], [self.hidden.pk])
        self.assertEqual([hit.id for hit in found.requests], [self.hidden_request.pk])
        self.assertEqual(found.cases, [])
        self.assertFalse(search(self.bob, self.marie_case.pk.hex[:8]))
        # By reference too.
        self.assertFalse(search(self.camille, self.hidden_request.pk.hex[:8]))

    def test_partners_analysts_administrators_and_users_without_roles_find_nothing(self):
        for user in (self.pat, self.ana, self.adam, self.zoe):
            for q in ("Marie Dubois", "12/03/1985", self.marie_case.pk.hex[:8], "Leila"):
                with self.subTest(user=user.username, q=q):
                    self.assertFalse(search(user, q))

    def test_each_search_is_audited_with_counts_and_without_its_text(self):
        search(self.camille, "Marie Dubois")
        event = AuditEvent.objects.last()
        assert event is not None
        self.assertEqual((event.verb, event.actor_id), ("search.performed", self.camille.pk))
        self.assertEqual(sorted(event.changes), ["cases:1", "persons:1", "requests:1"])
        for value in (event.changes, event.purpose, event.part, event.target_id):
            self.assertNotIn("Dubois", str(value))
        self.assertIsNone(event.person_id)

    def test_a_query_too_short_is_not_searched(self):
        before = AuditEvent.objects.count()
        self.assertFalse(search(self.camille, "M"))
        self.assertEqual(AuditEvent.objects.count(), before)


class QueryCountTests(MaillageTestCase):
    """A fixed number of queries, whatever the number of persons."""

    def count(self, user, q) -> int:
        user = type(user).objects.get(pk=user.pk)  # no cached memberships
        with CaptureQueriesContext(connection) as queries:
            search(user, q)
        return len(queries)

    def add_persons(self, n: int) -> None:
        for i in range(n):
            person = make_person(given_name=f"Marie{i % 7}", family_name=f"Dubois{'x' * (i % 3)}")
            self.record(self.brusano, self.ines, person)

    def test_the_count_does_not_grow_with_the_data(self):
        self.add_persons(3)
        queries = ["Dubois", "Duboiss", "Marie Dubois", "12/03/1985", "1a2b3c4d"]
        small = {q: self.count(self.camille, q) for q in queries}
        lead_small = self.count(self.lea, "Dubois")
        self.add_persons(60)
        large = {q: self.count(self.camille, q) for q in queries}
        self.assertEqual(small, large)
        self.assertEqual(lead_small, self.count(self.lea, "Dubois"))
        # Memberships, the cases held outside the team (4 times, through the three
        # querysets), persons, cases, requests; the audit: roles, savepoint, seq, insert.
        self.assertLessEqual(max(large.values()), 13, large)


class SearchPageTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.marie = make_person(given_name="Marie", family_name="Dubois")
        cls.marie_request = cls.record(cls.brusano, cls.ines, cls.marie)
        cls.person_account = make_user("perso", is_person_account=True)

    def test_the_page_lists_what_it_found_in_headed_groups(self):
        self.login(self.camille)
        response = self.client.get("/search/", {"q": "dubios"})
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertEqual(content.count("<h1"), 1)
        self.assertIn('id="found-persons"', content)
        self.assertIn(f"/persons/{self.marie.pk}/", content)
        self.assertIn(f"/requests/{self.marie_request.pk}/", content)

    def test_empty_shows_the_form_only_and_short_a_hint(self):
        self.login(self.camille)
        before = AuditEvent.objects.count()
        response = self.client.get("/search/")
        self.assertContains(response, 'name="q"')
        self.assertNotContains(response, "Tapez au moins 2 caractères")
        response = self.client.get("/search/", {"q": "D"})
        self.assertContains(response, "Tapez au moins 2 caractères")
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_the_header_has_the_search_form_for_professionals_only(self):
        self.login(self.camille)
        response = self.client.get("/cases/")
        self.assertContains(response, 'role="search"')
        self.assertContains(response, 'id="site-search-q"')
        for user in (self.ana, self.zoe):
            client = self.login(user, self.client_class())
            self.assertNotContains(client.get("/accounts/security/"), 'id="site-search-q"')

    def test_a_person_account_cannot_search(self):
        client = self.login(self.person_account, self.client_class())
        response = client.get("/search/", {"q": "Dubois"})
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "found-persons", status_code=404)
        self.assertNotContains(response, str(self.marie.pk), status_code=404)


class SearchApiTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)
        cls.marie = make_person(given_name="Marie", family_name="Dubois")
        cls.marie_request = cls.record(cls.brusano, cls.ines, cls.marie)

    def setUp(self) -> None:
        self.api = ApiClient(self.client, self.tokens)

    def test_groups_with_id_label_url_and_details(self):
        response = self.api.get("search", self.camille, q="Dubois Marie")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(set(body), {"persons", "cases", "requests"})
        self.assertEqual(body["persons"][0]["id"], str(self.marie.pk))
        self.assertEqual(body["persons"][0]["label"], "Marie Dubois")
        self.assertEqual(body["persons"][0]["url"], f"/persons/{self.marie.pk}/")
        request = body["requests"][0]
        self.assertEqual(request["id"], str(self.marie_request.pk))
        self.assertEqual(request["status"], "open")
        self.assertEqual(request["reference"], self.marie_request.pk.hex[:8])
        self.assertEqual(body["cases"], [])

    def test_q_missing_or_too_short_is_400_naming_q(self):
        for params in ({}, {"q": "D"}, {"q": " "}):
            response = self.api.get("search", self.camille, **params)
            self.assertEqual(response.status_code, 400, params)
            self.assertEqual(response.json()["errors"][0]["field"], "q")

    def test_others_find_nothing(self):
        for user in (self.bob, self.pat, self.ana, self.zoe):
            body = self.api.get("search", user, q="Dubois").json()
            self.assertEqual(body, {"persons": [], "cases": [], "requests": []}, user)

    def test_a_person_account_gets_403(self):
        from maillage.accounts.models import ApiToken

        perso = make_user("perso", is_person_account=True)
        _token, secret = ApiToken.issue(perso, "tests")
        response = self.client.get(
            "/api/v1/search", {"q": "Dubois"}, secure=True, HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        self.assertEqual(response.status_code, 403)


class IndexTests(MaillageTestCase):
    def test_the_name_candidates_are_read_through_the_name_indexes(self):
        from unittest import SkipTest

        from maillage import access
        from maillage.search.query import name_candidates

        if connection.vendor != "sqlite":
            raise SkipTest("EXPLAIN QUERY PLAN is SQLite's")
        for i in range(40):
            self.record(self.brusano, self.ines, make_person(family_name=f"Name{i}"))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as seed_demo does; without statistics SQLite guesses
        candidates = name_candidates(access.persons_visible_to(self.camille), ("dubios", "marie"))
        sql, params = candidates.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " / ".join(row[-1] for row in cursor.fetchall())
        self.assertIn("family_key>? AND family_key<?", plan)
        self.assertIn("given_key>? AND given_key<?", plan)
        self.assertNotIn("SCAN people_person", plan)
