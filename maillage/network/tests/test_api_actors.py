"""API of the network: actors and the network map, with the access policy and audit."""

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from maillage.api.tests.base import ApiClient, ApiTestCase, field_names, issue_tokens
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.testing import Personas

from .base import NetworkTestCase, add_actor, open_brusano_case

NEW = {
    "kind": "formal",
    "name": "Dr Janssens",
    "organisation": "Maison médicale du Midi",
    "profession": "médecin généraliste",
    "sector": "general_practice",
    "role": "médecin traitant",
    "quality": "strong",
    "email": "dr.janssens@example.org",
    "phone": "02 512 34 56",
    "language": "nl",
    "started_on": "2020-01-15",
    "last_contact_on": "2025-01-10",
}
KEYS = {
    "id",
    "kind",
    "name",
    "organisation",
    "service",
    "profession",
    "sector",
    "independent",
    "relation",
    "role",
    "mission",
    "quality",
    "exhausted",
    "phone",
    "email",
    "language",
    "started_on",
    "ended_on",
    "last_contact_on",
    "current",
    "version",
}


def put(api: ApiClient, path: str, user: Any, body: Any) -> Any:
    return api.client.put(
        f"/api/v1/{path}",
        json.dumps(body),
        content_type="application/json",
        secure=True,
        **api.headers(user, "en"),
    )


class ActorApiTests(ApiTestCase, NetworkTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.path = f"cases/{cls.case.pk}/actors"

    def test_a_worker_adds_reads_and_lists_actors(self):
        response = self.api.post(self.path, self.camille, NEW)
        self.assertEqual(response.status_code, 201, response.content)
        created = response.json()
        self.assertEqual(set(created), KEYS)
        self.assertEqual(
            (created["kind"], created["sector"], created["current"], created["version"]),
            ("formal", "general_practice", True, 1),
        )
        event = AuditEvent.objects.filter(verb="actor.added").get()
        self.assertEqual((event.part, event.target_id), ("network", created["id"]))
        read = self.api.get(f"{self.path}/{created['id']}", self.noor)
        self.assertEqual(read.json(), created)
        listed = self.api.get(self.path, self.olivier).json()["items"]
        self.assertEqual(
            sorted(a["kind"] for a in listed), ["formal", "person", "worker", "worker"]
        )
        self.assertEqual(AuditEvent.objects.filter(verb="case.viewed", part="network").count(), 2)

    def test_current_true_lists_the_network_today(self):
        self.add(self.case, "Ancien", ended_on="2020-01-01", started_on="2019-01-01")
        current = self.api.get(self.path, self.camille, current="true").json()["items"]
        others = self.api.get(self.path, self.camille, current="false").json()["items"]
        self.assertNotIn("Ancien", [a["name"] for a in current])
        self.assertEqual([a["name"] for a in others], ["Ancien"])

    def test_a_worker_changes_an_actor_with_its_version(self):
        actor = self.api.post(self.path, self.camille, NEW).json()
        body = {**actor, "quality": "conflictual", "exhausted": True}
        response = put(self.api, f"{self.path}/{actor['id']}", self.noor, body)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            (response.json()["quality"], response.json()["version"]), ("conflictual", 2)
        )
        event = AuditEvent.objects.filter(verb="actor.changed").get()
        self.assertEqual(sorted(event.changes), ["exhausted", "quality"])

    def test_setting_the_end_date_ends_the_membership(self):
        actor = self.api.post(self.path, self.camille, NEW).json()
        body = {**actor, "ended_on": "2025-01-31"}
        response = put(self.api, f"{self.path}/{actor['id']}", self.noor, body)
        self.assertIs(response.json()["current"], False)
        self.assertEqual(AuditEvent.objects.filter(verb="actor.ended").count(), 1)

    def test_a_stale_version_is_refused_with_the_current_one(self):
        actor = self.api.post(self.path, self.camille, NEW).json()
        put(self.api, f"{self.path}/{actor['id']}", self.noor, {**actor, "role": "généraliste"})
        response = put(
            self.api, f"{self.path}/{actor['id']}", self.camille, {**actor, "role": "autre"}
        )
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json()["current_version"], 2)
        self.assertEqual(field_names(response), ["version"])
        self.assertEqual(Actor.objects.get(pk=actor["id"]).role, "généraliste")

    def test_the_person_and_workers_keep_their_kind(self):
        person = self.case.actors.get(kind="person")
        body = {"kind": "formal", "name": "Louis", "organisation": "X", "version": 1}
        response = put(self.api, f"{self.path}/{person.pk}", self.camille, body)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(field_names(response), ["kind"])
        body = {"kind": "person", "name": "Louis Lambert", "phone": "0470 12 34 56", "version": 1}
        response = put(self.api, f"{self.path}/{person.pk}", self.camille, body)
        self.assertEqual(response.status_code, 200, response.content)

    def test_another_team_gets_404_everywhere(self):
        actor = self.add(self.case, "Dr Janssens")
        for response in (
            self.api.get(self.path, self.bob),
            self.api.post(self.path, self.bob, NEW),
            self.api.get(f"{self.path}/{actor.pk}", self.bob),
            put(self.api, f"{self.path}/{actor.pk}", self.bob, {**NEW, "version": 1}),
            self.api.get(f"cases/{self.case.pk}/network-map.svg", self.bob),
        ):
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(b"Lambert", response.content)

    def test_an_unknown_or_foreign_actor_is_not_found(self):
        other = self.add(self.open_case(), "Elsewhere")
        for actor_id in (other.pk, "not-a-uuid", "00000000-0000-0000-0000-000000000000"):
            self.assertEqual(self.api.get(f"{self.path}/{actor_id}", self.camille).status_code, 404)

    def test_an_organiser_reads_but_may_not_write(self):
        actor = self.add(self.case, "Dr Janssens")
        self.assertEqual(self.api.get(f"{self.path}/{actor.pk}", self.olivier).status_code, 200)
        self.assertEqual(self.api.post(self.path, self.olivier, NEW).status_code, 403)
        response = put(self.api, f"{self.path}/{actor.pk}", self.olivier, {**NEW, "version": 1})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(AuditEvent.objects.filter(verb__startswith="actor.").exists())

    def test_a_closed_case_refuses_writes(self):
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.assertEqual(self.api.post(self.path, self.camille, NEW).status_code, 403)
        self.assertEqual(self.api.get(self.path, self.camille).status_code, 200)

    def test_the_network_map_is_an_svg_document(self):
        self.add(self.case, "Dr <Janssens>", quality="broken")
        response = self.api.get(
            f"cases/{self.case.pk}/network-map.svg", self.olivier, language="nl"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/svg+xml; charset=utf-8")
        root = ET.fromstring(response.content)
        self.assertEqual(root.get("role"), "img")
        self.assertIn("Dr <Janssens>", root.findtext("{http://www.w3.org/2000/svg}desc"))
        self.assertIn("verbroken", root.findtext("{http://www.w3.org/2000/svg}desc"))
        small = self.api.get(
            f"cases/{self.case.pk}/network-map.svg", self.olivier, size="thumbnail"
        )
        self.assertEqual(small.status_code, 200)
        bad = self.api.get(f"cases/{self.case.pk}/network-map.svg", self.olivier, size="huge")
        self.assertEqual((bad.status_code, field_names(bad)), (422, ["size"]))


# Bad input: 422 naming the field, never a 500.


class Cast(Personas):
    """The personas, built again for each parametrized case."""


@pytest.fixture
def scene(db: None, client: Client) -> tuple[ApiClient, Case, Actor]:
    Cast.build_cast()
    api = ApiClient(client, issue_tokens(Cast))
    case = open_brusano_case(Cast)
    return api, case, add_actor(case, "Dr Janssens", started_on="2024-01-01")


BAD_CREATE = [
    ({"kind": "person"}, "kind"),
    ({"kind": "worker"}, "kind"),
    ({"kind": None}, "kind"),
    ({"name": ""}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"sector": "space"}, "sector"),
    ({"sector": 3}, "sector"),
    ({"quality": "excellent"}, "quality"),
    ({"relation": "cousin"}, "relation"),
    ({"language": "de"}, "language"),
    ({"email": "not-an-email"}, "email"),
    ({"started_on": "15/01/2020"}, "started_on"),
    ({"last_contact_on": "2999-01-01"}, "last_contact_on"),
    ({"started_on": "2024-05-01", "ended_on": "2024-04-30"}, "ended_on"),
    ({"organisation": "", "profession": ""}, "organisation"),
    ({"kind": "informal", "relation": ""}, "relation"),
    ({"exhausted": "maybe"}, "exhausted"),
    ({"mission": ["a list"]}, "mission"),
    ({"name": "Dr \x00"}, "name"),
]


@pytest.mark.parametrize(("changes", "field"), BAD_CREATE)
def test_bad_input_is_a_422_naming_the_field(scene, changes, field):
    api, case, _actor = scene
    response = api.post(f"cases/{case.pk}/actors", Cast.camille, {**NEW, **changes})
    assert response.status_code == 422, response.content
    assert field in field_names(response), response.json()
    assert response.json()["detail"].endswith(".")
    assert not AuditEvent.objects.filter(verb="actor.added").exists()


BAD_UPDATE = [
    ({"version": 0}, "version"),
    ({"version": "one"}, "version"),
    ({"version": None}, "version"),
    ({"kind": "alien"}, "kind"),
    ({"ended_on": "2023-12-31"}, "ended_on"),
    ({"email": "@"}, "email"),
]


@pytest.mark.parametrize(("changes", "field"), BAD_UPDATE)
def test_bad_updates_are_a_422_naming_the_field(scene, changes, field):
    api, case, actor = scene
    body = {**NEW, "started_on": "2024-01-01", "version": actor.version, **changes}
    response = put(api, f"cases/{case.pk}/actors/{actor.pk}", Cast.camille, body)
    assert response.status_code == 422, response.content
    assert field in field_names(response), response.json()


def test_a_body_that_is_not_json_is_a_400(scene):
    api, case, _actor = scene
    assert api.post(f"cases/{case.pk}/actors", Cast.camille, "{").status_code == 400
