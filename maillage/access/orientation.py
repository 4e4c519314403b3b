"""Who may see and change referrals and unmet needs (maillage/orientation).

- A referral linked to a case is visible to those who see the case, and changed by
  those who may change it; a referral from a request without a case, to those who see
  (change) the request. Every read is audited here as a read of the case or request,
  part "orientation".
- An unmet need linked to a case or request follows the same rule. One recorded from a
  search (no case, no request) names nobody: it is aggregate data, listed only for
  analysts, team leads and administrators, and counted in the coverage for everyone.
- Recording an unmet need by hand needs a working role in some team.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest

from maillage import audit
from maillage.accounts.models import Role
from maillage.orientation.models import Referral, UnmetNeed

from .policy import (
    _fetch,
    _read_purpose,
    can,
    cases_visible_to,
    requests_visible_to,
    roles_of,
)

AGGREGATE_READERS = frozenset({Role.ANALYST, Role.TEAM_LEAD, Role.ADMINISTRATOR})


def referrals_visible_to(user: Any) -> QuerySet[Referral]:
    if not roles_of(user):
        return Referral.objects.none()
    return Referral.objects.filter(_of_visible_case_or_request(user))


def _of_visible_case_or_request(user: Any) -> Q:
    """Of a case the user sees, or, before any case, of a request they see (EXISTS)."""
    return Q(Exists(cases_visible_to(user).filter(pk=OuterRef("case_id")))) | Q(
        Q(case__isnull=True),
        Exists(requests_visible_to(user).filter(pk=OuterRef("support_request_id"))),
    )


def unmet_needs_visible_to(user: Any) -> QuerySet[UnmetNeed]:
    roles = roles_of(user)
    if not roles:
        return UnmetNeed.objects.none()
    visible = _of_visible_case_or_request(user)
    if roles & AGGREGATE_READERS:
        visible |= Q(case__isnull=True, support_request__isnull=True)
    return UnmetNeed.objects.filter(visible)


def may_record_unmet_need(user: Any) -> bool:
    return bool(roles_of(user))


def require_unmet_need_recorder(user: Any) -> None:
    if not may_record_unmet_need(user):
        raise PermissionDenied


def may_change_referral(user: Any, referral: Referral) -> bool:
    if referral.case_id is not None:
        return can(user, "case.change", referral.case)
    return can(user, "request.change", referral.support_request)


def get_referral(http_request: HttpRequest, referral_id: Any, *, to_change: bool = False) -> Any:
    """A referral, or 404 when not visible; 403 when visible but not changeable.
    Reads are audited as a read of its case (or request), part "orientation"."""
    user = http_request.user
    queryset = referrals_visible_to(user).select_related(
        "person", "case", "case__person", "support_request", "service", "created_by"
    )
    referral: Referral = _fetch(queryset, referral_id)
    if to_change and not may_change_referral(user, referral):
        raise PermissionDenied
    if not to_change:
        audit.record(
            user,
            "referral.viewed",
            person=referral.person_id,
            case=referral.case_id,
            target=referral,
            part="orientation",
            purpose=_read_purpose(user, referral.case) if referral.case is not None else "",
        )
    return referral
