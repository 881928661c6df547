"""A newcomer's first run: without Java the build says so in words and stops; the Makefile installs Java."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.projects import ROOT, make_project


def test_without_java_the_build_stops_with_one_line_saying_what_to_install(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    empty = tmp_path / "bin"
    empty.mkdir()  # a PATH with no java on it (python is run by its full path)
    env = {**os.environ, "PATH": str(empty), "PYTHONPATH": str(ROOT / "server")}
    run = subprocess.run(
        [sys.executable, "-m", "amkg", "build", "--root", str(project), "--force"],
        capture_output=True, text=True, env=env, timeout=240, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    reason = [line for line in run.stderr.splitlines() if "Java" in line]
    assert len(reason) == 1 and "default-jre-headless" in reason[0]
    assert not (project / "dist").exists()


def test_make_serve_and_make_test_install_java_first() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nbuild: $(STAMP) java\n" in makefile and "default-jre-headless" in makefile
    dry = subprocess.run(["make", "-n", "-C", str(ROOT), "java"], capture_output=True, text=True, check=False)
    assert dry.returncode == 0 and "command -v java" in dry.stdout
