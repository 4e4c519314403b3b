"""Requests from outside (maillage/public): the secret links and the set-aside review.

- A status link (`/public/request/status/<token>/`) reads one submission: what its
  requester wrote, the state of the request and the decision — nothing added by the
  team beyond the decision, nothing of other requesters. An unknown or altered token is
  a 404. Each read is audited (actor None: the holder of the link).
- A colleague's invitation link reads the programme, the inviting requester's name and
  organisation, and what is asked; not the person's identity.
- Submissions set aside as spam are reviewed by the intake workers and team leads of the
  programme's team (released into the queue, or purged).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from maillage import audit, tokens
from maillage.accounts.models import Role
from maillage.directory.models import Service
from maillage.intake.models import STATED_AGE, Decision, SupportRequest
from maillage.orientation.queries import service_phones
from maillage.public.models import CoRequesterInvitation, PublicSubmission

from .policy import _fetch, _teams

REVIEW_ROLES = frozenset({Role.INTAKE, Role.TEAM_LEAD})
RECEIVED, EXAMINED, ANSWERED = "received", "examined", "answered"


def _by_token(token: str) -> str | None:
    if not token or len(token) > 100:
        return None
    return tokens.digest(token)


def get_submission_by_token(token: str) -> PublicSubmission:
    """The submission of a status link, or 404 (unknown, altered or purged)."""
    digest = _by_token(token)
    if digest is None:
        raise Http404
    submission = (
        PublicSubmission.objects.select_related(
            "programme", "support_request", "support_request__decision"
        )
        .filter(Q(token_hash=digest) | Q(answer_token_hash=digest))
        .first()
    )
    if submission is None:
        raise Http404
    return submission


def read_status(submission: PublicSubmission) -> dict[str, Any]:
    """What the status page shows: what was written, the state and the answer."""
    request = submission.support_request
    audit.record(
        None,
        "public.status_viewed",
        person=request.person_id if request else None,
        target=submission,
    )
    decision = _decision(request)
    return {
        "said": submission.said,
        "state": _state(submission, request),
        "decision": decision,
        "services": _services(request) if decision is not None else [],
    }


def _decision(request: SupportRequest | None) -> Decision | None:
    if request is None or request.is_open:
        return None
    return getattr(request, "decision", None)


def _state(submission: PublicSubmission, request: SupportRequest | None) -> str:
    if request is None:
        return RECEIVED
    if not request.is_open:
        return ANSWERED
    submitted = {k: v for k, v in submission.data.get("facts", {}).items() if v is not None}
    current = {k: v for k, v in request.facts.items() if k != STATED_AGE}
    if (
        request.assigned_to_id is not None
        or request.clarified_at is not None
        or request.override_outcome
        or current != submitted
    ):
        return EXAMINED
    return RECEIVED


def _services(request: SupportRequest | None) -> list[dict[str, Any]]:
    """The directory services the request was oriented to, and how to reach them."""
    if request is None:
        return []
    referrals = request.referrals.filter(service__isnull=False).select_related(  # type: ignore[attr-defined]
        "service__organization"
    )
    found = []
    for referral in referrals.order_by("created_at")[:5]:
        service: Service = referral.service
        organization = service.organization
        found.append(
            {
                "name": referral.service_name,
                "phones": service_phones(service),
                "email": service.email or (organization.email if organization else ""),
                "url": service.url or (organization.website if organization else ""),
            }
        )
    return found


def get_invitation_by_token(token: str) -> CoRequesterInvitation:
    """The invitation of a join link, or 404."""
    digest = _by_token(token)
    invitation = (
        CoRequesterInvitation.objects.select_related(
            "submission__programme", "submission__support_request"
        )
        .filter(token_hash=digest)
        .first()
        if digest
        else None
    )
    if invitation is None:
        raise Http404
    request = invitation.submission.support_request
    audit.record(  # the holder of the link read what is asked (actor None)
        None,
        "public.invitation_viewed",
        person=request.person_id if request else None,
        target=invitation,
    )
    return invitation


def may_review_set_aside(user: Any) -> bool:
    return bool(_teams(user, REVIEW_ROLES))


def require_set_aside_reviewer(user: Any) -> None:
    if not may_review_set_aside(user):
        raise PermissionDenied


def set_aside_visible_to(user: Any) -> QuerySet[PublicSubmission]:
    """Submissions set aside as spam for the programmes of the user's teams."""
    return PublicSubmission.objects.set_aside().filter(
        programme__team_id__in=_teams(user, REVIEW_ROLES)
    )


def get_set_aside(user: Any, submission_id: Any) -> PublicSubmission:
    """One set-aside submission the user reviews, or 404; 403 for one without the role."""
    require_set_aside_reviewer(user)
    submission: PublicSubmission = _fetch(
        set_aside_visible_to(user).select_related("programme"), submission_id
    )
    return submission
