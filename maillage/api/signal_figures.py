"""The figures of the early-warning signals, for analysts and team leads (bearer token).

The same counts as the page /screening/figures/ (maillage/screening/figures.py): per
question and answer, the signals that had it, those made into requests and those whose
request was accepted, overall and per group. A count under 5 is null.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from maillage import access
from maillage.screening.figures import SMALL, Cell, figures, group_values
from maillage.screening.questions import GROUPS

from .schemas import ErrorOut

router = Router(tags=["screening"])

ERRORS: dict[int, Any] = dict.fromkeys((401, 403), ErrorOut)


def _hidden(count: int) -> int | None:
    return count if count >= SMALL else None


class CellOut(Schema):
    signals: int | None = Field(description="Null when fewer than 5.")
    requests: int | None = Field(description="Made into requests; null when fewer than 5.")
    accepted: int | None = Field(description="Their request accepted; null when fewer than 5.")
    share: int | None = Field(description="Accepted among requests, in percent; null when hidden.")

    @staticmethod
    def resolve_signals(cell: Cell) -> int | None:
        return _hidden(cell.signals)

    @staticmethod
    def resolve_requests(cell: Cell) -> int | None:
        return _hidden(cell.requests)

    @staticmethod
    def resolve_accepted(cell: Cell) -> int | None:
        return _hidden(cell.accepted)


class AnswerOut(Schema):
    code: str
    label: str
    overall: CellOut
    groups: list[CellOut] = Field(description="One per value of `group_values`, in order.")


class QuestionOut(Schema):
    code: str
    label: str
    rows: list[AnswerOut]


class FiguresOut(Schema):
    by: str = Field(description="The group compared (age_band, gender, language) or empty.")
    group_values: list[str] = Field(description="The group's values; empty: not given.")
    questions: list[QuestionOut]


@router.get("/figures", response={200: FiguresOut, **ERRORS}, summary="Signals' figures")
def signal_figures(request: HttpRequest, by: str = "") -> dict[str, Any]:
    """Per question and answer: signals, made into requests, accepted, share; `by`
    (age_band, gender or language) adds the same per group. Analysts and team leads."""
    access.require_signal_figures_reader(request.user)
    by = by if by in GROUPS else ""
    rows = access.signal_answers_for_figures(request.user)
    return {
        "by": by,
        "group_values": [value for value, _label in group_values(by)] if by else [],
        "questions": figures(rows, by),
    }
