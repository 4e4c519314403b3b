"""Reading: files (a data package of CSV files, HSDS JSON, a zip of either) → raw
records, one per HSDS object, nested JSON objects included with their parent's id filled
in. Values stay as read (text from CSV, JSON values); only what cannot be read at all is
a problem here.

A package may come zipped, keep its files in sub-folders, name its resources after their
files, declare a CSV dialect and an encoding (UTF-8, byte order mark or not, by default).
A JSON object's table comes from its parent, else from the file name (`services.json`,
`service_list.json`), else from its keys (the whole list's when it is in one). A CSV cell
our export quoted so that no spreadsheet takes it for a formula is read back unquoted
(maillage/spreadsheets.py).
"""

import codecs
import csv
import json
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from maillage.directory import hsds
from maillage.directory.hsds import Table
from maillage.spreadsheets import restore_cell

from .report import Record, Report, is_empty


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
        if table.column(column) and isinstance(child_id, str) and is_empty(own.get(column)):
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
