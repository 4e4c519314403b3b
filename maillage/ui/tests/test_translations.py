"""The French, Dutch and English catalogues are complete, and the committed .mo files match.

The .po files are read with a small parser below and the .mo files with the standard
library; only the check that every source string is in the catalogue runs makemessages
(GNU gettext).
"""

import gettext as gnu_gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parents[3] / "locale"
LANGUAGES = ["fr", "nl", "en"]
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
}
# %(name)s, %(count)d… and positional %s, %d (but not a literal %%).
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%")
# Message ids held in names, so that makemessages does not list this file as a source.
SIGN_IN, CHANGE, SWITCHER = "Sign in", "Change", "language switcher button"
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        """The key of this entry in a compiled catalogue (context, EOT, msgid)."""
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    def __str__(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt is not None else ""
        return f"line {self.line}: {self.msgid!r}{context}"


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{where}: expected a quoted string, got {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            out.append(ESCAPES[body[i + 1]])
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header included; obsolete (#~) entries are skipped."""
    entries: list[Entry] = []
    entry: Entry | None = None
    current: tuple[str, int] | None = None  # the field continuation lines append to
    seen_field = False

    def finish() -> None:
        nonlocal entry, seen_field, current
        if entry is not None and seen_field:
            entries.append(entry)
        entry, seen_field, current = None, False, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        where = f"{path}:{number}"
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if seen_field:  # a comment after msgstr starts a new entry
                finish()
            entry = entry or Entry(line=number)
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith('"'):
            if entry is None or current is None:
                raise ValueError(f"{where}: continuation line outside an entry")
            name, index = current
            text = _unquote(line, where)
            if name == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, name, getattr(entry, name) + text)
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(.*)$", line)
        if match is None:
            raise ValueError(f"{where}: cannot read {line!r}")
        name, index, rest = match.group(1), match.group(2), match.group(3)
        if name in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
            finish()  # a new entry without a blank line before it
        entry = entry or Entry(line=number)
        seen_field = True
        text = _unquote(rest, where)
        if name == "msgstr":
            position = int(index) if index is not None else 0
            entry.msgstr[position] = text
            current = ("msgstr", position)
        else:
            setattr(entry, name, text)
            current = (name, 0)
    finish()
    return entries


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def catalogue(lang: str) -> list[Entry]:
    return parse_po(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po")


def messages(lang: str) -> list[Entry]:
    return [entry for entry in catalogue(lang) if entry.msgid != ""]


def test_the_parser_reads_contexts_plurals_and_multiline_strings(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        '#, fuzzy, python-format\nmsgctxt "button"\nmsgid ""\n"Long "\n"text %(n)s"\n'
        'msgstr "Texte \\"long\\" %(n)s"\n\n'
        'msgid "%d item"\nmsgid_plural "%d items"\nmsgstr[0] "%d élément"\n'
        'msgstr[1] ""\n"%d éléments"\n\n'
        '#~ msgid "gone"\n#~ msgstr "parti"\n',
        encoding="utf-8",
    )
    header, context, plural = parse_po(po)
    assert header.msgstr == {0: "Language: fr\n"}
    assert (context.msgctxt, context.msgid) == ("button", "Long text %(n)s")
    assert context.msgstr == {0: 'Texte "long" %(n)s'}
    assert context.flags == {"fuzzy", "python-format"}
    assert context.key == "button\x04Long text %(n)s"
    assert (plural.msgid, plural.msgid_plural) == ("%d item", "%d items")
    assert plural.msgstr == {0: "%d élément", 1: "%d éléments"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_names_the_language_and_its_plural_forms(lang):
    header = catalogue(lang)[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    lines = header.msgstr[0].splitlines()
    assert f"Language: {lang}" in lines
    assert f"Plural-Forms: {PLURAL_FORMS[lang]}" in lines
    assert "Content-Type: text/plain; charset=UTF-8" in lines


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang):
    entries = messages(lang)
    assert len(entries) > 100, "the catalogue looks empty: run makemessages"
    untranslated = [
        str(entry)
        for entry in entries
        if not entry.msgstr
        or any(not text for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1])
    ]
    assert not untranslated, f"{lang}: untranslated entries:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_is_fuzzy(lang):
    fuzzy = [str(entry) for entry in catalogue(lang) if "fuzzy" in entry.flags]
    assert not fuzzy, f"{lang}: fuzzy entries:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    wrong = []
    for entry in messages(lang):
        expected = placeholders(entry.msgid)
        if entry.msgid_plural is not None:
            # A plural form may use the number or not, but never another placeholder.
            allowed = set(expected) | set(placeholders(entry.msgid_plural))
            for text in entry.msgstr.values():
                found = placeholders(text)
                if not set(found) <= allowed or not found:
                    wrong.append(f"{entry}: {text!r}")
        elif placeholders(entry.msgstr[0]) != expected:
            wrong.append(f"{entry}: {entry.msgstr[0]!r}")
    assert not wrong, f"{lang}: placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gnu_gettext.GNUTranslations(mo)
    table = compiled._catalog  # the standard library's own parse of the .mo
    expected: dict[object, str] = {}
    for entry in messages(lang):
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
    stale = [
        f"{key!r}: .po has {text!r}, .mo has {table.get(key)!r}"
        for key, text in expected.items()
        if table.get(key) != text
    ]
    extra = [repr(key) for key in table if key != "" and key not in expected]
    assert not stale, f"{lang}: the .mo is stale, run compilemessages:\n" + "\n".join(stale)
    assert not extra, f"{lang}: the .mo has entries the .po lacks:\n" + "\n".join(extra)
    assert compiled.info().get("language") == lang


@pytest.mark.parametrize(
    ("lang", "sign_in", "change"),
    [
        ("fr", "Se connecter", "Changer"),
        ("nl", "Aanmelden", "Wijzigen"),
        ("en", "Sign in", "Change"),
    ],
)
def test_django_uses_the_catalogues(lang, sign_in, change):
    with translation.override(lang):
        assert translation.gettext(SIGN_IN) == sign_in
        assert translation.pgettext(SWITCHER, CHANGE) == change


def test_django_plural_forms():
    message = "%d programme copied; it is inactive until you review it."
    plural = "%d programmes copied; they are inactive until you review them."
    with translation.override("fr"):
        assert translation.ngettext(message, plural, 1).startswith("%d programme copié")
        assert translation.ngettext(message, plural, 2).startswith("%d programmes copiés")
    with translation.override("nl"):
        assert translation.ngettext(message, plural, 1).startswith("%d programma gekopieerd")
        assert translation.ngettext(message, plural, 0).startswith("%d programma's gekopieerd")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "heading"), [("nl", "Aanmelden"), ("fr", "Se connecter"), ("en", "Sign in")]
)
def test_sign_in_page_follows_the_browser_language(accept, heading):
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{accept}"' in html
    assert f"<h1>{heading}</h1>" in html


def test_every_string_of_the_sources_is_in_the_catalogue(tmp_path):
    """makemessages, run on a copy of the sources, finds no string the catalogue lacks
    (a string added to the code without `make messages` fails here, not in front of a
    Dutch-speaking user). Needs GNU gettext (Debian's `gettext`, installed by `make test`)."""
    if shutil.which("xgettext") is None:
        pytest.skip("skipped: GNU gettext (xgettext) is not installed")
    root = LOCALE_DIR.parent
    for name in ("maillage", "templates", "locale"):
        shutil.copytree(
            root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "MAILLAGE_DEBUG": "1"},
    )
    known = {entry.key for entry in catalogue("fr")}
    found = parse_po(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    missing = [str(entry) for entry in found if entry.msgid and entry.key not in known]
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)
