"""Loading: validated values → the database, update-or-create by HSDS id (re-importing
updates, never duplicates), then kept references that now exist become foreign keys and
each service area gets its Brussels commune; all in one transaction (`load`).
"""

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from maillage.directory import hsds
from maillage.directory.search import rebuild_index
from maillage.people.names import name_key
from maillage.territory.communes import COMMUNES

from .report import Report
from .validating import Prepared


def load(prepared: list[Prepared], report: Report, *, reindex: bool = True) -> None:
    """Write the validated objects, then their service areas' communes and the search
    index, in one transaction: an import is written whole or not at all."""
    with transaction.atomic():
        write(prepared, report)
        areas = [p.id for p in prepared if p.table.name == "service_area"]
        derive_communes(areas, report)
        if reindex:
            rebuild_index()


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
    from maillage.directory.models import ServiceArea

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
