"""Check an HSDS 3.0 tabular data package against the official descriptor, as a Frictionless
validator would: read only `data/hsds-3.0/datapackage.json` (not our table specs), then
every resource's header, every cell's type, format (uuid, uri, email) and constraints
(required, unique, enum), every primary key and every foreign key; plus the two
references the descriptor cannot declare (`attribute.link_id` names a row of the table
in `link_entity`, `metadata.resource_id` one of the table in `resource_type`).

`package_problems(folder)` returns the problems as "file:line:column: what" texts and
the number of cells checked; an empty list means the package is valid.
"""

import csv
import json
import re
import uuid
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from maillage.directory import hsds

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Tables named in `attribute.link_entity` and `metadata.resource_type`.
POLYMORPHIC = (
    ("attribute", "link_id", "link_entity"),
    ("metadata", "resource_id", "resource_type"),
)


def package_problems(folder: Path) -> tuple[list[str], int]:
    descriptor = json.loads((hsds.DATA / "datapackage.json").read_text())
    rows = {
        resource["name"]: _read(folder / resource["path"]) for resource in descriptor["resources"]
    }
    problems: list[str] = []
    checked = 0
    for resource in descriptor["resources"]:
        header, lines = rows[resource["name"]]
        fields = resource["schema"]["fields"]
        if header != [f["name"] for f in fields]:
            problems.append(f"{resource['path']}: header {header} is not the official one")
            continue
        for spec in fields:
            seen: dict[str, int] = {}
            for line, row in lines:
                checked += 1
                value = row[spec["name"]]
                where = f"{resource['path']}:{line}:{spec['name']}"
                problems += [f"{where}: {problem}" for problem in _cell_problems(spec, value)]
                unique = spec.get("constraints", {}).get("unique")
                if unique and value != "":
                    if value in seen:
                        problems.append(f"{where}: {value!r} also on line {seen[value]} (unique)")
                    seen.setdefault(value, line)
        problems += _primary_key_problems(resource, lines)
    problems += _foreign_key_problems(descriptor, rows)
    return problems, checked


def _read(file: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    if not file.exists():
        return [], []
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        return header, [
            (n, dict(zip(header, cells, strict=True))) for n, cells in enumerate(reader, 2)
        ]


def _cell_problems(spec: dict[str, Any], value: str) -> list[str]:
    constraints = spec.get("constraints", {})
    if value == "":
        return ["required, empty"] if constraints.get("required") else []
    problems = []
    kind, form = spec.get("type", "string"), spec.get("format", "default")
    if not _has_type(kind, value):
        problems.append(f"{value!r} is not a {kind}")
    if form == "uuid" and not _is_uuid(value):
        problems.append(f"{value!r} is not a uuid")
    if form == "uri" and not _is_uri(value):
        problems.append(f"{value!r} is not a uri (scheme and host)")
    if form == "email" and not EMAIL.match(value):
        problems.append(f"{value!r} is not an email")
    if "enum" in constraints and value not in constraints["enum"]:
        problems.append(f"{value!r} is not one of {constraints['enum']}")
    return problems


def _has_type(kind: str, value: str) -> bool:
    parse = {
        "number": float,
        "date": date.fromisoformat,
        "time": time.fromisoformat,
        "datetime": datetime.fromisoformat,
    }.get(kind)
    if parse is None:
        return True
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _is_uri(value: str) -> bool:
    """RFC 3986 absolute URI: a scheme, and a host for the web ones; no spaces."""
    if any(character.isspace() for character in value):
        return False
    parts = urlsplit(value)
    if not re.match(r"^[a-z][a-z0-9+.-]*$", parts.scheme, re.IGNORECASE):
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return bool(parts.netloc or parts.path)


def _primary_key_problems(resource: dict[str, Any], lines: list) -> list[str]:
    key = resource["schema"].get("primaryKey")
    names = [key] if isinstance(key, str) else list(key or [])
    if not names:
        return []
    seen: dict[tuple[str, ...], int] = {}
    problems = []
    for line, row in lines:
        value = tuple(row[name] for name in names)
        if value in seen:
            problems.append(f"{resource['path']}:{line}: primary key {value} also on {seen[value]}")
        seen.setdefault(value, line)
    return problems


def _foreign_key_problems(descriptor: dict[str, Any], rows: dict[str, Any]) -> list[str]:
    known_values: dict[tuple[str, str], set[str]] = {}

    def values(resource: str, column: str) -> set[str]:
        if (resource, column) not in known_values:
            known_values[resource, column] = {row[column] for _line, row in rows[resource][1]}
        return known_values[resource, column]

    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    problems = []
    for resource in descriptor["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            column, target = key["fields"], key["reference"]
            known = values(target["resource"], target["fields"])
            for line, row in rows[resource["name"]][1]:
                if row[column] and row[column] not in known:
                    problems.append(
                        f"{resource['path']}:{line}:{column}: {row[column]} is no "
                        f"{target['resource']}.{target['fields']}"
                    )
    for table, column, kind in POLYMORPHIC:
        for line, row in rows[table][1]:
            if row[kind] not in rows:
                problems.append(f"{paths[table]}:{line}:{kind}: {row[kind]!r} is no table")
            elif row[column] not in values(row[kind], "id"):
                problems.append(f"{paths[table]}:{line}:{column}: {row[column]} is no {row[kind]}")
    return problems
