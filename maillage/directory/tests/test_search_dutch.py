"""Directory search in Dutch (and French/English alongside): the expected service first,
with and without typos, and services of other life domains not ranked above it.

A small directory built here, in French mostly (as many Brussels services are described),
stands for directories the search has never seen; one test runs on the demo directory.
Runs on SQLite (FTS5) and PostgreSQL (tsvector) alike."""

from typing import Any

from django.test import TestCase

from maillage.directory.demo import SEED_FILE, seed_directory
from maillage.directory.life_domains import domains_of
from maillage.directory.models import Service
from maillage.directory.search import (
    query_units,
    query_words,
    ranked_service_ids,
    rebuild_index,
    search_services,
    split_compound,
)

from .test_search import make_service


def names(queryset: Any) -> list[str]:
    return [service.name for service in queryset]


class DutchRelevanceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        # Specialists, described in French only.
        cls.medical = make_service(
            "Maison médicale Le Noyer",
            domains=("physical_health",),
            description="Médecine générale et soins infirmiers pour le quartier.",
        )
        cls.mental = make_service(
            "Centre de santé mentale Le Chien Vert",
            domains=("mental_health",),
            description="Consultations psychologiques pour adultes.",
        )
        cls.mental_nl = make_service(
            "Centrum voor geestelijke gezondheid Brussel",
            domains=("mental_health",),
            languages=("nl",),
            description="Psychologische begeleiding voor volwassenen.",
        )
        cls.shelter = make_service(
            "Abri de nuit Pierre d'Angle",
            domains=("housing",),
            description="Hébergement d'urgence pour personnes sans-abri.",
        )
        cls.addiction = make_service(
            "Verslavingszorg De Sleutel",
            domains=("substance_use",),
            languages=("nl",),
            description="Ambulante begeleiding.",
        )
        cls.risks = make_service(
            "Réduction des risques Transit",
            domains=("substance_use",),
            description="Accueil de jour pour usagers de drogues.",
        )
        # Generalists: they list health among many domains, their name says otherwise
        # (the "Groupe famille" and "Antenne budget" of the review).
        cls.family = make_service(
            "Groupe de parole pour familles",
            domains=("family", "physical_health", "mental_health"),
            description="Soutien aux familles et aux aidants proches.",
        )
        cls.budget = make_service(
            "Antenne budget Woluwe",
            domains=("income", "physical_health", "mental_health"),
            description="Médiation de dettes.",
        )
        cls.law = make_service(
            "Permanence juridique",
            domains=("justice", "physical_health"),
            description="Aide juridique de première ligne.",
        )
        cls.drugs_and_health = make_service(
            "Accompagnement assuétudes Ganshoren",
            domains=("substance_use", "physical_health"),
            description="Suivi individuel.",
        )
        # No life domain: found through its own words only.
        cls.mention = make_service(
            "Écrivain public",
            description="Aide pour tout courrier, aussi pour la santé et la verslaving.",
        )
        # Real services of the case file, with and without a Dutch alternate name.
        cls.brustars = make_service(
            "Case Management Clinique (Bru-Stars)",
            domains=("mental_health", "family"),
            organization="Bru-Stars",
            description="Un·e case manager organise la concertation clinique autour d'un·e "
            "jeune en situation complexe.",
        )
        cls.dune = make_service(
            "Service de liaison et d'accompagnement social (DUNE)",
            alternate_name="Liaisondienst en sociale begeleiding (DUNE)",
            domains=("substance_use", "physical_health", "mental_health"),
            organization="DUNE asbl",
            description="Coordonne les acteurs autour de la personne.",
        )
        cls.concertation = make_service(
            "Concertation clinique multidisciplinaire (Brusano)",
            alternate_name="Multidisciplinair klinisch overleg (Brusano)",
            domains=("physical_health", "mental_health"),
            organization="Brusano asbl",
            description="Organisation de concertations cliniques autour de la personne.",
        )
        rebuild_index()

    def found(self, query: str, **filters: Any) -> list[str]:
        return names(search_services(query, **filters))

    def first(self, query: str) -> str:
        found = self.found(query)
        self.assertTrue(found, f"nothing found for {query!r}")
        return found[0]

    def assert_before(self, found: list[str], earlier: Service, later: Service) -> None:
        self.assertIn(earlier.name, found)
        if later.name in found:
            self.assertLess(found.index(earlier.name), found.index(later.name), found)

    def test_gezondheid_puts_the_health_service_first_not_the_generalists(self):
        for query in ("gezondheid", "Gezondheid", "gezondhied", "gezondheit", "santé", "health"):
            found = self.found(query)
            # A name holding the word itself may come first ("Centrum voor geestelijke
            # gezondheid"): names outrank domains.
            self.assertIn(self.medical.name, found[:2], query)
            named = {self.medical.name, self.mental.name, self.mental_nl.name}
            self.assertIn(found[0], named, query)
            # Services listing health among other domains come after the specialist,
            # and services of no health domain are not ranked above those that are.
            for generalist in (self.family, self.budget, self.law, self.drugs_and_health):
                self.assert_before(found, self.medical, generalist)
            self.assert_before(found, self.family, self.shelter)
            # A service of no health domain that only mentions the word comes last.
            self.assert_before(found, self.family, self.mention)

    def test_a_word_shared_by_two_domains_keywords_names_one_domain(self):
        # "gezondheid" is a keyword of physical health; mental health's keyword is the
        # phrase "geestelijke gezondheid": a mental-health service whose text does not
        # say "gezondheid" is not a match, one whose name says it ranks below physical.
        found = self.found("gezondheid")
        self.assertNotIn(self.mental.name, found)
        self.assertIn(self.mental_nl.name, found)
        self.assertEqual(
            [unit.domains for unit in query_units(query_words("gezondheid"))],
            [("physical_health",)],
        )
        units = query_units(query_words("geestelijke gezondheid"))
        self.assertEqual([unit.domains for unit in units], [("mental_health",)])

    def test_lichamelijke_gezondheid_ranks_health_services_above_others(self):
        for query in ("lichamelijke gezondheid", "lichamelijke gezondhied", "santé physique"):
            found = self.found(query)
            self.assertEqual(found[0], self.medical.name, query)
            health = [s.name for s in Service.objects.all() if "physical_health" in domains_of(s)]
            # Every physical-health service comes before any other service.
            self.assertEqual(set(found[: len(health)]), set(health), query)
            self.assertNotIn(self.mental.name, found)
            self.assertNotIn(self.shelter.name, found)

    def test_geestelijke_gezondheid_finds_mental_health_in_both_languages(self):
        for query in ("geestelijke gezondheid", "geestelijke gezondhied", "ggz", "psycholoog"):
            found = self.found(query)
            self.assertIn(found[0], {self.mental.name, self.mental_nl.name}, query)
            self.assertIn(self.mental.name, found[:2], query)
            self.assertIn(self.mental_nl.name, found[:2], query)
            self.assert_before(found, self.mental, self.family)
            self.assertNotIn(self.medical.name, found, query)

    def test_dutch_domain_words_find_french_services(self):
        cases = {
            "dakloos": self.shelter,
            "daklos": self.shelter,  # typo
            "opvang": self.shelter,
            "huisarts": self.medical,
            "huisatrs": self.medical,  # typo
            "mantelzorgers": self.family,
            "schuldbemiddeling": self.budget,
        }
        for query, expected in cases.items():
            self.assertEqual(self.first(query), expected.name, query)

    def test_name_ranks_above_life_domain_and_specialists_above_generalists(self):
        for query in ("verslaving", "verslavnig", "druggebruik", "assuétudes"):
            found = self.found(query)
            # The word in the name first (for the Dutch words), then the domain's
            # specialists before the services listing it among others.
            if query != "assuétudes":
                self.assertEqual(found[0], self.addiction.name, query)
            if query != "assuétudes":  # in the name of "Accompagnement assuétudes…"
                self.assert_before(found, self.risks, self.drugs_and_health)
            self.assert_before(found, self.drugs_and_health, self.dune)
            # A mere mention in a description comes after the domain's services.
            self.assert_before(found, self.dune, self.mention)
            self.assertNotIn(self.medical.name, found)

    def test_hyphenated_names_written_as_one_word_or_apart(self):
        for query in ("brustars", "Bru-Stars", "bru stars", "brustrs", "BRUSTARS"):
            self.assertEqual(self.first(query), self.brustars.name, query)

    def test_dutch_compounds_find_words_written_apart(self):
        self.assertEqual(split_compound("casemanagement"), ["case", "management"])
        self.assertEqual(split_compound("zzzzqqqq"), [])
        self.assertEqual(self.first("casemanagement"), self.brustars.name)
        self.assertEqual(self.first("klinisch casemanagement"), self.brustars.name)
        self.assertEqual(self.first("casemanager"), self.brustars.name)

    def test_dutch_alternate_names(self):
        self.assertEqual(self.first("liaisondienst"), self.dune.name)
        self.assertEqual(self.first("liasondienst"), self.dune.name)  # typo
        self.assertEqual(self.first("klinisch overleg"), self.concertation.name)
        self.assertEqual(self.first("multidisciplinair overleg"), self.concertation.name)
        self.assertEqual(self.first("klinish overleg"), self.concertation.name)  # typo

    def test_french_and_english_unchanged(self):
        self.assertEqual(self.first("santé mentale"), self.mental.name)
        self.assertEqual(self.first("sante mentale"), self.mental.name)
        self.assertIn(self.first("mental health"), {self.mental.name, self.mental_nl.name})
        self.assertEqual(self.first("médecin"), self.medical.name)
        self.assertEqual(self.first("sans-abri"), self.shelter.name)
        self.assertEqual(self.first("homeless"), self.shelter.name)
        self.assertEqual(self.first("concertation clinique"), self.concertation.name)

    def test_filters_and_paging_keep_the_order(self):
        self.assertEqual(self.found("gezondheid", life_domain="family"), [self.family.name])
        ranked = ranked_service_ids("gezondheid")
        self.assertIsNotNone(ranked)
        ids = list(ranked)
        self.assertEqual(ids, [s.pk for s in search_services("gezondheid")])


class DemoDirectoryDutchTests(TestCase):
    """The acceptance review's queries on the demo directory (`seed_directory()`)."""

    @classmethod
    def setUpTestData(cls) -> None:
        seed_directory()

    def test_review_queries(self):
        def top(query: str, count: int = 3) -> list[Service]:
            return list(search_services(query)[:count])

        for query in ("gezondheid", "gezondhied", "lichamelijke gezondheid"):
            for service in top(query, 3):
                self.assertIn("physical_health", domains_of(service), query)
            # Further down: health services, or a name saying "(geestelijke) gezondheid";
            # never a family or budget service listing health among its domains.
            for service in top(query, 8):
                named = "gezondheid" in service.alternate_name.lower()
                self.assertTrue(named or "physical_health" in domains_of(service), query)
        expected = {
            "brustars": "Case Management Clinique (Bru-Stars)",
            "liaisondienst": "Service de liaison et d'accompagnement social (DUNE)",
            "klinisch casemanagement": "Case Management Clinique (Bru-Stars)",
            "klinisch overleg": "Concertation clinique multidisciplinaire (Brusano)",
            "mobiel team": "Équipe mobile 107 - Précarité",
            "casemanagers grijze zones": "Case managers des « zones grises » (Brusano)",
        }
        for query, name in expected.items():
            self.assertEqual(top(query, 1)[0].name, name, query)

    def test_every_real_service_has_a_dutch_alternate_name(self):
        import json

        seeded = json.loads(SEED_FILE.read_text(encoding="utf-8"))
        for row in seeded:
            self.assertTrue(Service.objects.get(pk=row["id"]).alternate_name, row["name"])
