"""How ``amkg build`` grows with its input: the real sources, then synthetic copies of them.

The synthetic graphs of :mod:`bench.generate` are made from the *built* dump, so serving them says nothing
of the build. Here the build's own input grows instead: a scratch project with this one's ontology/,
shapes/ and queries/, and graph/ with, in every source's folder, ``synthetic.ttl`` holding ``copies``
renamed copies of that source's statements (:func:`bench.generate.copy_source_lines`, so the copies pass
the same shapes and checks). Each size is one ``amkg build --force`` in a process of its own, timed by step
(the build prints each step's seconds) with its peak RSS; a size past its time limit is recorded as such.

    python -m bench.build_growth [--copies 0 4 16]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from bench.generate import copy_source_lines

ROOT = Path(__file__).resolve().parents[1]
#: Copies of every source per size: the real graph, then about 4 and 13 times its input.
COPIES = (0, 4, 16)
#: Seconds one build may take before it is recorded as too slow (the bench's whole run is bounded).
TIMEOUT = 600.0
#: Runs the build in a process of its own, which then writes its descendants' largest peak RSS (KiB) last.
_MEASURED = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)
_STEP = re.compile(r"^(read|validated|reasoned|inferred|linked|published|wrote)\b.*\(([\d.]+) s\)$")
_BUILT = re.compile(r"built: (\d+) statements")


def project(copies: int, into: Path) -> int:
    """A scratch project in ``into`` with ``copies`` synthetic copies per source; the statements added."""
    for name in ("ontology", "shapes", "queries", "graph"):
        shutil.copytree(ROOT / name, into / name)
    added = 0
    for source in sorted(p for p in (into / "graph").iterdir() if p.is_dir()):
        lines: list[str] = []
        for path in sorted(source.glob("*.ttl")):
            triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
            lines += ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode().splitlines()
        block = [line for k in range(1, copies + 1) for line in copy_source_lines(lines, k)]
        if block:
            # N-Triples is Turtle: the build reads graph/{source}/*.ttl.
            (source / "synthetic.ttl").write_text("\n".join(block) + "\n", encoding="utf-8")
            added += len(block)
    return added


def measure(copies: int, timeout: float = TIMEOUT) -> dict[str, object]:
    """One build of the real sources plus ``copies`` copies: input and output sizes, seconds by step."""
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        root = Path(scratch)
        added = project(copies, root)
        cmd = [
            sys.executable,
            "-c",
            _MEASURED,
            sys.executable,
            "-m",
            "amkg",
            "build",
            "--root",
            str(root),
            "--force",
        ]
        began = time.monotonic()
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return {"copies": copies, "added": added, "error": f"longer than {timeout:g} s"}
        seconds = time.monotonic() - began
    if done.returncode != 0:
        return {"copies": copies, "added": added, "error": (done.stdout + done.stderr)[-500:]}
    said = done.stdout + done.stderr  # the steps are logged
    steps = {m.group(1): float(m.group(2)) for m in map(_STEP.match, said.splitlines()) if m}
    read = re.search(r"read \d+ files, (\d+) statements", said)
    built = _BUILT.search(said)
    return {
        "copies": copies,
        "input": int(read.group(1)) if read else None,
        "output": int(built.group(1)) if built else None,
        "seconds": seconds,
        "steps": steps,
        "peak_rss_mb": int(done.stderr.split()[-1]) / 1024,
    }


def run(copies: tuple[int, ...] = COPIES) -> list[dict[str, object]]:
    return [measure(n) for n in sorted(copies)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", nargs="+", type=int, default=list(COPIES))
    args = parser.parse_args()
    for figures in run(tuple(args.copies)):
        print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
