"""The benchmark's choices: which databases, what it flags (the timings are its own run)."""

from maillage.benchmark import __main__ as bench


def test_postgresql_databases_are_named_after_database_url(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://me:secret@db:5432/maillage")
    url = bench.database_url(100_000, "realistic")
    assert url.startswith("postgres://me:secret@db:5432/maillage_bench_100000_realistic_s23")
    assert bench.printable(url).startswith("db:5432/")  # no password


def test_sqlite_databases_are_files_named_by_volume_and_seed(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    small, large = bench.database_url(1_000, "stress"), bench.database_url(100_000, "stress")
    assert small.startswith("sqlite:///") and small.endswith(".sqlite3")
    assert "bench-1000_stress" in small and small != large


def test_the_stress_seed_is_asked_for_by_environment(monkeypatch):
    monkeypatch.setenv("BENCH_SEED", "stress")
    assert bench.seed_kind() == "stress"
    monkeypatch.setenv("BENCH_SEED", "")
    assert bench.seed_kind() == "realistic"


def test_quick_volumes_for_development(monkeypatch):
    monkeypatch.setenv("BENCH_VOLUMES", "200, 2_000")
    assert bench.volumes() == (200, 2_000)


def row(queries, p95, ratio):
    return bench.Row("page", "cm1", ["/a/"] * 2, [200, 200], queries, p95_ms=p95, ratio=ratio)


def test_growing_queries_slow_pages_and_large_ratios_are_flagged():
    assert bench.flags(row([5, 5], [10.0, 12.0], 1.2)) == []
    assert bench.flags(row([5, 6], [10.0, 12.0], 1.2)) == ["QUERIES GROW"]
    assert bench.flags(row([5, 5], [10.0, 14.0], 1.4)) == ["ratio > 1.3"]
    assert bench.flags(row([5, 5], [40.0, 51.0], 1.2)) == ["p95 > 50 ms"]


def test_percentile_is_nearest_rank():
    assert bench.percentile([float(n) for n in range(1, 21)], 0.95) == 19.0
