"""Everything Maillage holds about a person: as JSON (`build_export`, layout in
docs/export-format.md) and as a readable PDF (`export_pdf`).

Both are built from the registry (registry.py): one query per entry, whatever the
number of records, then rows are nested under their parents in memory.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from maillage import personal_data as registry
from maillage import typesetting
from maillage.people.models import Person
from maillage.territory.communes import residence_label

from . import readable

FORMAT = "maillage.person-export"
FORMAT_VERSION = 1
PERSON_FIELDS = (
    "given_name",
    "family_name",
    "birth_date",
    "residence",
    "language",
    "phone",
    "email",
    "created_at",
    "updated_at",
)


@dataclass
class Collected:
    """The rows of every entry about one person, read once."""

    person: Person
    rows: dict[str, list[Any]] = field(default_factory=dict)

    def ids(self) -> dict[str, list[str]]:
        return {key: [str(row.pk) for row in rows] for key, rows in self.rows.items()}


def collect(person: Person) -> Collected:
    person_ids = [
        person.pk,
        *Person.objects.filter(merged_into=person).values_list("pk", flat=True),
    ]
    collected = Collected(person)
    for entry in registry.entries():
        collected.rows[entry.key] = list(entry.queryset(person_ids))
    return collected


# JSON


def build_export(person: Person) -> dict[str, Any]:
    """The machine-readable export (docs/export-format.md)."""
    collected = collect(person)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.now().isoformat(),
        "person": {"id": str(person.pk), **_values(person, PERSON_FIELDS)},
        **_nest(collected, _json_node),
    }


def _json_node(entry: registry.Entry, row: Any) -> dict[str, Any]:
    return {"id": _plain(row.pk), **_values(row, entry.fields)}


def _values(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    covered = registry.covered_models()
    values: dict[str, Any] = {}
    for name in fields:
        model_field = row._meta.get_field(name)
        if model_field.many_to_many:
            values[name] = [_plain(pk) for pk in _related_ids(row, name)]
        elif model_field.many_to_one or model_field.one_to_one:
            if model_field.related_model._meta.label_lower in covered:
                values[name] = _plain(getattr(row, model_field.attname))
            else:
                target = getattr(row, name)
                values[name] = _name(target)
        else:
            values[name] = _plain(getattr(row, name))
    return values


def _related_ids(row: Any, name: str) -> list[Any]:
    return [related.pk for related in getattr(row, name).all()]  # prefetched


def _name(target: Any) -> str | None:
    if target is None:
        return None
    full_name = getattr(target, "get_full_name", None)
    return (full_name() if full_name else "") or str(target)


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _nest(collected: Collected, make: Any) -> dict[str, list[Any]]:
    """Rows as nodes, each child node in its parent's list; the top-level lists."""
    nodes: dict[str, dict[Any, Any]] = {}
    top: dict[str, list[Any]] = {}
    for entry in registry.entries():
        children = registry.children_of(entry.key)
        made = {}
        for row in collected.rows[entry.key]:
            node = make(entry, row)
            for child in children:
                _children(node)[child.key] = []
            made[row.pk] = node
        nodes[entry.key] = made
        if not entry.parent:
            top[entry.key] = list(made.values())
            continue
        parent_nodes = nodes[entry.parent]
        attname = entry.model_class._meta.get_field(entry.parent_field).attname
        for row in collected.rows[entry.key]:
            parent = parent_nodes.get(getattr(row, attname))
            if parent is not None:
                _children(parent)[entry.key].append(made[row.pk])
    return top


def _children(node: Any) -> dict[str, list[Any]]:
    return node if isinstance(node, dict) else node.children


# Readable (PDF)


# A record is a heading and its facts as lines, each carrying a long fact or a few short
# ones ("Kind: home visit · Duration: 45"); a row of a list (the access log) is one line
# of values under a legend naming them once, on landscape pages when the list is long.
SEPARATOR = "  ·  "
ROW_SEPARATOR = " · "
LINE_CHARACTERS = 95  # about one line of the PDF (A4, 9 pt)
LONG_LIST = 40  # a list longer than this is printed on landscape pages, a row a line


@dataclass
class Item:
    """One record, for reading: a heading, its facts, and its parts."""

    heading: str
    facts: list[tuple[str, str]]
    text: str = ""  # the facts as lines: see _facts_text()
    children: dict[str, list["Item"]] = field(default_factory=dict)

    def sections(self) -> list[dict[str, Any]]:
        return [_section(registry.get(key), items) for key, items in self.children.items()]


def _facts_text(facts: list[tuple[str, str]]) -> str:
    """The facts as lines ("\n"): short ones share a line, long ones have their own."""
    lines: list[str] = []
    fact_format = _("%(label)s: %(value)s")
    for label, value in facts:
        fact = fact_format % {"label": label, "value": value}
        if lines and len(lines[-1]) + len(SEPARATOR) + len(fact) <= LINE_CHARACTERS:
            lines[-1] += SEPARATOR + fact
        else:
            lines.append(fact)
    return "\n".join(lines)


def _section(entry: registry.Entry, items: list[Item]) -> dict[str, Any]:
    model = entry.model_class
    columns = [_label(model, name) for name in entry.fields]
    return {
        "key": entry.key,
        "title": entry.title,
        "items": items,
        "table": entry.table,
        "long": entry.table and len(items) > LONG_LIST,
        "columns": columns,
        "legend": ROW_SEPARATOR.join(columns),
        "rows": [
            ROW_SEPARATOR.join(value for _label, value in item.facts)
            for item in (items if entry.table else [])
        ],
    }


def readable_export(person: Person) -> dict[str, Any]:
    """The export for reading, in the active language: labels and displayed values."""
    collected = collect(person)
    _join_in_memory(collected)
    labels = {
        (type(row)._meta.label_lower, row.pk): _row_label(entry, row)
        for entry in registry.entries()
        for row in collected.rows[entry.key]
    }

    columns = {
        entry.key: [_label(entry.model_class, name) for name in entry.fields]
        for entry in registry.entries()
    }

    def make(entry: registry.Entry, row: Any) -> Item:
        values = [
            entry.readable[name](getattr(row, name))
            if name in entry.readable
            else _display(row, name, labels)
            for name in entry.fields
        ]
        facts = list(zip(columns[entry.key], values, strict=True))
        text = "" if entry.table else _facts_text(facts)
        return Item(labels[type(row)._meta.label_lower, row.pk], facts, text)

    top = _nest(collected, make)
    identity = [(_label(Person, name), _display(person, name, labels)) for name in PERSON_FIELDS]
    return {
        "person": person,
        "identity": _facts_text(identity),
        "generated_at": timezone.now(),
        "sections": [_section(registry.get(key), items) for key, items in top.items()],
    }


def _join_in_memory(collected: Collected) -> None:
    """Point each row's references to other exported records at the rows already read,
    so that labels following them (a crisis contact named by its actor) query nothing."""
    read = {
        (type(row)._meta.label_lower, row.pk): row
        for rows in collected.rows.values()
        for row in rows
    }
    for entry in registry.entries():
        references = [
            model_field
            for model_field in entry.model_class._meta.concrete_fields
            if model_field.is_relation
            and model_field.related_model._meta.label_lower in registry.covered_models()
        ]
        for row in collected.rows[entry.key]:
            for model_field in references:
                target = read.get(
                    (model_field.related_model._meta.label_lower, getattr(row, model_field.attname))
                )
                if target is not None and not model_field.is_cached(row):
                    model_field.set_cached_value(row, target)


def _row_label(entry: registry.Entry, row: Any) -> str:
    if entry.label is not None:
        return str(entry.label(row))
    return str(row)


def _label(model: type[models.Model], name: str) -> str:
    return str(capfirst(readable.field_label(model._meta.get_field(name))))


def _display(row: Any, name: str, labels: dict[tuple[str, Any], str]) -> str:
    model_field = row._meta.get_field(name)
    if model_field.many_to_many:
        label = model_field.related_model._meta.label_lower
        return ", ".join(labels.get((label, pk), str(pk)) for pk in _related_ids(row, name))
    if model_field.many_to_one or model_field.one_to_one:
        pk = getattr(row, model_field.attname)
        if pk is None:
            return "—"
        key = (model_field.related_model._meta.label_lower, pk)
        if key not in labels:  # reference data (a team, a user): named once, then reused
            labels[key] = _name(getattr(row, name)) or "—"
        return labels[key]
    value = getattr(row, name)
    if name == "residence" and value:
        return residence_label(value)
    shown = readable.value_text(row, name, value)
    if shown is not None:
        return shown
    if model_field.choices and value not in (None, ""):
        return str(getattr(row, f"get_{name}_display")())
    return _text(value)


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items()) or "—"
    return str(value)


def printable_export(person: Person, language: str) -> dict[str, Any]:
    """The readable export as the data of the PDF (templates/records/export.typ): every
    text already in `language`, nothing left to the template but the layout."""
    with translation.override(language):
        readable = readable_export(person)
        when = formats.date_format(
            timezone.localtime(readable["generated_at"]), "SHORT_DATETIME_FORMAT"
        )
        return {
            "lang": language,
            "title": _("Everything held about %(person)s") % {"person": person},
            "printed": _(
                "Printed on %(when)s from Maillage. The same content exists as a data file (JSON)."
            )
            % {"when": when},
            "identity_title": _("Identity"),
            "identity": readable["identity"].split("\n"),
            "nothing": _("Nothing recorded."),
            "keep_safe": _("This document holds personal data. Keep it safe."),
            "page_numbers": "1 / 1",
            "sections": [_printable(section) for section in readable["sections"]],
        }


def _printable(section: dict[str, Any]) -> dict[str, Any]:
    printable = {
        "title": str(section["title"]),
        "wide": bool(section["long"]),
        "legend": section["legend"],
        "rows": section["rows"] if section["table"] and section["items"] else None,
        "records": [],
    }
    if not section["table"]:
        printable["records"] = [
            {
                "heading": item.heading,
                "lines": item.text.split("\n"),
                "sections": [_printable(child) for child in item.sections()],
            }
            for item in section["items"]
        ]
    return printable


def export_pdf(person: Person, language: str) -> bytes:
    """The readable export as a PDF, typeset by Typst (maillage/typesetting.py)."""
    return typesetting.typeset("records/export.typ", printable_export(person, language))


def filename(person: Person, extension: str) -> str:
    return f"maillage-export-{timezone.localdate():%Y-%m-%d}-{str(person.pk)[:8]}.{extension}"
