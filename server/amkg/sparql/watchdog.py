"""Query deadlines for an app served in-process (the test client, ``flask run``).

There, ending the process would end everything, and there is no query pool: a query past its deadline runs
to its end, then its answer becomes the 503 it would have been. Under ``amkg serve`` user queries run in the
query pool instead (:mod:`amkg.sparql.pool`), which kills a query's process at its deadline.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Watchdog:
    """Deadlines for the requests being answered, checked once each request is done."""

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """The block may take ``seconds``; if it took longer, :class:`DeadlinePassed` follows it."""
        started = time.monotonic()
        yield
        if time.monotonic() - started > seconds:
            raise DeadlinePassed(seconds)


class DeadlinePassed(Exception):
    """A request ran past its deadline (in-process watchdog only)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"ran past its deadline of {seconds:g} s")
        self.seconds = seconds
