"""Debian's Chromium, as the browser tests drive it, and screenshots for people to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

#: Debian's Chromium: the browser tests never download a browser of their own.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def shot(tab: object, name: str, full_page: bool = True) -> None:
    """Screenshot ``tab`` to ``tests/artifacts/{name}.png`` for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
