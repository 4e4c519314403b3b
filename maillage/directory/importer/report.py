"""What the three steps of an import share: the raw records read, and the report of
problems and counts."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Problem:
    where: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, report: "Report") -> None:
        super().__init__("\n".join(str(p) for p in report.errors))
        self.report = report


@dataclass
class Record:
    table: str
    values: dict[str, Any]  # column → raw value (text from CSV, JSON value)
    where: dict[str, str]  # column → "file:row:field"
    origin: str  # "file:row"
    typed: bool  # JSON values (typed) or CSV text


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.fatal]

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def warn(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message, fatal=False))


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")
