"""The search page and API in the access matrix (maillage/access/tests).

Every professional account opens the page (it finds only what `maillage.access` lets
them list, nothing for a user without a role); the person's own account does not (their
kind reaches their space only). Without `q` the API answers 400 to everyone.
"""

from typing import Any

from maillage.access.tests.matrix import ALL, only

PAGES: dict[str, Any] = {
    "search:results": ("get", "", only(set(ALL)), 302),
}

OPERATIONS = {
    ("get", "/api/v1/search"): (only(set(ALL), 400, 400), None),
}
