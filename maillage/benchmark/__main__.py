"""Seed 1,000 then 100,000 requests; measure latency and SQL queries of the main pages;
then the directory search at 20,000 services (directory.py) and the person's full export
of a case with a year of history (export.py).

Run with `make bench` (`.venv/bin/python -m maillage.benchmark`). Uses `bench.sqlite3`
in the project folder (deleted first) unless BENCH_DATABASE_URL is given (that database
is flushed). BENCH_VOLUMES=1000,20000 changes the volumes while developing.

For each volume the database starts over and is seeded with `seed_demo --persons N`;
then each endpoint gets 3 warm-up requests, 30 timed ones (p50, p95) and one more whose
SQL queries are counted. The query count of a page must not grow with the data: the
script exits non-zero when it does. Results go to var/bench.json as well.
"""

import json
import logging
import math
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
VOLUMES = (1_000, 100_000)
WARM_UP = 3
TIMED = 30
# p95 regression worth a flag: more than 3× slower and more than 20 ms slower.
SLOWER_RATIO = 3.0
SLOWER_MS = 20.0


@dataclass(frozen=True)
class Endpoint:
    name: str
    user: str
    url: str  # may contain {request_id} or {case_id}
    api: bool = False


ENDPOINTS = (
    Endpoint("intake queue", "intake", "/requests/"),
    Endpoint("request page", "intake", "/requests/{request_id}/"),
    Endpoint("case list", "cm1", "/cases/"),
    Endpoint("case page", "cm1", "/cases/{case_id}/"),
    Endpoint("API requests", "intake", "/api/v1/requests", api=True),
    Endpoint("API cases", "cm1", "/api/v1/cases", api=True),
    Endpoint("API programmes", "intake", "/api/v1/programmes", api=True),
)


@dataclass
class Result:
    endpoint: str
    user: str
    url: str
    status: int | None = None
    available: bool = False
    queries: int | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    note: str = ""


def configure() -> str:
    """Environment for Django; returns a printable description of the database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.settings"
    os.environ["MAILLAGE_DEBUG"] = "1"
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if url:
        os.environ["DATABASE_URL"] = url
        return url.split("@")[-1]  # never print a password
    path = PROJECT / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return str(path)


def volumes() -> tuple[int, ...]:
    raw = os.environ.get("BENCH_VOLUMES", "")
    if not raw:
        return VOLUMES
    return tuple(int(v.replace("_", "")) for v in raw.split(",") if v.strip())


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def start_over(first: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    if first:
        call_command("migrate", verbosity=0, interactive=False)
    if not first or connection.vendor != "sqlite":
        call_command("flush", verbosity=0, interactive=False)


def seed(volume: int) -> tuple[float, dict[str, int]]:
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("seed_demo", persons=volume, quiet=True, stdout=StringIO())
    seconds = time.monotonic() - started
    if connection.vendor == "postgresql":
        # Autovacuum would have analysed the tables long before anyone used them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from maillage.cases.models import Case
    from maillage.intake.models import SupportRequest
    from maillage.people.models import Person

    counts = {
        "persons": Person.objects.count(),
        "requests": SupportRequest.objects.count(),
        "open requests": SupportRequest.objects.open().count(),
        "cases": Case.objects.count(),
    }
    return seconds, counts


def measure(volume: int) -> list[Result]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from maillage import access
    from maillage.accounts.models import ApiToken, User
    from maillage.cases.models import Case

    users = {name: User.objects.get(username=name) for name in ("intake", "cm1")}
    support_request = access.requests_visible_to(users["intake"]).open().due_first().first()
    case = Case.objects.held_by(users["cm1"]).open().order_by("-opened_at").first()
    ids = {
        "request_id": support_request.pk if support_request else None,
        "case_id": case.pk if case else None,
    }
    tokens = {name: ApiToken.issue(user, name="benchmark")[1] for name, user in users.items()}
    clients: dict[str, Client] = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    results = []
    for endpoint in ENDPOINTS:
        result = Result(endpoint.name, endpoint.user, endpoint.url)
        results.append(result)
        try:
            url = endpoint.url.format(**ids)
        except KeyError:
            url = endpoint.url
        if "None" in url:
            result.note = "nothing to show"
            continue
        result.url = url
        if endpoint.api:
            client = Client()
            headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[endpoint.user]}"}
        else:
            client, headers = clients[endpoint.user], {}

        def get(client: Client = client, url: str = url, headers: dict = headers) -> Any:
            return client.get(url, **headers)

        try:
            response = get()
        except Exception as error:  # a page under construction must not stop the run
            result.note = f"error: {type(error).__name__}: {error}"[:200]
            continue
        result.status = response.status_code
        if response.status_code == 404:
            result.note = "not available"
            continue
        result.available = True
        for _ in range(WARM_UP - 1):
            get()
        timings = []
        for _ in range(TIMED):
            started = time.perf_counter()
            get()
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = get()
        result.status = response.status_code
        result.queries = len(queries.captured_queries)
        result.p50_ms = round(statistics.median(timings), 1)
        result.p95_ms = round(percentile(timings, 0.95), 1)
        if response.status_code >= 300:
            result.note = f"HTTP {response.status_code}"
    return results


def fmt(value: Any, width: int) -> str:
    text = "–" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
    return text.rjust(width)


def print_volume(volume: int, seconds: float, counts: dict[str, int], results: list[Result]):
    print()
    summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    print(f"== Volume {volume:,}: {summary}; seeded in {seconds:.1f} s")
    print(
        f"  {'endpoint':<16} {'user':<7} {'status':>6} {'queries':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8}  note"
    )
    for r in results:
        print(
            f"  {r.endpoint:<16} {r.user:<7} {fmt(r.status, 6)} {fmt(r.queries, 8)} "
            f"{fmt(r.p50_ms, 8)} {fmt(r.p95_ms, 8)}  {r.note}"
        )


def compare(runs: dict[int, list[Result]]) -> tuple[list[dict[str, Any]], bool]:
    """Smallest against largest volume; returns the rows and whether queries grew."""
    low, high = min(runs), max(runs)
    rows, grows = [], False
    for small, large in zip(runs[low], runs[high], strict=True):
        row: dict[str, Any] = {
            "endpoint": small.endpoint,
            "queries": [small.queries, large.queries],
            "p95_ms": [small.p95_ms, large.p95_ms],
            "ratio": None,
            "flags": [],
        }
        if not (small.available and large.available):
            row["flags"].append("not available")
        else:
            if large.queries != small.queries:
                row["flags"].append("GROWS" if large.queries > small.queries else "changes")
                grows = grows or large.queries > small.queries
            if small.p95_ms:
                row["ratio"] = round(large.p95_ms / small.p95_ms, 2)
                if row["ratio"] > SLOWER_RATIO and large.p95_ms - small.p95_ms > SLOWER_MS:
                    row["flags"].append("SLOWER")
        rows.append(row)
    print()
    print(f"== Comparison {low:,} → {high:,} requests")
    print(f"  {'endpoint':<16} {'queries':>15} {'p95 ms':>19} {'ratio':>7}  flags")
    for row in rows:
        q_low, q_high = row["queries"]
        p_low, p_high = row["p95_ms"]
        queries = f"{fmt(q_low, 5)} → {fmt(q_high, 5)}"
        p95 = f"{fmt(p_low, 7)} → {fmt(p_high, 7)}"
        ratio = "–" if row["ratio"] is None else f"{row['ratio']:.2f}×"
        print(
            f"  {row['endpoint']:<16} {queries:>15} {p95:>19} {ratio:>7}  "
            f"{', '.join(row['flags']) or 'ok'}"
        )
    return rows, grows


def bench_directory() -> dict[str, Any]:
    """The directory search at 20,000 services (maillage/benchmark/directory.py)."""
    from maillage.accounts.models import User

    from . import directory

    count = directory.volume()
    if not count:
        return {}
    seconds = directory.seed(count)
    results = directory.measure(User.objects.get(username="intake"))
    directory.report(count, seconds, results)
    return {
        "services": count,
        "seed_seconds": round(seconds, 1),
        "results": [asdict(r) for r in results],
    }


def bench_export() -> dict[str, Any]:
    """The person's full export (PDF) of a case with a year of history (export.py)."""
    from . import export

    if not export.wanted():
        return {}
    person, made, seconds = export.seed()
    results = export.measure(person, made)
    export.report(seconds, results)
    return {"seed_seconds": round(seconds, 1), "results": [asdict(r) for r in results]}


def main() -> int:
    database = configure()
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    logging.getLogger("django.server").setLevel(logging.CRITICAL)

    print(f"Maillage benchmark on {database}")
    started = time.monotonic()
    report: dict[str, Any] = {"database": database, "volumes": {}}
    runs: dict[int, list[Result]] = {}
    for number, volume in enumerate(volumes()):
        start_over(first=number == 0)
        seconds, counts = seed(volume)
        results = measure(volume)
        runs[volume] = results
        print_volume(volume, seconds, counts, results)
        report["volumes"][str(volume)] = {
            "seed_seconds": round(seconds, 1),
            "counts": counts,
            "results": [asdict(r) for r in results],
        }
    report["directory"] = bench_directory()
    report["export"] = bench_export()
    grows = False
    if len(runs) > 1:
        report["comparison"], grows = compare(runs)
    report["total_seconds"] = round(time.monotonic() - started, 1)
    output = Path(settings.VAR_DIR) / "bench.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print()
    print(f"Total {report['total_seconds']:.0f} s; results written to {output}")
    if grows:
        print("FAIL: the number of SQL queries of a page grows with the data.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
