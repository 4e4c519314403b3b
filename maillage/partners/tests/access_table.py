"""The partner pages and endpoints in the access matrix (maillage/access/tests).

`pat` (the partner persona) is linked, the first time a row needs it, to a formal actor
of the matrix's case, with a consent sharing everything but mental health and substance
use; an action they own and a held conference they were invited to are made with it.
Only pat reads the partner pages of that case; everybody else gets 404 — the case's
workers too: they read the case through their own pages.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage import tokens
from maillage.access.tests.matrix import ALL, FORBIDDEN, NOT_FOUND, OK, REDIRECT, only
from maillage.accounts.models import User
from maillage.categories import Category
from maillage.conferences.models import Conference, Invitation
from maillage.consent import actions as consent_actions
from maillage.network.models import Actor
from maillage.partners.models import PartnerInvitation
from maillage.plans.models import Action

MATRIX_TOKEN = "matrix-partner-invitation-token"
SCOPE = sorted(set(Category.values) - {Category.MENTAL_HEALTH, Category.SUBSTANCE_USE})


def partner_actor(case: Any) -> Actor:
    actor = case.actors.filter(kind=Actor.Kind.FORMAL, name="Pat (CPAS)").first()
    if actor is None:
        worker = case.workers.first().user
        actor = Actor.objects.create(
            case=case,
            kind=Actor.Kind.FORMAL,
            name="Pat (CPAS)",
            organisation="CPAS",
            email="pat@cpas.example.org",
            user=User.objects.get(username="pat"),
        )
        consent_actions.record_consent(
            case, by=worker, status="given", method="oral", shares=[(actor.pk, SCOPE)]
        )
    return actor


def invitee(case: Any) -> Actor:
    """A formal actor with an email and a share, not linked: to invite."""
    actor = case.actors.filter(kind=Actor.Kind.FORMAL, name="Dr Invitee").first()
    if actor is None:
        actor = Actor.objects.create(
            case=case, kind=Actor.Kind.FORMAL, name="Dr Invitee", email="dr@example.org"
        )
        consent = case.consents.latest_first().first()
        shares = [(s.actor_id, s.categories) for s in consent.shares.all()] if consent else []
        consent_actions.record_consent(
            case,
            by=case.workers.first().user,
            status="given",
            method="oral",
            shares=[*shares, (actor.pk, ["plan"])],
        )
    return actor


def owned_action(case: Any) -> Action:
    owner = partner_actor(case)
    action = case.actions.filter(owner=owner).first()
    if action is None:
        action = Action.objects.create(
            case=case, what="Demande au CPAS", owner=owner, created_by=case.workers.first().user
        )
    return action


def held_conference(case: Any) -> Conference:
    actor = partner_actor(case)
    invitation = Invitation.objects.filter(actor=actor).select_related("conference").first()
    if invitation is None:
        conference = Conference.objects.create(
            case=case,
            starts_at=timezone.now() - timedelta(hours=2),
            organiser=case.workers.first().user,
            status=Conference.Status.HELD,
        )
        invitation = Invitation.objects.create(conference=conference, actor=actor, language="fr")
    return invitation.conference


def invitation_token(case: Any) -> dict[str, Any]:
    actor = invitee(case)
    PartnerInvitation.objects.get_or_create(
        digest=tokens.digest(MATRIX_TOKEN),
        defaults={
            "actor": actor,
            "email": actor.email,
            "expires_at": timezone.now() + timedelta(days=7),
            "created_by": case.workers.first().user,
        },
    )
    return {"token": MATRIX_TOKEN}


def case_kwargs(case: Any) -> dict[str, Any]:
    partner_actor(case)
    return {"case_id": case.pk}


def action_kwargs(case: Any) -> dict[str, Any]:
    return {"action_id": owned_action(case).pk}


def conference_kwargs(case: Any) -> dict[str, Any]:
    return {"conference_id": held_conference(case).pk}


def invite_kwargs(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk, "actor_id": invitee(case).pk}


PAT = only({"pat"})

# url name → (method, kwargs(case), expected per persona, anonymous)
PAGES = {
    "partners:home": ("get", lambda case: {}, only(set(ALL)), REDIRECT),
    "partners:case": ("get", case_kwargs, PAT, REDIRECT),
    "partners:journal_new": ("get", case_kwargs, PAT, REDIRECT),
    "partners:action": ("get", action_kwargs, PAT, REDIRECT),
    "partners:minutes": ("get", conference_kwargs, PAT, REDIRECT),
    "partners:minutes_pdf": ("get", conference_kwargs, PAT, REDIRECT),
    # Anyone may open an invitation link; signed in, it offers to link the account.
    "partners:activate": ("get", invitation_token, only(set(ALL)), OK),
    # The case manager's button on the actor's page.
    "network:invite_partner": (
        "post",
        invite_kwargs,
        {**only({"camille", "noor", "lea"}, yes=REDIRECT), "olivier": FORBIDDEN},
        REDIRECT,
    ),
}


def _pat(yes: int) -> dict[str, int]:
    return only({"pat"}, yes=yes, no=NOT_FOUND)


def _action_params(case: Any) -> dict[str, Any]:
    return {"action_id": owned_action(case).pk}


def _action_patch(case: Any) -> dict[str, Any]:
    return {"version": owned_action(case).version, "status": "in_progress"}


def _conference_params(case: Any) -> dict[str, Any]:
    return {"conference_id": held_conference(case).pk}


def _case_params(case: Any) -> dict[str, Any]:
    partner_actor(case)
    return {}


# (method, OpenAPI path) → (expected per persona, body or body(case)[, params(case)])
OPERATIONS = {
    ("get", "/api/v1/partner/cases"): (only(set(ALL), 200, 200), None, _case_params),
    ("get", "/api/v1/partner/cases/{case_id}"): (_pat(200), None, _case_params),
    ("get", "/api/v1/partner/cases/{case_id}/journal"): (_pat(200), None, _case_params),
    ("post", "/api/v1/partner/cases/{case_id}/journal"): (
        _pat(201),
        {"kind": "note", "text": "Note du CPAS", "category": "housing"},
        _case_params,
    ),
    ("patch", "/api/v1/partner/actions/{action_id}"): (_pat(200), _action_patch, _action_params),
    ("get", "/api/v1/partner/conferences/{conference_id}/minutes"): (
        _pat(200),
        None,
        _conference_params,
    ),
    ("get", "/api/v1/partner/conferences/{conference_id}/minutes.pdf"): (
        _pat(200),
        None,
        _conference_params,
    ),
}
