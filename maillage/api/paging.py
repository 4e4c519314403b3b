"""Paging for every API list: `?page=1&per_page=50` in, one page out as
`{"items", "page", "per_page", "next_page"}` (`next_page` null on the last page).

Lists fetch one row more than the page instead of counting, so their cost does not grow
with the data. (The HSDS directory API pages the HSDS way, in `directory.py`.)
"""

from typing import Any

from django.db.models import QuerySet
from ninja import Field

from .schemas import Input


class PageIn(Input):
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(50, ge=1, le=100)


def paginate(queryset: QuerySet[Any], page: PageIn) -> tuple[list[Any], int | None]:
    """One page of rows and the next page number, without counting: fetch one row more."""
    start = (page.page - 1) * page.per_page
    rows = list(queryset[start : start + page.per_page + 1])
    next_page = page.page + 1 if len(rows) > page.per_page else None
    return rows[: page.per_page], next_page


def page_json(items: list[Any], page: PageIn, next_page: int | None) -> dict[str, Any]:
    return {
        "items": items,
        "page": page.page,
        "per_page": page.per_page,
        "next_page": next_page,
    }
