"""The server refuses to start on a dist/ that is not what its manifest says, or on settings that would
trust the Host header in production, with one line on stderr and exit code 1, before gunicorn starts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support.server import DIST, ROOT, free_port


def serve(*args: str) -> subprocess.CompletedProcess[str]:
    """``amkg serve`` with ``args``; it must exit by itself (one that starts fails the 60 s timeout)."""
    command = [sys.executable, "-m", "amkg", "serve", "--port", str(free_port()), *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMKG_")}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def truncate(dist: Path) -> None:
    dump = dist / "amkg.nq"
    dump.write_text("".join(dump.read_text(encoding="utf-8").splitlines(keepends=True)[:7000]), "utf-8")


def empty(dist: Path) -> None:
    (dist / "amkg.nq").write_bytes(b"")


def edit_one_statement(dist: Path) -> None:
    """Same number of lines, one literal changed: only the checksum can tell."""
    dump = dist / "amkg.nq"
    lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if '"' in line)
    lines[n] = lines[n].replace('"', '"X', 1)
    dump.write_text("".join(lines), "utf-8")


def manifest_counts_more(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text())
    manifest["counts"]["quads"] += 1
    (dist / "manifest.json").write_text(json.dumps(manifest))


def no_manifest(dist: Path) -> None:
    (dist / "manifest.json").unlink()


#: Statements in the built dump, as its manifest records them (the dump the test damages a copy of).
QUADS = json.loads((DIST / "manifest.json").read_text())["counts"]["quads"]
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "cut at a line end": (truncate, f"holds 7,000 statements, its manifest says {QUADS:,}"),
    "emptied": (empty, f"holds 0 statements, its manifest says {QUADS:,}"),
    "one statement edited": (edit_one_statement, "is not the file its manifest describes"),
    "manifest counts more": (
        manifest_counts_more,
        f"holds {QUADS:,} statements, its manifest says {QUADS + 1:,}",
    ),
    "manifest missing": (no_manifest, "manifest.json is missing or unreadable"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_dump_that_is_not_what_the_manifest_says_is_refused_in_one_line(tmp_path: Path, case: str) -> None:
    damage, says = CASES[case]
    dist = tmp_path / "dist"
    shutil.copytree(DIST, dist)
    damage(dist)
    run = serve("--dist", str(dist))
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and says in run.stderr, run.stderr
    assert run.stderr.startswith("amkg serve: ") and "run `amkg build" in run.stderr
    assert run.stdout == ""


def test_a_missing_dump_is_one_line_too(tmp_path: Path) -> None:
    run = serve("--dist", str(tmp_path / "nowhere"))
    assert run.returncode == 1
    dump = tmp_path / "nowhere" / "amkg.nq"
    assert run.stderr == f"amkg serve: {dump} does not exist: run `amkg build` first.\n"


def test_production_without_public_base_or_hosts_does_not_start() -> None:
    run = serve("--production")
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Production mode needs the public base" in run.stderr, run.stderr
