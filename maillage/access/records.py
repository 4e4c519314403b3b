"""Who may export everything held about a person, and correct their identity details.

The workers holding one of the person's cases, and the team lead of a team with one of
the person's cases (docs/export-format.md). Someone who sees the person without this
right gets 403; someone who does not see the person at all gets 404.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from maillage import audit
from maillage.accounts.models import Role
from maillage.cases.models import Case
from maillage.people.models import Person

from .policy import _fetch, _teams, persons_visible_to

EXPORT_FORMATS = frozenset({"json", "pdf"})


def may_export(user: Any, person: Person) -> bool:
    """A worker holding one of the person's cases, or the lead of its team."""
    if not user.is_authenticated or not user.is_active:
        return False
    lead_of = _teams(user, frozenset({Role.TEAM_LEAD}))
    holds = Q(workers__user_id=user.pk, workers__ended_at__isnull=True)
    return Case.objects.filter(person=person).filter(holds | Q(team_id__in=lead_of)).exists()


def _person_for_records(http_request: Any, person_id: Any) -> Person:
    person: Person = _fetch(persons_visible_to(http_request.user), person_id)
    if not may_export(http_request.user, person):
        raise PermissionDenied
    return person


def get_person_for_export(http_request: Any, person_id: Any, *, format: str = "json") -> Person:
    """The person, or 404 (not visible) / 403 (visible, not theirs to export); the
    export is audited ("person.exported", the format as the part)."""
    if format not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {format!r}")
    person = _person_for_records(http_request, person_id)
    audit.record(http_request.user, "person.exported", person=person, target=person, part=format)
    return person


def get_person_for_rectification(
    http_request: Any, person_id: Any, *, to_change: bool = False
) -> Person:
    """The person whose identity details a case worker corrects, or 404 / 403; showing
    the page (the identity and its history) is audited as a read of "identity"."""
    person = _person_for_records(http_request, person_id)
    if not to_change:
        audit.record(
            http_request.user, "person.viewed", person=person, target=person, part="identity"
        )
    return person
