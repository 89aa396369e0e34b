"""What the member benchmarks share: fresh child processes (for peak memory), the demo's actors, the
figures of a child run, and the rows of a member file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.harness import ROOT, BenchError

ADMIN = "demo-admin"
DPW = "demo-dpw-jabar"
WORK_DIR = ROOT / "var" / "bench"  # generated member files (gigabytes at full size; not in git)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB; Linux only."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    raise BenchError("no VmHWM in /proc/self/status (the member benchmarks need Linux)")


def run_child(module: str, *args: str, env: dict[str, str] | None = None, timeout: int = 7200) -> dict[str, Any]:
    """Runs `python -m <module> <args>` in a fresh process: its stderr is shown as it comes, the last
    line of its stdout is its JSON result. A fresh process is how peak memory is measured alone."""
    process = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in process.stdout.splitlines() if line.strip()]
    if process.returncode != 0 or not lines:
        raise BenchError(f"{module} {' '.join(args)} failed with exit status {process.returncode}")
    return json.loads(lines[-1])


def child_result(figures: dict[str, Any]) -> None:
    """The last line a child process prints: its figures, with its peak memory."""
    figures["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(figures, default=str), flush=True)


def child_setup() -> None:
    """Django in a child process, on the database of DATABASE_URL (the parent's)."""
    from bench.harness import setup_django

    setup_django()


def users() -> dict[str, Any]:
    from serikat.accounts.models import User

    return {user.username: user for user in User.objects.filter(username__in=[ADMIN, DPW])}


def work_dir() -> Path:
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    return WORK_DIR
