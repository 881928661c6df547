"""Tabs of the ``browser`` fixture (tests/conftest.py) at the widths the page tests look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

#: Viewport widths and heights: a desktop and a phone.
WIDTHS = {1280: 900, 390: 844}


@pytest.fixture(params=list(WIDTHS), ids=lambda w: f"{w}px")
def tab(request: pytest.FixtureRequest, browser: object) -> Iterator[object]:
    """A tab at each width in turn; ``tab.width`` says which."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    page = context.new_page()
    page.width = width  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def wide(browser: object) -> Iterator[object]:
    """A tab at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
