"""The HSDS 3.0 tables as data: read once from the shipped official files.

`TABLES` (in the order of the official datapackage.json) gives, for each HSDS table, its
CSV file name, its columns with their tabular types, the required ones, the enums, and
the Django model and foreign keys behind it. The importer, the exporter and the API all
work from these specs, so a column is never forgotten in one of them.
Files: data/hsds-3.0/ (CC BY-SA 4.0, see LICENSE.md there).
"""

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models

DATA = Path(__file__).resolve().parent / "data" / "hsds-3.0"
SCHEMA_DIR = DATA / "schema"

# Objects nested in HSDS JSON that the per-object schema files do not list but the
# official examples and the API use (organization.services, service_at_location.service).
EXTRA_NESTED = {"organization": {"services": "service"}}
EXTRA_SINGLE = {"service_at_location": {"service": "service"}}
# A nested single object whose foreign key column is not `<key>_id`.
SINGLE_COLUMN = {("taxonomy_term", "taxonomy_detail"): "taxonomy_id"}


@dataclass
class Column:
    name: str
    type: str  # tabular type: string, number, date, time, datetime
    format: str | None
    enum: tuple[str, ...] | None
    attname: str  # the model attribute holding the value (`organization_id`…)
    target: str | None = None  # HSDS table a foreign key points to
    required_fk: bool = False


@dataclass
class Table:
    name: str
    path: str
    columns: list[Column]
    required: frozenset[str]  # required in JSON
    tabular_required: frozenset[str]  # required in addition in CSV
    model: type[models.Model]
    nested: dict[str, str] = field(default_factory=dict)  # key → child table (arrays)
    single: dict[str, str] = field(default_factory=dict)  # key → table (one object)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def foreign_keys(self) -> list[Column]:
        return [c for c in self.columns if c.target]

    def fields(self) -> set[str]:
        return set(self.column_names) | set(self.nested) | set(self.single)


def _model_for(table: str) -> type[models.Model]:
    return apps.get_model("directory", table.replace("_", ""))


def _schema(table: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{table}.json").read_text())


@cache
def datapackage() -> dict[str, Any]:
    return json.loads((DATA / "datapackage.json").read_text())


@cache
def tables() -> dict[str, Table]:
    found: dict[str, Table] = {}
    for resource in datapackage()["resources"]:
        name = resource["name"]
        model = _model_for(name)
        schema = _schema(name)
        fks = {
            f.column: f
            for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey) and f.concrete
        }
        targets = {fk["fields"]: fk["reference"]["resource"] for fk in _fks(resource)}
        columns = []
        for spec in resource["schema"]["fields"]:
            column = spec["name"]
            enum = spec.get("constraints", {}).get("enum")
            fk = fks.get(column)
            columns.append(
                Column(
                    name=column,
                    type=spec.get("type", "string"),
                    format=spec.get("format"),
                    enum=tuple(enum) if enum else None,
                    attname=fk.attname if fk else column,
                    target=(targets.get(column) or _target_of(fk)) if fk else None,
                    required_fk=bool(fk and not fk.null),
                )
            )
        nested, single = {}, {}
        for key, prop in schema["properties"].items():
            ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
            if not ref:
                continue
            child = ref.removesuffix(".json")
            (nested if prop.get("type") == "array" else single)[key] = child
        nested.update(EXTRA_NESTED.get(name, {}))
        single.update(EXTRA_SINGLE.get(name, {}))
        found[name] = Table(
            name=name,
            path=resource["path"],
            columns=columns,
            required=frozenset(schema.get("required", [])),
            tabular_required=frozenset(schema.get("tabular_required", [])),
            model=model,
            nested=nested,
            single=single,
        )
    return found


def _fks(resource: dict[str, Any]) -> list[dict[str, Any]]:
    return resource["schema"].get("foreignKeys") or []


def _target_of(fk: models.ForeignKey) -> str:
    return _table_of_model(fk.related_model)


def _table_of_model(model: Any) -> str:
    return next(
        (r["name"] for r in datapackage()["resources"] if _model_for(r["name"]) is model), ""
    )


def table_of(model: type[models.Model]) -> Table:
    return tables()[_table_of_model(model)]


def by_path() -> dict[str, Table]:
    return {table.path: table for table in tables().values()}


def single_column(table: str, key: str) -> str:
    return SINGLE_COLUMN.get((table, key), f"{key}_id")


# Values: model value ⇄ tabular text ⇄ JSON


def unresolved_of(obj: models.Model) -> dict[str, str]:
    return getattr(obj, "unresolved", None) or {}


def value_of(obj: models.Model, column: Column) -> Any:
    """The HSDS value of one column (a dangling reference kept aside counts)."""
    value = getattr(obj, column.attname)
    if value in (None, "") and column.target:
        return unresolved_of(obj).get(column.name) or None
    return None if value == "" else value


def number_text(value: float | int) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


def datetime_text(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    if not value.microsecond:
        spec = "seconds"
    else:
        spec = "microseconds" if value.microsecond % 1000 else "milliseconds"
    text = value.isoformat(timespec=spec)
    return text.replace("+00:00", "Z")


def to_text(value: Any) -> str:
    """A value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def to_json(value: Any) -> Any:
    """A value as JSON (numbers stay numbers; whole floats become integers)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return to_text(value)


def row(obj: models.Model, table: Table) -> dict[str, Any]:
    """One object as an HSDS row: column → value (None when empty)."""
    return {column.name: value_of(obj, column) for column in table.columns}


def object_json(obj: models.Model, table: Table, *, keep_ids: bool = True) -> dict[str, Any]:
    """One object as HSDS JSON: its own columns, empty values left out."""
    found = {}
    for column in table.columns:
        value = value_of(obj, column)
        if value is None and column.name not in table.required:
            continue
        if column.target and not keep_ids and column.name != "id":
            continue
        found[column.name] = "" if value is None else to_json(value)
    return found
