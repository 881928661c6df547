"""The benchmark's growing build input (``bench/build_growth.py``): synthetic copies of the sources that the
real build accepts, so that its timings are of a build that passed, not of one that stopped at validation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from support.server import ROOT

from bench.build_growth import project

HUB = "https://w3id.org/amkg/id/hub/michigan"


def test_one_copy_of_every_source_passes_the_whole_build() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bench.build_growth", "--copies", "0", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    ours, copied = (json.loads(line) for line in run.stdout.splitlines())
    assert "error" not in copied, copied.get("error")
    assert copied["input"] > ours["input"] and copied["output"] > ours["output"]
    assert set(copied["steps"]) >= {"read", "validated", "reasoned", "inferred", "wrote"}


def test_a_copy_gets_blank_nodes_of_its_own(tmp_path: Path) -> None:
    assert project(2, tmp_path) > 0
    synthetic = ox.Store()
    synthetic.load(path=tmp_path / "graph" / "wef-amhub-2020" / "synthetic.ttl", format=ox.RdfFormat.TURTLE)
    values = {
        str(copy): {
            str(row["v"])
            for row in synthetic.query(f"SELECT ?v WHERE {{ <{HUB}-r{copy}> ?p ?v FILTER(isBlank(?v)) }}")
        }
        for copy in (1, 2)
    }
    assert values["1"] and values["2"] and not values["1"] & values["2"]
