"""Every page, for every role: allowed or denied, and a denial shows no data.

The table below is the documented policy (docs/access-policy.md). A URL pattern that
is not in the table fails the test, so no new page can skip the policy.
"""

import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.testing import MaillageTestCase, make_person

from .matrix import (
    ALL,
    CASE_TEAM,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    QUEUE,
    REDIRECT,
    REQUEST_TEAM,
    app_pages,
    only,
)

# url name → (method, kwargs key, expected status per persona, anonymous status)
MATRIX: dict[str, tuple[str, str, dict[str, int], int]] = {
    "ui:home": ("get", "", only(set(ALL)), REDIRECT),
    "ui:statistics": ("get", "", only({"ana", "lea", "adam"}, no=FORBIDDEN), REDIRECT),
    "intake:queue": ("get", "", only(QUEUE, no=FORBIDDEN), REDIRECT),
    "intake:new": ("get", "", only(QUEUE, no=FORBIDDEN), REDIRECT),
    "intake:duplicates": ("get", "", only(QUEUE, no=FORBIDDEN), REDIRECT),
    "intake:detail": ("get", "request", only(REQUEST_TEAM), REDIRECT),
    "intake:facts": ("get", "request", only(REQUEST_TEAM), REDIRECT),
    "intake:override": ("post", "request", only(REQUEST_TEAM), REDIRECT),
    "intake:answer": ("post", "request", only(REQUEST_TEAM), REDIRECT),
    # The team lead and intake give a request to a worker; its case managers may not.
    "intake:assign": (
        "post",
        "request",
        {**only({"ines", "lea"}), "camille": FORBIDDEN, "noor": FORBIDDEN},
        REDIRECT,
    ),
    "cases:list": ("get", "", only(set(ALL)), REDIRECT),
    "cases:detail": ("get", "case", only(CASE_TEAM), REDIRECT),
    "cases:advance_phase": (
        "post",
        "case",
        {**only({"camille", "noor", "lea"}, yes=REDIRECT), "olivier": FORBIDDEN},
        REDIRECT,
    ),
    "people:detail": ("get", "person", only(REQUEST_TEAM), REDIRECT),
    "people:merge": ("get", "", only({"adam"}, no=FORBIDDEN), REDIRECT),
    "people:merge_confirm": ("post", "", only({"adam"}, yes=REDIRECT, no=FORBIDDEN), REDIRECT),
    "accounts:login": ("get", "", only(set(ALL), yes=REDIRECT), OK),
    "accounts:logout": ("post", "", only(set(ALL), yes=REDIRECT), REDIRECT),
    "accounts:verify": (
        "get",
        "",
        {n: REDIRECT if n not in {"lea", "adam", "pat"} else OK for n in ALL},
        REDIRECT,
    ),
    # lea, adam and pat have a device in the matrix: they replace it here (verified).
    "accounts:setup_2fa": ("get", "", only(set(ALL)), REDIRECT),
    # Only a user with a device whose roles allow it turns it off: nobody here.
    "accounts:remove_2fa": ("post", "", only(set(), no=FORBIDDEN), REDIRECT),
    "accounts:security": ("get", "", only(set(ALL)), REDIRECT),
    "accounts:language": ("post", "", only(set(ALL), yes=REDIRECT), REDIRECT),
}
MATRIX.update(app_pages())
# Patterns outside the table on purpose: the API has its own matrix; the admin site
# is checked below; static files and the admin's own internals are Django's.
OUTSIDE_TABLE_PREFIXES = ("api-1:", "admin:")


# What a GET may write: the audit trail of the read, the session, sign-in throttling.
BOOKKEEPING_TABLES = ("audit_", "django_session", "axes_")
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def written_table(sql: str) -> str | None:
    match = _WRITE.match(sql)
    return match.group(1) if match else None


def all_views() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                found.append((f"{namespace}{pattern.name}", pattern.callback))

    walk(get_resolver().url_patterns, "")
    return found


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


class PageMatrixTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.louis = make_person(given_name="Louis", family_name="Secretname")
        cls.open_request = cls.record(cls.brusano, cls.ines, cls.louis)
        accepted = cls.record(cls.brusano, cls.ines, make_person(family_name="Hiddenfamily"))
        casefile_actions.answer_request(
            accepted, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = Case.objects.get(support_request=accepted)

    def url_for(self, name: str, key: Any) -> str:
        from django.urls import reverse

        if callable(key):
            return reverse(name, kwargs=key(self.case))
        kwargs = {
            "": {},
            "request": {"request_id": self.open_request.pk},
            "case": {"case_id": self.case.pk},
            "person": {"person_id": self.louis.pk},
        }[key]
        return reverse(name, kwargs=kwargs)

    def test_every_page_is_in_the_table(self):
        names = {n for n in all_url_names() if not n.startswith(OUTSIDE_TABLE_PREFIXES)}
        self.assertEqual(names - set(MATRIX), set(), "pages missing from the access table")
        self.assertEqual(set(MATRIX) - names, set(), "table rows for pages that do not exist")

    def test_each_persona_gets_exactly_what_the_policy_says(self):
        failures = []
        for name, (method, key, expected, _anonymous) in MATRIX.items():
            url = self.url_for(name, key)
            for username, status in expected.items():
                client = self.client_class()
                self.login(getattr(self, username), client)
                response = getattr(client, method)(url)
                if response.status_code != status:
                    failures.append(f"{name} as {username}: {response.status_code} != {status}")
                if status in (FORBIDDEN, NOT_FOUND):
                    for secret in (b"Secretname", b"Hiddenfamily"):
                        if secret in response.content:
                            failures.append(f"{name} as {username} leaked {secret!r}")
        self.assertEqual(failures, [])

    def test_no_page_changes_anything_on_a_get(self):
        """A link or an image on another site cannot change state: GET writes nothing
        but the audit trail of the read and the session."""
        failures = []
        for name, (_method, key, expected, _anonymous) in MATRIX.items():
            url = self.url_for(name, key)
            readers = [n for n, status in expected.items() if status not in (403, 404)]
            for username in [*readers[:1], "zoe", None]:
                client = self.client_class()
                if username:
                    self.login(getattr(self, username), client)
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                if username and "_auth_user_id" not in client.session:
                    failures.append(f"GET {name} signed {username} out")
                for query in queries.captured_queries:
                    table = written_table(query["sql"])
                    if table and not table.startswith(BOOKKEEPING_TABLES):
                        failures.append(f"GET {name} as {username} wrote {table}")
        self.assertEqual(sorted(set(failures)), [])

    def test_every_change_needs_a_csrf_token(self):
        exempt = [name for name, view in all_views() if getattr(view, "csrf_exempt", False)]
        self.assertEqual([n for n in exempt if not n.startswith("api-1:")], [])
        failures = []
        for name, (method, key, expected, _anonymous) in MATRIX.items():
            allowed = [n for n, status in expected.items() if status not in (403, 404, 405)]
            if method != "post" or not allowed:
                continue
            client = self.client_class(enforce_csrf_checks=True)
            self.login(getattr(self, allowed[0]), client)
            status = client.post(self.url_for(name, key)).status_code
            if status != FORBIDDEN:
                failures.append(f"POST {name} without a token: {status}")
        self.assertEqual(failures, [])

    def test_anonymous_users_are_sent_to_the_login_page(self):
        for name, (method, key, _expected, anonymous) in MATRIX.items():
            response = getattr(self.client_class(), method)(self.url_for(name, key))
            self.assertEqual(response.status_code, anonymous, name)
            if anonymous == REDIRECT and name not in {"accounts:logout", "accounts:language"}:
                self.assertIn("/accounts/login/", response["Location"], name)

    def test_lists_show_nothing_of_other_teams(self):
        for username in ("bob", "ana", "adam", "pat", "zoe"):
            client = self.login(getattr(self, username), self.client_class())
            for url in ("/requests/?tab=open", "/cases/?tab=team"):
                response = client.get(url)
                self.assertNotIn(b"Secretname", response.content, (username, url))
                self.assertNotIn(b"Hiddenfamily", response.content, (username, url))

    def test_the_administration_is_for_administrators_only(self):
        self.assertEqual(self.login(self.adam, self.client_class()).get("/admin/").status_code, OK)
        for username in ("camille", "lea", "ana", "zoe"):
            client = self.login(getattr(self, username), self.client_class())
            self.assertIn(client.get("/admin/").status_code, (FORBIDDEN, REDIRECT), username)

    def test_the_administration_holds_no_person_content(self):
        from django.contrib import admin

        registered = {model._meta.label for model in admin.site._registry}
        for label in ("people.Person", "intake.SupportRequest", "cases.Case", "audit.AuditEvent"):
            self.assertNotIn(label, registered)
