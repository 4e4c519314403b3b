"""Directory search: relevance in French, Dutch and English, accents, case, one typo,
filters. Runs on SQLite (FTS5) and PostgreSQL (tsvector) alike."""

import itertools
from datetime import date
from typing import Any

from django.test import TestCase

from maillage.directory import life_domains
from maillage.directory.models import (
    Attribute,
    CostOption,
    Language,
    Organization,
    SearchDocument,
    SearchWord,
    Service,
    ServiceArea,
)
from maillage.directory.search import (
    correct,
    distance,
    normalise,
    ranked_service_ids,
    rebuild_index,
    reindex_service,
    search_services,
)

_numbers = itertools.count(1)


def make_service(
    name: str,
    *,
    domains: tuple[str, ...] = (),
    communes: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("fr",),
    organization: str = "Asbl Exemple",
    description: str = "",
    eligibility: str = "",
    minimum_age: float | None = None,
    maximum_age: float | None = None,
    amount: float | None = None,
    status: str = "active",
    assured_date: date | None = None,
    index: bool = True,
    **fields: Any,
) -> Service:
    """A directory service with its HSDS rows (domains as attributes, areas, languages)."""
    number = next(_numbers)
    life_domains.install()
    org, _ = Organization.objects.get_or_create(
        id=f"org-{organization}", defaults={"name": organization}
    )
    service = Service.objects.create(
        id=f"svc-{number}",
        organization=org,
        name=name,
        description=description,
        eligibility_description=eligibility,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        status=status,
        assured_date=assured_date,
        **fields,
    )
    for code in domains:
        Attribute.objects.create(
            id=life_domains.attribute_id(service.id, code),
            link_id=service.id,
            link_entity="service",
            link_type="life_domain",
            taxonomy_term_id=life_domains.term_id(code),
        )
    for nis in communes:
        ServiceArea.objects.create(id=f"area-{number}-{nis}", service=service, commune=nis)
    for code in languages:
        Language.objects.create(id=f"lang-{number}-{code}", service=service, code=code)
    if amount is not None:
        CostOption.objects.create(id=f"cost-{number}", service=service, amount=amount)
    if index:
        reindex_service(service)
    return service


def make_catalogue(cls: Any) -> None:
    """Six services in three languages, for the search, page and coverage tests."""
    cls.housing = make_service(
        "Aide au logement",
        domains=("housing",),
        communes=("21004",),
        languages=("fr", "nl"),
        organization="Infor-Logement Bruxelles",
        description="Recherche d'un logement, prévention des expulsions.",
        minimum_age=18,
    )
    cls.mental = make_service(
        "Centre de santé mentale Le Méridien",
        domains=("mental_health",),
        communes=("21015",),
        description="Consultations psychologiques et psychiatriques.",
        fees_description="Gratuit",
    )
    cls.wijk = make_service(
        "Gezondheidscentrum De Brug",
        domains=("physical_health",),
        communes=("21001",),
        languages=("nl",),
        description="Huisarts en verpleging voor de buurt.",
        amount=0,
    )
    cls.debt = make_service(
        "Debt advice for families",
        domains=("income", "family"),
        languages=("en", "fr"),
        description="Budget help and debt mediation.",
        amount=20,
    )
    cls.youth = make_service(
        "Espace jeunes",
        domains=("social_life",),
        communes=("21015",),
        description="Activités pour adolescents.",
        minimum_age=12,
        maximum_age=25,
    )
    cls.closed = make_service(
        "Maison médicale fermée",
        domains=("physical_health",),
        communes=("21015",),
        description="Soins de santé de première ligne.",
        status="inactive",
    )
    rebuild_index()


class InEnglish:
    """Pages in English for the assertions (the default language is French)."""

    def login(self, user: Any, client: Any = None) -> Any:
        client = super().login(user, client)  # type: ignore[misc]
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client


def names(queryset: Any) -> list[str]:
    return [service.name for service in queryset]


class SearchRelevanceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        make_catalogue(cls)

    def first(self, query: str, **filters: Any) -> str:
        found = names(search_services(query, **filters))
        self.assertTrue(found, f"nothing found for {query!r}")
        return found[0]

    def test_french_with_and_without_accents_and_in_any_case(self):
        for query in ("santé mentale", "sante mentale", "SANTE MENTALE", "Santé"):
            self.assertEqual(self.first(query), self.mental.name, query)
        for query in ("logement", "LOGEMENT", "Logement Bruxelles", "expulsions"):
            self.assertEqual(self.first(query), self.housing.name, query)

    def test_dutch_through_names_and_life_domain_labels(self):
        self.assertEqual(self.first("gezondheid"), self.wijk.name)
        self.assertEqual(self.first("huisarts"), self.wijk.name)
        # "huisvesting" is the Dutch label of the housing domain, not in the text.
        self.assertEqual(self.first("huisvesting"), self.housing.name)
        self.assertEqual(self.first("geestelijke gezondheid"), self.mental.name)

    def test_the_words_people_use_in_each_language_find_the_domain(self):
        # Search vocabulary of the life domains (life_domains.KEYWORDS): a Dutch-speaking
        # worker finds a service described only in French, and the other way round.
        self.assertEqual(self.first("psychiatrie"), self.mental.name)
        self.assertEqual(self.first("ggz"), self.mental.name)
        self.assertEqual(self.first("dakloos"), self.housing.name)
        self.assertEqual(self.first("sans-abri"), self.housing.name)
        self.assertEqual(self.first("schuldbemiddeling"), self.debt.name)

    def test_english_through_names_and_life_domain_labels(self):
        self.assertEqual(self.first("debt"), self.debt.name)
        self.assertEqual(self.first("mental health"), self.mental.name)
        self.assertEqual(self.first("housing"), self.housing.name)

    def test_one_typo_still_finds_the_service_first(self):
        for query in ("logemnet", "lgoement", "logment", "gezondhied", "xezondheid", "mentael"):
            found = names(search_services(query))
            self.assertTrue(found, query)
        self.assertEqual(self.first("logemnet"), self.housing.name)
        self.assertEqual(self.first("gezondhied"), self.wijk.name)
        self.assertEqual(self.first("psychologiqeus"), self.mental.name)
        self.assertEqual(correct("logemnet"), ["logement"])

    def test_name_matches_rank_above_description_matches(self):
        make_service("Logement d'urgence", description="Nuit")
        make_service("Écoute", description="Aussi un peu de logement")
        found = names(search_services("logement"))
        self.assertLess(found.index("Logement d'urgence"), found.index("Écoute"))

    def test_words_found_nowhere_find_nothing_and_several_words_fall_back_to_any(self):
        self.assertEqual(names(search_services("zzzqqq")), [])
        # No service has both words: the services with either come back.
        found = names(search_services("debt logement"))
        self.assertIn(self.debt.name, found)
        self.assertIn(self.housing.name, found)

    def test_helpers(self):
        self.assertEqual(normalise("Santé ÉCOLE"), "sante ecole")
        self.assertEqual(distance("logemnet", "logement"), 1)
        self.assertEqual(distance("abc", "abc"), 0)
        self.assertGreater(distance("maison", "jardin"), 2)


class SearchFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        make_catalogue(cls)

    def test_only_active_services_by_default(self):
        self.assertNotIn(self.closed.name, names(search_services()))
        self.assertNotIn(self.closed.name, names(search_services("maison medicale")))
        self.assertIn(self.closed.name, names(search_services(status=None)))
        self.assertEqual(names(search_services(status="inactive")), [self.closed.name])

    def test_life_domain(self):
        self.assertEqual(names(search_services(life_domain="housing")), [self.housing.name])
        self.assertEqual(names(search_services(life_domain="family")), [self.debt.name])
        self.assertEqual(names(search_services("debt", life_domain="housing")), [])

    def test_commune_served_including_services_without_area(self):
        found = set(names(search_services(commune="21015")))
        # Mental health and youth serve Schaerbeek; debt advice names no area: everywhere.
        self.assertEqual(found, {self.mental.name, self.youth.name, self.debt.name})

    def test_language(self):
        self.assertEqual(
            set(names(search_services(language="nl"))), {self.housing.name, self.wijk.name}
        )
        self.assertEqual(names(search_services(language="en")), [self.debt.name])

    def test_age_within_bounds_missing_bounds_do_not_limit(self):
        at_15 = set(names(search_services(age=15)))
        self.assertIn(self.youth.name, at_15)
        self.assertIn(self.mental.name, at_15)
        self.assertNotIn(self.housing.name, at_15)  # from 18
        self.assertNotIn(self.youth.name, names(search_services(age=30)))

    def test_free_of_charge(self):
        self.assertEqual(set(names(search_services(free=True))), {self.mental.name, self.wijk.name})
        self.assertEqual(names(search_services(free=False)), [self.debt.name])

    def test_taxonomy_term(self):
        term = life_domains.term_id("income")
        self.assertEqual(names(search_services(taxonomy_term_id=term)), [self.debt.name])

    def test_query_and_filters_together(self):
        self.assertEqual(names(search_services("sante", commune="21015")), [self.mental.name])

    def test_an_edit_reindexes_the_service(self):
        Service.objects.filter(pk=self.youth.pk).update(name="Maison des jeunes Horizon")
        reindex_service(self.youth.pk)
        self.assertEqual(names(search_services("horizon")), ["Maison des jeunes Horizon"])
        self.assertTrue(SearchWord.objects.filter(word="horizon").exists())
        self.assertEqual(SearchDocument.objects.filter(service=self.youth).count(), 1)

    def test_a_deleted_service_leaves_the_index(self):
        self.debt.delete()
        self.assertEqual(names(search_services("debt")), [])


class SearchPathsTests(TestCase):
    """The page reads the best ids then their services (search_services); the HSDS API
    pages through the ranking itself (ranked_service_ids): both give the same order."""

    QUERIES = (
        ("santé mentale", {}),
        ("SANTE MENTALE", {}),
        ("gezondheid", {}),
        ("geestelijke gezondheid", {}),
        ("logemnet", {}),
        ("debt logement", {}),
        ("logement", {"commune": "21004", "free": True}),
        ("aide", {"language": "nl", "age": 30}),
    )

    @classmethod
    def setUpTestData(cls) -> None:
        make_catalogue(cls)

    def test_the_page_and_the_api_find_the_same_services_in_the_same_order(self):
        for query, filters in self.QUERIES:
            ranked = ranked_service_ids(query, **filters)
            assert ranked is not None
            self.assertEqual([s.pk for s in search_services(query, **filters)], list(ranked), query)

    def test_preferring_a_commune_reorders_without_leaving_anything_out(self):
        found = [s.pk for s in search_services("logement")]
        preferred = [s.pk for s in search_services("logement", prefer_commune="21004")]
        self.assertEqual(sorted(preferred), sorted(found))

    def test_the_ranking_leaves_the_callers_transaction_settings_alone(self):
        from django.db import connection

        if connection.vendor != "postgresql":
            self.skipTest("a PostgreSQL planner setting")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = 3")
            self.assertTrue(list(search_services("logement")))
            cursor.execute("SHOW random_page_cost")
            self.assertEqual(cursor.fetchone()[0], "3")
