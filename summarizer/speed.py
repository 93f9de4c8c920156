"""Backend speeds measured on this machine by `synopsis bench` (a small JSON file)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def results_path() -> Path:
    from platformdirs import user_data_dir

    env = os.environ.get("SYNOPSIS_BENCH_FILE")
    return Path(env) if env else Path(user_data_dir("synopsis")) / "bench.json"


def load_results() -> dict[str, Any]:
    try:
        data = json.loads(results_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_results(data: dict[str, Any]) -> Path:
    path = results_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path


def fastest_measured() -> str | None:
    """The fastest backend whose output agreed with torch in the last `synopsis bench`."""
    rows = load_results().get("backends", [])

    def rate(row: dict[str, Any]) -> float:  # files saved before the rename say docs_per_min
        return float(row.get("chunks_per_min") or row.get("docs_per_min") or 0.0)

    ok = [r for r in rows if r.get("agrees", False) and rate(r)]
    if not ok:
        return None
    return str(max(ok, key=rate)["name"])
