import importlib

from django.apps import apps

from maillage.people.models import Person
from maillage.testing import MaillageTestCase, make_person

migration = importlib.import_module("maillage.people.migrations.0002_family_last_key")


class FamilyLastKeyTests(MaillageTestCase):
    def test_saving_keeps_the_last_word_of_a_family_name_of_several(self):
        person = make_person(family_name="Van den Berg")
        self.assertEqual(person.family_last_key, "berg")
        person.family_name = "Dupont-Léger"
        person.save(update_fields=["family_name"])
        person.refresh_from_db()
        self.assertEqual(person.family_last_key, "leger")
        self.assertEqual(make_person(family_name="Dubois").family_last_key, "")

    def test_the_migration_fills_it_for_existing_persons(self):
        several = make_person(family_name="El Amrani")
        one = make_person(family_name="Peeters")
        Person.objects.update(family_last_key="")
        migration.fill_last_words(apps, None)
        several.refresh_from_db()
        one.refresh_from_db()
        self.assertEqual((several.family_last_key, one.family_last_key), ("amrani", ""))
