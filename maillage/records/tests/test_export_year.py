"""The person's full export of a case with a year of history (maillage/benchmark/history.py):
the readable version holds every record, its SQL queries do not grow with the history,
and it is laid out to stay fast (no grid, no table cell per value; see export.py)."""

import json
import re
import shutil
import subprocess
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from maillage import personal_data as registry
from maillage.audit.models import AuditEvent
from maillage.benchmark.history import new_case, year_of_history
from maillage.cases import actions as case_actions
from maillage.plans import actions as plan_actions
from maillage.records.export import build_export, export_pdf, printable_export, readable_export
from maillage.testing import MaillageTestCase


def items_by_key(sections, found=None) -> dict[str, int]:
    """How many records each section of the readable export shows, by registry key."""
    found = {} if found is None else found
    for section in sections:
        found[section["key"]] = found.get(section["key"], 0) + len(section["items"])
        for item in section["items"]:
            items_by_key(item.sections(), found)
    return found


def rows_by_key(node, found=None) -> dict[str, int]:
    """How many records each list of the JSON export holds, by key."""
    found = {} if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, list) and all(isinstance(v, dict) for v in value):
                found[key] = found.get(key, 0) + len(value)
            rows_by_key(value, found)
    elif isinstance(node, list):
        for item in node:
            rows_by_key(item, found)
    return found


class YearOfHistoryExportTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = new_case(programme=cls.brusano, intake=cls.ines, workers=[cls.camille, cls.noor])
        cls.made = year_of_history(cls.case, by=cls.camille)
        cls.person = cls.case.person

    def test_the_case_has_a_year_of_history(self):
        self.assertGreaterEqual(self.made["journal entries"], 52)
        self.assertGreaterEqual(self.made["assessments"], 4)
        self.assertGreaterEqual(self.made["actions"], 30)
        self.assertGreaterEqual(self.made["crisis plan versions"], 5)
        self.assertGreaterEqual(self.made["conferences"], 4)
        self.assertGreater(self.made["audit events"], 400)
        self.assertLess(self.case.opened_at, timezone.now() - timedelta(days=360))

    def test_the_readable_export_shows_every_record_of_the_data_file(self):
        with translation.override("fr"):
            shown = items_by_key(readable_export(self.person)["sections"])
        held = rows_by_key(build_export(self.person))
        for key in registry.all_keys():
            self.assertEqual(shown.get(key, 0), held.get(key, 0), key)
        self.assertGreater(shown["access_log"], 400)

    def test_every_fact_of_a_record_is_printed_with_its_label(self):
        printed = json.dumps(printable_export(self.person, "fr"), ensure_ascii=False)
        entry = self.case.journal.order_by("occurred_at").first()
        self.assertIn(json.dumps(entry.text, ensure_ascii=False)[1:-1], printed)
        for label in ("Durée (minutes)", "Participants", "Catégorie d'information"):
            self.assertIn(label, printed)

    def test_the_number_of_queries_does_not_grow_with_the_history(self):
        with CaptureQueriesContext(connection) as before:
            printable_export(self.person, "fr")
        for week in range(10):
            case_actions.add_journal_entry(
                self.case, by=self.noor, kind="phone_call", text=f"Appel n° {week}."
            )
        plan = self.case.crisis_plans.order_by("-version").first()
        owner = self.case.actors.filter(kind="formal").first()
        plan_actions.save_crisis_plan(
            self.case,
            {"warning_signs": "Ne répond plus."},
            [
                plan_actions.ContactData(actor=owner),
                plan_actions.ContactData(name="SOS", phone="1"),
            ],
            by=self.camille,
            based_on_version=plan.version,
        )
        with CaptureQueriesContext(connection) as after:
            printable_export(self.person, "fr")
        self.assertEqual(len(after), len(before), [q["sql"][:120] for q in after.captured_queries])
        self.assertLessEqual(len(before), len(registry.entries()) + 12)

    def test_the_pdf_holds_the_first_and_the_last_records(self):
        document = export_pdf(self.person, "nl")
        self.assertTrue(document.startswith(b"%PDF"))
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=document, capture_output=True, check=True
        ).stdout.decode()
        words = re.sub(r"\s+", " ", text)
        events = AuditEvent.objects.filter(person_id=self.person.pk).order_by("seq")
        self.assertIn("Logboek", words)
        for event in (events.first(), events.last()):  # the access log, a line per event
            self.assertRegex(words, rf"\b{event.seq} · ")
        self.assertIn(self.case.journal.order_by("occurred_at").first().text[:40], words)
