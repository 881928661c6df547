"""The serving tier's two options, measured in one run: the threaded web worker alone, or nginx in front.

The hostile-input issue asked for HTTP that holds many connections cheaply, "an asynchronous or threaded
front in the app, or a buffering reverse proxy (nginx from Debian)". AMKG serves with gunicorn's gthread
worker alone (docs/decisions.md §14); this measures what nginx in front would change. One ``amkg serve`` on a
free loopback port, and Debian's nginx on another, proxying to it with keep-alive upstream connections,
request buffering and the same read timeouts. For each target, in alternating rounds:

- ``page``: an entity page; ``describe``: a DESCRIBE made unique per request (no answer cache), through the
  query pool; both with wrk (8 connections, keep-alive), requests/s and p50/p90/p99;
- the same two while the target holds 300 idle connections and 30 clients sending their headers a byte
  every half second (the slow clients the issue found blocking every other client).

Loopback only; bounded (every wrk run lasts ``--seconds``; the slow clients stop with the run).

    python -m bench.front [--seconds 8] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from tests.support.server import free_port, start_server, stop_server

ROOT = Path(__file__).resolve().parents[1]
PAGE = "/id/hub/michigan.html"
DESCRIBE = "DESCRIBE <https://w3id.org/amkg/id/hub/michigan>"
#: wrk's Lua hook: a fresh comment on every request, so that no answer comes from a cache.
UNIQUE = """counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/sparql?query=%s%20%23" .. counter, {["Accept"] = "text/turtle"})
end
"""
NGINX = """worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  client_header_timeout 10s; client_body_timeout 10s; client_max_body_size 1m;
  upstream amkg {{ server 127.0.0.1:{upstream}; keepalive 32; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://amkg; proxy_http_version 1.1;
      proxy_set_header Connection ""; proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_buffering on; proxy_request_buffering on; proxy_read_timeout 60s;
    }}
  }}
}}
"""
_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_PERCENTILE = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_SCALE = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, path: str, seconds: float, script: Path | None = None) -> dict[str, float]:
    """Requests/s and p50/p90/p99 (ms) of wrk on ``url``: 2 threads, 8 keep-alive connections."""
    command = ["wrk", "-t2", "-c8", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run(
        [*command, url + path], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    rate = _RATE.search(out)
    figures = {"rps": float(rate.group(1)) if rate else 0.0}
    for share, value, unit in _PERCENTILE.findall(out):
        figures[f"p{share}"] = float(value) * _SCALE[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["errors"] = float(errors.group(1)) if errors else 0.0
    return figures


class Slow:
    """300 idle connections and 30 that send their headers a byte at a time, held until :meth:`stop`."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.done = threading.Event()
        self.idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(300)]
        self.threads = [threading.Thread(target=self._drip, daemon=True) for _ in range(30)]
        for thread in self.threads:
            thread.start()

    def _drip(self) -> None:
        while not self.done.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port)) as sock:
                    for byte in f"GET {PAGE} HTTP/1.1\r\nHost: x\r\nX-Slow: {'a' * 400}\r\n\r\n".encode():
                        if self.done.wait(0.5):
                            return
                        sock.send(bytes([byte]))
            except OSError:
                continue  # the server gave up on it (its read timeout): start another

    def stop(self) -> None:
        self.done.set()
        for thread in self.threads:
            thread.join(timeout=2)
        for sock in self.idle:
            sock.close()


def nginx(upstream: int, workdir: Path) -> tuple[int, subprocess.Popen]:
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX.format(dir=workdir, upstream=upstream, port=port))
    proc = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return port, proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"nginx did not start: {(workdir / 'error.log').read_text()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed: run `make front`, which installs it from Debian.")
    results: dict[str, list[dict[str, float]]] = {}
    url, server = start_server(["--client-queries", "64"])
    upstream = int(url.rsplit(":", 1)[1])
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "unique.lua"
        script.write_text(UNIQUE.replace("%s", quote(DESCRIBE)))
        port, proxy = nginx(upstream, Path(tmp))
        try:
            targets = {"gthread alone": upstream, "nginx in front": port}
            for _ in range(args.rounds):
                for attack in (False, True):
                    for name, target in targets.items():
                        slow = Slow(target) if attack else None
                        try:
                            base = f"http://127.0.0.1:{target}"
                            for case, figures in (
                                ("page", wrk(base, PAGE, args.seconds)),
                                ("describe", wrk(base, "", args.seconds, script)),
                            ):
                                key = f"{name} | {case}{' + 330 slow clients' if attack else ''}"
                                results.setdefault(key, []).append(figures)
                        finally:
                            if slow:
                                slow.stop()
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
            stop_server(server)
    print("| target, case | req/s | p50 ms | p90 ms | p99 ms | non-2xx |")
    print("|---|---|---|---|---|---|")
    summary = {}
    for key, runs in results.items():
        row = {
            k: statistics.median(r.get(k, 0.0) for r in runs) for k in ("rps", "p50", "p90", "p99", "errors")
        }
        summary[key] = row
        print(
            f"| {key} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p90']:.2f} | {row['p99']:.2f} "
            f"| {row['errors']:.0f} |"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "front.json").write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
