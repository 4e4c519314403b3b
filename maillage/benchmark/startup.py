"""Time a warm `make run`: from the command until the login page answers 200.

Run with `.venv/bin/python -m maillage.benchmark.startup [RUNS] [PORT]` (default 5 runs
on port 8765). Each run starts `make run` in its own process group, polls the login page
every 50 ms, then sends SIGINT to the group as a Ctrl-C in a terminal would, and checks
that the server and the worker both stopped. The first run also makes the start warm
(installs, migrates and seeds when needed); it is reported but left out of the median.
"""

import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
TIMEOUT = 600.0  # seconds; a fresh clone installs and seeds first


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our URL)
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def one_run(port: int, command: list[str] | None = None) -> tuple[float, bool]:
    """Seconds until the login page answers; whether one SIGINT stopped everything."""
    url = f"http://127.0.0.1:{port}/accounts/login/"
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603
        command or ["make", "run", f"PORT={port}"],  # noqa: S607
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while not answers(url):
            if process.poll() is not None or time.monotonic() - started > TIMEOUT:
                raise RuntimeError(f"`make run` ended or timed out (code {process.returncode})")
            time.sleep(0.05)
        seconds = time.monotonic() - started
        time.sleep(1.0)  # let the worker finish starting, as a person would
    finally:
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    deadline = time.monotonic() + 15  # the worker's cluster takes a moment to stop
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return seconds, True
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    return seconds, False


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8765
    # A Ctrl-C must reach `make run` even when this script was started in the background
    # (which ignores SIGINT, and children inherit an ignored signal).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    timings = []
    for number in range(runs + 1):
        seconds, stopped = one_run(port)
        label = "first (warms up)" if number == 0 else f"run {number}"
        print(f"{label:<17} {seconds:6.2f} s  {'stopped' if stopped else 'LEFT PROCESSES'}")
        if number:
            timings.append(seconds)
    print(f"median {statistics.median(timings):.2f} s, max {max(timings):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
