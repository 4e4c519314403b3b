"""The PDF export is typeset from data: what a person or a worker typed is printed as
it is, never read as Typst markup (maillage/typesetting.py)."""

import re
import shutil
import subprocess

from maillage.cases.models import JournalEntry
from maillage.records.export import export_pdf, printable_export
from maillage.testing import MaillageTestCase

from .fixtures import full_person

# Typst markup and code that would change the document or read a file if it were evaluated.
TYPED = [
    '#set page(width: 20pt) #read("/etc/passwd") *bold* _emph_ $x^2$ @ref <label> \\ ]',
    "= Not a heading",
    '#{ "code" } // not a comment',
]


class TypesetExportTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.alex = full_person(
            cls, programme=cls.brusano, intake=cls.ines, workers=[cls.camille], family_name="Typo"
        )
        for text in TYPED:
            JournalEntry.objects.create(
                case=cls.alex.case, kind="note", text=text, author=cls.camille
            )

    def test_the_document_declares_its_language_and_title(self):
        data = printable_export(self.alex.person, "nl")
        self.assertEqual(data["lang"], "nl")
        self.assertIn("Typo", data["title"])
        document = export_pdf(self.alex.person, "nl")
        self.assertTrue(document.startswith(b"%PDF"))
        self.assertIn(b"/Lang", document)
        self.assertIn(b"/StructTreeRoot", document)  # tagged, for screen readers

    def test_typed_markup_is_printed_as_typed(self):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        document = export_pdf(self.alex.person, "fr")
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=document, capture_output=True, check=True
        ).stdout.decode()
        words = re.sub(r"\s+", " ", text)
        for typed in TYPED:
            self.assertIn(re.sub(r"\s+", " ", typed).rstrip(" ]\\"), words)
        self.assertNotIn("root:", words)  # no file was read
