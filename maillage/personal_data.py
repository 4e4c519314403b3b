"""The registry of what Maillage holds about a person: one entry per model.

Each entry says how to reach the model's rows from the person (`person_path`), which
fields the export carries, where the rows nest (`parent`), and what erasure does to them
(`case_path` and `erase`). The export (`export.py`), the erasure (`erasure.py`) and the
completeness test all read this one list, so a new person-level model is covered by
adding one entry — in its own app's `personal_data.py`, which the records app imports at
start-up (`autodiscover_modules("personal_data")`, see apps.py):

    from maillage.personal_data import Entry, register

    register(Entry(key="referrals", model="orientation.Referral", parent="cases",
                   parent_field="case", person_path="case__person", case_path="case",
                   fields=("sent_at", "service", "status"), title=_("Referrals"),
                   erase={"note": ""}))

This module knows no app's models (it imports only Django), so any app may import it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils import formats

# What erasure does to an entry's rows: keep them as they are, delete them, (a mapping)
# overwrite these fields with these values — REDACT puts the marker in a text that is
# not empty (for texts that may not be empty) — or (a function) anything else, given
# the rows' queryset and returning how many it changed.
KEEP = "keep"
DELETE = "delete"
REDACT = object()
MARKER = "[…]"
Erasure = str | Mapping[str, Any] | Callable[[QuerySet[Any]], int]


@dataclass(frozen=True)
class Entry:
    key: str  # its name in the export ("journal")
    model: str  # "app_label.ModelName"
    person_path: str  # lookup from the model to the person's id ("case__person")
    fields: tuple[str, ...]  # exported fields ("id" is always added)
    title: Any  # heading in the readable export (translatable)
    parent: str = ""  # key of the entry its rows nest under; "" = top level
    parent_field: str = ""  # the field pointing at the parent's row ("case")
    case_path: str = ""  # lookup to the case's id: erased with the case; "" = with the person
    erase: Erasure = KEEP
    select_related: tuple[str, ...] = ()
    label: Callable[[Any], str] | None = None  # one row in a heading or a reference
    table: bool = False  # readable export: one table row per record (long lists)
    rows: Callable[[list[Any]], QuerySet[Any]] | None = None  # a selection of its own
    # Words for a field's value in the readable export, when its value is data (a JSON
    # snapshot) that the generic display would print as codes: field name → function.
    readable: Mapping[str, Callable[[Any], str]] = field(
        default_factory=dict, hash=False, compare=False
    )
    # Where it comes in the export (and, reversed, in the erasure): lower first, after its
    # parent; equal positions keep the order of registration (that of INSTALLED_APPS).
    position: int = 1000

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def queryset(self, person_ids: list[Any]) -> QuerySet[Any]:
        """The entry's rows about these person records (the person and merged ones)."""
        model = self.model_class
        if self.rows is not None:
            queryset = self.rows(person_ids)
        else:
            queryset = model._base_manager.filter(**{f"{self.person_path}__in": person_ids})
        related = {*self.select_related, *self.user_fields()}
        if related:
            queryset = queryset.select_related(*sorted(related))
        many = [name for name in self.fields if _field(model, name).many_to_many]
        if many:
            queryset = queryset.prefetch_related(*many)
        return queryset.order_by(*(model._meta.ordering or ["pk"]))

    def user_fields(self) -> list[str]:
        """Fields naming a user or reference data (programme, team…): exported by the
        name of what they point at (joined, no N+1). Fields pointing at another record
        of the export carry its id instead."""
        model = self.model_class
        covered = covered_models()
        return [
            name
            for name in self.fields
            if _is_reference(_field(model, name))
            and _field(model, name).related_model._meta.label_lower not in covered
        ]


def _field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def _is_reference(model_field: Any) -> bool:
    """A foreign key or a one-to-one field of this model (not a reverse relation)."""
    return bool(model_field.concrete and (model_field.many_to_one or model_field.one_to_one))


_ENTRIES: dict[str, Entry] = {}
_COVERED: set[str] = set()  # covered_models(), emptied by each registration


def register(*entries: Entry) -> None:
    """Add entries; registering the same key again replaces it (reloads, tests)."""
    for entry in entries:
        if isinstance(entry.erase, str) and entry.erase not in (KEEP, DELETE):
            raise ValueError(f"Unknown erasure {entry.erase!r} for {entry.key!r}.")
        _ENTRIES[entry.key] = entry
    _COVERED.clear()


def check() -> None:
    """Every parent is registered and comes before its children (after discovery)."""
    for entry in _ENTRIES.values():
        parent = _ENTRIES.get(entry.parent) if entry.parent else None
        if entry.parent and parent is None:
            raise ValueError(f"{entry.key!r} nests under {entry.parent!r}, never registered.")
        if parent is not None and parent.position > entry.position:
            raise ValueError(f"{entry.key!r} must come after its parent {entry.parent!r}.")


def entries() -> list[Entry]:
    """Every entry by position, parents before their children."""
    return sorted(_ENTRIES.values(), key=lambda entry: entry.position)


def get(key: str) -> Entry:
    return _ENTRIES[key]


def children_of(key: str) -> list[Entry]:
    return [entry for entry in entries() if entry.parent == key]


def covered_models() -> set[str]:
    """Labels ("cases.journalentry") of the models some entry exports (computed once
    after the last registration)."""
    if not _COVERED:
        _COVERED.update(
            apps.get_model(entry.model)._meta.label_lower for entry in _ENTRIES.values()
        )
    return _COVERED


def all_keys() -> list[str]:
    return [entry.key for entry in entries()]


def short_date(value: Any) -> str:
    """A date as a row's label shows it ("" when there is none)."""
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""
