"""Shared set-up of the partner tests: a case whose file holds one marked text per
information category in every kind of content, and the partner persona `pat` linked to
a formal actor of its network with a chosen consent scope."""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage.accounts.models import User
from maillage.assessments.models import Assessment, DomainAssessment
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case, JournalEntry
from maillage.categories import Category, LifeDomain
from maillage.conferences.models import AgendaItem, Conference, Invitation
from maillage.consent import actions as consent_actions
from maillage.network.models import Actor
from maillage.plans.models import Action, CrisisPlan, Goal
from maillage.testing import MaillageTestCase, make_person

ALL_CATEGORIES = frozenset(Category.values)
# The scope checked by the issue: everything but mental health and substance use.
WITHOUT_HEALTH_SECRETS = ALL_CATEGORIES - {Category.MENTAL_HEALTH, Category.SUBSTANCE_USE}
# The birth date (3 April 1966) as it is written in JSON and in words; never
# the bare year, which a random identifier may contain.
IDENTITY_MARKERS = ("Identitymarker", "1966-04-03", " 1966")
CONTACT_MARKERS = ("0470998877", "contactmarker@example.org")


def marker(kind: str, category: str) -> str:
    """A text found nowhere else: `qx<kind><category>qx` (no marker contains another)."""
    return f"qx{kind}{category.replace('_', '')}qx"


def markers_of(category: str) -> list[str]:
    """Every text of this category seeded in the file."""
    texts = [marker(kind, category) for kind in ("journal", "goal", "action", "agenda")]
    if category in LifeDomain.values:
        texts.append(marker("domain", category))
    if category == Category.CRISIS_PLAN:
        texts.append(marker("crisis", category))
    if category == Category.IDENTITY:
        texts += IDENTITY_MARKERS
    if category == Category.CONTACT:
        texts += CONTACT_MARKERS
    return texts


def open_case(cast: Any, **person: Any) -> Case:
    person.setdefault("family_name", "Identitymarker")
    person.setdefault("given_name", "Louis")
    person.setdefault("birth_date", timezone.datetime(1966, 4, 3).date())
    person.setdefault("phone", "0470998877")
    person.setdefault("email", "contactmarker@example.org")
    support_request = cast.record(cast.brusano, cast.ines, make_person(**person))
    casefile_actions.answer_request(
        support_request, by=cast.ines, kind="accept", case_workers=[cast.camille, cast.noor]
    )
    return Case.objects.get(support_request=support_request)


def partner_actor(case: Case, user: User | None, name: str = "Pat Partner") -> Actor:
    return Actor.objects.create(
        case=case,
        kind=Actor.Kind.FORMAL,
        name=name,
        organisation="CPAS de Schaerbeek",
        profession="Assistante sociale",
        email=f"{name.split()[-2].lower()}@cpas.example.org",
        language="fr",
        user=user,
        started_on=timezone.localdate() - timedelta(days=30),
    )


def share(case: Case, by: User, scopes: dict[Actor, Iterable[str]]) -> None:
    """Record a consent in force sharing these categories with these actors."""
    consent_actions.record_consent(
        case,
        by=by,
        status="given",
        method="oral",
        shares=[(actor.pk, sorted(categories)) for actor, categories in scopes.items()],
    )


def seed_file(case: Case, by: User, owner: Actor) -> Conference:
    """One marked text per category in every kind of content; return a held conference
    to which `owner` was invited."""
    JournalEntry.objects.bulk_create(
        JournalEntry(case=case, kind="note", text=marker("journal", c), category=c, author=by)
        for c in Category.values
    )
    Goal.objects.bulk_create(
        Goal(case=case, own_words=marker("goal", c), category=c, created_by=by)
        for c in Category.values
    )
    Action.objects.bulk_create(
        Action(case=case, what=marker("action", c), category=c, owner=owner, created_by=by)
        for c in Category.values
    )
    assessment = Assessment.objects.create(case=case, assessed_by=by, summary="qxsummaryqx")
    DomainAssessment.objects.bulk_create(
        DomainAssessment(assessment=assessment, domain=d, needs=marker("domain", d))
        for d in LifeDomain.values
    )
    CrisisPlan.objects.create(
        case=case, version=1, warning_signs=marker("crisis", "crisis_plan"), created_by=by
    )
    conference = Conference.objects.create(
        case=case,
        starts_at=timezone.now() - timedelta(hours=3),
        organiser=by,
        status=Conference.Status.HELD,
        held_at=timezone.now() - timedelta(hours=1),
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(conference=conference, position=i, title=marker("agenda", c), category=c)
        for i, c in enumerate(Category.values, 1)
    )
    Invitation.objects.create(conference=conference, actor=owner, language="fr")
    return conference


class PartnerTestCase(MaillageTestCase):
    """A Brusano case with a full file; `pat` is a partner of it (scope: `SCOPE`)."""

    SCOPE: frozenset[str] = WITHOUT_HEALTH_SECRETS

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = open_case(cls)
        cls.actor = partner_actor(cls.case, cls.pat)
        cls.conference = seed_file(cls.case, cls.camille, cls.actor)
        share(cls.case, cls.camille, {cls.actor: cls.SCOPE})

    def setUp(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.login(self.pat)

    def action_of(self, category: str) -> Action:
        return Action.objects.get(case=self.case, what=marker("action", category))
