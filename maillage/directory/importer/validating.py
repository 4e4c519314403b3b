"""Validating: raw records → values to store, checked against the HSDS schema (types,
required columns, lengths, links) and against each other and the database (ids,
references). Repeats of one id are merged. Nothing is written.

A reference to an id that is neither in the import nor in the database is fatal for a
required reference and a warning for an optional one (the id is kept in `unresolved`,
so the export gives it back). Columns required only in the tabular form are required in
JSON too, so that the export is valid and imports back. A link drawn on our pages (a
website…) gets https:// when it is a bare host name and is refused unless it is http,
https, mailto or tel (maillage/links.py).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from maillage.directory import hsds
from maillage.directory.hsds import Column, Table
from maillage.links import is_link_field, normalise_link, validate_link

from .report import Record, Report, is_empty

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def convert(column: Column, value: Any, typed: bool, where: str, report: Report) -> Any:
    """A raw value as the Python value to store; problems are reported."""
    if is_empty(value):
        return None
    kind = column.type
    if kind in ("number", "integer"):
        if isinstance(value, bool) or (typed and not isinstance(value, int | float | str)):
            report.error(where, "must be a number")
            return None
        if isinstance(value, str):
            if typed:
                report.warn(where, "a number written as text")
            try:
                number = float(value.strip())
            except ValueError:
                report.error(where, f"{value!r} is not a number")
                return None
        else:
            number = float(value)
        return number
    if not isinstance(value, str):
        if isinstance(value, int | float) and not isinstance(value, bool):
            report.warn(where, "a text written as a number")
            value = hsds.number_text(value)
        else:
            report.error(where, "must be a text")
            return None
    if kind == "date":
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            report.error(where, f"{value!r} is not a date (YYYY-MM-DD)")
            return None
    if kind == "time":
        return _time(value, where, report)
    if kind == "datetime":
        return _datetime(value, where, report)
    if column.format == "uuid" and not UUID_RE.match(value.strip()):
        report.error(where, f"{value!r} is not a UUID")
        return None
    if column.enum and value not in column.enum:
        report.error(where, f"{value!r} is not one of: {', '.join(column.enum)}")
        return None
    return value


def _time(value: str, where: str, report: Report) -> time | None:
    """A time of day; an offset (`09:00:00+01:00`) is dropped with a warning, as times are
    stored as local times (a schedule gives its offset in `timezone`)."""
    try:
        parsed = time.fromisoformat(value.strip())
    except ValueError:
        report.error(where, f"{value!r} is not a time (HH:MM:SS)")
        return None
    if parsed.tzinfo is not None:
        report.warn(
            where,
            f"{value!r}: the time zone is ignored (a schedule gives it in timezone)",
        )
        parsed = parsed.replace(tzinfo=None)
    return parsed


def _datetime(value: str, where: str, report: Report) -> datetime | None:
    """A date and time; one without an offset is a local time of the site's time zone."""
    try:
        parsed = parse_datetime(value.strip())
    except ValueError:
        parsed = None
    if parsed is None:
        report.error(where, f"{value!r} is not a date and time (ISO 8601)")
    elif timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


@dataclass
class Prepared:
    table: Table
    id: str
    values: dict[str, Any]  # attname → python value (only the columns given)
    unresolved: dict[str, str]
    record: Record


def validate(records: list[Record], report: Report) -> list[Prepared]:
    """Types, required fields, uniqueness and references; merges repeats of one id."""
    merged: dict[tuple[str, str], Prepared] = {}
    order: list[Prepared] = []
    for record in records:
        table = hsds.tables()[record.table]
        # JSON needs the tabular columns too: the export writes them and reads them back
        # (a nested attribute or metadata takes them from its parent).
        required = set(table.required) | table.tabular_required
        problems_before = len(report.errors)
        values: dict[str, Any] = {}
        for column in table.columns:
            if column.name not in record.values:
                continue
            where = record.where[column.name]
            value = convert(column, record.values[column.name], record.typed, where, report)
            values[column.name] = value
        for name in sorted(required):
            if is_empty(record.values.get(name)):
                report.error(record.where.get(name, f"{record.origin}:{name}"), "required")
        for column in table.columns:
            missing = is_empty(record.values.get(column.name))
            if column.required_fk and column.name not in required and missing:
                report.error(
                    record.where.get(column.name, f"{record.origin}:{column.name}"),
                    f"required (the {column.target} this {table.name} belongs to)",
                )
        if len(report.errors) > problems_before or not values.get("id"):
            continue
        _check_links(table, values, record, report)
        _check_lengths(table, values, record, report)
        key = (table.name, values["id"])
        if key in merged:
            _merge(merged[key], values, record, report)
            continue
        prepared = Prepared(table, values["id"], values, {}, record)
        merged[key] = prepared
        order.append(prepared)
    _resolve(order, report, _ids_given(records))
    return order


def _ids_given(records: list[Record]) -> dict[str, set[str]]:
    """The ids of every record, those refused included: a reference to an object with
    its own problem is not reported again as a reference to nothing."""
    found: dict[str, set[str]] = {}
    for record in records:
        value = record.values.get("id")
        if isinstance(value, str) and value.strip():
            found.setdefault(record.table, set()).add(value.strip())
    return found


def _check_links(table: Table, values: dict[str, Any], record: Record, report: Report) -> None:
    """A link drawn on our pages (a website, a document's address): a host name gets
    https://, and only http, https, mailto and tel are accepted (see maillage/links.py)."""
    for column in table.columns:
        value = values.get(column.name)
        model_field = table.model._meta.get_field(column.attname)
        if not isinstance(value, str) or not is_link_field(model_field):
            continue
        values[column.name] = normalise_link(value)
        try:
            validate_link(values[column.name])
        except ValidationError:
            report.error(
                record.where[column.name],
                f"{value!r} is not a web address (http://, https://, mailto: or tel:)",
            )


def _check_lengths(table: Table, values: dict[str, Any], record: Record, report: Report) -> None:
    for column in table.columns:
        value = values.get(column.name)
        if not isinstance(value, str) or column.target:
            continue
        limit = table.model._meta.get_field(column.attname).max_length
        if limit and len(value) > limit:
            report.error(record.where[column.name], f"longer than {limit} characters")
    for column in table.columns:
        value = values.get(column.name)
        model_field = table.model._meta.get_field(column.attname)
        if isinstance(value, float) and model_field.get_internal_type().endswith("IntegerField"):
            if not value.is_integer():
                report.error(record.where[column.name], "must be a whole number")
            else:
                values[column.name] = int(value)


def _merge(first: Prepared, values: dict[str, Any], record: Record, report: Report) -> None:
    """The same object met again (nested JSON repeats objects): fill in, never contradict."""
    for name, value in values.items():
        current = first.values.get(name)
        if current is None:
            first.values[name] = value
        elif value is not None and value != current:
            report.warn(
                record.where[name],
                f"{value!r} differs from {current!r} given at {first.record.origin}; "
                "the first is kept",
            )


def _resolve(prepared: list[Prepared], report: Report, given: dict[str, set[str]]) -> None:
    """Check every reference against the import (`given`: table → ids) and the database."""
    present = {name: set(ids) for name, ids in given.items()}
    for item in prepared:
        present.setdefault(item.table.name, set()).add(item.id)
    wanted: dict[str, set[str]] = {}
    for item in prepared:
        for column in item.table.foreign_keys:
            value = item.values.get(column.name)
            if value and value not in present.get(column.target, set()):
                wanted.setdefault(column.target, set()).add(value)
    in_database = {
        target: set(
            hsds.tables()[target].model.objects.filter(pk__in=ids).values_list("pk", flat=True)
        )
        for target, ids in wanted.items()
    }
    for item in prepared:
        for column in item.table.foreign_keys:
            value = item.values.get(column.name)
            if not value:
                continue
            if value in present.get(column.target, set()) or value in in_database.get(
                column.target, set()
            ):
                continue
            where = item.record.where.get(column.name, f"{item.record.origin}:{column.name}")
            if column.required_fk:
                report.error(where, f"no {column.target} with id {value!r}")
            else:
                report.warn(where, f"no {column.target} with id {value!r}: kept as a reference")
                item.unresolved[column.name] = value
                item.values[column.name] = None
