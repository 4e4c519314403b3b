"""Stored links: only http, https, mailto and tel pass, however the scheme is disguised;
a bare host name gets https://; the `link` filter draws no anchor for anything else; and
no template puts a stored value straight into an href."""

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation

from maillage.links import LinkFormField, is_safe_link, normalise_link, validate_link

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"

REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\x00script:alert(1)",
    "javascript\x0b:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://files.example.be/a",
    "file:///etc/passwd",
    "https://example.be/\x01",
    "https ://example.be",
    "https:",
    "https:///path-without-host",
    "http://[::1",
    "mailto:",
    "www.example.be",  # normalised first by every write path; raw, it is no link
    "/relative/path",
    "//example.be/protocol-relative",
    "see the website",
]
ACCEPTED = [
    "https://www.brusano.brussels/service/case-manager/",
    "http://example.com",
    "HTTPS://EXAMPLE.BE",
    "https://example.be/a b",
    "https://example.be/?q=1&r=2#part",
    "mailto:info@example.be",
    "tel:+3221234567",
]


class ValidateLinkTests(SimpleTestCase):
    def test_it_refuses_every_other_or_disguised_scheme(self):
        for value in REFUSED:
            with self.subTest(value=value), self.assertRaises(ValidationError) as caught:
                validate_link(value)
            self.assertEqual(caught.exception.code, "unsafe_link")
            self.assertIs(is_safe_link(value), False)

    def test_it_accepts_http_https_mailto_and_tel(self):
        for value in ACCEPTED:
            with self.subTest(value=value):
                validate_link(value)
                self.assertIs(is_safe_link(value), True)

    def test_an_empty_value_is_valid_but_no_link(self):
        validate_link("")
        self.assertIs(is_safe_link(""), False)

    def test_the_message_is_a_sentence_naming_the_schemes(self):
        with (
            translation.override("en"),
            self.assertRaisesMessage(
                ValidationError,
                "Enter a web address starting with http:// or https:// (or mailto: or tel:).",
            ),
        ):
            validate_link("javascript:alert(1)")


class NormaliseLinkTests(SimpleTestCase):
    def test_a_bare_host_name_gets_https(self):
        self.assertEqual(normalise_link("www.example.be"), "https://www.example.be")
        self.assertEqual(normalise_link(" example.be/path "), "https://example.be/path")
        self.assertEqual(normalise_link("meet.example:8443/room"), "https://meet.example:8443/room")

    def test_anything_else_is_only_stripped(self):
        self.assertEqual(normalise_link(""), "")
        self.assertEqual(normalise_link("  https://example.be  "), "https://example.be")
        self.assertEqual(normalise_link(" javascript:alert(1)"), "javascript:alert(1)")
        self.assertEqual(normalise_link("java.script:alert(1)"), "java.script:alert(1)")
        self.assertEqual(normalise_link("localhost"), "localhost")

    def test_the_form_field_normalises_then_validates(self):
        field = LinkFormField(required=False, max_length=200)
        self.assertEqual(field.clean(" www.example.be "), "https://www.example.be")
        self.assertEqual(field.clean(""), "")
        with self.assertRaises(ValidationError):
            field.clean("javascript:alert(1)")


class LinkFilterTests(SimpleTestCase):
    def render(self, source: str, **context) -> str:
        return Template("{% load links %}" + source).render(Context(context))

    def test_a_safe_link_is_drawn_with_its_own_text_or_the_given_one(self):
        self.assertHTMLEqual(
            self.render("{{ url|link }}", url="https://example.be/?a=1&b=2"),
            '<a href="https://example.be/?a=1&amp;b=2" rel="noopener noreferrer">'
            "https://example.be/?a=1&amp;b=2</a>",
        )
        with translation.override("en"):
            html = self.render('{{ url|link:_("video link") }}', url="https://meet.example/x")
        self.assertHTMLEqual(
            html, '<a href="https://meet.example/x" rel="noopener noreferrer">video link</a>'
        )

    def test_an_unsafe_value_is_escaped_text_without_an_anchor(self):
        for value in REFUSED:
            with self.subTest(value=value):
                html = self.render("{{ url|link }}", url=value)
                self.assertNotIn("<a", html)
                self.assertNotIn("<script", html)
        html = self.render("{{ url|link:text }}", url="javascript:alert(1)", text="<b>site</b>")
        self.assertEqual(html, "&lt;b&gt;site&lt;/b&gt;")

    def test_the_text_is_escaped(self):
        html = self.render("{{ url|link:text }}", url="https://example.be", text="<b>x</b>")
        self.assertIn("&lt;b&gt;x&lt;/b&gt;", html)


# Expressions the view builds with reverse() (navigation tabs, home sections, timeline
# events, a way back) or that name a URL the view made (`…_url`): never a stored value.
# Built with reverse() by the view or its module (`item.url`: agenda/items.py).
VIEW_BUILT_NAMES = {"tab.url", "section.url", "event.url", "item.url", "back", "request.path"}
VIEW_BUILT = re.compile(r"^[\w.]*_url$")
LINK_ATTRIBUTE = re.compile(
    r"""\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*\{\{\s*([^}|]*?)\s*(?:\||\}\})""",
    re.IGNORECASE,
)


class NoStoredLinkInAnHrefTests(SimpleTestCase):
    def test_no_template_puts_a_stored_value_in_a_link_attribute(self):
        """A stored link goes through `|link`; only what the view built may be an href."""
        found = []
        for path in sorted(TEMPLATES.rglob("*")):
            if not path.is_file() or path.suffix not in (".html", ".txt", ".svg", ".xml"):
                continue
            text = path.read_text(encoding="utf-8")
            for match in LINK_ATTRIBUTE.finditer(text):
                expression = match.group(1)
                if expression not in VIEW_BUILT_NAMES and not VIEW_BUILT.match(expression):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{path.relative_to(TEMPLATES)}:{line}: {expression}")
        self.assertEqual(found, [], "use {{ value|link }} for a stored link")

    def test_the_guard_sees_a_stored_link_in_an_href(self):
        for source in (
            '<a href="{{ service.url }}">',
            "<a href='{{ document.uri }}'>",
            "<a href={{ conference.video_link }}>",
            '<a href="{{ service.url|default:"" }}">',
            '<img src="{{ organization.logo }}">',
        ):
            with self.subTest(source=source):
                match = LINK_ATTRIBUTE.search(source)
                self.assertIsNotNone(match)
                self.assertNotIn(match.group(1), VIEW_BUILT_NAMES)
                self.assertIsNone(VIEW_BUILT.match(match.group(1)))
        for allowed in ("plan_url", "row.orient_url", "nothing_fits_url"):
            match = LINK_ATTRIBUTE.search(f'<a href="{{{{ {allowed} }}}}#goal">')
            self.assertIsNotNone(VIEW_BUILT.match(match.group(1)), allowed)
