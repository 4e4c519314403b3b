"""Bad assessment input is a 4xx naming the field, never a 500.

The test client raises any exception a view lets through, so a crash fails loudly.
"""

import copy
import json
from typing import Any

import pytest
from django.test import Client

from maillage.api.tests.base import ApiClient, issue_tokens
from maillage.assessments.models import Assessment
from maillage.testing import Personas

from .base import open_case

DELETE = object()
BODY = {
    "assessed_on": "2025-03-03",
    "summary": "Premier bilan.",
    "domains": [
        {"domain": "housing", "needs": "Un logement stable.", "severity": 3, "risks": "Expulsion."},
        {"domain": "mental_health", "readiness": "Pas encore prête.", "person_priority": 1},
    ],
}


class Cast(Personas):
    """The personas, built again for each parametrized case."""


@pytest.fixture
def api(db: None, client: Client) -> ApiClient:
    Cast.build_cast()
    Cast.case = open_case(Cast)
    return ApiClient(client, issue_tokens(Cast))


def path(suffix: str = "") -> str:
    return f"cases/{Cast.case.pk}/assessments{suffix}"


def body_with(dotted: str, value: Any, body: dict[str, Any] = BODY) -> dict[str, Any]:
    """A valid body with the value at a dotted path replaced (or deleted)."""
    body = copy.deepcopy(body)
    *parents, last = dotted.split(".")
    target: Any = body
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return body


def put(api: ApiClient, suffix: str, body: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return api.client.put(
        f"/api/v1/{path(suffix)}",
        data,
        content_type="application/json",
        secure=True,
        **api.headers(Cast.camille, "en"),
    )


def assert_error(response: Any, status: int, field: str | None) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"].endswith(".")
    assert all(error["message"] for error in body["errors"])
    if field is not None:
        assert field in [error["field"] for error in body["errors"]], body


@pytest.mark.parametrize(
    ("raw", "status"),
    [("{", 400), (b"\xff\xfe", 400), ("null", 422), ("[1, 2]", 422), ('"x"', 422)],
)
def test_a_body_that_is_not_a_json_object_is_refused(api: ApiClient, raw: Any, status: int) -> None:
    assert_error(api.post(path(), Cast.camille, raw), status, None)
    assert not Assessment.objects.exists()


BAD_FIELDS = [
    ("assessed_on", "2999-01-01", "assessed_on"),
    ("assessed_on", "yesterday", "assessed_on"),
    ("assessed_on", "2025-02-30", "assessed_on"),
    ("assessed_on", [2025, 3, 3], "assessed_on"),
    ("summary", "s" * 20_001, "summary"),
    ("summary", {"text": "hello"}, "summary"),
    ("summary", "Premier\x00bilan", "summary"),
    ("domains", "housing", "domains"),
    ("domains", {"domain": "housing"}, "domains"),
    ("domains", ["housing"], "domains.0"),
    ("domains", [{"domain": "housing", "severity": 1}] * 12, "domains"),
    ("domains", [], "domains"),
    ("domains.0.domain", "castle", "domains.0.domain"),
    ("domains.0.domain", "HOUSING", "domains.0.domain"),
    ("domains.0.domain", "mental_health", "domains.1.domain"),
    ("domains.0.domain", DELETE, "domains.0.domain"),
    ("domains.0.domain", None, "domains.0.domain"),
    ("domains.0.domain", 3, "domains.0.domain"),
    ("domains.0.domain", "x" * 31, "domains.0.domain"),
    ("domains.0.severity", 5, "domains.0.severity"),
    ("domains.0.severity", -1, "domains.0.severity"),
    ("domains.0.severity", 2.5, "domains.0.severity"),
    ("domains.0.severity", "high", "domains.0.severity"),
    ("domains.0.severity", 10**20, "domains.0.severity"),
    ("domains.0.severity", [3], "domains.0.severity"),
    ("domains.1.person_priority", 4, "domains.1.person_priority"),
    ("domains.1.person_priority", "urgent", "domains.1.person_priority"),
    ("domains.0.needs", 42, "domains.0.needs"),
    ("domains.0.needs", "n" * 20_001, "domains.0.needs"),
    ("domains.1.readiness", ["pas", "encore"], "domains.1.readiness"),
    ("domains.0.risks", "\x00", "domains.0.risks"),
    ("domains.0.resources_entourage", {"sœur": True}, "domains.0.resources_entourage"),
]


@pytest.mark.parametrize(
    ("dotted", "value", "field"),
    BAD_FIELDS,
    ids=[f"{d}={str(v)[:20]}" for d, v, _f in BAD_FIELDS],
)
def test_a_bad_field_is_named(api: ApiClient, dotted: str, value: Any, field: str) -> None:
    body = body_with(dotted, value)
    if dotted == "domains" and value == []:
        body["summary"] = ""  # nothing said at all
    assert_error(api.post(path(), Cast.camille, body), 422, field)
    assert not Assessment.objects.exists()


def test_a_domain_the_programme_does_not_use_is_named(api: ApiClient) -> None:
    Cast.brusano.life_domains = ["housing", "income"]
    Cast.brusano.save(update_fields=["life_domains"])
    assert_error(api.post(path(), Cast.camille, BODY), 422, "domains.1.domain")


BAD_CORRECTIONS = [
    ("version", DELETE, "version"),
    ("version", 0, "version"),
    ("version", "one", "version"),
    ("version", 2**31, "version"),
    ("version", None, "version"),
    ("assessed_on", "2999-01-01", "assessed_on"),
    ("domains.0.severity", 7, "domains.0.severity"),
    ("domains.0.domain", "castle", "domains.0.domain"),
]


@pytest.mark.parametrize(("dotted", "value", "field"), BAD_CORRECTIONS)
def test_a_bad_correction_is_named(api: ApiClient, dotted: str, value: Any, field: str) -> None:
    created = api.post(path(), Cast.camille, BODY).json()
    body = body_with(dotted, value, {**BODY, "version": 1})
    assert_error(put(api, f"/{created['id']}", body), 422, field)
    assert Assessment.objects.get().version == 1


@pytest.mark.parametrize("suffix", ["/not-an-id", "/6f1c0e8a-6a52-4f55-9d0e-2b9a3c1d7e01"])
def test_an_unknown_assessment_is_not_found(api: ApiClient, suffix: str) -> None:
    assert_error(api.get(path(suffix), Cast.camille), 404, None)
    assert_error(put(api, suffix, {**BODY, "version": 1}), 404, None)


def test_an_unknown_case_is_not_found(api: ApiClient) -> None:
    assert_error(api.get("cases/not-a-case/assessments", Cast.camille), 404, None)
    assert_error(api.post("cases/not-a-case/assessments", Cast.camille, BODY), 404, None)
