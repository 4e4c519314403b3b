"""Shared setup of the funding tests: a Brusano case held by camille and noor, the CAPP
scheme shipped by the data migration, and helpers that build conferences, invitations
and actors directly (the scheduling and meeting pages are tested elsewhere)."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.consent.models import Consent
from maillage.network.models import Actor
from maillage.people.models import Person
from maillage.testing import MaillageTestCase, capp_scheme, make_person

from ..models import Conference, FundingScheme, Invitation

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Monday morning.
MEETING = datetime(2025, 3, 3, 10, 0, tzinfo=BRUSSELS)


class FundingTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.capp = capp_scheme()
        cls.case = cls.open_case(cls.brusano, make_person(family_name="Secretname"))

    @classmethod
    def open_case(cls, programme: Any, person: Person) -> Case:
        request = cls.record(programme, cls.ines, person)
        workers = [cls.camille, cls.noor] if programme == cls.brusano else [cls.bob]
        casefile_actions.answer_request(request, by=cls.ines, kind="accept", case_workers=workers)
        return Case.objects.get(support_request=request)

    @classmethod
    def conference(
        cls,
        starts_at: datetime = MEETING,
        *,
        case: Case | None = None,
        status: str = Conference.Status.HELD,
        scheme: FundingScheme | None = None,
        **fields: Any,
    ) -> Conference:
        case = case or cls.case
        return Conference.objects.create(
            case=case,
            starts_at=starts_at,
            status=status,
            funding_scheme=cls.capp if scheme is None else scheme,
            organiser=case.workers.first().user,
            place="Maison médicale du Midi",
            **fields,
        )

    @classmethod
    def professional(
        cls,
        name: str,
        sector: str,
        profession: str = "",
        *,
        case: Case | None = None,
        **fields: Any,
    ) -> Actor:
        return Actor.objects.create(
            case=case or cls.case,
            kind=Actor.Kind.FORMAL,
            name=name,
            sector=sector,
            profession=profession,
            **fields,
        )

    @staticmethod
    def invite(
        conference: Conference,
        actor: Actor,
        attendance: str = Invitation.Attendance.PRESENT,
        **fields: Any,
    ) -> Invitation:
        return Invitation.objects.create(
            conference=conference, actor=actor, attendance=attendance, **fields
        )

    @classmethod
    def consent(
        cls, status: str = Consent.Status.GIVEN, *, at: datetime = MEETING - timedelta(days=30)
    ) -> Consent:
        return Consent.objects.create(
            case=cls.case, status=status, recorded_at=at, recorded_by=cls.camille
        )

    @classmethod
    def network(cls, case: Case | None = None) -> dict[str, Actor]:
        """A GP, a home nurse, a psychiatrist and a psychologist of the same service."""
        return {
            "gp": cls.professional(
                "Dr Peeters", "general_practice", "médecin généraliste", case=case
            ),
            "nurse": cls.professional("Inès Haddad", "home_care", "infirmière", case=case),
            "psychiatrist": cls.professional(
                "Dr Janssens", "mental_health", "psychiatre", case=case
            ),
            "psychologist": cls.professional(
                "Tom Wouters", "mental_health", "psychologue", case=case
            ),
        }

    @classmethod
    def funded_conference(cls, **fields: Any) -> tuple[Conference, dict[str, Actor]]:
        """A held CAPP conference meeting every condition (with its follow-up planned)."""
        cls.consent()
        actors = cls.network()
        conference = cls.conference(reference_person=actors["nurse"], **fields)
        for actor in actors.values():
            cls.invite(conference, actor)
        person = cls.case.actors.get(kind=Actor.Kind.PERSON)
        cls.invite(conference, person)
        follow_up = cls.conference(
            conference.starts_at + timedelta(days=180), status=Conference.Status.PLANNED
        )
        conference.next_conference = follow_up
        conference.save()
        return conference, actors
