"""Plain-text templates (email bodies and subjects, calendar texts) are not HTML: they are
rendered without HTML escaping, so "Aide & Soins d'Ixelles" never arrives as
"Aide &amp; Soins d&#x27;Ixelles"."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.test import SimpleTestCase


class PlainTextTemplateTests(SimpleTestCase):
    def test_every_plain_text_template_turns_html_escaping_off(self):
        root = Path(settings.BASE_DIR) / "templates"
        escaping = [
            str(path.relative_to(root))
            for path in sorted(root.rglob("*.txt"))
            if "{% autoescape off %}" not in path.read_text()
        ]
        self.assertEqual(escaping, [])

    def test_a_service_name_with_an_apostrophe_reads_as_typed(self):
        subject = render_to_string(
            "orientation/email_service_subject.txt", {"service": "Aide & Soins d'Ixelles"}
        )
        self.assertIn("Aide & Soins d'Ixelles", subject)
