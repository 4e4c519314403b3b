"""Pages of a list without counting the whole list.

Fetching one row more than the page tells whether there is a next page, so a page
costs the same whether the list holds a thousand rows or a million.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict

PER_PAGE = 50


@dataclass
class Page:
    items: list[Any]
    number: int
    has_next: bool
    query: str  # the other query parameters, for the page links

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(params: QueryDict | dict[str, Any]) -> int:
    try:
        return max(1, min(int(params.get("page", 1)), 10_000))
    except (TypeError, ValueError):
        return 1


def paginate(queryset: QuerySet[Any], params: QueryDict, *, per_page: int = PER_PAGE) -> Page:
    number = page_number(params)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    others = {key: value for key, value in params.items() if key != "page"}
    return Page(rows[:per_page], number, len(rows) > per_page, urlencode(others))
