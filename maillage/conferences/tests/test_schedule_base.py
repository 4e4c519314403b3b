"""Shared scene of the scheduling tests (no tests here): a Brusano case of Louis
Secretname held by camille and noor, with a GP, a Dutch-speaking carer, an actor
without email, and a way to plan a conference through the real action."""

from datetime import datetime, timedelta
from typing import Any

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.conferences import actions
from maillage.conferences.models import Conference
from maillage.network.models import Actor
from maillage.testing import MaillageTestCase, Personas, make_person

PERSON_NAMES = ("Louis", "Secretname")
CASE_SECRET = "Mental-health-secret"


def open_case(cast: type[Personas]) -> Case:
    person = make_person(given_name="Louis", family_name="Secretname")
    support_request = cast.record(cast.brusano, cast.ines, person, summary=CASE_SECRET)
    casefile_actions.answer_request(
        support_request, by=cast.ines, kind="accept", case_workers=[cast.camille, cast.noor]
    )
    return Case.objects.get(support_request=support_request)


def next_week(hour: int = 14) -> datetime:
    day = timezone.localtime() + timedelta(days=7)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def parse_ics(content: bytes | str) -> Any:
    """The VEVENT of an iCalendar file, and the calendar itself."""
    calendar = Calendar.from_ical(content)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1, events
    return calendar, events[0]


class ConferenceTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.camille.email = "camille@brusano.example"
        cls.camille.last_name = "Martin"
        cls.camille.save()
        cls.case = open_case(cls)
        cls.person_actor = cls.case.actors.get(kind=Actor.Kind.PERSON)
        cls.person_actor.email = "louis@example.org"
        cls.person_actor.save()
        cls.gp = Actor.objects.create(
            case=cls.case,
            kind=Actor.Kind.FORMAL,
            name="Dr Janssens",
            organisation="Maison médicale du Midi",
            sector="general_practice",
            email="janssens@mm-midi.example",
            language="fr",
        )
        cls.carer = Actor.objects.create(
            case=cls.case,
            kind=Actor.Kind.INFORMAL,
            name="Els Peeters",
            relation="carer",
            email="els@example.be",
            language="nl",
        )
        cls.neighbour = Actor.objects.create(
            case=cls.case, kind=Actor.Kind.INFORMAL, name="Marc", relation="neighbour"
        )

    def setUp(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def plan(self, case: Case | None = None, **fields: Any) -> Conference:
        values = {
            "starts_at": next_week(),
            "duration_minutes": 90,
            "place": "Maison médicale du Midi, salle 2",
            "video_link": "",
            **fields,
        }
        return actions.schedule_conference(case or self.case, by=self.camille, **values)

    def invite_and_send(self, conference: Conference, *actors: Actor) -> None:
        actions.invite(conference, by=self.camille, actors=list(actors))
        with self.captureOnCommitCallbacks(execute=True):  # the emails leave after commit
            actions.send_invitations(conference, by=self.camille)

    def mail_to(self, address: str) -> Any:
        found = [m for m in mail.outbox if address in m.to]
        self.assertTrue(found, address)
        return found[-1]

    def ics_of(self, message: Any) -> tuple[Any, Any]:
        (attachment,) = message.attachments
        filename, content, mimetype = attachment
        self.assertEqual((filename, mimetype), ("invitation.ics", "text/calendar"))
        return parse_ics(content)

    def last_event(self, verb: str) -> AuditEvent:
        event = AuditEvent.objects.filter(verb=verb).order_by("-seq").first()
        self.assertIsNotNone(event, verb)
        assert event is not None
        return event

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)
