"""Coverage of the territory: for each life domain × each of the 19 communes, how many
active services serve it and how many unmet needs were recorded there.

The pages read the kept cells (`CoverageCell`, one query of 209 rows); `refresh()` counts
them again, from a periodic job every few minutes and `manage.py refresh_coverage`, and
recording an unmet need adds it to its cell at once. Counting is three GROUP BY queries
whatever the size of the directory (but each reads every row it counts): services by (domain, commune)
through their service areas, services serving every commune by domain (no area naming a
commune, or the whole region: the same rule as the search's commune filter), and unmet
needs by (domain, commune). A cell is a gap when no service serves it, or when at least
as many unmet needs were recorded there as there are services ("short").

`heat_map_svg()` draws the grid as a standalone, accessible SVG: role="img", a title and
a description, each cell with its numbers written in it and a <title>; gaps are hatched
and outlined, so colour is never the only cue.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from math import ceil, cos, radians, sin
from xml.sax.saxutils import escape

from django.db import connection
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.categories import LifeDomain
from maillage.spreadsheets import neutralise_cell
from maillage.territory.communes import COMMUNES

from .models import CoverageCell, UnmetNeed

NONE, SHORT, OK = "none", "short", "ok"


@dataclass
class Cell:
    domain: str
    commune: str
    services: int = 0
    unmet_needs: int = 0

    @property
    def gap(self) -> str:
        if self.services == 0:
            return NONE
        if self.unmet_needs >= self.services:
            return SHORT
        return OK

    @property
    def is_gap(self) -> bool:
        return self.gap != OK


@dataclass
class Coverage:
    domains: list[tuple[str, str]]  # (code, label)
    communes: list[tuple[str, str]]  # (nis, name)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    as_of: datetime | None = None  # when the kept cells were counted

    def rows(self) -> list[tuple[str, str, list[Cell]]]:
        return [
            (code, label, [self.cells[code, nis] for nis, _ in self.communes])
            for code, label in self.domains
        ]

    @property
    def gaps(self) -> int:
        return sum(cell.is_gap for cell in self.cells.values())


def _marks(values: list[str]) -> str:
    return ", ".join(["%s"] * len(values))


DOMAINS = list(LifeDomain.values)
NIS_CODES = [c.nis for c in COMMUNES]
# Only "%s" placeholders are formatted in: every value is a bound parameter.
BY_COMMUNE_SQL = (
    "SELECT t.code, a.commune, COUNT(DISTINCT d.service_id) "  # noqa: S608
    "FROM directory_search_document d "
    "JOIN directory_attribute at ON at.link_id = d.service_id "
    "JOIN directory_taxonomy_term t ON t.id = at.taxonomy_term_id "
    "JOIN directory_service_area a ON a.service_id = d.service_id "
    "WHERE d.status = %s AND d.all_communes = %s "
    f"AND t.code IN ({_marks(DOMAINS)}) AND a.commune IN ({_marks(NIS_CODES)}) "
    "GROUP BY t.code, a.commune"
)
EVERYWHERE_SQL = (
    "SELECT t.code, COUNT(DISTINCT d.service_id) "  # noqa: S608
    "FROM directory_search_document d "
    "JOIN directory_attribute at ON at.link_id = d.service_id "
    "JOIN directory_taxonomy_term t ON t.id = at.taxonomy_term_id "
    f"WHERE d.status = %s AND d.all_communes = %s AND t.code IN ({_marks(DOMAINS)}) "
    "GROUP BY t.code"
)


def _empty_grid() -> Coverage:
    result = Coverage(
        domains=[(code, str(label)) for code, label in LifeDomain.choices],
        communes=[(c.nis, c.name) for c in sorted(COMMUNES, key=lambda c: c.name)],
    )
    for code in LifeDomain.values:
        for nis, _name in result.communes:
            result.cells[code, nis] = Cell(code, nis)
    return result


def coverage() -> Coverage:
    """The grid as last counted (one query). Before the first job kept it (a new
    installation without a worker), it is counted for this view only: a GET writes
    nothing."""
    kept = list(CoverageCell.objects.all())
    if not kept:
        result = count_coverage()
        result.as_of = timezone.now()
        return result
    result = _empty_grid()
    for row in kept:
        if (row.life_domain, row.commune) in result.cells:
            cell = result.cells[row.life_domain, row.commune]
            cell.services, cell.unmet_needs = row.services, row.unmet_needs
            if result.as_of is None or row.refreshed_at < result.as_of:
                result.as_of = row.refreshed_at
    return result


def refresh(now: datetime | None = None) -> int:
    """Count the grid again and keep it; safe when two run at once (an upsert per cell)."""
    now = now or timezone.now()
    rows = [
        CoverageCell(
            life_domain=cell.domain,
            commune=cell.commune,
            services=cell.services,
            unmet_needs=cell.unmet_needs,
            refreshed_at=now,
        )
        for cell in count_coverage().cells.values()
    ]
    CoverageCell.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["life_domain", "commune"],
        update_fields=["services", "unmet_needs", "refreshed_at"],
    )
    return len(rows)


def add_unmet_need(life_domain: str, commune: str) -> None:
    """Count a new unmet need in its kept cell at once (in the caller's transaction)."""
    CoverageCell.objects.filter(life_domain=life_domain, commune=commune).update(
        unmet_needs=F("unmet_needs") + 1
    )


def count_coverage() -> Coverage:
    """The grid counted now from the search index (kept current by every import and edit)
    and the unmet needs: the page reads what `refresh()` kept of it."""
    result = _empty_grid()
    with connection.cursor() as cursor:
        cursor.execute(BY_COMMUNE_SQL, ["active", False, *DOMAINS, *NIS_CODES])
        for code, nis, count in cursor.fetchall():
            result.cells[code, nis].services += count
        cursor.execute(EVERYWHERE_SQL, ["active", True, *DOMAINS])
        for code, count in cursor.fetchall():
            for nis in NIS_CODES:
                result.cells[code, nis].services += count
    needs = (
        UnmetNeed.objects.filter(commune__in=NIS_CODES)
        .values_list("life_domain", "commune")
        .annotate(count=Count("id"))
        .order_by()
    )
    for code, nis, count in needs:
        if (code, nis) in result.cells:
            result.cells[code, nis].unmet_needs += count
    return result


def gap_label(cell: Cell) -> str:
    return {
        NONE: _("gap: no service"),
        SHORT: _("gap: unmet needs at least as many as services"),
        OK: "",
    }[cell.gap]


def cell_text(cell: Cell, domain: str, commune: str) -> str:
    services = ngettext("%(n)d service", "%(n)d services", cell.services) % {"n": cell.services}
    needs = ngettext("%(n)d unmet need", "%(n)d unmet needs", cell.unmet_needs) % {
        "n": cell.unmet_needs
    }
    text = f"{domain}, {commune}: {services}, {needs}"
    return f"{text} ({gap_label(cell)})" if cell.is_gap else text


def to_csv(data: Coverage) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "life_domain",
            "life_domain_label",
            "commune_nis",
            "commune",
            "services",
            "unmet_needs",
            "gap",
        ]
    )
    for code, label, cells in data.rows():
        for cell, (_nis, name) in zip(cells, data.communes, strict=True):
            row = [code, label, cell.commune, name, cell.services, cell.unmet_needs, cell.gap]
            writer.writerow(neutralise_cell(value) for value in row)
    return out.getvalue()


# The heat map

LEFT, TOP, CELL_W, CELL_H, LEGEND = 250, 170, 46, 40, 70
# The commune names are written slanted (ANGLE degrees) above their column; the margins
# of the map grow with the longest names of the active language ("Woluwe-Saint-Pierre /
# Sint-Pieters-Woluwe" in English), so that no name is cut off at the top or the right.
ANGLE = 50
CHAR_W = {12: 6.8, 13: 7.4}  # a generous width of one character at these sizes (px)
SHADES = ((0, "#ffffff"), (1, "#deebf7"), (3, "#9ecae1"), (6, "#3182bd"), (11, "#08519c"))
INK, GAP = "#1a1a1a", "#a50f15"


def _shade(services: int) -> tuple[str, str]:
    fill = SHADES[0][1]
    for lower, colour in SHADES:
        if services >= lower:
            fill = colour
    ink = "#ffffff" if services >= 6 else INK
    return fill, ink


def _margins(data: Coverage) -> tuple[int, int, int]:
    """Left margin (the life domains), top margin and right edge (the slanted communes)."""
    left = max(LEFT, ceil(max(len(label) for _code, label in data.domains) * CHAR_W[13]) + 16)
    lengths = [len(name) * CHAR_W[12] for _nis, name in data.communes]
    top = max(TOP, ceil(max(lengths) * sin(radians(ANGLE))) + 24)
    right = max(
        left + (column + 0.5) * CELL_W + length * cos(radians(ANGLE))
        for column, length in enumerate(lengths)
    )
    return left, top, ceil(max(right, left + CELL_W * len(data.communes)) + 20)


def heat_map_svg(data: Coverage) -> str:
    """The grid as a standalone SVG (no CSS, no script): numbers in every cell."""
    left, top, width = _margins(data)
    height = top + CELL_H * len(data.domains) + LEGEND
    title = _("Coverage of the directory by life domain and commune")
    desc = _(
        "Rows are life domains, columns the 19 communes of Brussels. Each cell gives the "
        "number of active services and, in brackets, of unmet needs recorded. %(gaps)d "
        "cells are gaps (hatched, outlined): no service, or at least as many unmet needs as "
        "services. The same figures are in the table below."
    ) % {"gaps": data.gaps}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        'aria-labelledby="coverage-title coverage-desc" font-family="sans-serif">',
        f'<title id="coverage-title">{escape(title)}</title>',
        f'<desc id="coverage-desc">{escape(desc)}</desc>',
        "<defs>"
        '<pattern id="coverage-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="8" '
        f'stroke="{GAP}" stroke-width="2" opacity="0.45"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for column, (nis, name) in enumerate(data.communes):
        x = left + column * CELL_W + CELL_W / 2
        parts.append(
            f'<text class="commune" data-nis="{nis}" x="{x}" y="{top - 8}" font-size="12" '
            f'fill="{INK}" transform="rotate(-{ANGLE} {x} {top - 8})">{escape(name)}</text>'
        )
    for row, (_code, label, cells) in enumerate(data.rows()):
        y = top + row * CELL_H
        parts.append(
            f'<text x="{left - 8}" y="{y + CELL_H / 2 + 4}" font-size="13" text-anchor="end" '
            f'fill="{INK}">{escape(label.capitalize())}</text>'
        )
        for column, cell in enumerate(cells):
            x = left + column * CELL_W
            name = data.communes[column][1]
            fill, ink = _shade(cell.services)
            if cell.is_gap:
                fill, ink = "url(#coverage-hatch)", INK
            stroke = f'stroke="{GAP}" stroke-width="3"' if cell.is_gap else 'stroke="#767676"'
            text = str(cell.services)
            if cell.unmet_needs:
                text += f" ({cell.unmet_needs})"
            weight = ' font-weight="bold"' if cell.is_gap else ""
            parts.append(
                f"<g><title>{escape(cell_text(cell, label, name))}</title>"
                f'<rect x="{x + 1.5}" y="{y + 1.5}" width="{CELL_W - 3}" height="{CELL_H - 3}" '
                f'fill="{fill}" {stroke}/>'
                f'<text x="{x + CELL_W / 2}" y="{y + CELL_H / 2 + 4}" font-size="12" '
                f'text-anchor="middle" fill="{ink}"{weight}>{escape(text)}</text></g>'
            )
    legend_y = top + CELL_H * len(data.domains) + 24
    legend = _(
        "Number = active services; (number) = unmet needs; hatched and outlined = gap. "
        "Darker = more services."
    )
    parts.append(f'<text x="10" y="{legend_y}" font-size="13" fill="{INK}">{escape(legend)}</text>')
    x = 10
    for lower, colour in SHADES:
        parts.append(
            f'<rect x="{x}" y="{legend_y + 12}" width="20" height="16" fill="{colour}" '
            'stroke="#767676"/>'
            f'<text x="{x + 26}" y="{legend_y + 25}" font-size="12" fill="{INK}">'
            f"{'≥ ' if lower else ''}{lower}</text>"
        )
        x += 70
    parts.append("</svg>")
    return "".join(parts)
