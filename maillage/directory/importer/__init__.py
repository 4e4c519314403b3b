"""Import HSDS 3.0 data: a tabular data package (datapackage.json + CSV) or HSDS JSON.

`import_path(path)` reads everything first into flat records (`reading.py`), validates
them all (`validating.py`), and writes them in one transaction only when no problem is
fatal (`loading.py`); it raises `ImportFailed` otherwise. Each problem names its place
as `file:row:field: message` (row: the CSV line number, or the JSON pointer of the
object).
"""

from pathlib import Path
from typing import Any

from .loading import commune_of, load
from .reading import detect_table, read_json, read_path
from .report import ImportFailed, Problem, Record, Report
from .validating import validate

__all__ = [
    "ImportFailed",
    "Problem",
    "Record",
    "Report",
    "commune_of",
    "detect_table",
    "import_data",
    "import_path",
    "import_records",
]


def import_path(path: Path | str, *, dry_run: bool = False) -> Report:
    """Read, validate and (when nothing is fatal) write; raises ImportFailed otherwise."""
    report = Report()
    records = read_path(Path(path), report)
    return import_records(records, report, dry_run=dry_run)


def import_data(data: Any, name: str = "data.json", *, reindex: bool = True) -> Report:
    """Import HSDS JSON already parsed (used by the demo content)."""
    report = Report()
    return import_records(read_json(data, name, report), report, reindex=reindex)


def import_records(
    records: list[Record], report: Report, *, dry_run: bool = False, reindex: bool = True
) -> Report:
    """Validate records already read and write them when nothing is fatal."""
    prepared = validate(records, report) if not report.errors else []
    if report.errors:
        raise ImportFailed(report)
    if dry_run:
        return report
    load(prepared, report, reindex=reindex)
    return report
