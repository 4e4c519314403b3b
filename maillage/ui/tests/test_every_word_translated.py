"""Every word of the interface in the reader's language: the pages each demo account
reaches, the admin, the error pages, the emails, the PDFs, the calendar files and the
API's error messages, in French and in Dutch.

How interface text is told from data, by construction (no list of expected words):

1. A marked catalogue. While the test renders, every string that goes through gettext
   (`{% translate %}`, `{% blocktranslate %}`, `gettext`, lazy labels and choices, the
   admin's and Django's own strings) comes out with an invisible mark before each of its
   words: TRANSLATED when the catalogue of the active language holds the message,
   MISSING when it does not (Django then shows the English source or, in Dutch, falls
   back to French). Placeholders, tags and entities get no mark.
2. Marked data. After `seed_demo`, every word of the free-text columns of the database
   (names, notes, descriptions of services, addresses…) gets a DATA mark, and the
   columns of one language (`name_fr`, `label_nl`…) the mark of their language.
3. The check. Render, keep what a reader sees or hears (text; the `title`, `alt`,
   `placeholder`, `aria-label`, `data-confirm` attributes and button labels; not
   scripts, styles, form values, URLs, `<code>`, nor elements in another declared
   `lang`), and judge each word by its mark: TRANSLATED and DATA pass; MISSING fails (the
   catalogue has no translation); a column of another language fails (`name_fr` on a
   Dutch page); a word with no mark fails: it reached the reader without gettext (text
   written in a template or in Python, or a label translated once at import time and
   frozen in the language of start-up: every module is imported before the marks are
   on, as a server does). Numbers pass, and the few words code picks by language on
   purpose (the communes' names) or that are data without a mark (codes of programmes,
   names in the audit trail). Text of other projects that no catalogue can translate
   is listed in UPSTREAM, each with its reason.

Where: each demo account signs in (past the second factor) and follows the site's own
links from the home page (`<a href>`, `hx-get`; GET only), one address per URL pattern
for each set of roles (cm2, a case manager like cm1, opens only what cm1 did not), first
in French, then the same addresses in Dutch. A PDF met on the way is checked as the HTML given to
WeasyPrint (marks included); the real PDFs are then printed and their text (pdftotext)
must hold no sentence of the catalogue in another language. The emails are built by the
code that sends them, in each language, with their iCalendar files; the API's errors
are asked for with `Accept-Language`; the error pages are rendered in each language.
A print made for the person is in the person's language: it is judged in the language
its HTML declares.

Also here, on the catalogue itself: French typography (a non-breaking space before
`:` `;` `?` `!`, inside « »; weekdays and months in lower case), and a plain-words
description for every information category.
"""

import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache, lru_cache
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection, models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.test import Client, RequestFactory, TestCase
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import trans_real
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage import access
from maillage.accounts.middleware import second_factor_required
from maillage.accounts.models import ApiToken, User

from .test_translations import messages as catalogue_entries

pytestmark = pytest.mark.slow  # scheduled first (conftest.py)

DEMO_PERSONS = 12
# cm2 does what cm1 does in another team: it opens only what cm1 did not.
DEMO_ACCOUNTS = (
    "intake",
    "cm1",
    "organiser",
    "editor",
    "partner",
    "personne",
    "analyst",
    "lead",
    "admin",
    "cm2",
)
LANGUAGES = ("fr", "nl")
# Where an account starts besides its home page: the directory lists services only once
# something is asked.
START_PAGES = {"editor": ("/directory/?q=sante",)}
MAX_PAGES = 80  # pages opened per account

# The marks: private-use characters, never in real text, invisible if they leak.
TRANSLATED, MISSING, DATA = "\ue000", "\ue001", "\ue002"
DATA_IN = {"fr": "\ue003", "nl": "\ue004", "en": "\ue005"}
MARKS = TRANSLATED + MISSING + DATA + "".join(DATA_IN.values())
LANGUAGE_OF_MARK = {mark: language for language, mark in DATA_IN.items()}

# Columns of codes, keys, digests and addresses rather than words people typed.
CODE_COLUMNS = {
    "id",
    "code",
    "password",
    "digest",
    "token",
    "token_hash",
    "token_digest",
    "code_digest",
    "hash",
    "prev_hash",
    "last_hash",
    "language",
    "residence",
    "given_key",
    "family_key",
    "ical_uid",
    "link_id",
    "link_type",
    "link_entity",
    "resource_id",
    "resource_type",
    "last_action_type",
    "field_name",
    "field",
    "status",
    "location_type",
    "address_type",
    "type",
    "extent_type",
    "wkst",
    "freq",
    "byday",
    "byweekno",
    "bymonthday",
    "byyearday",
    "uri",
    "term_uri",
    "schedule_link",
    "logo",
    "url",
    "website",
    "video_link",
    "commune",
    "communes",
    "domains",
    "languages",
    "purpose",
    "ip_address",
    "http_accept",
    "email",  # addresses mail is sent to
    "sent_to",
    "assurer_email",
}
# Written the same in every language: the software's name, and each language's own name
# (the language switcher says "Nederlands" on a French page, on purpose).
NEUTRAL = {"Maillage", "PDF", "JSON", "Français", "français", "Nederlands", "English"}
UNMARKED_APPS = {"audit", "sessions", "admin", "contenttypes", "auth"}  # audit: append-only
SEARCH_INDEX = re.compile(r"^Search")

# Text of other projects that has no French or Dutch translation where we show it, by
# the address it shows on. Each line says why it is not ours to translate.
UPSTREAM = {
    ("/admin/", "Search"): "Django admin: the search icon's alt (admin/search_form.html)",
    ("/admin/", "True"): "Django admin: the alt of boolean icons (display_for_field)",
    ("/admin/", "False"): "Django admin: the alt of boolean icons (display_for_field)",
    ("/admin/", "None"): "Django admin: the alt of boolean icons (display_for_field)",
    ("/admin/axes/", "unknown"): "django-axes stores “<unknown>” for a missing user agent",
    ("/admin/", "Axes"): "django-axes names its app without gettext (no verbose_name)",
    ("/admin/axes/", "Access Log for"): "django-axes: AccessLog.__str__ is an f-string",
    ("/admin/", "TOTP device"): "django-otp: TOTPDevice's verbose_name is a plain string",
    ("/admin/", "TOTP devices"): "django-otp: TOTPDevice's verbose_name is a plain string",
}


# The marked catalogue -------------------------------------------------------------------

# What a mark never goes into: tags, entities, placeholders (%(name)s, %s, {name}), URLs.
PROTECTED = re.compile(
    r"<[^>]*>|&#?\w+;|%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]"
    r"|\{[\w.]*\}|\w+://\S+"
)
WORD_START = re.compile(r"\b(?=\w)")


def mark_words(text: str, mark: str) -> str:
    """`text` with `mark` before each of its words, outside tags and placeholders."""
    out, position = [], 0
    for protected in PROTECTED.finditer(text):
        out.append(WORD_START.sub(mark, text[position : protected.start()]))
        out.append(protected.group(0))
        position = protected.end()
    out.append(WORD_START.sub(mark, text[position:]))
    return "".join(out)


def _catalogue() -> Any:
    """The active language's own catalogue (its fallback left out), or None."""
    active = getattr(trans_real._active, "value", None)
    if active is None:
        active = trans_real.translation(settings.LANGUAGE_CODE)
    return getattr(active, "_catalog", None)


def _marked(result: str, key: object) -> str:
    catalogue = _catalogue()
    if not result or catalogue is None or any(mark in str(key) for mark in MARKS):
        return result  # no language active, or text that was already marked
    text = mark_words(str(result), TRANSLATED if key in catalogue else MISSING)
    return mark_safe(text) if isinstance(result, SafeData) else text


def _eol(message: str) -> str:
    return message.replace("\r\n", "\n").replace("\r", "\n")


def _gettext(message: str) -> str:
    return _marked(trans_real.gettext(message), _eol(message))


def _pgettext(context: str, message: str) -> str:
    key = f"{context}{trans_real.CONTEXT_SEPARATOR}{_eol(message)}"
    return _marked(trans_real.pgettext(context, message), key)


def _ngettext(singular: str, plural: str, number: int) -> str:
    return _marked(trans_real.ngettext(singular, plural, number), (singular, 0))


def _npgettext(context: str, singular: str, plural: str, number: int) -> str:
    key = (f"{context}{trans_real.CONTEXT_SEPARATOR}{singular}", 0)
    return _marked(trans_real.npgettext(context, singular, plural, number), key)


def _clear_caches() -> None:
    """Our code's caches may hold strings made while the marks were on: empty them."""
    import gc

    cache_type = type(lru_cache(maxsize=None)(lambda: None))
    for thing in gc.get_objects():
        if type(thing) is cache_type and getattr(thing, "__module__", "").startswith("maillage"):
            thing.cache_clear()


class FakeWeasyHTML:
    """Stands for weasyprint.HTML while the marks are on: keeps the HTML it is given."""

    captured: list[str] = []

    def __init__(self, string: str = "", **_kwargs: Any) -> None:
        FakeWeasyHTML.captured.append(string)

    def write_pdf(self) -> bytes:
        return b"%PDF-1.4\n% marked catalogue: no PDF\n"


def fake_typeset(_template: str, data: dict[str, Any]) -> bytes:
    """Stands for typesetting.typeset while the marks are on: keeps the document's texts
    as a page in the language the document declares."""

    def texts(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "lang":
                    yield from texts(item)
        elif isinstance(value, list):
            for item in value:
                yield from texts(item)

    paragraphs = "".join(f"<p>{html.escape(text)}</p>" for text in texts(data))
    FakeWeasyHTML.captured.append(f'<html lang="{data["lang"]}"><body>{paragraphs}</body></html>')
    return b"%PDF-1.4\n% marked catalogue: no PDF\n"


@contextmanager
def marked_catalogue() -> Iterator[None]:
    import weasyprint
    from django.utils.translation import _trans

    from maillage import typesetting

    _clear_caches()
    with ExitStack() as stack:
        for name, function in (
            ("gettext", _gettext),
            ("pgettext", _pgettext),
            ("ngettext", _ngettext),
            ("npgettext", _npgettext),
        ):
            getattr(_trans, name)  # let Trans cache its attribute, then replace it
            stack.enter_context(mock.patch.object(_trans, name, function))
        stack.enter_context(mock.patch.object(weasyprint, "HTML", FakeWeasyHTML))
        stack.enter_context(mock.patch.object(typesetting, "typeset", fake_typeset))
        try:
            yield
        finally:
            _clear_caches()


# Marked data ----------------------------------------------------------------------------


class MarkWords(models.Func):
    """`mark` before each word of a text column, in SQL: one UPDATE per table.
    PostgreSQL's regexp_replace knows `\\m` (start of a word); SQLite is given a Python
    regexp_replace that does the same (`sqlite_functions`)."""

    function = "regexp_replace"

    def __init__(self, column: models.Field, mark: str) -> None:
        super().__init__(
            models.F(column.name),
            models.Value(r"\m"),
            models.Value(mark),
            models.Value("g"),
            output_field=column,
        )


def sqlite_functions() -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function(
            "regexp_replace",
            4,
            lambda text, _pattern, mark, _flags: WORD_START.sub(mark, text) if text else text,
            deterministic=True,
        )


def text_columns(model: type[models.Model]) -> list[models.Field]:
    """The columns of words people typed (names, notes, descriptions…)."""
    if model._meta.app_label in UNMARKED_APPS or SEARCH_INDEX.match(model.__name__):
        return []
    return [
        column
        for column in model._meta.concrete_fields
        if isinstance(column, models.CharField | models.TextField)
        and not isinstance(column, models.SlugField)
        and not column.choices
        and not column.primary_key
        and column.name not in CODE_COLUMNS
    ]


def data_text() -> str:
    return "\n".join(
        value
        for model in apps.get_models()
        for column in text_columns(model)
        for value in model.objects.values_list(column.name, flat=True)
        if value
    )


def mark_data() -> None:
    """Put the DATA mark (or its language's) before every word of the free-text columns."""
    sqlite_functions()
    for model in apps.get_models():
        changes = {
            column.name: models.Case(
                # a mark per word at most doubles the text: never past max_length
                models.When(
                    LessThanOrEqual(Length(column.name), (column.max_length or 10**9) // 2),
                    then=MarkWords(column, DATA_IN.get(column.name.rsplit("_")[-1], DATA)),
                ),
                default=models.F(column.name),
                output_field=column,
            )
            for column in text_columns(model)
        }
        if changes:
            model.objects.update(**changes)


def unmarkable_data() -> set[str]:
    """Words of data that carries no mark: the codes of slug columns (programmes,
    funding schemes) and the names copied into the audit trail (never changed)."""
    from maillage.audit.models import AuditEvent

    words: set[str] = set()
    for model in apps.get_models():
        for column in model._meta.concrete_fields:
            if isinstance(column, models.SlugField):
                for value in model.objects.values_list(column.name, flat=True):
                    words |= set(re.findall(r"\w+", value or ""))
    for label in AuditEvent.objects.values_list("actor_label", flat=True).distinct():
        words |= set(re.findall(r"\w+", label))
    return words


def chosen_by_language(language: str) -> set[str]:
    """Words code picks by language on purpose, in `language`: the communes' names and
    the calendar's name of a meeting."""
    from maillage.conferences.ical import MEETING_NAMES
    from maillage.territory.communes import COMMUNES

    names = [MEETING_NAMES.get(language, "")]
    names += [getattr(commune, f"name_{language}") for commune in COMMUNES]
    return {word for name in names for word in re.findall(r"\w+", name)}


# What a reader sees ---------------------------------------------------------------------

VISIBLE_ATTRIBUTES = {
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "label",
    "data-confirm",
}
BUTTON_TYPES = {"submit", "button", "reset"}
# Never read: comments, declarations, scripts, styles, and what a text area holds (a
# value, like that of an input).
HIDDEN = re.compile(
    r"<!--.*?-->|<(script|style|textarea)\b[^>]*>.*?</\1\s*>|<[!?][^>]*>", re.S | re.I
)
TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
CODE_ELEMENTS = {"code", "kbd", "samp"}  # codes and keys to type, in no language
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Not words: URLs, addresses, masked secrets, <placeholders> in plain text, and ids.
NOT_WORDS = re.compile(
    r"\b\w+://\S+|\S+@\S+|\w*\*{3,}|<[^>]*>|\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b"
)
WORD = re.compile(rf"([{MARKS}]*)(\w+)")


def visible_text(page: str, language: str) -> Iterator[str]:
    """The pieces of text of an HTML page a reader sees or hears, entities decoded."""
    page = HIDDEN.sub(" ", page)
    skipped: list[str] = []  # open elements in another language, or of code
    position = 0
    for tag in TAG.finditer(page):
        if not skipped:
            yield html.unescape(page[position : tag.start()])
        position = tag.end()
        closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            if skipped and skipped[-1] == name:
                skipped.pop()
            continue
        attributes = {
            match.group(1).lower(): html.unescape(next((g for g in match.groups()[1:] if g), ""))
            for match in ATTRIBUTE.finditer(rest)
        }
        lang = attributes.get("lang", "").split("-")[0]
        if (name in CODE_ELEMENTS or lang and lang != language) and name not in VOID:
            skipped.append(name)
        if skipped:
            continue
        for attribute in VISIBLE_ATTRIBUTES & set(attributes):
            yield attributes[attribute]
        if name == "input" and attributes.get("type", "").lower() in BUTTON_TYPES:
            yield attributes.get("value", "")
    if not skipped:
        yield html.unescape(page[position:])


KINDS = {
    "missing": "gettext found no translation in the catalogue of this language",
    "unmarked": "not through gettext: text in a template or in Python, or a label "
    "translated at import time",
    "other language": "a data column of another language",
}


@dataclass(frozen=True)
class Problem:
    kind: str
    text: str


class Judge:
    """Tells the runs of words of a text that are not in the reader's language."""

    def __init__(self, language: str, allowed: set[str]) -> None:
        self.language = language
        self.allowed = allowed | NEUTRAL | chosen_by_language(language)

    def text(self, text: str) -> set[Problem]:
        problems: set[Problem] = set()
        run: list[str] = []
        run_kind = ""
        for match in WORD.finditer(NOT_WORDS.sub(" ", text)):
            kind = self.word(*match.groups())
            if run and kind != run_kind:
                problems.add(Problem(run_kind, " ".join(run)))
                run = []
            if kind:
                run.append(match.group(2))
            run_kind = kind
        if run:
            problems.add(Problem(run_kind, " ".join(run)))
        return problems

    def page(self, page: str) -> set[Problem]:
        return {p for chunk in visible_text(page, self.language) for p in self.text(chunk)}

    def word(self, marks: str, word: str) -> str:
        if any(char.isdigit() for char in word) or DATA in marks:
            return ""
        for mark in marks:
            if mark in LANGUAGE_OF_MARK:
                return "" if LANGUAGE_OF_MARK[mark] == self.language else "other language"
        if MISSING in marks:
            return "missing"
        if TRANSLATED in marks or word in self.allowed:
            return ""
        return "unmarked"


@dataclass
class Findings:
    """Problems found, each with the first two places it was seen."""

    seen: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)

    def add(self, language: str, where: str, problems: set[Problem]) -> None:
        for problem in problems:
            if problem.kind == "other language" and where.startswith("/admin/"):
                continue  # the admin shows each language's column (name_fr…) by its name
            if any(where.startswith(prefix) and problem.text == text for prefix, text in UPSTREAM):
                continue
            places = self.seen.setdefault((language, problem.kind, problem.text), [])
            if len(places) < 2:
                places.append(where)

    def lines(self, language: str) -> list[str]:
        return sorted(
            f"{kind}: {text!r} — {', '.join(places)}"
            for (lang, kind, text), places in self.seen.items()
            if lang == language
        )


def report(lines: list[str], what: str) -> str:
    legend = "\n".join(f"  {kind}: {meaning}" for kind, meaning in KINDS.items())
    return f"\n{len(lines)} texts of {what} not in its language:\n{legend}\n" + "\n".join(lines)


# The walk -------------------------------------------------------------------------------


def signed_in(user: User, **client_options: Any) -> Client:
    """A browser session of this user, past the second factor where it is required."""
    client = Client(**client_options)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and second_factor_required(user):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


LINK = re.compile(r"""\s(?:href|hx-get)\s*=\s*["']([^"']+)["']""")
NOT_FOLLOWED = re.compile(
    r"^/(?:static|media|api)/|/logout/|/admin/jsi18n/|/history/$|\.(?:json|csv|xlsx)$"
)


def links(page: str) -> Iterator[str]:
    for match in LINK.finditer(page):
        url = html.unescape(re.sub(f"[{MARKS}]", "", match.group(1))).split("#")[0]
        if url.startswith("/") and not url.startswith("//") and not NOT_FOLLOWED.search(url):
            yield url


def route_of(url: str) -> str | None:
    parts = urlsplit(url)
    if NOT_FOLLOWED.search(parts.path):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    keys = ",".join(sorted({key for key, _value in parse_qsl(parts.query)} - {"page"}))
    return f"{match.route}?{keys}"


@dataclass
class Pdf:
    username: str
    url: str
    languages: dict[str, str] = field(default_factory=dict)  # reader's → document's


HTML_LANG = re.compile(r"<html[^>]*\slang=[\"']?([a-zA-Z]+)")


def declared_language(page: str, default: str) -> str:
    match = HTML_LANG.search(page)
    return match.group(1).lower() if match else default


class Walk:
    """The pages each account reaches, checked as they are opened."""

    def __init__(self, findings: Findings, allowed: set[str]) -> None:
        self.findings = findings
        self.allowed = allowed
        self.opened: set[tuple[str, ...]] = set()  # (roles, URL pattern) opened
        self.pages: dict[str, list[str]] = {}  # by account, what it opened
        self.pdfs: dict[str, Pdf] = {}  # by URL pattern, a PDF that was opened

    def explore(self, user: User, username: str, client: Client, language: str) -> None:
        """Follow the links from the home page, opening each URL pattern once for each
        set of roles (cm2 opens what cm1, of the same role, did not)."""
        roles = tuple(sorted(access.roles_of(user))) + (("superuser",) if user.is_superuser else ())
        queue = ["/", *START_PAGES.get(username, ())]
        seen = set(queue)
        self.pages[username] = []
        while queue and len(self.pages[username]) < MAX_PAGES:
            url = queue.pop(0)
            route = route_of(url)
            start = url == "/" or url in START_PAGES.get(username, ())
            if route is None or (roles, route) in self.opened and not start:
                continue
            self.opened.add((roles, route))
            self.pages[username].append(url)
            for link in links(self.check(username, client, url, language)):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)

    def check(self, username: str, client: Client, url: str, language: str) -> str:
        """Open `url` and record what is not in `language`; the HTML page, if it is one."""
        judge = Judge(language, self.allowed)
        where = f"{url} as {username}"
        FakeWeasyHTML.captured.clear()
        response = client.get(url, follow=True)
        kind = response.get("Content-Type", "").split(";")[0]
        if response.status_code >= 500:
            self.findings.add(language, where, {Problem("error", str(response.status_code))})
            return ""
        if kind == "application/pdf":
            # A print for the person is in the person's language: judged in the one the
            # document declares.
            declared = {declared_language(html, language) for html in FakeWeasyHTML.captured}
            pdf = self.pdfs.setdefault(route_of(url) or url, Pdf(username, url))
            pdf.languages[language] = declared.pop() if len(declared) == 1 else language
            for captured in FakeWeasyHTML.captured:
                in_its_language = Judge(declared_language(captured, language), self.allowed)
                self.findings.add(language, f"{where} (PDF)", in_its_language.page(captured))
        elif kind == "text/calendar":
            self.findings.add(language, where, calendar_problems(response.content, judge))
        elif kind == "image/svg+xml":
            self.findings.add(language, where, judge.page(response.content.decode()))
        elif kind == "text/html":
            page = response.content.decode()
            self.findings.add(language, where, judge.page(page))
            return page
        return ""


CALENDAR_TEXT = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME"}


def calendar_problems(content: bytes, judge: Judge) -> set[Problem]:
    """What the text properties of an iCalendar file say that is not in the language."""
    unfolded = re.sub(r"\r?\n[ \t]", "", content.decode())
    problems: set[Problem] = set()
    for line in unfolded.splitlines():
        name, _colon, value = line.partition(":")
        if name.split(";")[0].upper() in CALENDAR_TEXT:
            problems |= judge.text(re.sub(r"\\([nN,;\\])", " ", value))
    return problems


# Sentences of another language, for the real PDFs ---------------------------------------


@cache
def foreign_sentences(language: str) -> frozenset[str]:
    """Sentences of the interface in other languages than `language`: the English sources
    and, for Dutch, the French translations, of three words or more and no placeholder,
    that no message of `language` contains."""
    ours = [entry.msgstr.get(0, "") for entry in catalogue_entries(language)]
    own = "\n".join(ours)
    candidates = {entry.msgid for entry in catalogue_entries(language)}
    if language == "nl":
        candidates |= {entry.msgstr.get(0, "") for entry in catalogue_entries("fr")}
    return frozenset(
        sentence
        for sentence in candidates
        if len(sentence.split()) >= 3
        and "\n" not in sentence
        and not PROTECTED.search(sentence)
        and sentence not in own
    )


def pdf_text(document: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(document)
        pdf.flush()
        result = subprocess.run(
            ["pdftotext", pdf.name, "-"], capture_output=True, check=True, text=True
        )
    return " ".join(re.sub(f"[{MARKS}]", "", result.stdout).split())


# The tests ------------------------------------------------------------------------------


def import_every_module() -> None:
    """Import our modules before the marks are on, as a server does at start-up: a
    label translated once at import time then shows on the pages without a mark."""
    import importlib
    import pkgutil

    import maillage

    for module in pkgutil.walk_packages(maillage.__path__, "maillage."):
        name = module.name
        if re.search(r"\.(tests|migrations|benchmark)(\.|$)|__main__|wsgi", name):
            continue
        importlib.import_module(name)


class _Quiet:
    def write(self, *_args: Any, **_kwargs: Any) -> None:
        pass

    def flush(self) -> None:
        pass


class EveryWordTranslatedTests(TestCase):
    findings: Findings
    walk: Walk
    users: dict[str, User]
    allowed: set[str]
    data_text: str  # what people typed, before the marks: a PDF may quote it

    @classmethod
    def setUpTestData(cls) -> None:
        import_every_module()  # what is translated at import time is then caught unmarked
        call_command("seed_demo", persons=DEMO_PERSONS, quiet=True, stdout=_Quiet())
        cls.allowed = unmarkable_data()
        cls.data_text = data_text()
        pks = dict(User.objects.filter(username__in=DEMO_ACCOUNTS).values_list("username", "pk"))
        mark_data()  # usernames too: from here on, users are found by their id
        cls.users = {name: User.objects.get(pk=pk) for name, pk in pks.items()}
        cls.findings = Findings()
        cls.walk = Walk(cls.findings, cls.allowed)
        with marked_catalogue():
            for language in LANGUAGES:
                User.objects.update(language=language)
                for username in DEMO_ACCOUNTS:
                    client = signed_in(cls.users[username])
                    if language == LANGUAGES[0]:
                        cls.walk.explore(cls.users[username], username, client, language)
                        continue
                    for url in cls.walk.pages[username]:
                        cls.walk.check(username, client, url, language)
        User.objects.update(language="")

    # The pages

    def test_the_walk_reaches_each_account_s_pages_and_the_admin(self) -> None:
        self.assertEqual(set(self.walk.pages), set(DEMO_ACCOUNTS))
        self.assertGreater(len({route for _roles, route in self.walk.opened}), 80, "patterns")
        self.assertGreater(len(self.walk.pages["cm1"]), 40)
        self.assertGreater(len([u for u in self.walk.pages["admin"] if "/admin/" in u]), 10)
        self.assertGreaterEqual(len(self.walk.pdfs), 3, self.walk.pdfs)

    def test_french_pages(self) -> None:
        lines = self.findings.lines("fr")
        self.assertEqual(lines, [], report(lines, "French pages"))

    def test_dutch_pages(self) -> None:
        lines = self.findings.lines("nl")
        self.assertEqual(lines, [], report(lines, "Dutch pages"))

    def test_error_pages(self) -> None:
        from django.views import defaults

        findings = Findings()
        client = signed_in(self.users["cm1"], enforce_csrf_checks=True)
        with marked_catalogue():
            for language in LANGUAGES:
                judge = Judge(language, self.allowed)
                User.objects.filter(pk=self.users["cm1"].pk).update(language=language)
                request = RequestFactory().get("/")
                with translation.override(language):
                    error = defaults.server_error(request)
                pages = {
                    "404": client.get("/no-such-page/").content,
                    "403 CSRF": client.post("/accounts/language/", {"language": "fr"}).content,
                    "500": error.content,
                }
                for name, content in pages.items():
                    findings.add(language, name, judge.page(content.decode()))
        lines = findings.lines("fr") + findings.lines("nl")
        self.assertEqual(lines, [], report(lines, "error pages"))

    def test_the_status_of_a_closed_service(self) -> None:
        """The demo's services are all active: close one, and read its page."""
        from maillage.directory.models import Service

        findings = Findings()
        for status in ("inactive", "defunct", "temporarily closed"):
            service = Service.objects.order_by("pk").first()
            Service.objects.filter(pk=service.pk).update(status=status)
            with marked_catalogue():
                for language in LANGUAGES:
                    User.objects.filter(pk=self.users["cm1"].pk).update(language=language)
                    page = signed_in(self.users["cm1"]).get(f"/directory/services/{service.pk}/")
                    self.assertEqual(page.status_code, 200)
                    judge = Judge(language, self.allowed)
                    findings.add(language, status, judge.page(page.content.decode()))
        lines = findings.lines("fr") + findings.lines("nl")
        self.assertEqual(lines, [], report(lines, "a closed service's page"))

    # PDFs, printed for real

    def test_pdfs_hold_no_sentence_of_another_language(self) -> None:
        if shutil.which("pdftotext") is None:
            self.skipTest("skipped: poppler's pdftotext is not installed")
        problems = []
        for language in LANGUAGES:
            User.objects.update(language=language)
            for route, pdf in sorted(self.walk.pdfs.items()):
                response = signed_in(self.users[pdf.username]).get(pdf.url)
                self.assertEqual(response.status_code, 200, pdf.url)
                text = pdf_text(response.content)
                its_language = pdf.languages.get(language, language)
                problems += [
                    f"[{language}, document in {its_language}] {route}: {sentence!r}"
                    for sentence in sorted(foreign_sentences(its_language))
                    if sentence in text and sentence not in self.data_text
                ]
        self.assertEqual(problems, [], "\n".join(["sentences of another language:", *problems]))

    # Emails and their iCalendar files

    def test_emails(self) -> None:
        findings = Findings()
        with marked_catalogue():
            for language in LANGUAGES:
                judge = Judge(language, self.allowed)
                for name, message in self.emails(language):
                    findings.add(language, name, self.email_problems(message, judge))
        lines = findings.lines("fr") + findings.lines("nl")
        self.assertEqual(lines, [], report(lines, "emails"))

    def emails(self, language: str) -> Iterator[tuple[str, Any]]:
        """Every kind of email, built by the code that sends it, in `language`."""
        from maillage.cases.models import Case
        from maillage.conferences import emails as conference_emails
        from maillage.conferences.delivery import send_minutes
        from maillage.conferences.models import Conference, Invitation
        from maillage.orientation import emails as referral_emails
        from maillage.orientation.models import Referral
        from maillage.partners.actions import _invitation_email
        from maillage.partners.models import PartnerInvitation
        from maillage.space.actions import Issued
        from maillage.space.emails import send_invitation
        from maillage.space.models import SpaceInvitation

        invitation = Invitation.objects.exclude(email="").select_related("conference").first()
        invitation.language = language
        manager = str(self.users["cm1"])
        for method in ("REQUEST", "CANCEL"):
            yield (
                f"conference invitation {method}",
                conference_emails.invitation_message(
                    invitation, conference=invitation.conference, method=method, manager=manager
                ),
            )
        held = Conference.objects.filter(status=Conference.Status.HELD).first()
        held.invitations.update(language=language)
        with self.sent() as sent, self.captureOnCommitCallbacks(execute=True):
            send_minutes(held, by=self.users["cm1"])
        self.assertTrue(sent, "no minutes were sent")
        for message in sent:
            yield "minutes", message

        referral = Referral.objects.exclude(sent_to="").select_related("created_by").first()
        referral.language = language
        referral.created_by.language = language
        referral.created_by.email = referral.created_by.email or "worker@example.org"
        for kind in ("referral", "reminder", "acknowledgement"):
            yield (
                f"referral to the service ({kind})",
                referral_emails.service_message(
                    referral,
                    token="t0ken",
                    kind=kind,
                    expires_at=timezone.now() + timedelta(days=9),
                ),
            )
        for kind in ("reminder", "no_response", "answered"):
            yield (
                f"referral to the worker ({kind})",
                referral_emails.worker_message(referral, kind=kind),
            )

        actor = invitation.actor
        actor.language = language
        partner = PartnerInvitation(
            actor=actor, email="partner@example.org", expires_at=timezone.now()
        )
        yield "partner invitation", _invitation_email(partner, "http://testserver/p/t0ken")

        case = Case.objects.select_related("person").first()
        case.person.language = language
        space = SpaceInvitation(
            case=case,
            person=case.person,
            email="person@example.org",
            expires_at=timezone.now() + timedelta(days=14),
            created_by=self.users["cm1"],
        )
        with self.sent() as sent, self.captureOnCommitCallbacks(execute=True):
            send_invitation(Issued(invitation=space, token="t0ken", code="12345678"))
        yield "space invitation", sent[0]

    @contextmanager
    def sent(self) -> Iterator[list[Any]]:
        """The messages sent meanwhile, whether through maillage.mail (a job sends them
        later) or straight through Django."""
        messages: list[Any] = []
        mail.outbox.clear()
        with ExitStack() as stack:
            try:
                from maillage import mail as our_mail
            except ImportError:
                our_mail = None
            if our_mail is not None and hasattr(our_mail, "send"):
                stack.enter_context(
                    mock.patch.object(
                        our_mail, "send", lambda message, **_kw: messages.append(message)
                    )
                )
            yield messages
        messages += mail.outbox

    @staticmethod
    def email_problems(message: Any, judge: Judge) -> set[Problem]:
        problems = judge.text(message.subject) | judge.text(message.body)
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                problems |= judge.page(content)
        for _name, content, mimetype in message.attachments:
            if mimetype.startswith("text/calendar"):
                data = content if isinstance(content, bytes) else content.encode()
                problems |= calendar_problems(data, judge)
        for captured in FakeWeasyHTML.captured:
            problems |= judge.page(captured)
        FakeWeasyHTML.captured.clear()
        return problems

    # The API's errors

    def test_api_errors(self) -> None:
        _token, raw = ApiToken.issue(self.users["cm1"])
        bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        asks: list[tuple[str, str, dict[str, Any]]] = [
            ("get", "/api/v1/cases/no-such-case", bearer),
            ("get", "/api/v1/no-such-thing", bearer),
            ("get", "/api/v1/requests", {}),
            ("post", "/api/v1/requests", {**bearer, "data": "{", "content_type": "text/json"}),
            (
                "post",
                "/api/v1/requests",
                {**bearer, "data": {}, "content_type": "application/json"},
            ),
            (
                "post",
                "/api/v1/requests",
                {
                    **bearer,
                    "data": {"programme": "brusano", "person": {"birth_date": "soon"}},
                    "content_type": "application/json",
                },
            ),
        ]
        findings = Findings()
        with marked_catalogue():
            for language in LANGUAGES:
                judge = Judge(language, self.allowed)
                for method, url, options in asks:
                    response = getattr(Client(), method)(
                        url, HTTP_ACCEPT_LANGUAGE=language, **options
                    )
                    self.assertGreaterEqual(response.status_code, 400, url)
                    body = response.json()
                    texts = [body["detail"], *(e["message"] for e in body.get("errors", []))]
                    for text in texts:
                        findings.add(language, f"{method.upper()} {url}", judge.text(text))
        lines = findings.lines("fr") + findings.lines("nl")
        self.assertEqual(lines, [], report(lines, "API errors"))


# The catalogue: French typography -------------------------------------------------------

# In French, `:` `;` `?` `!` and `»` take a non-breaking space before them, `«` after it
# (U+00A0, or the narrow U+202F).
BEFORE_PUNCTUATION = re.compile(r"([^ \u00a0\u202f])( ?)([:;?!»])(?= |$|<|\"|\)|,|\.)")
AFTER_QUOTE = re.compile(r"«(?![\u00a0\u202f])")


def test_french_punctuation_takes_a_non_breaking_space() -> None:
    wrong = []
    for entry in catalogue_entries("fr"):
        for text in entry.msgstr.values():
            spots = [m.start(2) for m in BEFORE_PUNCTUATION.finditer(text)]
            spots += [m.start() for m in AFTER_QUOTE.finditer(text)]
            for spot in spots:
                token = text[max(0, spot - 20) : spot + 1].split()[-1:] or [""]
                if text[spot - 1 : spot] == '"' or token[0] in entry.msgid:
                    continue  # code kept as it is: a header's name, JSON
                wrong.append(f"{entry}: …{text[max(0, spot - 30) : spot + 10]}…")
    assert not wrong, "a non-breaking space around : ; ? ! « » in French:\n" + "\n".join(wrong)


WEEKDAYS_AND_MONTHS = re.compile(
    r"(?:(?<=\w )|(?<=\w, )|(?<=\w\u00a0))(?:Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Janvier|Février"
    r"|Avril|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre)\b"
)


def test_weekdays_and_months_are_lower_case() -> None:
    """A weekday or a month is a common noun in French and in Dutch: "le lundi 5 mai",
    never "Lundi" after the first word; the names of the days alone (listed in the
    directory's opening hours) are lower case too, as Django writes them."""
    weekdays = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    wrong = [
        f"{language} {entry}: {entry.msgstr[0]!r}"
        for language in LANGUAGES
        for entry in catalogue_entries(language)
        if language == "fr"
        and WEEKDAYS_AND_MONTHS.search(entry.msgstr.get(0, ""))
        or entry.msgid in weekdays
        and not entry.msgstr.get(0, "").islower()
    ]
    assert not wrong, "\n".join(wrong)


def test_the_marks_go_before_words_only() -> None:
    marked = mark_words('<a href="%(url)s">Read it</a>: %(count)d {n} l\'aide &amp;', "|")
    assert marked == '<a href="%(url)s">|Read |it</a>: %(count)d {n} |l\'|aide &amp;'
    judge = Judge("nl", set())
    text = f"{TRANSLATED}Lees {DATA}Marie {MISSING}Read {MISSING}more {DATA_IN['fr']}Oui 12 ok"
    assert judge.text(text) == {
        Problem("missing", "Read more"),
        Problem("other language", "Oui"),
        Problem("unmarked", "ok"),
    }
    page = (
        '<p title="Hallo">Tekst<script>var x = "no";</script> <code>abc</code>'
        '<span lang="fr">Français</span><textarea>data</textarea>'
        '<input type="submit" value="Go"></p>'
    )
    assert [text.strip() for text in visible_text(page, "nl") if text.strip()] == [
        "Hallo",
        "Tekst",
        "Go",
    ]


def test_every_information_category_is_explained_in_plain_words() -> None:
    from maillage.categories import CATEGORY_DESCRIPTIONS, Category

    assert set(CATEGORY_DESCRIPTIONS) == set(Category.values)
    for code, description in CATEGORY_DESCRIPTIONS.items():
        with translation.override("en"):
            english = str(description)
        for language in LANGUAGES:
            with translation.override(language):
                assert str(description) != english, (language, code)
