"""What every benchmark shares: its own PostgreSQL database, timing, statistics and the results file.

The database named in DATABASE_URL is dropped and created again at the start (its name must contain
"bench", so that a development database is never dropped by mistake) and dropped at the end unless
--keep is given.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results.jsonl"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/serikat_bench"


class BenchError(SystemExit):
    """Stops the run with a message (and exit status 1)."""

    def __init__(self, message: str):
        super().__init__(f"bench: {message}")


# --- the database ----------------------------------------------------------------------------


def database_url() -> str:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise BenchError(f"the benchmarks run on PostgreSQL; DATABASE_URL is {url}")
    if "bench" not in database_name(url):
        raise BenchError(f"refusing to drop and recreate {database_name(url)!r}: its name must contain 'bench'")
    return url


def database_name(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


def _server_conninfo(url: str) -> str:
    parts = urlsplit(url)
    info = f"host={parts.hostname or '127.0.0.1'} port={parts.port or 5432} dbname=postgres connect_timeout=5"
    if parts.username:
        info += f" user={unquote(parts.username)}"
    if parts.password:
        info += f" password={unquote(parts.password)}"
    return info


def _on_server(url: str, statement: str) -> None:
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(_server_conninfo(url), autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(database_name(url))))
    except psycopg.OperationalError as error:
        raise BenchError(f"cannot reach PostgreSQL for {url}: {error}".strip()) from None


def database_exists(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(_server_conninfo(url), autocommit=True) as connection:
            found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)])
            return found.fetchone() is not None
    except psycopg.OperationalError as error:
        raise BenchError(f"cannot reach PostgreSQL for {url}: {error}".strip()) from None


def create_database(url: str) -> None:
    _on_server(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")
    _on_server(url, "CREATE DATABASE {}")


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    _on_server(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def migrate_and_load_regions() -> float:
    from django.conf import settings
    from django.core.management import call_command

    from serikat.organisation.regions import load_regions

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    load_regions(Path(settings.SERIKAT_REGIONS_DIR))
    return time.perf_counter() - started


# --- measuring -------------------------------------------------------------------------------


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def repeat(function: Callable[[], Any], *, times: int, warmup: int = 0) -> list[float]:
    for _ in range(warmup):
        function()
    return [timed(function)[0] for _ in range(times)]


def summary(seconds: list[float]) -> dict[str, float]:
    """min / median / p95 (nearest rank) / max, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
    return {
        "n": len(ordered),
        "min_ms": round(ordered[0] * 1000, 2),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def summary_line(label: str, figures: dict[str, float], width: int = 34) -> str:
    return (
        f"  {label:<{width}} n={figures['n']:<4} min {figures['min_ms']:>8.1f} ms"
        f"   median {figures['median_ms']:>8.1f} ms   p95 {figures['p95_ms']:>8.1f} ms"
        f"   max {figures['max_ms']:>8.1f} ms"
    )


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def count_queries(function: Callable[[], Any]) -> tuple[int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured.captured_queries), result


# --- reporting -------------------------------------------------------------------------------


def environment() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],  # noqa: S607 - git from PATH
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "commit": commit,
        "python": platform.python_version(),
        "postgresql": server.split()[0],
        "cpus": os.cpu_count(),
        "host": platform.node(),
    }


def record(name: str, figures: dict[str, Any], env: dict[str, Any]) -> None:
    """Append one JSON line to bench/results.jsonl (git history of that file is the trend)."""
    line = {
        "bench": name,
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        **env,
        **figures,
    }
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 96 - len(text)), flush=True)
