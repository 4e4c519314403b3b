"""The analysts' figures of the signals: per question and answer, how many signals were
made into requests and how many of those were accepted, overall and per group (age
band, gender, language), so that a difference between groups shows.

Counted by the database (two grouped queries, whatever the number of signals). A count
under `SMALL` is shown as "fewer than 5", and a share only when both of its counts are
shown, so that no one can be recognised from a small group.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import SignalAnswer
from .questions import BY_CODE, GROUPS, QUESTIONS

SMALL = 5


def shown(count: int) -> str:
    """A count in words, hidden when small."""
    if count < SMALL:
        return _("fewer than 5")
    return number_format(count)


@dataclass
class Cell:
    signals: int = 0
    requests: int = 0
    accepted: int = 0

    @property
    def signals_text(self) -> str:
        return shown(self.signals)

    @property
    def requests_text(self) -> str:
        return shown(self.requests)

    @property
    def accepted_text(self) -> str:
        return shown(self.accepted)

    @property
    def share(self) -> int | None:
        """Accepted among the requests made, in percent; None when a count is hidden."""
        if self.requests < SMALL or self.accepted < SMALL:
            return None
        return round(100 * self.accepted / self.requests)

    @property
    def share_text(self) -> str:
        if self.share is None:
            return "—"
        return _("%(share)s %%") % {"share": number_format(self.share)}


@dataclass
class AnswerRow:
    code: str
    label: str
    overall: Cell
    groups: list[Cell] = field(default_factory=list)


@dataclass
class QuestionFigures:
    code: str
    label: str
    rows: list[AnswerRow]


def _counted(rows: QuerySet[SignalAnswer], *group: str) -> list[dict[str, Any]]:
    accepted = Q(signal__support_request__decision__kind="accept")
    return list(
        rows.values("question", "answer", *group)
        .order_by()
        .annotate(
            signals=Count("id"),
            requests=Count("id", filter=Q(signal__support_request__isnull=False)),
            accepted=Count("id", filter=accepted),
        )
    )


def group_values(by: str) -> list[tuple[str, str]]:
    """The values of a group, then "not given" (the optional questions)."""
    return [(str(code), str(label)) for code, label in BY_CODE[by].choices] + [("", _("not given"))]


def figures(rows: QuerySet[SignalAnswer], by: str = "") -> list[QuestionFigures]:
    """Every question and answer with its cells; per group when `by` is one of GROUPS."""
    overall = {(r["question"], r["answer"]): r for r in _counted(rows)}
    per_group: dict[tuple[str, str, str], dict[str, Any]] = {}
    values = group_values(by) if by in GROUPS else []
    if values:
        column = f"signal__{by}"
        per_group = {(r["question"], r["answer"], r[column]): r for r in _counted(rows, column)}
    result = []
    for question in QUESTIONS:
        answer_rows = []
        for code, label in question.choices:
            found = overall.get((question.code, code), {})
            cells = [_cell(per_group.get((question.code, code, value), {})) for value, _l in values]
            answer_rows.append(AnswerRow(str(code), str(label), _cell(found), cells))
        result.append(QuestionFigures(question.code, str(question.label), answer_rows))
    return result


def _cell(counted: dict[str, Any]) -> Cell:
    return Cell(counted.get("signals", 0), counted.get("requests", 0), counted.get("accepted", 0))
