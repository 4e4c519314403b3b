"""Import HSDS 3.0 data: a tabular data package (datapackage.json + CSV) or HSDS JSON.

`import_path(path)` reads everything first into flat records (one per HSDS object, nested
JSON objects included, the parent's id filled in), validates them all, and writes them in
one transaction only when no problem is fatal. Each problem names its place as
`file:row:field: message` (row: the CSV line number, or the JSON pointer of the object).
Writing is update-or-create by HSDS id: re-importing updates, never duplicates. A
reference to an id that is neither in the import nor in the database is fatal for a
required reference and a warning for an optional one (the id is kept in `unresolved`,
so the export gives it back). Afterwards each service area gets its Brussels commune.
A link drawn on our pages (a website…) gets https:// when it is a bare host name and is
refused unless it is http, https, mailto or tel (maillage/links.py). A CSV cell our
export quoted so that no spreadsheet takes it for a formula is read back unquoted
(maillage/spreadsheets.py).

A package may come zipped, keep its files in sub-folders, name its resources after their
files, declare a CSV dialect and an encoding (UTF-8, byte order mark or not, by default).
A JSON object's table comes from its parent, else from the file name (`services.json`,
`service_list.json`), else from its keys (the whole list's when it is in one). Columns
required only in the tabular form are required in JSON too, so that the export is valid
and imports back.
"""

import codecs
import csv
import json
import re
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from maillage.links import is_link_field, normalise_link, validate_link
from maillage.people.names import name_key
from maillage.spreadsheets import restore_cell
from maillage.territory.communes import COMMUNES

from . import hsds
from .hsds import Column, Table
from .search import rebuild_index


@dataclass
class Problem:
    where: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, report: "Report") -> None:
        super().__init__("\n".join(str(p) for p in report.errors))
        self.report = report


@dataclass
class Record:
    table: str
    values: dict[str, Any]  # column → raw value (text from CSV, JSON value)
    where: dict[str, str]  # column → "file:row:field"
    origin: str  # "file:row"
    typed: bool  # JSON values (typed) or CSV text


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.fatal]

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def warn(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message, fatal=False))


# Reading


def read_path(path: Path, report: Report) -> list[Record]:
    """Every HSDS object found at `path` (a folder, a datapackage.json, a CSV or JSON file,
    a zip archive of any of these)."""
    path = Path(path)
    if path.is_dir():
        if (path / "datapackage.json").exists() or any(
            (path / t.path).exists() for t in hsds.tables().values()
        ):
            return read_package(path / "datapackage.json", report)
        records: list[Record] = []
        for json_file in sorted(path.glob("*.json")):
            records += read_json_file(json_file, report)
        if not records and not report.problems:
            report.error(str(path), "no datapackage.json, CSV or JSON file found")
        return records
    if not path.exists():
        report.error(str(path), "no such file or folder")
        return []
    if path.suffix.lower() == ".zip":
        return read_zip(path, report)
    if path.name == "datapackage.json" or path.suffix == ".csv":
        return read_package(path.parent / "datapackage.json", report)
    return read_json_file(path, report)


def read_zip(path: Path, report: Report) -> list[Record]:
    """A zip archive, read as the folder it holds (its only top folder, if it has one)."""
    with tempfile.TemporaryDirectory() as temporary:
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(temporary)
        except (OSError, zipfile.BadZipFile) as error:
            report.error(path.name, f"not a readable zip archive ({error})")
            return []
        root = Path(temporary)
        entries = [p for p in root.iterdir() if not p.name.startswith(("__MACOSX", "."))]
        if len(entries) == 1 and entries[0].is_dir():
            root = entries[0]
        return read_path(root, report)


@dataclass
class Source:
    """One CSV file of a package: where it is, its table, how it is written."""

    relative: str
    table: Table
    dialect: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8-sig"


def read_package(descriptor: Path, report: Report) -> list[Record]:
    """A tabular data package: the CSV files its descriptor names (or the official names
    when the descriptor is missing or is a bare link to the official one)."""
    folder = descriptor.parent
    package = read_descriptor(descriptor, report)
    resources = package.get("resources")
    if isinstance(resources, list) and resources:
        sources = [s for i, r in enumerate(resources) for s in _sources(r, i, descriptor, report)]
    else:
        sources = [Source(table.path, table) for table in hsds.tables().values()]
    records: list[Record] = []
    found = 0
    for source in sources:
        file = folder / source.relative
        if not file.is_file():
            if resources:
                report.warn(source.relative, "file named in datapackage.json not found")
            continue
        found += 1
        records += read_csv(file, source, report)
    if not found and not report.errors:
        report.error(descriptor.name, "no table of the package was found")
    return records


def read_descriptor(descriptor: Path, report: Report) -> dict[str, Any]:
    """The package descriptor; {} (the official file names) when there is none, when it
    is a bare link to the official one (a symbolic link checked out as text) or when it
    cannot be read (with a warning)."""
    if not descriptor.exists():
        return {}
    text = ""
    try:
        text = descriptor.read_text(encoding="utf-8-sig")
        package = json.loads(text)
    except (OSError, ValueError) as error:
        if not (text.strip().endswith(".json") and "\n" not in text.strip()):
            report.warn(
                f"{descriptor.name}:",
                f"not valid JSON ({error}): the official file names are used",
            )
        return {}
    return package if isinstance(package, dict) else {}


def _sources(resource: Any, index: int, descriptor: Path, report: Report) -> list[Source]:
    """The CSV files of one resource of the descriptor (none when it is not an HSDS table)."""
    where = f"{descriptor.name}:/resources/{index}"
    if not isinstance(resource, dict):
        report.warn(where, "unknown table ignored")
        return []
    paths = resource.get("path")
    paths = [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else []
    table = table_of_resource(resource.get("name"), paths)
    if table is None:
        report.warn(f"{where}:name", "unknown table ignored")
        return []
    dialect = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
    encoding = str(resource.get("encoding") or "utf-8")
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"  # a byte order mark is not part of the first column name
    try:
        codecs.lookup(encoding)
    except LookupError:
        report.error(f"{where}:encoding", f"unknown encoding {encoding!r}")
        return []
    found = []
    for relative in [p for p in paths if isinstance(p, str)] or [table.path]:
        if re.match(r"^[a-z][a-z0-9+.-]*://", relative, re.IGNORECASE):
            report.warn(f"{where}:path", f"remote file not read: {relative}")
            continue
        found.append(Source(relative, table, dialect, encoding))
    return found


def table_of_resource(name: Any, paths: list[Any]) -> Table | None:
    """The HSDS table of a descriptor resource: by its name, else by its file name
    (`organizations.csv`), else by a name written another way (`service-at-location`)."""
    tables = hsds.tables()
    if isinstance(name, str) and name in tables:
        return tables[name]
    for relative in paths:
        if isinstance(relative, str) and Path(relative).name in hsds.by_path():
            return hsds.by_path()[Path(relative).name]
    if isinstance(name, str):
        return table_named(name, exact=True)
    return None


def table_named(name: str, *, exact: bool = False) -> Table | None:
    """The table a name stands for: `organization`, `organizations`, `taxonomy-terms`,
    and unless `exact`, a name starting with one of these (`service_list`)."""
    stem = name.lower().replace("-", "_").replace(" ", "_")
    found: list[tuple[str, Table]] = []
    for table in hsds.tables().values():
        for spelling in {table.name, f"{table.name}s", Path(table.path).stem}:
            if stem == spelling or (not exact and stem.startswith(f"{spelling}_")):
                found.append((spelling, table))
    return max(found, key=lambda item: len(item[0]))[1] if found else None


CSV_DIALECT = {
    "delimiter": "delimiter",
    "quoteChar": "quotechar",
    "doubleQuote": "doublequote",
    "escapeChar": "escapechar",
    "skipInitialSpace": "skipinitialspace",
}


def csv_options(dialect: dict[str, Any]) -> dict[str, Any]:
    """The Python csv options of a data package CSV dialect."""
    return {
        option: dialect[key]
        for key, option in CSV_DIALECT.items()
        if key in dialect and dialect[key] is not None
    }


def read_csv(file: Path, source: Source, report: Report) -> list[Record]:
    name, table = source.relative, source.table
    records = []
    try:
        with file.open(encoding=source.encoding, newline="") as handle:
            options = csv_options(source.dialect) or _sniffed(handle, table, name, report)
            reader = csv.reader(handle, **options)
            header = next(reader, None)
            if header is None:
                return []
            known = set(table.column_names)
            for column in header:
                if column not in known:
                    report.warn(f"{name}:1:{column}", "unknown column ignored")
            start = reader.line_num + 1
            for row in reader:
                line, start = start, reader.line_num + 1  # a record may span lines
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    report.error(f"{name}:{line}", f"{len(row)} cells for {len(header)} columns")
                    continue
                # A cell our export quoted so that no spreadsheet runs it as a formula.
                values = {
                    c: restore_cell(v) for c, v in zip(header, row, strict=True) if c in known
                }
                records.append(
                    Record(
                        table.name,
                        values,
                        {c: f"{name}:{line}:{c}" for c in values},
                        f"{name}:{line}",
                        typed=False,
                    )
                )
    except (UnicodeDecodeError, csv.Error, TypeError) as error:
        report.error(name, f"cannot read this CSV file ({error})")
    return records


def _sniffed(handle: Any, table: Table, name: str, report: Report) -> dict[str, Any]:
    """A file without a dialect is read with commas, unless semicolons or tabs (as some
    spreadsheets write) separate more of the table's column names in its header."""
    first = handle.readline()
    handle.seek(0)
    known = set(table.column_names)
    header = first.lstrip("\ufeff").rstrip("\r\n")

    def names(delimiter: str) -> int:
        return sum(cell.strip().strip('"') in known for cell in header.split(delimiter))

    best = max((";", "\t"), key=names)
    if names(best) <= names(","):
        return {}
    report.warn(f"{name}:1", f"columns separated by {best!r}, not commas")
    return {"delimiter": best}


def read_json_file(file: Path, report: Report) -> list[Record]:
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        report.error(f"{file.name}:", f"not valid JSON ({error})")
        return []
    return read_json(data, file.name, report)


def read_json(data: Any, name: str, report: Report) -> list[Record]:
    """HSDS JSON: one object, a list, a paged API response or the tabular form."""
    reader = JsonReader(name, report)
    hint = _table_from_name(name)
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        reader.objects(data["contents"], hint, "/contents")
    elif isinstance(data, dict) and any(key in hsds.by_path() for key in data):
        reader.tabular(data)
    elif isinstance(data, dict) and "openapi_url" in data and "id" not in data:
        report.warn(f"{name}:", "HSDS API root document: no data to import")
    elif isinstance(data, list):
        reader.objects(data, hint, "")
    elif isinstance(data, dict):
        reader.object(data, hint, "")
    else:
        report.error(f"{name}:", "expected an HSDS object, a list or a paged response")
    return reader.records


def _table_from_name(name: str) -> str | None:
    """The table a JSON file is named after (`services.json`, `service_list.json`)."""
    table = table_named(Path(name).stem)
    return table.name if table else None


Fit = tuple[int, bool, int, int]


def _fit(keys: set[str], table: Table) -> Fit | None:
    """How well an object's keys fit a table, best highest: the keys it explains, whether
    it explains them all, how many of the table's required columns it gives, its fewest
    fields. None when a required field is missing or no key but `id` is explained. Keys
    no table has (extensions) are allowed."""
    fields = table.fields()
    explained = keys & fields - {"id"}
    if not explained or not table.required <= keys | {"id"}:
        return None
    given = len(keys & (table.required | table.tabular_required))
    return (len(explained), keys <= fields, given, -len(fields))


def _ranked(obj: dict[str, Any]) -> list[tuple[Fit, str]]:
    keys = set(obj)
    found = [(fit, t.name) for t in hsds.tables().values() if (fit := _fit(keys, t))]
    return sorted(found, reverse=True)


def detect_table(obj: dict[str, Any], hint: str | None) -> str | None:
    """The HSDS table of an object, from the file name when it fits, else by its keys."""
    keys = set(obj)
    ranked = _ranked(obj)
    if hint:
        fields = hsds.tables()[hint].fields()
        if keys <= fields or not ranked or len(keys & fields - {"id"}) >= ranked[0][0][0]:
            return hint
    return ranked[0][1] if ranked else None


def ambiguous_with(obj: dict[str, Any], table: str) -> list[str]:
    """The other tables an object fits exactly as well as `table`, apart from size."""
    ranked = _ranked(obj)
    best = next((fit for fit, name in ranked if name == table), None)
    return [name for fit, name in ranked if name != table and best and fit[:3] == best[:3]]


def detect_list(items: list[Any], hint: str | None) -> tuple[str | None, bool]:
    """The table every object of a list fits (the one explaining the most keys over them
    all): objects of one list are of one kind, even those too bare to tell alone. Also
    whether the list settles it (no other table explains as many keys)."""
    objects = [set(item) for item in items if isinstance(item, dict)]
    if hint or len(objects) < 2:
        return hint, bool(hint)
    totals: dict[str, tuple[int, int]] = {}
    for table in hsds.tables().values():
        fits = [_fit(keys, table) for keys in objects]
        if all(fits):
            totals[table.name] = (sum(fit[0] for fit in fits if fit), -len(table.fields()))
    if not totals:
        return None, False
    best = max(totals, key=lambda name: totals[name])
    settled = all(totals[name][0] < totals[best][0] for name in totals if name != best)
    return best, settled


class JsonReader:
    def __init__(self, name: str, report: Report) -> None:
        self.name = name
        self.report = report
        self.records: list[Record] = []
        self.file_hint = _table_from_name(name)
        self.list_hint: str | None = None
        self.list_settled = False
        self.warned_ambiguity = False

    def tabular(self, data: dict[str, Any]) -> None:
        for path, rows in data.items():
            table = hsds.by_path().get(path)
            if table is None:
                self.report.warn(f"{self.name}:/{path}", "unknown table ignored")
                continue
            if not isinstance(rows, list):
                self.report.error(f"{self.name}:/{path}", "expected a list of rows")
                continue
            for index, item in enumerate(rows):
                pointer = f"/{_escape(path)}/{index}"
                if not isinstance(item, dict):
                    self.report.error(f"{self.name}:{pointer}", "expected an object")
                    continue
                self.add(table, item, pointer, {})

    def objects(self, items: list[Any], hint: str | None, pointer: str) -> None:
        """The objects of a list (or of a paged response's `contents`)."""
        self.list_hint, self.list_settled = detect_list(items, hint)
        for index, item in enumerate(items):
            self.object(item, self.list_hint, f"{pointer}/{index}")

    def detect(self, obj: dict[str, Any], hint: str | None, where: str) -> str | None:
        """The table of a top-level object; a guess between equals is reported once."""
        table = detect_table(obj, hint)
        if table is None:
            self.report.error(where, "cannot tell which HSDS object this is")
        elif not (self.file_hint or self.list_settled or self.warned_ambiguity):
            others = ambiguous_with(obj, table)
            if others:
                self.warned_ambiguity = True
                example = hsds.tables()[table].path.replace(".csv", ".json")
                self.report.warn(
                    where,
                    f"read as {table}, but it could also be: {', '.join(sorted(others))} "
                    f"(name the file after its table, e.g. {example})",
                )
        return table

    def object(
        self,
        obj: Any,
        table_name: str | None,
        pointer: str,
        implied: dict[str, Any] | None = None,
    ) -> str | None:
        """Flatten one object and its nested objects; returns its id."""
        where = f"{self.name}:{pointer or '/'}"
        if not isinstance(obj, dict):
            self.report.error(where, "expected an object")
            return None
        if table_name is None or implied is None:
            table_name = self.detect(obj, table_name, where)
            if table_name is None:
                return None
        table = hsds.tables()[table_name]
        own: dict[str, Any] = {}
        children: list[tuple[str, str, Any]] = []
        for key, value in obj.items():
            if key in table.nested:
                children.append(("array", key, value))
            elif key in table.single:
                children.append(("single", key, value))
            elif table.column(key) is not None:
                own[key] = value
            else:
                self.report.warn(f"{where}:{key}", "unknown field ignored")
        for column, value in (implied or {}).items():
            if own.get(column) in (None, ""):
                own[column] = value
            elif own[column] != value and column.endswith("_id"):
                self.report.warn(
                    f"{where}:{column}",
                    f"{own[column]!r} differs from its parent's {value!r}; the value given is kept",
                )
        own_id = own.get("id") if isinstance(own.get("id"), str) else None
        _link_single_objects(table, own, children)
        children.sort(key=lambda child: child[0] != "single")  # single objects first
        for kind, key, value in children:
            child_pointer = f"{pointer}/{_escape(key)}"
            if value is None:
                continue
            if kind == "single":
                child_table = table.single[key]
                # A nested program takes the organization of the service it sits in.
                shared = {
                    c.name: own[c.name]
                    for c in hsds.tables()[child_table].foreign_keys
                    if c.required_fk and isinstance(own.get(c.name), str) and own[c.name]
                }
                child_id = self.object(value, child_table, child_pointer, shared)
                column = hsds.single_column(table_name, key)
                if child_id and table.column(column) is not None:
                    if own.get(column) in (None, ""):
                        own[column] = child_id
                    elif own[column] != child_id:
                        self.report.error(
                            f"{where}:{column}", f"{own[column]!r} differs from {key}.id"
                        )
                continue
            if not isinstance(value, list):
                self.report.error(f"{self.name}:{child_pointer}", "expected a list")
                continue
            child_table = table.nested[key]
            for index, item in enumerate(value):
                self.object(
                    item,
                    child_table,
                    f"{child_pointer}/{index}",
                    _implied(table_name, own_id, child_table),
                )
        self.add(table, own, pointer, {})
        return own_id

    def add(self, table: Table, values: dict[str, Any], pointer: str, _: dict[str, Any]) -> None:
        where = f"{self.name}:{pointer or '/'}"
        self.records.append(
            Record(table.name, values, {c: f"{where}:{c}" for c in values}, where, typed=True)
        )


def _link_single_objects(table: Table, own: dict[str, Any], children: list[Any]) -> None:
    """Fill in the column of each nested single object from its id before reading any
    child, so that a nested program finds the organization of its service whatever the
    order of the keys."""
    for kind, key, value in children:
        if kind != "single" or not isinstance(value, dict):
            continue
        column = hsds.single_column(table.name, key)
        child_id = value.get("id")
        if table.column(column) and isinstance(child_id, str) and _empty(own.get(column)):
            own[column] = child_id


def _implied(parent: str, parent_id: str | None, child: str) -> dict[str, Any]:
    """The columns a nested child takes from its parent."""
    if not parent_id:
        return {}
    if child == "attribute":
        return {"link_id": parent_id, "link_entity": parent}
    if child == "metadata":
        return {"resource_id": parent_id, "resource_type": parent}
    column = f"{parent}_id"
    if hsds.tables()[child].column(column) is not None:
        return {column: parent_id}
    return {}


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


# Validation


UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def convert(column: Column, value: Any, typed: bool, where: str, report: Report) -> Any:
    """A raw value as the Python value to store; problems are reported."""
    if _empty(value):
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
            if _empty(record.values.get(name)):
                report.error(record.where.get(name, f"{record.origin}:{name}"), "required")
        for column in table.columns:
            missing = _empty(record.values.get(column.name))
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


# Writing


def write(prepared: list[Prepared], report: Report) -> None:
    by_table: dict[str, list[Prepared]] = {}
    for item in prepared:
        by_table.setdefault(item.table.name, []).append(item)
    for name, items in by_table.items():
        table = hsds.tables()[name]
        model = table.model
        has_unresolved = any(f.name == "unresolved" for f in model._meta.fields)
        existing = {
            obj.pk: obj
            for batch in _batches([i.id for i in items], 500)
            for obj in model.objects.filter(pk__in=batch)
        }
        new, changed, fields = [], [], set()
        for item in items:
            obj = existing.get(item.id) or model(pk=item.id)
            for column in table.columns:
                if column.name not in item.values or column.name == "id":
                    continue
                value = item.values[column.name]
                model_field = model._meta.get_field(column.attname)
                if value is None and not model_field.null:
                    value = ""
                setattr(obj, column.attname, value)
                fields.add(column.attname)
                if has_unresolved:
                    kept = dict(obj.unresolved or {})
                    if column.name in item.unresolved:
                        kept[column.name] = item.unresolved[column.name]
                    elif column.target:
                        kept.pop(column.name, None)
                    obj.unresolved = kept
                    fields.add("unresolved")
            (changed if item.id in existing else new).append(obj)
        model.objects.bulk_create(new, batch_size=500)
        if changed and fields:
            model.objects.bulk_update(changed, sorted(fields), batch_size=500)
        report.created[name] = len(new)
        report.updated[name] = len(changed)
    resolve_kept_references()


def _batches(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def resolve_kept_references() -> None:
    """Kept references whose object now exists become real foreign keys."""
    for table in hsds.tables().values():
        model = table.model
        if not any(f.name == "unresolved" for f in model._meta.fields):
            continue
        for obj in model.objects.exclude(unresolved={}):
            kept = dict(obj.unresolved)
            for column in table.foreign_keys:
                value = kept.get(column.name)
                target = hsds.tables()[column.target].model
                if value and target.objects.filter(pk=value).exists():
                    setattr(obj, column.attname, value)
                    del kept[column.name]
            if kept != obj.unresolved:
                obj.unresolved = kept
                obj.save()


# Communes


NAMES = {
    name_key(name): commune.nis
    for commune in COMMUNES
    for name in {commune.name_fr, commune.name_nl}
}
# "Bruxelles-Ville", "Ville de Bruxelles", "Stad Brussel" name the City of Brussels.
NAMES.update(
    {name_key(n): "21004" for n in ("Bruxelles-Ville", "Ville de Bruxelles", "Stad Brussel")}
)
NIS_RE = re.compile(r"(?<!\d)(21\d{3})(?!\d)")


def commune_of(*texts: str) -> str:
    """The NIS code a service area names: a NIS code (alone or ending a URI) or a commune
    name in French or Dutch. Empty when none is recognised."""
    from maillage.territory.communes import BY_NIS

    for text in texts:
        if not text:
            continue
        for code in NIS_RE.findall(text):
            if code in BY_NIS:
                return code
        folded = name_key(text)
        if folded in NAMES:
            return NAMES[folded]
    return ""


def derive_communes(ids: Iterable[str] | None, report: Report) -> None:
    from .models import ServiceArea

    areas = ServiceArea.objects.all() if ids is None else ServiceArea.objects.filter(pk__in=ids)
    changed = []
    for area in areas:
        code = commune_of(area.uri, area.extent, area.name)
        if not code:
            report.warn(f"service_area {area.pk}", "no Brussels commune recognised")
        if code != area.commune:
            area.commune = code
            changed.append(area)
    ServiceArea.objects.bulk_update(changed, ["commune"], batch_size=500)


# Entry point


def import_path(path: Path | str, *, dry_run: bool = False) -> Report:
    """Read, validate and (when nothing is fatal) write; raises ImportFailed otherwise."""
    report = Report()
    records = read_path(Path(path), report)
    return import_records(records, report, dry_run=dry_run)


def import_data(data: Any, name: str = "data.json", *, reindex: bool = True) -> Report:
    """Import HSDS JSON already parsed (used by the demo content)."""
    report = Report()
    return import_records(read_json(data, name, report), report, reindex=reindex)


def import_records(
    records: list[Record], report: Report, *, dry_run: bool = False, reindex: bool = True
) -> Report:
    prepared = validate(records, report) if not report.errors else []
    if report.errors:
        raise ImportFailed(report)
    if dry_run:
        return report
    with transaction.atomic():
        write(prepared, report)
        areas = [p.id for p in prepared if p.table.name == "service_area"]
        derive_communes(areas, report)
        if reindex:
            rebuild_index()
    return report


def new_id() -> str:
    return str(uuid.uuid4())
