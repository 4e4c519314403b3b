"""Export the directory as an HSDS 3.0 tabular data package.

`export_package(folder)` writes `datapackage.json` (the official descriptor, unchanged) and
one CSV file per table, with the official file names and column order. Values are written
as the importer reads them back, so import(export(x)) gives x again: a text a spreadsheet
would take for a formula is quoted (`maillage.spreadsheets`), and the importer takes the
quote away.
"""

import csv
import json
from pathlib import Path

from maillage.spreadsheets import neutralise_cell

from . import hsds


def export_package(folder: Path | str) -> dict[str, int]:
    """Write the package into `folder` (created if needed); rows written per table."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(
        json.dumps(hsds.datapackage(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    counts = {}
    for table in hsds.tables().values():
        with (folder / table.path).open("w", encoding="utf-8", newline="") as handle:
            # CRLF (RFC 4180, the CSV dialect default): the writer then quotes a value
            # holding a lone carriage return, which a reader would otherwise take for
            # the end of the row.
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(table.column_names)
            count = 0
            for obj in table.model.objects.order_by("pk").iterator(chunk_size=2000):
                row = hsds.row(obj, table).values()
                writer.writerow(hsds.to_text(neutralise_cell(v)) for v in row)
                count += 1
        counts[table.name] = count
    return counts
