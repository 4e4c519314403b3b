"""The demo partner (`partner`, a CPAS social worker) in the networks of several demo
cases, each with its own consent scope (called once by seed_demo, after the case files).

- the first case shares everything but mental health and substance use, and the partner
  owns an action there and wrote in its journal;
- the second shares everything but substance use;
- the third shares only housing and income, without identity (a neutral reference).

Written through the actions (consent, plan, journal), so the history is audited like
real work. Deterministic: the cases are the earliest open Brusano cases with a file.
"""

from datetime import date, timedelta

from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.demo import totp_key_hex
from maillage.accounts.models import User
from maillage.cases import actions as case_actions
from maillage.cases.models import Case
from maillage.categories import Category
from maillage.consent import actions as consent_actions
from maillage.consent.queries import SHARING_KINDS
from maillage.consent.rules import consent_in_force, sharing_allowed
from maillage.network.models import Actor, Sector
from maillage.plans import actions as plan_actions

ALL = frozenset(Category.values)
SCOPES = (
    ALL - {Category.MENTAL_HEALTH, Category.SUBSTANCE_USE},
    ALL - {Category.SUBSTANCE_USE},
    frozenset({Category.HOUSING, Category.INCOME}),
)


def seed_partner(users: dict[str, User], *, today: date) -> list[Actor]:
    partner = users["partner"]
    _totp(partner)
    cases = list(
        Case.objects.filter(team__organisation__name="Brusano", actors__kind=Actor.Kind.FORMAL)
        .exclude(phase=Case.Phase.CLOSED)
        .distinct()
        .order_by("opened_at", "pk")[: len(SCOPES)]
    )
    actors = []
    for index, (case, scope) in enumerate(zip(cases, SCOPES, strict=False)):
        worker = case.workers.filter(ended_at__isnull=True).first()
        by = worker.user if worker else partner
        actor = Actor.objects.create(
            case=case,
            kind=Actor.Kind.FORMAL,
            name=partner.get_full_name(),
            organisation="CPAS de Schaerbeek",
            service="Service social",
            profession="Assistant social",
            sector=Sector.SOCIAL,
            role="Revenu d'intégration et aide au logement",
            email=partner.email,
            language="fr",
            user=partner,
            started_on=max(case.opened_at.date(), today - timedelta(days=60)),
        )
        _share(case, actor, scope, by=by)
        if index == 0:
            plan_actions.add_action(
                case,
                plan_actions.ActionData(
                    what="Introduire la demande de revenu d'intégration",
                    owner=actor,
                    how="Rendez-vous au CPAS avec les documents d'identité et de séjour",
                    due_on=today + timedelta(days=10),
                    category=Category.INCOME,
                ),
                by=by,
            )
            case_actions.add_journal_entry(
                case,
                by=partner,
                kind="phone_call",
                text="Appel pour fixer le rendez-vous au CPAS ; dossier logement à compléter.",
                category=Category.HOUSING,
            )
        actors.append(actor)
    return actors


def _share(case: Case, actor: Actor, scope: frozenset[str], *, by: User) -> None:
    """A new consent record keeping the shares in force, plus the partner's."""
    current = consent_in_force(case)
    shares: list[tuple[object, list[str]]] = []
    if sharing_allowed(current):
        shares = [
            (share.actor_id, list(share.categories))
            for share in current.shares.all()  # type: ignore[union-attr]
            if share.actor.kind in SHARING_KINDS and share.actor.is_current()
        ]
    consent_actions.record_consent(
        case,
        by=by,
        status="given",
        method="oral",
        notes="Accord pour partager avec le CPAS (démo).",
        shares=[*shares, (actor.pk, sorted(scope))],
    )


def _totp(user: User) -> None:
    """The demo authenticator, as for the other demo accounts that need TOTP."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user, name="Demo authenticator", key=totp_key_hex(), confirmed=True
        )
