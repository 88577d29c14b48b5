"""Where a bench result was measured: the machine, the database server and its
settings, and the commit (bench/run.py records them in every result)."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path

from bench import RESULTS

PG_SETTINGS = [
    "shared_buffers",
    "effective_cache_size",
    "work_mem",
    "maintenance_work_mem",
    "max_wal_size",
    "random_page_cost",
    "jit",
    "max_parallel_workers_per_gather",
]


def machine() -> dict:
    from django.db import connection

    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "database": connection.vendor,
    }
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        info["cpu"] = re.search(r"model name\s*:\s*(.*)", cpu).group(1)
        mem = Path("/proc/meminfo").read_text()
        info["memory_gib"] = round(int(re.search(r"MemTotal:\s*(\d+)", mem).group(1)) / 2**20, 1)
    except (OSError, AttributeError):
        pass
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()"
        )
        info["database_version"] = cursor.fetchone()[0].split(" on ")[0]
        if connection.vendor == "postgresql":  # the server's tuning (README, Production)
            cursor.execute(
                "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s)",
                [PG_SETTINGS],
            )
            info["database_settings"] = dict(sorted(cursor.fetchall()))
    return info


def commit() -> str:
    """The commit measured, with "+changes" when the working tree differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True, cwd=RESULTS.parent).stdout.strip()  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "pendamping", "bench"],
                               capture_output=True, text=True, cwd=RESULTS.parent).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty.strip() else "")
