"""Requests per second of the case overview against a hello-world view, both served by
gunicorn with production settings, and the CPU time each costs the server.

`make bench` runs this after the latency tables (BENCH_THROUGHPUT=0 skips it); alone:
`.venv/bin/python -m maillage.benchmark.throughput [realistic|stress] [JSON-PATH]`.

On the bench's 1,000-request database (seeded when missing): collectstatic, then
gunicorn with 2 sync workers on a free port of 127.0.0.1, with production settings
(MAILLAGE_DEBUG unset, HTTPS on; the client says `X-Forwarded-Proto: https` as the TLS
proxy would) plus the bench's URLconf, which adds /bench/hello/ (settings.py, urls.py
beside this file). cm1 is signed in once (a session made as the test client's
force_login does; a case manager has no second factor) and the same cookie is sent to
both pages, so both pass the same middleware with the same session.

A bounded load generator: CLIENTS threads, each with its own http.client connection
(keep-alive asked; gunicorn's sync workers close after each response, the client
reconnects), request after request for SECONDS; hello and overview alternate for
ROUNDS rounds after a warm-up of each. Requests per second are counted per phase (the
report gives the median over the rounds); latency is pooled; CPU time is the workers'
utime + stime from /proc/<pid>/stat over all rounds of a page, divided by its requests.
The overview under 10 % of hello's throughput is flagged.
"""

import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from io import StringIO
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
VOLUME = 1_000
CLIENTS = 4  # two per worker: a worker never waits for the client
SECONDS = 3.0
ROUNDS = 5
WARM_UP_SECONDS = 1.0
FLAG_SHARE = 0.10
HELLO = "/bench/hello/"


def env_number(name: str, default: float) -> float:
    return float(os.environ.get(name, "") or default)


def wanted() -> bool:
    return os.environ.get("BENCH_THROUGHPUT", "1") != "0"


@dataclass
class Phase:
    """What CLIENTS threads got from one URL for a while."""

    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(port: int, path: str, cookie: str, clients: int, seconds: float) -> Phase:
    """Keep `clients` requests on `path` in flight for `seconds`; count what came back."""
    phase = Phase()
    lock = threading.Lock()
    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Connection": "keep-alive"}
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        latencies, errors = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status != 200
        connection.close()
        with lock:
            phase.latencies_ms += latencies
            phase.errors += errors

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - started
    phase.requests = len(phase.latencies_ms)
    return phase


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of these processes (all their threads), in seconds."""
    ticks = 0
    for pid in pids:
        # The command name may hold spaces: the fields after it are split after ")".
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(entry.name))
    return sorted(found)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(kind: str) -> tuple[str, str]:
    """Migrate, seed when empty, collect static files; cm1's session cookie and a case."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from maillage.accounts.models import User
    from maillage.cases.models import Case
    from maillage.demo import generator

    from .volume import ensure_database

    ensure_database()
    call_command("migrate", verbosity=0, interactive=False)
    if not generator.demo_present():
        call_command(
            "seed_demo", persons=VOLUME, stress=kind == "stress", quiet=True, stdout=StringIO()
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    user = User.objects.get(username="cm1")
    case = Case.objects.held_by(user).open().order_by("-opened_at").first()
    assert case is not None, "cm1 holds no open case"
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}", f"/cases/{case.pk}/"


def serve(port: int, log: Any) -> subprocess.Popen[bytes]:
    gunicorn = [sys.executable, "-m", "gunicorn", "maillage.wsgi", "--workers", "2"]
    process = subprocess.Popen(  # noqa: S603
        [*gunicorn, "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=log,  # a file: a full pipe would stop the server
    )
    deadline = time.monotonic() + 60
    while len(children(process.pid)) < 2 or not answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.seek(0)
            error = log.read().decode()[-2000:]
            raise RuntimeError(f"gunicorn did not start:\n{error}")
        time.sleep(0.1)
    return process


def answers(port: int) -> bool:
    try:
        connection = HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "https"})
        return connection.getresponse().status == 200
    except OSError:
        return False


def measure(port: int, workers: list[int], pages: dict[str, str], cookie: str) -> dict:
    clients = int(env_number("BENCH_THROUGHPUT_CLIENTS", CLIENTS))
    seconds = env_number("BENCH_THROUGHPUT_SECONDS", SECONDS)
    rounds = int(env_number("BENCH_THROUGHPUT_ROUNDS", ROUNDS))
    for path in pages.values():
        warm = load(port, path, cookie, clients, WARM_UP_SECONDS)
        if warm.errors:
            raise RuntimeError(f"{path} answered {warm.errors} errors in the warm-up")
    phases: dict[str, list[Phase]] = {name: [] for name in pages}
    server_cpu = dict.fromkeys(pages, 0.0)
    client_cpu = dict.fromkeys(pages, 0.0)
    for _ in range(rounds):
        for name, path in pages.items():
            before, mine = cpu_seconds(workers), os.times()
            phases[name].append(load(port, path, cookie, clients, seconds))
            server_cpu[name] += cpu_seconds(workers) - before
            after = os.times()
            client_cpu[name] += after.user + after.system - mine.user - mine.system
    results = {}
    for name, runs in phases.items():
        served = sum(run.requests for run in runs)
        latencies = [ms for run in runs for ms in run.latencies_ms]
        results[name] = {
            "path": pages[name],
            "requests": served,
            "errors": sum(run.errors for run in runs),
            "rps_rounds": [round(run.rps, 1) for run in runs],
            "rps": round(statistics.median(run.rps for run in runs), 1),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(statistics.quantiles(latencies, n=20)[-1], 1),
            "server_cpu_ms_per_request": round(server_cpu[name] * 1000 / served, 2),
            "client_cpu_ms_per_request": round(client_cpu[name] * 1000 / served, 2),
        }
    return {"clients": clients, "seconds": seconds, "rounds": rounds, "pages": results}


def report(results: dict) -> list[str]:
    """Print the table; answer the flags."""
    pages = results["pages"]
    share = pages["overview"]["rps"] / pages["hello"]["rps"]
    results["overview_share"] = round(share, 4)
    flags = [] if share >= FLAG_SHARE else [f"overview < {FLAG_SHARE:.0%} of hello"]
    flags += [f"{name}: {p['errors']} errors" for name, p in pages.items() if p["errors"]]
    print()
    print(
        f"== Throughput, gunicorn 2 sync workers, production settings, {VOLUME:,} requests: "
        f"{results['clients']} clients, {results['rounds']} rounds of "
        f"{results['seconds']:.0f} s per page, interleaved"
    )
    print(f"  {'page':<9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'server CPU ms/req':>18}")
    for name, page in pages.items():
        print(
            f"  {name:<9} {page['rps']:>8.1f} {page['p50_ms']:>7.1f} {page['p95_ms']:>7.1f} "
            f"{page['server_cpu_ms_per_request']:>18.2f}"
        )
    print(f"  overview / hello: {share:.1%}  {', '.join(flags) or 'ok'}")
    results["flags"] = flags
    return flags


def main() -> int:
    from .__main__ import database_url

    kind = sys.argv[1] if len(sys.argv) > 1 else "realistic"
    output = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    os.environ.pop("MAILLAGE_DEBUG", None)
    os.environ.pop("MAILLAGE_HTTPS", None)
    os.environ.setdefault("MAILLAGE_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DATABASE_URL"] = database_url(VOLUME, kind)
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.benchmark.settings"
    cookie, overview = prepare(kind)
    port = free_port()
    with tempfile.TemporaryFile() as log:
        server = serve(port, log)
        try:
            workers = children(server.pid)
            results = measure(port, workers, {"hello": HELLO, "overview": overview}, cookie)
        finally:
            server.terminate()
            server.wait(timeout=30)
    results["volume"] = VOLUME
    report(results)
    if output:
        output.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
