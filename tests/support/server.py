"""A real ``amkg serve`` on a free loopback port, for the tests that need gunicorn and for bench/.

bench/ imports it as ``tests.support.server`` (its scripts run as ``python -m bench.…`` from the project
root), the tests as ``support.server``; it imports nothing else of the tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"


def free_port() -> int:
    """A port nobody listens on right now, on loopback only."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            if requests.get(url + "/ping", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not come up in time")


def start_server(
    extra_args: list[str] | None = None, env: dict[str, str] | None = None
) -> tuple[str, subprocess.Popen]:
    """Start ``amkg serve`` on a free loopback port; returns its base URL and process."""
    if not (DIST / "amkg.nq").exists():
        subprocess.run([sys.executable, "-m", "amkg", "build"], cwd=ROOT, check=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "amkg",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--public-base",
        url + "/",
        *(extra_args or []),
    ]
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(url, proc)
    except Exception:
        proc.kill()
        raise
    return url, proc


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server and close the pipe of its log (left open, it is a ResourceWarning)."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stderr is not None:
        proc.stderr.close()
