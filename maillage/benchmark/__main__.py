"""Latency and SQL queries of the main pages at 1,000 and 100,000 requests, measured
interleaved; then the directory search at 20,000 services (directory.py) and the person's
full export of a case with a year of history (export.py); then the case overview's
requests per second against a hello-world view, served by gunicorn (throughput.py).

Run with `make bench` (`.venv/bin/python -m maillage.benchmark`). On a loaded machine
timings drift by more than the difference we look for, so the two databases are served
by two processes (volume.py) and every request on one is followed by the same request on
the other. Each endpoint gets WARM_UP requests on each, then ROUNDS rounds of TIMED
interleaved pairs; a round gives one p95 per volume and their ratio; the report gives the
medians over the rounds. A ratio above 1.3 or a p95 above 50 ms is flagged; a query count
that grows with the data fails the run (exit 1). Results go to var/bench.json.

Databases: SQLite files `bench-<volume>-<seed>-s23.sqlite3` in the project folder, or,
when DATABASE_URL (or BENCH_DATABASE_URL) names PostgreSQL, databases named after it
(`<name>_bench_<volume>_<seed>`), created when missing. Each is seeded once and reused
while its name is the same (`make clean` deletes the SQLite ones).

Environment: BENCH_VOLUMES=1000,20000 changes the volumes (the first two are compared);
BENCH_SEED=stress (or `--stress`) gives every case to the demo's few case managers
instead of realistic caseloads of 20–60 open cases; BENCH_ROUNDS and BENCH_TIMED change
the rounds and the pairs per round; BENCH_DIRECTORY, BENCH_EXPORT and BENCH_THROUGHPUT
(0 skips each) as in their modules.
"""

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .endpoints import ENDPOINTS

PROJECT = Path(__file__).resolve().parents[2]
VOLUMES = (1_000, 100_000)
SEED_VALUE = 23  # the demo's default seed
SEED_VERSION = 3  # bump when the generator changes what a seed makes: reseeds
WARM_UP = 3
ROUNDS = 5
TIMED = 20
FLAG_RATIO = 1.3
FLAG_P95_MS = 50.0


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, "") or default)


def volumes() -> tuple[int, ...]:
    raw = os.environ.get("BENCH_VOLUMES", "")
    if not raw:
        return VOLUMES
    return tuple(int(v.replace("_", "")) for v in raw.split(",") if v.strip())


def seed_kind() -> str:
    stress = "--stress" in sys.argv or os.environ.get("BENCH_SEED", "") == "stress"
    return "stress" if stress else "realistic"


def database_url(volume: int, kind: str) -> str:
    """The database of one volume and seed: a SQLite file, or a PostgreSQL database."""
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    key = f"{volume}_{kind}_s{SEED_VALUE}_v{SEED_VERSION}"
    if base.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(base)
        name = f"{parts.path.lstrip('/')}_bench_{key}"
        return urlunsplit(parts._replace(path=f"/{name}"))
    return f"sqlite:///{PROJECT / f'bench-{key}.sqlite3'}"


def printable(url: str) -> str:
    return url.split("@")[-1]  # never print a password


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Volume:
    """A process serving one volume's database (volume.py), asked one request at a time."""

    def __init__(self, volume: int, kind: str) -> None:
        self.volume = volume
        self.url = database_url(volume, kind)
        # Production settings (DEBUG off: no query log, cached templates, the manifest
        # of static files), but plain HTTP: the test client is not behind a TLS proxy.
        env = {key: value for key, value in os.environ.items() if key != "MAILLAGE_DEBUG"}
        env.update({"DATABASE_URL": self.url, "MAILLAGE_HTTPS": "0"})
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "maillage.benchmark.volume", str(volume), kind],
            cwd=PROJECT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the process of volume {self.volume:,} stopped")
        return json.loads(line)

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)


@dataclass
class Row:
    endpoint: str
    user: str
    urls: list[str]
    statuses: list[int | None]
    queries: list[int | None]
    p95_rounds: list[list[float]] = field(default_factory=list)  # per volume
    ratios: list[float] = field(default_factory=list)  # one per round
    p50_ms: list[float | None] = field(default_factory=list)
    p95_ms: list[float | None] = field(default_factory=list)
    ratio: float | None = None
    flags: list[str] = field(default_factory=list)
    note: str = ""


def measure(pair: list[Volume], pages: list[dict[str, Any]], rounds: int, timed: int):
    rows = []
    for index, endpoint in enumerate(ENDPOINTS):
        answers = [page["endpoints"][index] for page in pages]
        row = Row(
            endpoint.name,
            endpoint.user,
            urls=[a["url"] for a in answers],
            statuses=[a["status"] for a in answers],
            queries=[a["queries"] for a in answers],
            note="; ".join(dict.fromkeys(a["note"] for a in answers if a["note"])),
        )
        rows.append(row)
        if any(a["queries"] is None for a in answers):
            row.flags.append("not available")
            continue
        for volume in pair:
            for _ in range(WARM_UP):
                volume.ask({"op": "get", "endpoint": index})
        samples: list[list[float]] = [[] for _ in pair]
        row.p95_rounds = [[] for _ in pair]
        for number in range(rounds):
            this_round: list[list[float]] = [[] for _ in pair]
            order = list(range(len(pair)))
            if number % 2:  # the other one first, every other round
                order.reverse()
            for _ in range(timed):
                for v in order:
                    this_round[v].append(pair[v].ask({"op": "get", "endpoint": index}))
            for v, timings in enumerate(this_round):
                samples[v] += timings
                row.p95_rounds[v].append(percentile(timings, 0.95))
            row.ratios.append(row.p95_rounds[-1][-1] / row.p95_rounds[0][-1])
        row.p50_ms = [round(statistics.median(s), 1) for s in samples]
        row.p95_ms = [round(statistics.median(r), 1) for r in row.p95_rounds]
        row.ratio = round(statistics.median(row.ratios), 2)
        row.flags += flags(row)
    return rows


def flags(row: Row) -> list[str]:
    found = []
    low, high = row.queries[0], row.queries[-1]
    if low is not None and high is not None and high != low:
        found.append("QUERIES GROW" if high > low else "queries change")
    if row.ratio is not None and row.ratio > FLAG_RATIO:
        found.append(f"ratio > {FLAG_RATIO}")
    if any(p is not None and p > FLAG_P95_MS for p in row.p95_ms):
        found.append(f"p95 > {FLAG_P95_MS:.0f} ms")
    return found


def fmt(value: Any, width: int) -> str:
    text = "–" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
    return text.rjust(width)


def print_rows(pair: list[Volume], rows: list[Row], rounds: int, timed: int) -> None:
    low, high = pair[0].volume, pair[-1].volume
    print()
    print(
        f"== {low:,} and {high:,} requests, interleaved: {rounds} rounds of {timed} "
        "pairs; medians over the rounds"
    )
    print(f"  {'endpoint':<15} {'queries':>11} {'p50 ms':>15} {'p95 ms':>15} {'ratio':>6}  flags")
    for row in rows:
        queries = f"{fmt(row.queries[0], 4)} → {fmt(row.queries[-1], 4)}"
        p50 = " → ".join(fmt(p, 6) for p in (row.p50_ms or [None, None]))
        p95 = " → ".join(fmt(p, 6) for p in (row.p95_ms or [None, None]))
        ratio = "–" if row.ratio is None else f"{row.ratio:.2f}"
        flags_text = ", ".join(row.flags) or "ok"
        note = f" ({row.note})" if row.note else ""
        print(
            f"  {row.endpoint:<15} {queries:>11} {p50:>15} {p95:>15} {ratio:>6}  {flags_text}{note}"
        )


def throughput(kind: str) -> dict[str, Any]:
    """The overview against hello-world under gunicorn, in a process of its own."""
    from . import throughput

    if not throughput.wanted():
        return {}
    output = PROJECT / "var" / "bench-throughput.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)
    command = [sys.executable, "-m", "maillage.benchmark.throughput", kind, str(output)]
    subprocess.run(command, cwd=PROJECT, check=True)  # noqa: S603
    return {"throughput": json.loads(output.read_text())}


def extras() -> dict[str, Any]:
    """Directory search and full export, on a database of their own (the demo's size)."""
    from . import directory, export

    if not directory.volume() and not export.wanted():
        return {}
    url = database_url(0, "extras")
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{url.removeprefix('sqlite:///')}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ["MAILLAGE_DEBUG"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.settings"
    import django

    django.setup()
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command
    from django.db import reset_queries

    from maillage.accounts.models import User

    from .volume import ensure_database

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    ensure_database()
    call_command("migrate", verbosity=0, interactive=False)
    if url.startswith("postgres"):
        call_command("flush", verbosity=0, interactive=False)
    call_command("seed_demo", quiet=True, stdout=StringIO())
    report: dict[str, Any] = {}
    count = directory.volume()
    if count:
        seconds = directory.seed(count)
        reset_queries()  # seeding filled DEBUG's log of queries: start counting afresh
        results = directory.measure(User.objects.get(username="intake"))
        directory.report(count, seconds, results)
        report["directory"] = {"services": count, "seed_seconds": round(seconds, 1)}
        report["directory"]["results"] = [r.__dict__ for r in results]
    if export.wanted():
        person, made, seconds = export.seed()
        results = export.measure(person, made)
        export.report(seconds, results)
        report["export"] = {"seed_seconds": round(seconds, 1)}
        report["export"]["results"] = [r.__dict__ for r in results]
    return report


def main() -> int:
    sys.path.insert(0, str(PROJECT))
    kind = seed_kind()
    rounds, timed = env_int("BENCH_ROUNDS", ROUNDS), env_int("BENCH_TIMED", TIMED)
    wanted = volumes()
    started = time.monotonic()
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    print(f"Maillage benchmark, {kind} seed; {machine}")
    report: dict[str, Any] = {"date": date.today().isoformat(), "seed": kind, "volumes": {}}
    report["machine"] = {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_at_start": round(os.getloadavg()[0], 1),
        "python": platform.python_version(),
    }
    pair = [Volume(volume, kind) for volume in wanted[:2]]
    pages = []
    try:
        for volume in pair:  # one after the other: seeding takes both cores
            print(f"  {volume.volume:,} requests: {printable(volume.url)} …", flush=True)
            page = volume.ask({"op": "prepare"})
            pages.append(page)
            seeded = page["seed_seconds"]
            how = "reused" if seeded is None else f"seeded in {seeded:.0f} s"
            counts = ", ".join(f"{v:,} {k}" for k, v in page["counts"].items())
            print(f"    {how}: {counts}", flush=True)
            report["volumes"][str(volume.volume)] = {
                "database": printable(volume.url),
                "seed_seconds": seeded,
                "counts": page["counts"],
            }
        rows = measure(pair, pages, rounds, timed)
    finally:
        for volume in pair:
            volume.close()
    print_rows(pair, rows, rounds, timed)
    report["rounds"], report["timed_per_round"] = rounds, timed
    report["endpoints"] = [row.__dict__ for row in rows]
    report["report_load_at_end"] = round(os.getloadavg()[0], 1)
    report.update(throughput(kind))
    report.update(extras())
    report["total_seconds"] = round(time.monotonic() - started, 1)
    output = PROJECT / "var" / "bench.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print()
    print(f"Total {report['total_seconds']:.0f} s; results written to {output}")
    if any("QUERIES GROW" in row.flags for row in rows):
        print("FAIL: the number of SQL queries of a page grows with the data.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
