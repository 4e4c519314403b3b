"""This app's pages and API operations in the access matrix (maillage/access/tests)."""

from typing import Any

PAGES: dict[str, Any] = {}

OPERATIONS: dict[tuple[str, str], Any] = {}
