"""The demo directory, exported with `manage.py export_hsds`, is a valid HSDS 3.0 package:
every resource against the official descriptor (types, formats, required, unique, enums,
primary and foreign keys) and every row against the official JSON schemas."""

import csv
import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from maillage.directory import hsds
from maillage.directory.demo import SEED_FILE, seed_directory
from maillage.directory.models import Organization
from maillage.links import is_link_field, is_safe_link

from .hsds_checks import csv_row_to_json, registry, validator
from .hsds_package import package_problems

# The HSDS keys holding a link (format "uri" in the official schemas).
LINK_KEYS = {"website", "url", "uri", "schedule_link", "term_uri"}


class DemoDirectoryPackageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed_directory()  # what `seed_demo` loads: the seed services and 150 synthetic ones

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        call_command("export_hsds", str(self.folder), stdout=StringIO())

    def test_every_resource_and_every_foreign_key_is_valid(self):
        problems, checked = package_problems(self.folder)
        self.assertEqual(problems, [])
        self.assertGreater(checked, 10_000)

    def test_every_row_validates_against_the_official_json_schemas(self):
        reg = registry()
        errors = []
        for table in hsds.tables().values():
            check = validator(table.name, reg)
            with (self.folder / table.path).open(encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), 2):
                    errors += [
                        f"{table.path}:{line}: {error.message}"
                        for error in check.iter_errors(csv_row_to_json(table, row))
                    ]
        self.assertEqual(errors, [])

    def test_every_link_of_the_demo_directory_carries_its_scheme(self):
        self.assertEqual(
            Organization.objects.get(name="Brusano asbl").website, "https://www.brusano.brussels"
        )
        stored = [
            getattr(obj, field.attname)
            for table in hsds.tables().values()
            for field in table.model._meta.concrete_fields
            if is_link_field(field)
            for obj in table.model.objects.all()
        ]
        self.assertGreater(len(stored), 300)
        self.assertEqual([link for link in stored if link and not is_safe_link(link)], [])

    def test_the_seed_file_itself_holds_links_with_their_scheme(self):
        found = []

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in LINK_KEYS and isinstance(value, str):
                        found.append(value)
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(json.loads(SEED_FILE.read_text(encoding="utf-8")))
        self.assertGreater(len(found), 20)
        self.assertEqual([link for link in found if not is_safe_link(link)], [])


class PackageCheckTests(TestCase):
    """The check finds what it must find (a check that never fails proves nothing)."""

    @classmethod
    def setUpTestData(cls):
        seed_directory(synthetic=3)

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        call_command("export_hsds", str(self.folder), stdout=StringIO())

    def rewrite(self, path: str, change) -> None:
        file = self.folder / path
        with file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        header = list(rows[0])
        change(rows)
        with file.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)

    def test_a_dangling_foreign_key_is_found(self):
        def orphan(rows):
            rows[0]["service_id"] = "00000000-0000-4000-8000-000000000000"

        self.rewrite("phones.csv", orphan)
        problems, _ = package_problems(self.folder)
        self.assertTrue(any("phones.csv:2:service_id" in p for p in problems), problems)

    def test_a_link_without_scheme_a_duplicate_id_and_a_wrong_attribute_link_are_found(self):
        def website(rows):
            rows[0]["website"] = "www.example.org"

        def duplicate(rows):
            rows[1]["id"] = rows[0]["id"]

        def link(rows):
            rows[0]["link_id"] = rows[0]["id"]

        self.rewrite("organizations.csv", website)
        self.rewrite("services.csv", duplicate)
        self.rewrite("attributes.csv", link)
        problems, _ = package_problems(self.folder)
        self.assertTrue(any("organizations.csv:2:website" in p for p in problems), problems)
        self.assertTrue(any("services.csv:3" in p and "primary key" in p for p in problems))
        self.assertTrue(any("attributes.csv:2:link_id" in p for p in problems), problems)
