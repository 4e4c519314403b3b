"""The cast of maillage.testing, each with an API token, and a client that speaks JSON."""

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client

from maillage.accounts.models import ApiToken, User
from maillage.testing import MaillageTestCase, Personas

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Monday morning, so deadlines are easy to read.
RECEIVED = datetime(2025, 3, 3, 9, 0, tzinfo=BRUSSELS)


class ApiClient:
    """Calls /api/v1/ as one user, over HTTPS, in English unless told otherwise."""

    def __init__(self, client: Client, tokens: dict[str, str]) -> None:
        self.client = client
        self.tokens = tokens

    def headers(self, user: User | None, language: str) -> dict[str, str]:
        headers = {"HTTP_ACCEPT_LANGUAGE": language}
        if user is not None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.tokens[user.username]}"
        return headers

    def get(self, path: str, user: User | None, *, language: str = "en", **query: Any) -> Any:
        return self.client.get(
            f"/api/v1/{path}", query, secure=True, **self.headers(user, language)
        )

    def post(self, path: str, user: User | None, body: Any, *, language: str = "en") -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.post(
            f"/api/v1/{path}",
            data,
            content_type="application/json",
            secure=True,
            **self.headers(user, language),
        )


def issue_tokens(cast: type[Personas]) -> dict[str, str]:
    users = [
        cast.ines,
        cast.camille,
        cast.noor,
        cast.bob,
        cast.lea,
        cast.olivier,
        cast.ana,
        cast.adam,
        cast.pat,
        cast.zoe,
    ]
    return {user.username: ApiToken.issue(user, "tests")[1] for user in users}


def person(**fields: Any) -> dict[str, Any]:
    return {
        "given_name": "Louis",
        "family_name": "Lambert",
        "birth_date": "1980-05-17",
        "residence": "21009",
        **fields,
    }


def request_body(programme: str, **fields: Any) -> dict[str, Any]:
    """A request body for `programme`; give `person`, `facts`, `requesters` to change them."""
    return {
        "programme": programme,
        "person": person(),
        "facts": {},
        "requesters": [{"kind": "person"}],
        "summary": "Lives alone, stopped seeing his GP.",
        "received_at": RECEIVED.isoformat(),
        **fields,
    }


def field_names(response: Any) -> list[str | None]:
    return [error["field"] for error in response.json()["errors"]]


class ApiTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def setUp(self) -> None:
        self.api = ApiClient(self.client, self.tokens)

    def post_request(self, programme_code: str, by: User, **fields: Any) -> dict[str, Any]:
        """Record a request through the API; fail unless it is created."""
        response = self.api.post("requests", by, request_body(programme_code, **fields))
        self.assertEqual(response.status_code, 201, response.content)
        return response.json()
