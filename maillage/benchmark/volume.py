"""One volume's database, served to the benchmark from its own process.

`python -m maillage.benchmark` starts one of these per volume, with DATABASE_URL naming
that volume's database, and asks for one request at a time on stdin, so that samples on
the small and the large database can alternate while each process keeps its warm state.
Each answer is one JSON line on stdout; everything else Django prints goes to stderr.

Requests: {"op": "prepare"} migrates when needed, seeds when the database is empty
(seeding is one transaction, so an interrupted seed leaves nothing to reuse), and answers
the counts, the endpoints' URLs, statuses and query counts; {"op": "get", "endpoint": i}
answers the milliseconds of one request.
"""

import json
import logging
import os
import sys
import time
from io import StringIO
from typing import Any

from .endpoints import ENDPOINTS, IDS


def ensure_database() -> None:
    """Create the PostgreSQL database named by DATABASE_URL if it does not exist."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def prepare(persons: int, stress: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    from django.core.management import call_command

    from maillage.demo import generator

    ensure_database()
    call_command("migrate", verbosity=0, interactive=False)
    # Production settings serve static files from the manifest collectstatic writes (the
    # volumes prepare one after the other, so they never collect at the same time).
    call_command("collectstatic", interactive=False, verbosity=0)
    seconds = None
    if not generator.demo_present():
        started = time.monotonic()
        call_command("seed_demo", persons=persons, stress=stress, quiet=True, stdout=StringIO())
        seconds = round(time.monotonic() - started, 1)
    return {"seed_seconds": seconds, "counts": counts()}, endpoints()


def counts() -> dict[str, int]:
    from django.db.models import Count

    from maillage.accounts.models import Role
    from maillage.cases.models import Case, CaseWorker
    from maillage.intake.models import SupportRequest
    from maillage.people.models import Person

    caseloads = (
        CaseWorker.objects.filter(ended_at=None, user__memberships__role=Role.CASE_MANAGER)
        .values("user")
        .annotate(open_cases=Count("case", distinct=True))
        .values_list("open_cases", flat=True)
    )
    loads = sorted(caseloads) or [0]
    return {
        "persons": Person.objects.count(),
        "requests": SupportRequest.objects.count(),
        "open requests": SupportRequest.objects.open().count(),
        "cases": Case.objects.count(),
        "open cases": Case.objects.open().count(),
        "case managers": len(loads),
        "largest caseload": loads[-1],
        "cm1 caseload": CaseWorker.objects.filter(ended_at=None, user__username="cm1").count(),
    }


CALLS: list[Any] = []  # one function per endpoint, None when it cannot be measured


def ids(users: dict[str, Any]) -> dict[str, Any]:
    """The ids the URLs' placeholders name (endpoints.IDS); None when the seed has none."""
    from django.http import HttpRequest

    from maillage import access
    from maillage.cases.models import Case
    from maillage.conferences.models import Conference

    if not {"intake", "cm1"} <= set(users):
        return dict.fromkeys(IDS)
    support_request = access.requests_visible_to(users["intake"]).open().due_first().first()
    case = Case.objects.held_by(users["cm1"]).open().order_by("-opened_at").first()
    conference = (
        Conference.objects.filter(case__in=Case.objects.held_by(users["cm1"]).values("pk"))
        .order_by("-starts_at")
        .first()
    )
    shared = []
    if "partner" in users:  # the partner's list, as their home page gets it (audited)
        as_partner = HttpRequest()
        as_partner.user = users["partner"]
        shared = access.partner_cases(as_partner)
    return {
        "request_id": support_request.pk if support_request else None,
        "case_id": case.pk if case else None,
        "person_id": case.person_id if case else None,
        "conference_id": conference.pk if conference else None,
        "partner_case_id": shared[0].case.pk if shared else None,
    }


def signed_in(user: Any) -> Any:
    """A test client signed in as this user, past the second factor when they need one."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from maillage.accounts.middleware import second_factor_required

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and second_factor_required(user):
        device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def endpoints() -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from maillage.accounts.models import ApiToken, User

    names = sorted({endpoint.user for endpoint in ENDPOINTS})
    users = {user.username: user for user in User.objects.filter(username__in=names)}
    found = ids(users)
    api_users = {endpoint.user for endpoint in ENDPOINTS if endpoint.api}
    tokens = {name: ApiToken.issue(users[name], name="benchmark")[1] for name in api_users}
    clients = {name: signed_in(user) for name, user in users.items()}
    answers = []
    for endpoint in ENDPOINTS:
        url = endpoint.url.format(**found)
        answer: dict[str, Any] = {"url": url, "status": None, "queries": None, "note": ""}
        answers.append(answer)
        CALLS.append(None)
        if "None" in url or endpoint.user not in users:
            answer["note"] = "nothing to show"
            continue
        if endpoint.api:
            client = Client(headers={"authorization": f"Bearer {tokens[endpoint.user]}"})
        else:
            client = clients[endpoint.user]
        try:
            response = client.get(url)
        except Exception as error:  # a page under construction must not stop the run
            answer["note"] = f"error: {type(error).__name__}: {error}"[:200]
            continue
        answer["status"] = response.status_code
        if response.status_code == 404:
            answer["note"] = "not available"
            continue
        # DEBUG keeps the last 9,000 queries only: once seeding has filled that log,
        # a capture that does not start from an empty one counts nothing.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:  # the second, warm, request
            response = client.get(url)
        answer["queries"] = len(queries.captured_queries)
        if response.status_code >= 300:
            answer["note"] = f"HTTP {response.status_code}"
        CALLS[-1] = lambda client=client, url=url: client.get(url)
    return {"endpoints": answers}


def timed(index: int) -> float:
    started = time.perf_counter()
    CALLS[index]()
    return round((time.perf_counter() - started) * 1000, 3)


def main() -> int:
    answer_to = sys.stdout
    sys.stdout = sys.stderr  # Django's messages must not mix with the answers
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.settings"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    persons, stress = int(sys.argv[1]), sys.argv[2] == "stress"
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "prepare":
            state, pages = prepare(persons, stress)
            answer: Any = {**state, **pages}
        else:
            answer = timed(request["endpoint"])
        answer_to.write(json.dumps(answer) + "\n")
        answer_to.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
