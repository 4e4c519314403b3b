"""Every write to assessments: record one (a first assessment or a re-assessment), correct one.

A re-assessment is a new Assessment, so the history stays; correcting an assessment
(a typo the same day) changes it in place, guarded by its version.
"""

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.categories import LifeDomain
from maillage.versioning import bump_version

from .models import Assessment, DomainAssessment
from .queries import DOMAIN_FIELDS, compare, domains_offered


@dataclass
class DomainData:
    """What is said about one life domain; empty texts and None mean "not said"."""

    domain: str
    needs: str = ""
    difficulties: str = ""
    resources_person: str = ""
    resources_entourage: str = ""
    severity: int | None = None
    person_priority: int | None = None
    readiness: str = ""
    risks: str = ""

    @classmethod
    def of(cls, row: DomainAssessment) -> "DomainData":
        return cls(**{field.name: getattr(row, field.name) for field in fields(cls)})

    def is_filled(self) -> bool:
        return any(getattr(self, field) not in ("", None) for field in DOMAIN_FIELDS)

    def filled_fields(self) -> set[str]:
        return {field for field in DOMAIN_FIELDS if getattr(self, field) not in ("", None)}


@transaction.atomic
def record_assessment(
    case: Case,
    *,
    by: User,
    domains: list[DomainData],
    summary: str = "",
    assessed_on: date | None = None,
) -> Assessment:
    """Record a dated assessment of the case; only the domains with something said are kept.

    Raises ValidationError naming the field: `assessed_on`, `domains`, or
    `domains.<index>.<field>` (the index in `domains`).
    """
    assessed_on = assessed_on or timezone.localdate()
    rows = _checked_rows(case, None, assessed_on=assessed_on, summary=summary, domains=domains)
    assessment = Assessment.objects.create(
        case=case, assessed_on=assessed_on, summary=summary, assessed_by=by
    )
    for row in rows:
        row.assessment = assessment
    DomainAssessment.objects.bulk_create(rows)
    filled = {field for data in domains if data.is_filled() for field in data.filled_fields()}
    audit.record(
        by,
        "assessment.added",
        person=case.person_id,
        case=case,
        target=assessment,
        part="assessments",
        changes=["assessed_on", *(["summary"] if summary else []), "domains", *filled],
    )
    return assessment


@transaction.atomic
def change_assessment(
    assessment: Assessment,
    *,
    by: User,
    version: int | None,
    domains: list[DomainData],
    summary: str = "",
    assessed_on: date | None = None,
) -> Assessment:
    """Correct an assessment in place (its domains are replaced by `domains`).

    Raises StaleVersion when someone saved it since `version` was read.
    """
    case = assessment.case
    assessed_on = assessed_on or assessment.assessed_on
    rows = _checked_rows(
        case, assessment, assessed_on=assessed_on, summary=summary, domains=domains
    )
    before = list(assessment.domains.all())
    bump_version(assessment, version)
    changed = [
        name
        for name, value in (("assessed_on", assessed_on), ("summary", summary))
        if getattr(assessment, name) != value
    ]
    for change in compare(before, rows):
        changed.append("domains" if change.kind != "changed" else change.field)
    assessment.assessed_on, assessment.summary = assessed_on, summary
    assessment.save(update_fields=["assessed_on", "summary", "updated_at"])
    DomainAssessment.objects.filter(assessment=assessment).delete()
    for row in rows:
        row.assessment = assessment
    DomainAssessment.objects.bulk_create(rows)
    # The cached rows are those of before the change.
    getattr(assessment, "_prefetched_objects_cache", {}).pop("domains", None)
    audit.record(
        by,
        "assessment.changed",
        person=case.person_id,
        case=case,
        target=assessment,
        part="assessments",
        changes=set(changed),
    )
    return assessment


def _checked_rows(
    case: Case,
    assessment: Assessment | None,
    *,
    assessed_on: date,
    summary: str,
    domains: list[DomainData],
) -> list[DomainAssessment]:
    """The rows to store (unsaved, in domain order), or ValidationError naming each field."""
    errors: dict[str, Any] = {}
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = _("An assessment cannot be dated in the future.")
    offered = domains_offered(case, assessment)
    seen: set[str] = set()
    rows = []
    for index, data in enumerate(domains):
        prefix = f"domains.{index}"
        if data.domain not in offered:
            errors[f"{prefix}.domain"] = _unknown_domain(data.domain, offered)
            continue
        if data.domain in seen:
            errors[f"{prefix}.domain"] = _("This life domain is already in the list.")
            continue
        seen.add(data.domain)
        if not data.is_filled():
            continue
        row = DomainAssessment(**{field.name: getattr(data, field.name) for field in fields(data)})
        try:
            row.full_clean(
                exclude=["assessment"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"{prefix}.{field}"] = messages
        rows.append(row)
    if not errors and not rows and not summary.strip():
        errors["domains"] = _("Say something about at least one life domain, or write a summary.")
    if errors:
        raise ValidationError(errors)
    return sorted(rows, key=lambda row: offered.index(row.domain))


def _unknown_domain(domain: str, offered: list[str]) -> str:
    if domain in LifeDomain.values:
        return _("This programme does not assess this life domain. Choose one of: %(codes)s.") % {
            "codes": ", ".join(offered)
        }
    return _("Unknown life domain. Choose one of: %(codes)s.") % {"codes": ", ".join(offered)}
