"""A Brusano case with a network, a consent that shares different categories with each
partner, and a conference that started two hours ago — for the meeting and minutes tests.

The network: the person (Louis Lambert), camille and noor (case workers), Dr Peeters
(GP: plan, physical health, identity), Jan Claes (psychiatrist, writes in Dutch: plan,
mental health, identity), Sophie Dubois (CPAS: plan, housing, income — not identity,
not mental health), and Marie Lambert (the person's mother, informal: plan).
"""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from maillage.api.tests.base import ApiClient, ApiTestCase
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.conferences import meeting
from maillage.conferences.models import AgendaItem, Conference, ConferenceDecision, Invitation
from maillage.consent import actions as consent_actions
from maillage.network.models import Actor
from maillage.plans.models import Action

# Content the tests look for (and for its absence) in each reader's version.
MENTAL = "Hallucinations auditives en baisse depuis le nouveau traitement"
MENTAL_DECISION = "Adapter la dose de rispéridone"
HOUSING = "Dossier AIS complet, visite prévue"
HOUSING_DECISION = "Déposer la demande de garantie locative"
PLAN = "Faire le point sur les rendez-vous"


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


class MeetingTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        support_request = cls.record(cls.brusano, cls.ines)
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = Case.objects.get(support_request=support_request)
        cls.person = cls.case.actors.get(kind=Actor.Kind.PERSON)
        cls.camille_actor = cls.case.actors.get(user=cls.camille)
        cls.gp = cls.add_actor(
            "Martine Peeters",
            organisation="Maison médicale du Midi",
            profession="médecin généraliste",
            sector="general_practice",
            email="peeters@example.org",
        )
        cls.psychiatrist = cls.add_actor(
            "Jan Claes",
            organisation="CGG Brussel",
            profession="psychiater",
            sector="mental_health",
            email="claes@example.org",
            language="nl",
        )
        cls.cpas = cls.add_actor(
            "Sophie Dubois",
            organisation="CPAS de Saint-Gilles",
            profession="assistante sociale",
            sector="social",
            email="dubois@example.org",
        )
        cls.mother = cls.add_actor(
            "Marie Lambert", kind=Actor.Kind.INFORMAL, relation="family", email="marie@example.org"
        )
        cls.consent = consent_actions.record_consent(
            cls.case,
            by=cls.camille,
            status="given",
            method="oral",
            shares=[
                (cls.gp.pk, ["plan", "physical_health", "identity"]),
                (cls.psychiatrist.pk, ["plan", "mental_health", "identity"]),
                (cls.cpas.pk, ["plan", "housing", "income"]),
                (cls.mother.pk, ["plan"]),
            ],
        )
        cls.conference = cls.make_conference(hours_ago=2)
        cls.invitations = {
            actor.pk: Invitation.objects.create(
                conference=cls.conference,
                actor=actor,
                email=actor.email,
                language=actor.language or "fr",
            )
            for actor in (cls.person, cls.camille_actor, cls.gp, cls.psychiatrist, cls.cpas)
        }

    @classmethod
    def add_actor(cls, name: str, **fields: Any) -> Actor:
        fields.setdefault("kind", Actor.Kind.FORMAL)
        return Actor.objects.create(case=cls.case, name=name, **fields)

    @classmethod
    def make_conference(cls, *, hours_ago: float, **fields: Any) -> Conference:
        fields.setdefault("place", "Maison médicale du Midi, salle 2")
        return Conference.objects.create(
            case=cls.case,
            starts_at=timezone.now() - timedelta(hours=hours_ago),
            organiser=cls.camille,
            **fields,
        )

    def setUp(self) -> None:
        self.api = ApiClient(self.client, self.tokens)
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    # Building a meeting's record

    def invitation(self, actor: Actor) -> Invitation:
        return Invitation.objects.get(conference=self.conference, actor=actor)

    def item(self, title: str, category: str, notes: str = "", **fields: Any) -> AgendaItem:
        data = meeting.AgendaItemData(title=title, category=category, notes=notes, **fields)
        return meeting.add_agenda_item(self.conference, data, by=self.camille)

    def decide(
        self, what: str, category: str = "plan", conference: Conference | None = None, **fields: Any
    ) -> ConferenceDecision:
        fields.setdefault("owner", self.person)
        data = meeting.DecisionData(what=what, category=category, **fields)
        return meeting.take_decision(conference or self.conference, data, by=self.camille)

    def present(self, *actors: Actor) -> None:
        for actor in actors:
            meeting.record_attendance(
                self.invitation(actor),
                meeting.AttendanceData("present", duration_minutes=60),
                by=self.camille,
                version=None,
            )

    def full_record(self) -> None:
        """Items and decisions of three categories, everyone present but the mother."""
        self.item("Santé mentale", "mental_health", MENTAL)
        self.item("Logement", "housing", HOUSING)
        self.item("Organisation", "plan", PLAN)
        self.decide(MENTAL_DECISION, "mental_health", owner=self.psychiatrist, due_on=days(14))
        self.decide(HOUSING_DECISION, "housing", owner=self.cpas, with_whom="Louis")
        self.present(self.person, self.camille_actor, self.gp, self.psychiatrist, self.cpas)

    def hold(self, conference: Conference | None = None) -> Conference:
        conference = conference or self.conference
        return meeting.hold_conference(conference, by=self.camille, version=None)

    def action_of(self, decision: ConferenceDecision) -> Action:
        return Action.objects.get(pk=decision.action_id)

    @property
    def meeting_url(self) -> str:
        return f"/conferences/{self.conference.pk}/meeting/"
