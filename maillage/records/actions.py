"""Every write of the records app: identity corrections that keep their history, and
the erasure of closed cases after the retention period (docs/erasure.md)."""

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from maillage import audit
from maillage import personal_data as registry
from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.intake.models import SupportRequest
from maillage.people.models import Person
from maillage.people.personal_data import ANONYMOUS_FAMILY_NAME, anonymise_persons
from maillage.versioning import bump_version

from .models import ErasedCase, Rectification

# Identity details a case worker may correct; each correction keeps the old value.
RECTIFIABLE = (
    "given_name",
    "family_name",
    "birth_date",
    "residence",
    "language",
    "phone",
    "email",
)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@transaction.atomic
def rectify_person(
    person: Person,
    *,
    by: User,
    changes: dict[str, Any],
    reason: str,
    version: int | None = None,
) -> list[Rectification]:
    """Correct identity details; each changed field keeps its old and new value, with
    the reason, in the history (`Rectification`). Refuses a stale `version`."""
    unknown = set(changes) - set(RECTIFIABLE)
    if unknown:
        raise ValueError(f"Not an identity detail: {sorted(unknown)}")
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one: correct that one."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the details are corrected.")})
    changed = {
        name: (getattr(person, name), value)
        for name, value in changes.items()
        if _as_text(getattr(person, name)) != _as_text(value)
    }
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    for name, (_old, new) in changed.items():
        setattr(person, name, new.strip() if isinstance(new, str) else new)
    person.full_clean(exclude=["merged_into"])
    bump_version(person, version)
    person.save()
    corrections = Rectification.objects.bulk_create(
        Rectification(
            person=person,
            field=name,
            old_value=_as_text(old),
            new_value=_as_text(getattr(person, name)),
            reason=reason,
            by=by,
        )
        for name, (old, _new) in changed.items()
    )
    audit.record(by, "person.rectified", person=person, target=person, changes=list(changed))
    return corrections


# Erasure after the retention period


@dataclass
class ErasureReport:
    cases: int = 0
    persons: int = 0
    rows: Counter[str] = field(default_factory=Counter)  # "label (what)" → rows

    def add(self, other: "ErasureReport") -> None:
        self.cases += other.cases
        self.persons += other.persons
        self.rows.update(other.rows)


@transaction.atomic
def erase_case(case: Case, *, retention_days: int, now: datetime) -> ErasureReport:
    """Erase the personal content of one closed case; anonymise its person too when
    nothing else of theirs is still kept (see `person_may_be_anonymised`). Aggregates
    (the rows of cases, requests, decisions, persons, with their dates, programmes,
    phases, outcomes and reasons) stay; audit events are never touched."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    report = ErasureReport(cases=1)
    for entry in reversed(registry.entries()):
        if entry.case_path:
            rows = entry.model_class._base_manager.filter(**{entry.case_path: case.pk})
            _erase(entry, rows, report)
    person = Person.objects.get(pk=case.person_id)
    anonymised = person_may_be_anonymised(person, erasing=case, now=now, days=retention_days)
    if anonymised:
        report.add(_anonymise(person))
    ErasedCase.objects.create(
        case=case,
        erased_at=now,
        retention_days=retention_days,
        person_anonymised=anonymised,
        rows=dict(report.rows),
    )
    audit.record(
        None,
        "case.erased",
        person=case.person_id,
        case=case,
        target=case,
        changes=sorted({key.split(" ")[0] for key in report.rows}),
    )
    return report


def erase_expired_cases(*, retention_days: int, now: datetime, dry_run: bool) -> ErasureReport:
    """Erase every closed case past the retention period, each in its own transaction.

    A dry run does the same inside one transaction that is rolled back, so its counts are
    exact."""
    from .erasure import expired_cases

    report = ErasureReport()
    cases = list(expired_cases(retention_days=retention_days, now=now))
    with transaction.atomic() if dry_run else nullcontext():
        for case in cases:
            report.add(erase_case(case, retention_days=retention_days, now=now))
        if dry_run:
            transaction.set_rollback(True)
    return report


def person_may_be_anonymised(person: Person, *, erasing: Case, now: datetime, days: int) -> bool:
    """Only when every other case of theirs was erased, and they have no open request
    nor any request received within the retention period."""
    cutoff = now - timedelta(days=days)
    other_cases = (
        Case.objects.filter(person=person).exclude(pk=erasing.pk).filter(erasure__isnull=True)
    )
    if other_cases.exists():
        return False
    requests = SupportRequest.objects.filter(person=person)
    return not requests.filter(
        Q(status=SupportRequest.Status.OPEN) | Q(received_at__gte=cutoff)
    ).exists()


def _anonymise(person: Person) -> ErasureReport:
    """Everything left about the person (requests without a case, corrections, merged
    duplicates), then the identity itself."""
    report = ErasureReport(persons=1)
    person_ids = [
        person.pk,
        *Person.objects.filter(merged_into=person).values_list("pk", flat=True),
    ]
    for entry in reversed(registry.entries()):
        rows = entry.model_class._base_manager.filter(**{f"{entry.person_path}__in": person_ids})
        _erase(entry, rows, report)
    changed = anonymise_persons(_not_anonymised(Person.objects.filter(pk=person.pk)))
    if changed:
        report.rows["person (people.person): anonymised"] += changed
    audit.record(None, "person.anonymised", person=person, target=person)
    return report


def _not_anonymised(persons: QuerySet[Person]) -> QuerySet[Person]:
    return persons.exclude(family_name=ANONYMOUS_FAMILY_NAME, phone="", email="")


def _erase(entry: registry.Entry, rows: QuerySet[Any], report: ErasureReport) -> None:
    label = entry.model_class._meta.label_lower
    how = entry.erase
    if how == registry.KEEP:
        return
    if how == registry.DELETE:
        _total, per_model = rows.delete()
        if per_model.get(entry.model_class._meta.label):
            report.rows[f"{entry.key} ({label}): deleted"] += per_model[
                entry.model_class._meta.label
            ]
        return
    if callable(how):
        if entry.model == "people.Person":
            rows = _not_anonymised(rows)
        changed = how(rows)
        if changed:
            report.rows[f"{entry.key} ({label}): anonymised"] += changed
        return
    plain = {name: value for name, value in how.items() if value is not registry.REDACT}
    redacted = [name for name, value in how.items() if value is registry.REDACT]
    differs = Q()
    for name, value in plain.items():
        differs |= ~Q(**{name: value})
    for name in redacted:
        differs |= ~Q(**{name: ""}) & ~Q(**{name: registry.MARKER})
    changed = rows.filter(differs).count()
    if not changed:
        return
    if plain:
        rows.update(**plain)
    for name in redacted:  # texts that may not be empty keep a marker instead
        rows.exclude(**{name: ""}).update(**{name: registry.MARKER})
    report.rows[f"{entry.key} ({label}): cleared"] += changed
