"""``make test`` runs a 30-second version of bench/load.py: under mixed, partly hostile traffic with two heavy
queries always in flight, no ordinary request gets a 5xx and no connection fails. Latency is reported by the
benchmark, not asserted here (speed figures come from bench/, compared within one run)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.server import ROOT


def test_thirty_seconds_of_mixed_hostile_load_give_no_unexpected_5xx_and_no_connection_error(
    tmp_path: Path,
) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bench.load", "--seconds", "30", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    summary = json.loads(run.stdout)
    assert summary["unexpected_5xx"] == 0, summary["unexpected"]
    assert summary["connection_errors"] == 0, summary["errors"]
    assert summary["statuses"]["page"].get("200", 0) > 100  # the load really ran
    assert run.returncode == 0
