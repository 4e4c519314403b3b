"""A Brusano case held by camille and noor, and a quick way to add actors to it."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.testing import MaillageTestCase, Personas, make_person


def open_brusano_case(cast: type[Personas]) -> Case:
    """A case of Louis Lambert, accepted by ines, held by camille and noor."""
    person = make_person(given_name="Louis", family_name="Lambert")
    support_request = cast.record(cast.brusano, cast.ines, person)
    casefile_actions.answer_request(
        support_request, by=cast.ines, kind="accept", case_workers=[cast.camille, cast.noor]
    )
    return Case.objects.get(support_request=support_request)


def add_actor(case: Case, name: str, kind: str = "formal", **fields: Any) -> Actor:
    """An actor written straight to the database (no audit), for setting the scene."""
    defaults: dict[str, Any] = {
        "formal": {"organisation": "Maison médicale du Midi", "sector": "general_practice"},
        "informal": {"relation": "family"},
    }.get(kind, {})
    return Actor.objects.create(case=case, kind=kind, name=name, **{**defaults, **fields})


class NetworkTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = cls.open_case()

    def setUp(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    @classmethod
    def open_case(cls) -> Case:
        return open_brusano_case(cls)

    @staticmethod
    def add(case: Case, name: str, kind: str = "formal", **fields: Any) -> Actor:
        return add_actor(case, name, kind, **fields)

    def url(self, suffix: str = "", case: Case | None = None) -> str:
        return f"/cases/{(case or self.case).pk}/network/{suffix}"

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)

    def last_event(self, verb: str) -> AuditEvent:
        event = AuditEvent.objects.filter(verb=verb).order_by("-seq").first()
        self.assertIsNotNone(event, verb)
        assert event is not None
        return event
