"""An administrator merges two records of one person; nothing linked is lost."""

from datetime import date

from maillage import audit
from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.intake.models import SupportRequest
from maillage.people.matching import likely_duplicates
from maillage.people.models import Person
from maillage.testing import MaillageTestCase, make_person


class MergeTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.kept = make_person(given_name="Jan", family_name="Peeters", birth_date=date(1960, 2, 1))
        cls.dupe = make_person(
            given_name="Jan", family_name="Peters", birth_date=None, phone="0470"
        )
        cls.first = cls.record(cls.brusano, cls.ines, cls.kept)
        cls.second = cls.record(cls.brusano, cls.ines, cls.dupe)
        casefile_actions.answer_request(
            cls.second, by=cls.ines, kind="accept", case_workers=[cls.camille]
        )

    def merge(self, user):
        client = self.login(user, self.client_class())
        return client.post(
            "/persons/merge/confirm/", {"duplicate": self.dupe.pk, "survivor": self.kept.pk}
        )

    def test_every_linked_record_follows_the_kept_person(self):
        self.assertEqual(self.merge(self.adam).status_code, 302)
        self.assertEqual(SupportRequest.objects.filter(person=self.kept).count(), 2)
        self.assertEqual(Case.objects.get().person, self.kept)
        self.dupe.refresh_from_db()
        self.kept.refresh_from_db()
        self.assertEqual(self.dupe.merged_into, self.kept)
        self.assertEqual(self.kept.phone, "0470")  # filled from the duplicate

    def test_the_merge_is_audited_and_the_chain_holds(self):
        self.merge(self.adam)
        self.assertTrue(
            AuditEvent.objects.filter(verb="person.merged", person_id=self.kept.pk).exists()
        )
        self.assertIs(audit.verify().ok, True)

    def test_only_administrators_merge(self):
        self.assertEqual(self.merge(self.lea).status_code, 403)
        self.assertIsNone(Person.objects.get(pk=self.dupe.pk).merged_into)

    def test_the_search_shows_identity_only(self):
        client = self.login(self.adam, self.client_class())
        response = client.get("/persons/merge/", {"q": "peeters"})
        self.assertContains(response, "Peeters")
        self.assertNotContains(response, "Brusano")

    def test_merged_persons_are_no_longer_offered_as_duplicates(self):
        self.merge(self.adam)
        matches = likely_duplicates(Person.objects.current(), "Jan", "Peeters", None)
        self.assertEqual([m.person for m in matches], [self.kept])


class MatchingTests(MaillageTestCase):
    def test_accents_case_swaps_and_typos(self):
        person = make_person(given_name="Émre", family_name="Yılmaz", birth_date=date(1985, 7, 9))
        persons = Person.objects.all()
        for given, family in [("emre", "yilmaz"), ("Yilmaz", "Emre"), ("Emre", "Yilmas")]:
            found = [m.person for m in likely_duplicates(persons, given, family, date(1985, 7, 9))]
            self.assertEqual(found, [person], (given, family))

    def test_a_different_birth_date_rules_out_a_similar_name(self):
        make_person(given_name="Marie", family_name="Dubois", birth_date=date(1950, 1, 1))
        found = likely_duplicates(Person.objects.all(), "Maria", "Dubois", date(1999, 9, 9))
        self.assertEqual(found, [])

    def test_the_same_name_with_another_birth_date_is_still_worth_a_look(self):
        """A mistyped birth date must not hide a person; the worker decides."""
        person = make_person(given_name="Marie", family_name="Dubois", birth_date=date(1950, 1, 1))
        found = likely_duplicates(Person.objects.all(), "Marie", "Dubois", date(1950, 1, 10))
        self.assertEqual([m.person for m in found], [person])
        self.assertIs(found[0].same_birth_date, False)
