"""Every API operation, for every role: allowed or denied, and a denial shows no data.

Operations are read from the OpenAPI document, so a new endpoint that is missing from
the table fails the test.
"""

import json

from maillage.api.tests.base import issue_tokens
from maillage.api.urls import api
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.intake.models import SupportRequest
from maillage.testing import MaillageTestCase, make_person

from .matrix import ALL, CASE_TEAM, REQUEST_TEAM, app_operations

CREATORS = {"ines", "camille", "noor", "lea"}  # may record a Brusano request
SECRETS = (b"Secretname", b"Hiddenfamily")


def only(allowed: set[str], yes: int, no: int) -> dict[str, int]:
    return {name: yes if name in allowed else no for name in ALL}


NEW_REQUEST = {
    "programme": "brusano",
    "person": {
        "given_name": "Nina",
        "family_name": "Newcomer",
        "birth_date": "1970-01-01",
        "residence": "21001",
    },
    "facts": {},
    "requesters": [{"kind": "person", "organisation": "", "sector": ""}],
    "summary": "",
}

# (method, OpenAPI path) → (expected status per persona, body[, path parameters])
MATRIX: dict[tuple[str, str], tuple] = {
    ("get", "/api/v1/programmes"): (only(set(ALL), 200, 200), None),
    ("post", "/api/v1/requests"): (only(CREATORS, 201, 422), NEW_REQUEST),
    ("get", "/api/v1/requests"): (only(set(ALL), 200, 200), None),
    ("get", "/api/v1/requests/{request_id}"): (only(REQUEST_TEAM, 200, 404), None),
    ("post", "/api/v1/requests/{request_id}/decision"): (
        only(REQUEST_TEAM, 422, 404),
        {"decision": "refuse", "reason": ""},
    ),
    ("post", "/api/v1/requests/{request_id}/assign"): (
        {**only({"ines", "lea"}, 200, 404), "camille": 403, "noor": 403},
        {"username": ""},
    ),
    ("get", "/api/v1/cases"): (only(set(ALL), 200, 200), None),
    ("get", "/api/v1/cases/{case_id}"): (only(CASE_TEAM, 200, 404), None),
}


MATRIX.update(app_operations())


def documented_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
        # The public operations (no account) are tested with their apps (guard, public,
        # screening); test_openapi checks that they are the only ones without a token.
        and not path.startswith("/api/v1/public/")
    }


class ApiMatrixTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)
        cls.open_request = cls.record(cls.brusano, cls.ines, make_person(family_name="Secretname"))
        accepted = cls.record(cls.brusano, cls.ines, make_person(family_name="Hiddenfamily"))
        casefile_actions.answer_request(
            accepted, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = Case.objects.get(support_request=accepted)

    def call(
        self,
        method: str,
        path: str,
        username: str | None,
        body: object = None,
        params: object = None,
    ):
        extra = params(self.case) if callable(params) else {}
        url = path.format(request_id=self.open_request.pk, case_id=self.case.pk, **extra)
        if callable(body):
            body = body(self.case)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[username]}"} if username else {}
        if method in ("get", "delete"):
            return getattr(self.client, method)(url, **headers)
        return getattr(self.client, method)(
            url, json.dumps(body), content_type="application/json", **headers
        )

    def test_every_operation_is_in_the_table(self):
        self.assertEqual(documented_operations(), set(MATRIX))

    def test_each_persona_gets_exactly_what_the_policy_says(self):
        failures = []
        for (method, path), (expected, body, *params) in MATRIX.items():
            for username, status in expected.items():
                before = SupportRequest.objects.count()
                response = self.call(method, path, username, body, *params)
                if response.status_code != status:
                    failures.append(
                        f"{method} {path} as {username}: {response.status_code} != {status}"
                    )
                if status >= 400:
                    if SupportRequest.objects.count() != before:
                        failures.append(f"{method} {path} as {username} created a request")
                    failures += [
                        f"{method} {path} as {username} leaked {secret!r}"
                        for secret in SECRETS
                        if secret in response.content
                    ]
                if status == 201:
                    SupportRequest.objects.filter(person__family_name="Newcomer").delete()
        self.assertEqual(failures, [])

    def test_lists_hold_only_what_each_persona_may_see(self):
        for username in ALL:
            requests = self.call("get", "/api/v1/requests", username).content
            cases = self.call("get", "/api/v1/cases", username).content
            self.assertEqual(
                str(self.open_request.pk).encode() in requests, username in REQUEST_TEAM, username
            )
            self.assertEqual(str(self.case.pk).encode() in cases, username in CASE_TEAM, username)

    def test_without_a_token_every_operation_answers_401(self):
        for (method, path), (_expected, _body, *params) in MATRIX.items():
            response = self.call(method, path, None, {}, *params)
            self.assertEqual(response.status_code, 401, (method, path))
            self.assertTrue(response["Content-Type"].startswith("application/json"))
