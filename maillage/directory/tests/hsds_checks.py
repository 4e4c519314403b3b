"""Shared checks of the HSDS tests: stored values against source values, field by field."""

import csv
import json
import math
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from maillage.directory import hsds
from maillage.directory.importer import detect_table

EXAMPLES = Path(__file__).resolve().parent / "hsds_examples"
JSON_EXAMPLES = sorted(p.name for p in EXAMPLES.glob("*.json"))


def normal(value: Any) -> Any:
    """A value in a comparable form: empty → None, numbers → float, times → ISO text."""
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return hsds.to_text(value)
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def same(stored: Any, source: Any) -> bool:
    """Does the stored value equal the source value (text from CSV or a JSON value)?"""
    if isinstance(stored, time) and isinstance(source, str):  # "10:00" is "10:00:00"
        return stored == time.fromisoformat(source)
    stored, source = normal(stored), normal(source)
    if stored is None or source is None:
        return stored is None and source is None
    if isinstance(stored, float):
        try:
            return math.isclose(stored, float(source))
        except (TypeError, ValueError):
            return False
    if isinstance(source, float):  # a number given for a text field
        return stored == hsds.number_text(source)
    if isinstance(stored, str) and isinstance(source, str):
        if stored == source:
            return True
        try:  # dates, times, date-times written another way
            parsed = datetime.fromisoformat(source)
            return parsed.timestamp() == datetime.fromisoformat(stored).timestamp()
        except ValueError:
            return False
    return stored == source


def stored(table: str, object_id: str, column: str) -> Any:
    spec = hsds.tables()[table]
    obj = spec.model.objects.get(pk=object_id)
    return hsds.value_of(obj, spec.column(column))


def compare_csv_folder(folder: Path) -> tuple[int, list[str]]:
    """Every cell of every CSV table against the database: (cells checked, differences)."""
    checked, differences = 0, []
    for table in hsds.tables().values():
        file = folder / table.path
        if not file.exists():
            continue
        with file.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), 2):
                for column, value in row.items():
                    checked += 1
                    found = stored(table.name, row["id"], column)
                    if not same(found, value):
                        differences.append(f"{table.path}:{line}:{column}: {found!r} != {value!r}")
    return checked, differences


def compare_json(data: Any, name: str) -> tuple[int, list[str]]:
    """Every scalar of every HSDS object in a JSON example against the database, plus the
    link of each nested object to its parent."""
    checked, differences = 0, []

    def walk(obj: dict[str, Any], table: str, pointer: str, parent: tuple[str, str] | None):
        nonlocal checked
        spec = hsds.tables()[table]
        for key, value in obj.items():
            if key in spec.nested:
                for index, item in enumerate(value):
                    walk(item, spec.nested[key], f"{pointer}/{key}/{index}", (table, obj["id"]))
            elif key in spec.single:
                walk(value, spec.single[key], f"{pointer}/{key}", None)
                column = hsds.single_column(table, key)
                if spec.column(column):
                    checked += 1
                    if stored(table, obj["id"], column) != value["id"]:
                        differences.append(f"{name}:{pointer}:{column}: not linked to {key}")
            elif spec.column(key):
                checked += 1
                found = stored(table, obj["id"], key)
                if not same(found, value):
                    differences.append(f"{name}:{pointer}:{key}: {found!r} != {value!r}")
        if parent:
            parent_table, parent_id = parent
            column = {"attribute": "link_id", "metadata": "resource_id"}.get(
                table, f"{parent_table}_id"
            )
            if spec.column(column) and column not in obj:
                checked += 1
                if stored(table, obj["id"], column) != parent_id:
                    differences.append(f"{name}:{pointer}:{column}: not linked to its parent")

    if isinstance(data, dict) and "contents" in data:
        items = [(item, f"/contents/{i}") for i, item in enumerate(data["contents"])]
    elif isinstance(data, list):
        items = [(item, f"/{i}") for i, item in enumerate(data)]
    elif isinstance(data, dict) and any(key in hsds.by_path() for key in data):
        for path, rows in data.items():
            table = hsds.by_path()[path]
            for index, row in enumerate(rows):
                for column, value in row.items():
                    checked += 1
                    if not same(stored(table.name, row["id"], column), value):
                        differences.append(f"{name}:/{path}/{index}:{column}")
        return checked, differences
    elif isinstance(data, dict) and "id" in data:
        items = [(data, "")]
    else:
        return checked, differences
    hint = Path(name).stem.removesuffix("_full").removesuffix("_list")
    for item, pointer in items:
        table = detect_table(item, hint if hint in hsds.tables() else None)
        walk(item, table, pointer, None)
    return checked, differences


def load_example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


# Validation against the official schemas


def registry() -> Registry:
    resources = []
    for file in hsds.SCHEMA_DIR.glob("*.json"):
        if file.name == "openapi.json":
            continue
        contents = json.loads(file.read_text())
        resources.append((file.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


def validator(table: str, reg: Registry) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"{table}.json"}, registry=reg)


def csv_row_to_json(table: hsds.Table, row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the JSON object it stands for: empty cells left out, numbers typed."""
    found: dict[str, Any] = {}
    for column in table.columns:
        text = row.get(column.name, "")
        if text == "":
            continue
        if column.type == "number":
            number = float(text)
            found[column.name] = int(number) if number.is_integer() else number
        else:
            found[column.name] = text
    return found


def compiled_service_validator() -> Draft202012Validator:
    schema = json.loads(
        (hsds.SCHEMA_DIR / "compiled" / "service_with_definitions.json").read_text()
    )
    return Draft202012Validator(schema)
