"""The current app's store and settings, for code that runs inside a request."""

from __future__ import annotations

from flask import current_app

from amkg.config import Settings
from amkg.dist import Dist
from amkg.store import Store


def settings() -> Settings:
    """The running app's settings (there is always an app: this is only called while answering)."""
    found = current_app.config["AMKG_SETTINGS"]
    assert isinstance(found, Settings)
    return found


def get_store() -> Store:
    """The current app's store."""
    store = current_app.extensions["amkg.store"]
    assert isinstance(store, Store)
    return store


def get_dist() -> Dist:
    """The built dist/ the current app serves: its manifest and downloads."""
    dist = current_app.extensions["amkg.dist"]
    assert isinstance(dist, Dist)
    return dist
