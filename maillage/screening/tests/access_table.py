"""This app's pages and API operations in the access matrix (maillage/access/tests).

The signal's pages are public: every persona and anonymous visitors open them (an empty
POST to record shows the questions again, stores nothing). The figures (page and
API) are for analysts and team leads; other signed-in users get 403. The public
`POST /api/v1/public/signals` is tested in test_signal_api.py (the API matrix leaves
/api/v1/public/ out).
"""

from typing import Any

from maillage.access.tests.matrix import ALL, FORBIDDEN, OK, REDIRECT, only

PAGES: dict[str, Any] = {
    "screening:questions": ("get", "", only(set(ALL)), OK),
    "screening:record": ("post", "", only(set(ALL)), OK),
    "screening:recorded": ("get", "", only(set(ALL)), OK),
    "screening:figures": ("get", "", only({"ana", "lea"}, no=FORBIDDEN), REDIRECT),
}

OPERATIONS: dict[tuple[str, str], Any] = {
    ("get", "/api/v1/screening/figures"): (only({"ana", "lea"}, OK, FORBIDDEN), None),
}
