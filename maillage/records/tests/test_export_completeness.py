"""An export contains every record about the person, and nothing about anyone else."""

import json
from typing import Any

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage import personal_data as registry
from maillage.cases.models import JournalEntry
from maillage.records.export import build_export, printable_export
from maillage.testing import MaillageTestCase

from .fixtures import BUILDERS, full_person

ROOTS = {"people.person", "cases.case"}
# Models with a path to a person or a case that the export leaves out on purpose.
# (Audit events have no foreign keys: they are in the export as the access log.)
EXCLUDED: dict[str, str] = {}


def reaches_a_person(model: Any, depth: int = 5) -> bool:
    """Does a chain of foreign keys lead from this model to a person or a case?"""
    frontier, seen = [model], set()
    for _level in range(depth):
        following = []
        for current in frontier:
            for field in current._meta.get_fields():
                if not (field.is_relation and field.concrete and field.related_model):
                    continue
                if not (field.many_to_one or field.one_to_one):
                    continue
                target = field.related_model
                if target._meta.label_lower in ROOTS:
                    return True
                if target not in seen:
                    seen.add(target)
                    following.append(target)
        frontier = following
    return False


def person_level_models() -> set[str]:
    return {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.label_lower in ROOTS or reaches_a_person(model)
    }


def ids_by_key(node: Any, found: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """Every record id of the export, under the key of the list holding it."""
    found = {} if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                found.setdefault(key, set()).update(str(item["id"]) for item in value)
            ids_by_key(value, found)
    elif isinstance(node, list):
        for item in node:
            ids_by_key(item, found)
    return found


class RegistryCoverageTests(MaillageTestCase):
    def test_every_person_level_model_is_exported_or_excluded_with_a_reason(self):
        missing = person_level_models() - registry.covered_models() - set(EXCLUDED)
        self.assertEqual(
            missing,
            set(),
            "Register these models in the app's personal_data.py (maillage/personal_data.py)",
        )

    def test_the_introspection_finds_parts_reached_through_a_parent(self):
        found = person_level_models()
        for label in ("consent.share", "conferences.minutesdelivery", "plans.crisiscontact"):
            self.assertIn(label, found)
        self.assertNotIn("accounts.apitoken", found)

    def test_every_entry_names_real_fields_and_a_registered_parent(self):
        for entry in registry.entries():
            model = entry.model_class
            for name in entry.fields:
                model._meta.get_field(name)  # raises if unknown
            if entry.parent:
                parent = registry.get(entry.parent).model_class
                self.assertIs(model._meta.get_field(entry.parent_field).related_model, parent)


class ExportCompletenessTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.alex = full_person(
            cls,
            programme=cls.brusano,
            intake=cls.ines,
            workers=[cls.camille, cls.noor],
            family_name="Exportee",
        )
        cls.other = full_person(
            cls, programme=cls.brustars, intake=cls.ines, workers=[cls.bob], family_name="Stranger"
        )

    def test_the_fixture_has_a_row_of_every_entry(self):
        empty = [key for key in registry.all_keys() if not self.alex.ids.get(key)]
        self.assertEqual(empty, [], f"Add a builder for these entries to BUILDERS {list(BUILDERS)}")

    def test_every_row_about_the_person_appears(self):
        exported = ids_by_key(build_export(self.alex.person))
        for key, ids in self.alex.ids.items():
            self.assertLessEqual(ids, exported.get(key, set()), key)

    def test_nothing_about_anyone_else_appears(self):
        document = build_export(self.alex.person)
        exported = ids_by_key(document)
        text = json.dumps(document)
        for key, ids in self.other.ids.items():
            self.assertEqual(ids & exported.get(key, set()), set(), key)
            for row_id in ids:
                if len(row_id) > 8:  # uuids: not found anywhere, not even as a reference
                    self.assertNotIn(row_id, text, key)
        self.assertNotIn("Stranger", text)
        self.assertNotIn(str(self.other.person.pk), text)

    def test_the_layout_nests_parts_under_their_case_and_request(self):
        document = build_export(self.alex.person)
        self.assertEqual(document["format_version"], 1)
        self.assertEqual(document["person"]["id"], str(self.alex.person.pk))
        case = next(c for c in document["cases"] if c["id"] == str(self.alex.case.pk))
        self.assertEqual(len(case["consents"][0]["shares"]), 1)
        self.assertEqual(case["conferences"][0]["invitations"][0]["email"], "medic@example.org")
        self.assertEqual(case["workers"][0]["user"], "Camille")
        self.assertEqual(len(document["requests"][0]["requesters"]), 1)
        self.assertEqual({r["field"] for r in document["rectifications"]}, {"phone", "birth_date"})
        self.assertTrue(any(e["verb"] == "case.opened" for e in document["access_log"]))

    def test_the_number_of_queries_does_not_grow_with_the_records(self):
        with CaptureQueriesContext(connection) as before:
            build_export(self.alex.person)
        for number in range(5):
            JournalEntry.objects.create(
                case=self.alex.case, kind="note", text=f"More {number}", author=self.camille
            )
        with CaptureQueriesContext(connection) as after:
            build_export(self.alex.person)
        self.assertEqual(len(after), len(before))
        self.assertLess(len(before), len(registry.entries()) + 10)

    def test_the_readable_version_holds_the_same_records(self):
        html = json.dumps(printable_export(self.alex.person, "en"), ensure_ascii=False)
        for text in ("Met at home", "No sleep", "Typing error", "Dr Exportee-Medic", "Un toit"):
            self.assertIn(text, html)
        self.assertNotIn("Stranger", html)
