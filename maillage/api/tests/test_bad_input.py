"""Bad input is a 4xx with a sentence and the fields named, never a 500.

The test client raises any exception a view lets through, so a crash fails loudly.
"""

import copy
from typing import Any

import pytest
from django.test import Client

from maillage.testing import Personas

from .base import ApiClient, issue_tokens, request_body

DELETE = object()


class Cast(Personas):
    """The personas, built again for each parametrized case."""


@pytest.fixture
def api(db: None, client: Client) -> ApiClient:
    Cast.build_cast()
    return ApiClient(client, issue_tokens(Cast))


def body_with(path: str, value: Any) -> dict[str, Any]:
    """A valid Brusano request body with the value at a dotted path replaced (or deleted)."""
    body = copy.deepcopy(request_body("brusano", facts={"living_situation": "home"}))
    *parents, last = path.split(".")
    target: Any = body
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return body


def assert_error(response: Any, status: int, field: str | None) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"].endswith(".")
    assert all(error["message"] for error in body["errors"])
    if field is not None:
        assert field in [error["field"] for error in body["errors"]], body


RAW_BODIES = [
    ("{", 400),
    ('{"programme": "brusano",', 400),
    (b"\xff\xfe\x00", 400),
    ("", 422),
    ("null", 422),
    ('"a request"', 422),
    ("[1, 2]", 422),
    ("42", 422),
]


@pytest.mark.parametrize(("raw", "status"), RAW_BODIES)
def test_a_body_that_is_not_a_json_object_is_refused(api: ApiClient, raw: Any, status: int) -> None:
    assert_error(api.post("requests", Cast.ines, raw), status, None)


BAD_FIELDS = [
    ("programme", DELETE, "programme"),
    ("programme", 5, "programme"),
    ("programme", ["brusano"], "programme"),
    ("programme", "x" * 51, "programme"),
    ("person", "Louis Lambert", "person"),
    ("person", ["Louis", "Lambert"], "person"),
    ("person", DELETE, "person"),
    ("person.given_name", DELETE, "person.given_name"),
    ("person.given_name", 42, "person.given_name"),
    ("person.given_name", "   ", "person.given_name"),
    ("person.given_name", "L" * 101, "person.given_name"),
    ("person.family_name", None, "person.family_name"),
    ("person.family_name", {"name": "Lambert"}, "person.family_name"),
    ("person.birth_date", "2023-02-30", "person.birth_date"),
    ("person.birth_date", "17/05/1980", "person.birth_date"),
    ("person.birth_date", "yesterday", "person.birth_date"),
    ("person.birth_date", "2999-01-01", "person.birth_date"),
    ("person.birth_date", [1980, 5, 17], "person.birth_date"),
    ("person.residence", "1050", "person.residence"),
    ("person.residence", "99999", "person.residence"),
    ("person.residence", 21009, "person.residence"),
    ("person.residence", "Bruxelles" * 10, "person.residence"),
    ("person_id", "not-a-uuid", "person_id"),
    ("person_id", 7, "person_id"),
    ("facts", ["home"], "facts"),
    ("facts", "home", "facts"),
    ("facts.favourite_colour", "blue", "facts.favourite_colour"),
    ("facts.in_crisis", "no", "facts.in_crisis"),
    ("facts.in_crisis", 0, "facts.in_crisis"),
    ("facts.living_situation", "castle", "facts.living_situation"),
    ("facts.living_situation", True, "facts.living_situation"),
    ("facts.living_situation", ["home"], "facts.living_situation"),
    ("facts.living_situation", {"where": "home"}, "facts.living_situation"),
    ("facts.network_state", 3.5, "facts.network_state"),
    ("requesters", "professional", "requesters"),
    ("requesters", {"kind": "person"}, "requesters"),
    ("requesters", ["person"], "requesters.0"),
    ("requesters", [{"kind": "person"}] * 21, "requesters"),
    ("requesters.0.kind", "robot", "requesters.0.kind"),
    ("requesters.0.kind", DELETE, "requesters.0.kind"),
    ("requesters.0.organisation", "O" * 201, "requesters.0.organisation"),
    ("requesters.0.sector", 12, "requesters.0.sector"),
    ("requesters.0.name", ["Dr", "Who"], "requesters.0.name"),
    ("summary", "s" * 20_001, "summary"),
    ("summary", {"text": "hello"}, "summary"),
    ("what_is_asked", 3, "what_is_asked"),
    ("channel", "pigeon", "channel"),
    ("urgent", "perhaps", "urgent"),
    ("received_at", "yesterday", "received_at"),
    ("received_at", "2025-02-30T10:00:00", "received_at"),
    ("received_at", "9999-12-31T23:00:00+00:00", "received_at"),
    ("received_at", "0001-01-01T00:00:00+05:00", "received_at"),
    ("received_at", 10**20, "received_at"),
    ("person.given_name", "Lou\x00is", "person.given_name"),
    ("summary", "Lives\x00alone", "summary"),
    ("requesters.0.organisation", "\x00", "requesters.0.organisation"),
]


@pytest.mark.parametrize(
    ("path", "value", "field"), BAD_FIELDS, ids=[f"{p}={str(v)[:20]}" for p, v, _f in BAD_FIELDS]
)
def test_a_bad_request_field_is_named(api: ApiClient, path: str, value: Any, field: str) -> None:
    assert_error(api.post("requests", Cast.ines, body_with(path, value)), 422, field)


def test_a_person_and_a_person_id_together_are_refused(api: ApiClient) -> None:
    body = body_with("person_id", "8d3c4d1e-0f4a-4a53-9d3b-5a1f0e1d2c3b")
    assert_error(api.post("requests", Cast.ines, body), 422, "person")


BAD_DECISIONS = [
    ({"decision": "maybe"}, "decision"),
    ({"decision": 1}, "decision"),
    ({}, "decision"),
    ({"decision": "refuse", "reason": {"why": "no"}}, "reason"),
    ({"decision": "accept", "case_workers": "camille"}, "case_workers"),
    ({"decision": "accept", "case_workers": {"camille": True}}, "case_workers"),
    ({"decision": "accept", "case_workers": [1, 2]}, "case_workers.0"),
    ({"decision": "accept", "case_workers": ["c" * 151]}, "case_workers.0"),
    ({"decision": "accept", "case_workers": ["camille", "ghost"]}, "case_workers"),
    ({"decision": "orient", "reason": "x", "orient_target": "t" * 301}, "orient_target"),
    ({"decision": "accept", "case_workers": ["camille"], "version": "one"}, "version"),
    ({"decision": "accept", "case_workers": ["camille"], "version": 0}, "version"),
    ({"decision": "accept", "case_workers": ["camille"], "version": 10**30}, "version"),
    ({"decision": "accept", "case_workers": ["cam\x00ille"]}, "case_workers"),
    ("[]", None),
    ("{", None),
]


@pytest.mark.parametrize(("body", "field"), BAD_DECISIONS)
def test_a_bad_decision_is_refused(api: ApiClient, body: Any, field: str | None) -> None:
    support_request = Cast.record(Cast.brusano, Cast.ines)
    response = api.post(f"requests/{support_request.pk}/decision", Cast.ines, body)
    assert_error(response, 400 if body == "{" else 422, field)


BAD_QUERIES = [
    ("requests", {"page": "0"}, "page"),
    ("requests", {"page": "two"}, "page"),
    ("requests", {"page": str(10**30)}, "page"),
    ("requests", {"per_page": "0"}, "per_page"),
    ("requests", {"per_page": "101"}, "per_page"),
    ("requests", {"status": "closed"}, "status"),
    ("requests", {"overdue": "perhaps"}, "overdue"),
    ("requests", {"programme": "p" * 51}, "programme"),
    ("requests", {"programme": "bru\x00sano"}, "programme"),
    ("cases", {"phase": "finished"}, "phase"),
    ("cases", {"mine": "sometimes"}, "mine"),
    ("cases", {"per_page": "-1"}, "per_page"),
]


@pytest.mark.parametrize(("path", "query", "field"), BAD_QUERIES)
def test_a_bad_query_parameter_is_named(
    api: ApiClient, path: str, query: dict[str, str], field: str
) -> None:
    assert_error(api.get(path, Cast.camille, **query), 422, field)


@pytest.mark.parametrize("path", ["requests/x", "requests/1", "cases/%20", "requests/x/decision"])
def test_a_malformed_id_is_not_found(api: ApiClient, path: str) -> None:
    if path.endswith("decision"):
        response = api.post(path, Cast.ines, {"decision": "refuse", "reason": "No."})
    else:
        response = api.get(path, Cast.ines)
    assert_error(response, 404, None)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This field is required."),
        ("fr", "Ce champ est obligatoire."),
        ("nl", "Dit veld is verplicht."),
    ],
)
def test_messages_follow_accept_language(api: ApiClient, language: str, message: str) -> None:
    response = api.post("requests", Cast.ines, body_with("programme", DELETE), language=language)
    assert response.json()["errors"] == [{"field": "programme", "message": message}]


def test_every_input_schema_refuses_the_null_character():
    """PostgreSQL cannot store NUL in text: every input schema (bodies and queries, the
    partner API's included) derives from `Input`, which refuses it with a 422 naming the
    field, so no endpoint can fail on save with a 500."""
    import importlib
    import pkgutil

    from ninja import Schema
    from pydantic import BaseModel

    import maillage
    from maillage.api.schemas import Input

    for module_info in pkgutil.walk_packages(maillage.__path__, "maillage."):
        if ".tests" in module_info.name or ".migrations" in module_info.name:
            continue
        if not module_info.name.endswith(("api", "schemas")) and ".api." not in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
                and not value.__name__.endswith(("Out", "Page"))  # responses
                and not issubclass(value, Schema | Input)
            ):
                pytest.fail(f"{value.__module__}.{value.__qualname__} does not derive from Input")
