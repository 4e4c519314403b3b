"""What the person's space shows, read from a case the caller got from maillage.access.

The same functions feed the person's pages and the case manager's print, so both say
the same thing.
"""

from typing import Any

from django.utils import timezone

from maillage.cases.models import Case
from maillage.categories import Category
from maillage.consent import queries as consent_queries
from maillage.network.models import Actor
from maillage.network.queries import current_actors
from maillage.plans import queries as plan_queries

from .models import ConsentWish, SpaceAccount, SpaceInvitation


def support(case: Case) -> dict[str, Any]:
    """The home page: the programme, the team and the case managers."""
    workers = case.workers.filter(ended_at__isnull=True).select_related("user")
    return {"case": case, "managers": [worker.user for worker in workers]}


def goals(case: Case) -> dict[str, Any]:
    """The person's goals in their own words: open ones first."""
    items = list(plan_queries.goals_open_first(case))
    plan_queries.label_domains(items)
    return {"goals": items}


def plan(case: Case) -> dict[str, Any]:
    """Who does what, when: every action not dropped, by due date."""
    return plan_queries.printable_plan(case, timezone.localdate())


def crisis_plan(case: Case) -> dict[str, Any]:
    return {"crisis_plan": plan_queries.current_crisis_plan(case)}


def network(case: Case) -> dict[str, Any]:
    """Who is in the network today, the person apart."""
    actors = [a for a in current_actors(case) if a.kind != Actor.Kind.PERSON]
    return {
        "workers": [a for a in actors if a.kind == Actor.Kind.WORKER],
        "professionals": [a for a in actors if a.kind == Actor.Kind.FORMAL],
        "relatives": [a for a in actors if a.kind == Actor.Kind.INFORMAL],
    }


def sharing(case: Case) -> dict[str, Any]:
    """The consent in force in plain words (each actor with what they may receive), and
    the earlier records."""
    consents = consent_queries.consents_of(case)
    in_force = consents[0] if consents else None
    shares = []
    if in_force is not None and in_force.allows_sharing:
        labels = dict(Category.choices)
        for share in in_force.shares.all():
            if share.categories and share.actor.is_current():
                shares.append(
                    {
                        "actor": share.actor,
                        "categories": [str(labels.get(c, c)) for c in share.categories],
                    }
                )
    return {"in_force": in_force, "shares": shares, "history": consents[1:]}


def wishes(case: Case) -> list[ConsentWish]:
    return list(case.consent_wishes.select_related("actor", "answered_by").order_by("-created_at"))


def pending_wishes(case: Case) -> list[ConsentWish]:
    return consent_queries.pending_wishes(case)


def sharing_actors(case: Case) -> list[Actor]:
    return consent_queries.sharing_actors(case)


def accounts_of(case: Case) -> list[SpaceAccount]:
    return list(
        SpaceAccount.objects.filter(person_id=case.person_id)
        .select_related("user")
        .order_by("-created_at")
    )


def invitations_of(case: Case) -> list[SpaceInvitation]:
    return list(
        SpaceInvitation.objects.filter(person_id=case.person_id).order_by("-created_at")[:10]
    )


def everything(case: Case) -> dict[str, Any]:
    """All the person's pages at once, for the case manager's print."""
    return {
        **support(case),
        **goals(case),
        "plan": plan(case),
        **crisis_plan(case),
        "network": network(case),
        "sharing": sharing(case),
    }
