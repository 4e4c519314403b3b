"""The throughput run's yardstick, load generator and flags (its timings are its own run)."""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import Resolver404, resolve

from maillage.benchmark import throughput


def test_the_hello_world_view_exists_only_in_the_bench_urlconf():
    assert resolve("/bench/hello/", urlconf="maillage.benchmark.urls").func is not None
    with pytest.raises(Resolver404):
        resolve("/bench/hello/")  # the production URLconf


def test_the_bench_settings_are_production_settings_with_another_urlconf():
    from maillage import settings as site
    from maillage.benchmark import settings as bench

    assert bench.ROOT_URLCONF == "maillage.benchmark.urls"
    assert bench.MIDDLEWARE == site.MIDDLEWARE and bench.DEBUG == site.DEBUG


class Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the load generator asks

    def do_GET(self):
        status = 200 if self.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_the_load_generator_counts_answers_and_errors():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        ok = throughput.load(port, "/ok", "sessionid=x", clients=2, seconds=0.2)
        missing = throughput.load(port, "/missing", "sessionid=x", clients=1, seconds=0.1)
    finally:
        server.shutdown()
    assert ok.requests > 0 and ok.errors == 0 and ok.rps > 0
    assert missing.errors == missing.requests > 0


def test_cpu_time_is_read_from_proc():
    sum(range(2_000_000))
    assert throughput.cpu_seconds([os.getpid()]) > 0


def page(rps, errors=0):
    return {
        "rps": rps,
        "errors": errors,
        "p50_ms": 1.0,
        "p95_ms": 2.0,
        "server_cpu_ms_per_request": 1.0,
    }


def test_an_overview_under_a_tenth_of_hello_is_flagged():
    slow = {
        "clients": 4,
        "rounds": 1,
        "seconds": 1,
        "pages": {"hello": page(1000), "overview": page(99)},
    }
    fast = {
        "clients": 4,
        "rounds": 1,
        "seconds": 1,
        "pages": {"hello": page(1000), "overview": page(100)},
    }
    assert throughput.report(slow) == ["overview < 10% of hello"]
    assert throughput.report(fast) == []
    assert fast["overview_share"] == 0.1


def test_the_run_is_skipped_by_environment(monkeypatch):
    monkeypatch.setenv("BENCH_THROUGHPUT", "0")
    assert throughput.wanted() is False
    monkeypatch.delenv("BENCH_THROUGHPUT")
    assert throughput.wanted() is True
