"""Reading assessments: the latest, the one before, what changed between two.

Every function here costs a fixed number of queries, whatever the number of
assessments of the case; `compare()` costs none (pass prefetched rows).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Count, Max, Q
from django.http import Http404

from maillage.cases.models import Case
from maillage.categories import LifeDomain

from .models import Assessment, DomainAssessment

# What is said about one domain, in the order the pages show it.
DOMAIN_FIELDS = (
    "needs",
    "difficulties",
    "resources_person",
    "resources_entourage",
    "severity",
    "person_priority",
    "readiness",
    "risks",
)
SCALE_FIELDS = ("severity", "person_priority")
# A domain this severe or more stands out on the case overview.
HIGH_SEVERITY = DomainAssessment.Severity.HIGH


@dataclass(frozen=True)
class Change:
    """One difference between two assessments of the same case.

    `kind` is "added" (the domain is assessed now, not before), "removed" (the other
    way round) or "changed" (then `field` names the field, with its `before` and
    `after` values).
    """

    domain: str
    kind: str
    field: str = ""
    before: Any = None
    after: Any = None

    @property
    def domain_label(self) -> str:
        return str(LifeDomain(self.domain).label)

    @property
    def field_label(self) -> str:
        if not self.field:
            return ""
        return str(DomainAssessment._meta.get_field(self.field).verbose_name)

    @property
    def is_scale(self) -> bool:
        return self.field in SCALE_FIELDS

    @property
    def before_label(self) -> str:
        return scale_label(self.field, self.before) if self.is_scale else str(self.before or "")

    @property
    def after_label(self) -> str:
        return scale_label(self.field, self.after) if self.is_scale else str(self.after or "")


def scale_label(field: str, value: int | None) -> str:
    """A severity or priority as text and number: "high (3)"; "—" when not said."""
    if value is None:
        return "—"
    choices = DomainAssessment.Severity if field == "severity" else DomainAssessment.Priority
    return f"{choices(value).label} ({value})"


def compare(
    previous: Iterable[DomainAssessment] | None, current: Iterable[DomainAssessment]
) -> list[Change]:
    """What changed from one assessment to the next, domain by domain (canonical order).

    Pure: give each assessment's rows (`assessment.domains.all()`, prefetched); None
    for `previous` when there is no earlier assessment (nothing to compare).
    """
    if previous is None:
        return []
    before = {row.domain: row for row in previous}
    after = {row.domain: row for row in current}
    changes: list[Change] = []
    for domain in LifeDomain.values:
        old, new = before.get(domain), after.get(domain)
        if old is None and new is None:
            continue
        if old is None:
            changes.append(Change(domain, "added"))
        elif new is None:
            changes.append(Change(domain, "removed"))
        else:
            changes += [
                Change(domain, "changed", field, getattr(old, field), getattr(new, field))
                for field in DOMAIN_FIELDS
                if getattr(old, field) != getattr(new, field)
            ]
    return changes


def changes_since_previous(assessment: Assessment) -> tuple[Assessment | None, list[Change]]:
    """The assessment before this one (or None) and what changed since; three queries."""
    previous = previous_of(assessment)
    rows = previous.domains.all() if previous is not None else None
    return previous, compare(rows, assessment.domains.all())


def assessment_of(case: Case, assessment_id: Any) -> Assessment:
    """One assessment of the case with its domains, or 404 (also for a malformed id)."""
    try:
        UUID(str(assessment_id))
    except ValueError:
        raise Http404 from None
    assessment = (
        case.assessments.select_related("assessed_by")
        .prefetch_related("domains")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def latest(case: Case) -> Assessment | None:
    """The case's latest assessment with its domains, or None; two queries."""
    return (
        case.assessments.select_related("assessed_by")
        .prefetch_related("domains")
        .order_by("-assessed_on", "-created_at")
        .first()
    )


def previous_of(assessment: Assessment) -> Assessment | None:
    """The assessment of the same case just before this one, with its domains."""
    earlier = Q(assessed_on__lt=assessment.assessed_on) | Q(
        assessed_on=assessment.assessed_on, created_at__lt=assessment.created_at
    )
    return (
        Assessment.objects.filter(earlier, case_id=assessment.case_id)
        .select_related("assessed_by")
        .prefetch_related("domains")
        .order_by("-assessed_on", "-created_at")
        .first()
    )


def history(case: Case) -> list[Assessment]:
    """Every assessment of the case, newest first, without their domains (one query).

    Each carries `domain_count`, `highest_severity` (None when no severity is given)
    and `highest_severity_label` ("high (3)").
    """
    assessments = list(
        case.assessments.select_related("assessed_by")
        .annotate(domain_count=Count("domains"), highest_severity=Max("domains__severity"))
        .order_by("-assessed_on", "-created_at")
    )
    for assessment in assessments:
        assessment.highest_severity_label = scale_label(  # type: ignore[attr-defined]
            "severity",
            assessment.highest_severity,  # type: ignore[attr-defined]
        )
    return assessments


def assessment_summary(case: Case) -> dict[str, Any]:
    """What the case overview shows of the assessments; three queries, whatever the count.

    - `latest`: the latest Assessment (domains prefetched: `latest.domains.all()`), or None;
    - `high_severity`: the latest's DomainAssessment rows with severity 3 (high) or 4
      (critical), most severe first, then in the canonical order of domains;
    - `count`: how many assessments the case holds (history included).
    """
    newest = latest(case)
    rows = list(newest.domains.all()) if newest is not None else []
    high = [row for row in rows if row.severity is not None and row.severity >= HIGH_SEVERITY]
    high.sort(key=lambda row: (-(row.severity or 0), LifeDomain.values.index(row.domain)))
    return {"latest": newest, "high_severity": high, "count": case.assessments.count()}


def in_domain_order(rows: Iterable[DomainAssessment]) -> list[DomainAssessment]:
    """Rows in the canonical order of life domains (the table orders them by code)."""
    return sorted(rows, key=lambda row: LifeDomain.values.index(row.domain))


def domains_offered(case: Case, assessment: Assessment | None = None) -> list[str]:
    """The life domains to assess: the programme's, plus those `assessment` already holds
    (so correcting an older assessment never drops a domain the programme stopped using)."""
    chosen = set(case.programme.assessed_domains())
    if assessment is not None:
        chosen |= {row.domain for row in assessment.domains.all()}
    return [domain for domain in LifeDomain.values if domain in chosen]
