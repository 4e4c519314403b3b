"""Searching for persons, cases and requests (maillage/search): who may, and its audit.

The search itself starts from the querysets of `policy.py`, so it finds only what the
user may list; here is the rest of the door: one audit event per search.
"""

from typing import Any

from maillage import audit

SEARCH_VERB = "search.performed"


def record_search(user: Any, *, persons: int, cases: int, requests: int) -> None:
    """Audit one search with what it found ("persons:3"…), never its text: the query is
    free text about a person (a name, a birth date), kept out of the trail like any
    other sensitive value."""
    audit.record(
        user,
        SEARCH_VERB,
        changes=[f"persons:{persons}", f"cases:{cases}", f"requests:{requests}"],
    )
