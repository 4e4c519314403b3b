"""The network map (ecomap): a standalone SVG drawn from the actors, in pure Python.

Hartman's ecomap conventions (shared/standards/REFERENCE.md §4.1): the person in the
centre, the actors around, one line from the person to each actor whose style says how
the relationship is:

    strong       thick solid line          fragile   dashed line
    conflictual  zig-zag line              broken    line cut by a double bar
    not recorded thin dotted line

Formal actors (and the case workers) are on the right, grouped by sector; informal
actors on the left, grouped by relation. Exhausted actors carry a warning triangle and
the word "exhausted": nothing is told by colour alone, so the map prints in black and
white. Only presentation attributes (no CSS, no script, no external font), so the same
document works inline in a page, as a file, and in a PDF. The texts are in the active
language; `describe()` gives the text alternative (joined, the SVG's `<desc>`).

No database access: the caller passes the actors (`queries.current_actors`).
"""

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .models import Actor, Sector

# Beyond this many actors, the map shows those with the most recent contacts.
MAX_DRAWN = 40
INK = "#1a1a1a"
GREY = "#595959"
PAPER = "#ffffff"
# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
# Translated labels of the actors' choices: words["relation"]["family"] (see _words).
Words = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Size:
    """Measures of one rendering size, in viewBox units."""

    width: int
    radius_x: int  # horizontal radius of the ellipse the actors sit on
    header: int  # space above the drawing (heading and date)
    min_span: int  # the drawing is at least this tall
    actor_row: int
    exhausted_row: int
    group_row: int
    name_size: int
    detail_size: int
    name_chars: int
    detail_chars: int
    details: bool  # detail lines, group labels, heading and legend
    centre_radius: int


SIZES = {
    "full": Size(
        width=1160,
        radius_x=270,
        header=70,
        min_span=380,
        actor_row=42,
        exhausted_row=56,
        group_row=30,
        name_size=13,
        detail_size=11,
        name_chars=34,
        detail_chars=44,
        details=True,
        centre_radius=34,
    ),
    "thumbnail": Size(
        width=560,
        radius_x=140,
        header=12,
        min_span=200,
        actor_row=20,
        exhausted_row=20,
        group_row=0,
        name_size=11,
        detail_size=9,
        name_chars=16,
        detail_chars=0,
        details=False,
        centre_radius=20,
    ),
}


@dataclass
class Row:
    """One actor on a side of the map, under its group's label if it opens the group."""

    actor: Actor
    actor_height: float
    label: str = ""
    label_height: float = 0.0
    y: float = 0.0  # the actor's
    label_y: float = 0.0

    @property
    def height(self) -> float:
        return self.actor_height + self.label_height


@dataclass
class Side:
    rows: list[Row] = field(default_factory=list)
    sign: int = 1  # +1: right of the person, -1: left

    @property
    def height(self) -> float:
        return sum(row.height for row in self.rows)


# Public functions


def render_ecomap(
    case_label: str, actors: Iterable[Actor], *, today: date, size: str = "full"
) -> str:
    """The network map of the case as a standalone SVG document (text, no XML declaration).

    `actors` may hold the whole network: the person's own actor is the centre, actors
    who are not current on `today` are left out, and beyond MAX_DRAWN actors only those
    with the most recent contacts are drawn (a note says how many are not).
    """
    if size not in SIZES:
        raise ValueError(f"Unknown size {size!r}")
    measures = SIZES[size]
    current = current_network(actors, today)
    drawn, hidden = _drawn(current)
    right, left = _sides(drawn, measures)
    span = max(right.height, left.height, measures.min_span)
    cx = measures.width / 2
    cy = measures.header + 30 + span / 2
    height = cy + span / 2 + 40
    note_y = height
    if hidden:
        height += 24
    legend_y = height
    if measures.details:
        height += 150
    ry = span / 2 / 0.8 if span else 1
    for side in (right, left):
        _place(side, cy, span)

    words = _words()
    out: list[str] = []
    language = get_language() or "en"
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {measures.width} {height:.0f}" '
        f'role="img" xml:lang={quoteattr(language)} font-family="sans-serif" '
        f'fill="{INK}">'
    )
    title = _("Network of %(name)s") % {"name": _clean(case_label)}
    out.append(f"<title>{escape(title)}</title>")
    description = "; ".join(_phrases(case_label, current, words)) + "."
    out.append(f"<desc>{escape(description)}</desc>")
    out.append(f'<rect x="0" y="0" width="{measures.width}" height="{height:.0f}" fill="{PAPER}"/>')
    if measures.details:
        out.append(_heading(title, today, measures))
    for side in (right, left):
        for row in side.rows:
            x = cx + side.sign * _arc_x(row.y - cy, measures.radius_x, ry)
            out.append(_tie(cx, cy, x, row.y, row.actor.quality, measures))
    out.append(_centre(case_label, cx, cy, measures))
    for side in (right, left):
        for row in side.rows:
            x = cx + side.sign * _arc_x(row.y - cy, measures.radius_x, ry)
            out.append(_actor(row.actor, x, row.y, side.sign, measures, words))
            if row.label:
                label_x = cx + side.sign * _arc_x(row.label_y - cy, measures.radius_x, ry)
                out.append(_group_label(row.label, label_x, row.label_y, side.sign, measures))
    if measures.details:
        out.extend(_empty_sides(right, left, cx, cy, measures))
    if hidden:
        more = ngettext(
            "+%(count)s more actor, not drawn: see the list of actors.",
            "+%(count)s more actors, not drawn: see the list of actors.",
            hidden,
        ) % {"count": hidden}
        out.append(_text(more, cx, note_y, measures.detail_size, anchor="middle", fill=GREY))
    if measures.details:
        out.append(_legend(legend_y, measures, words))
    out.append("</svg>")
    return "\n".join(out)


def current_network(actors: Iterable[Actor], today: date) -> list[Actor]:
    """The actors around the person on `today` (the person's own actor excluded)."""
    return [a for a in actors if a.kind != Actor.Kind.PERSON and a.is_current(today)]


def describe(case_label: str, actors: Iterable[Actor], *, today: date) -> list[str]:
    """The text alternative of the map, one phrase per item (for a list on a page):
    "Network of X: 7 actors", "strong: …", "fragile: …", …, "exhausted: …"."""
    current = current_network(actors, today)
    return _phrases(case_label, current, _words())


def who(actor: Actor, words: Words | None = None) -> str:
    """The actor's name and what they are, for the text alternative."""
    words = words or _words()
    what = ""
    if actor.kind == Actor.Kind.WORKER:
        what = words["kind"][actor.kind]
    elif actor.kind == Actor.Kind.FORMAL:
        what = actor.organisation or actor.profession
    elif actor.kind == Actor.Kind.INFORMAL:
        what = words["relation"][actor.relation]
    name = _clean(actor.name)
    return f"{name} ({_clean(what)})" if what else name


# The text alternative


def _phrases(case_label: str, current: list[Actor], words: Words) -> list[str]:
    phrases = [
        ngettext(
            "Network of %(name)s: %(count)s actor",
            "Network of %(name)s: %(count)s actors",
            len(current),
        )
        % {"name": _clean(case_label), "count": len(current)}
    ]
    kinds = [
        (Actor.Kind.WORKER, _("case workers")),
        (Actor.Kind.FORMAL, Actor.Kind.FORMAL.label),
        (Actor.Kind.INFORMAL, Actor.Kind.INFORMAL.label),
    ]
    for kind, label in kinds:
        count = sum(1 for a in current if a.kind == kind)
        if count:
            phrases.append(_("%(label)s: %(actors)s") % {"label": label, "actors": count})
    by_quality = [(str(q.label), [a for a in current if a.quality == q]) for q in Actor.Quality]
    by_quality.append((_("quality not recorded"), [a for a in current if not a.quality]))
    by_quality.append((words["field"]["exhausted"], [a for a in current if a.exhausted]))
    for label, members in by_quality:
        if members:
            names = ", ".join(who(a, words) for a in sorted(members, key=_by_name))
            phrases.append(_("%(label)s: %(actors)s") % {"label": label, "actors": names})
    return phrases


# Choosing and placing the actors


def _drawn(current: list[Actor]) -> tuple[list[Actor], int]:
    """At most MAX_DRAWN actors: the case workers, then the most recent contacts."""
    workers = [a for a in current if a.kind == Actor.Kind.WORKER]
    others = sorted((a for a in current if a.kind != Actor.Kind.WORKER), key=_by_name)
    others.sort(key=lambda a: a.last_contact_on or date.min, reverse=True)
    drawn = (workers + others)[:MAX_DRAWN]
    return drawn, len(current) - len(drawn)


def _sides(drawn: list[Actor], measures: Size) -> tuple[Side, Side]:
    """Formal actors right (case workers first, then by sector); informal left."""
    right, left = Side(sign=1), Side(sign=-1)
    workers = [a for a in drawn if a.kind == Actor.Kind.WORKER]
    formal = [a for a in drawn if a.kind == Actor.Kind.FORMAL]
    informal = [a for a in drawn if a.kind == Actor.Kind.INFORMAL]
    _add_group(right, capfirst(_("case workers")), workers, measures)
    for value, label in [*Sector.choices, ("", _("sector not recorded"))]:
        _add_group(right, capfirst(str(label)), [a for a in formal if a.sector == value], measures)
    for value, label in [*Actor.Relation.choices, ("", _("relation not recorded"))]:
        members = [a for a in informal if a.relation == value]
        _add_group(left, capfirst(str(label)), members, measures)
    return right, left


def _add_group(side: Side, label: str, members: list[Actor], measures: Size) -> None:
    if not members:
        return
    for index, actor in enumerate(sorted(members, key=_by_name)):
        row = Row(actor, measures.exhausted_row if actor.exhausted else measures.actor_row)
        if index == 0 and measures.details:
            row.label, row.label_height = f"{label} ({len(members)})", measures.group_row
        side.rows.append(row)


def _place(side: Side, cy: float, span: float) -> None:
    """Spread the rows over the span (slots up to three times their height), centred;
    a group's label stays just above its first actor."""
    total = side.height
    if not total:
        return
    stretch = min(span / total, 3.0)
    top = cy - total * stretch / 2
    for row in side.rows:
        padding = row.height * (stretch - 1) / 2
        row.label_y = top + padding + row.label_height / 2
        row.y = top + padding + row.label_height + row.actor_height / 2
        top += row.height * stretch


def _arc_x(dy: float, rx: float, ry: float) -> float:
    """Horizontal distance from the centre of the point of the ellipse at height dy."""
    return rx * math.sqrt(max(0.0, 1 - (dy / ry) ** 2))


def _by_name(actor: Actor) -> str:
    return actor.name.casefold()


# Drawing


def _heading(title: str, today: date, measures: Size) -> str:
    drawn_on = _("Drawn on %(date)s") % {"date": date_format(today, "DATE_FORMAT")}
    return "\n".join(
        [
            _text(title, measures.width / 2, 30, 18, anchor="middle", weight="bold"),
            _text(drawn_on, measures.width / 2, 52, 12, anchor="middle", fill=GREY),
        ]
    )


def _centre(case_label: str, cx: float, cy: float, measures: Size) -> str:
    """The person: a double circle, their name below on a white band over the lines."""
    r = measures.centre_radius
    name = _shorten(_clean(case_label), measures.name_chars)
    size = measures.name_size + (2 if measures.details else 0)
    width = len(name) * size * 0.62 + 12
    top = cy + r + 6
    return "\n".join(
        [
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" fill="{PAPER}" stroke="{INK}" '
            'stroke-width="2.5"/>',
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r - 5}" fill="none" stroke="{INK}" '
            'stroke-width="1.5"/>',
            f'<rect x="{cx - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{size + 8}" fill="{PAPER}"/>',
            _text(name, cx, top + size + 2, size, anchor="middle", weight="bold"),
        ]
    )


# Stroke of each quality: (width, dash pattern, colour); zig-zag and cut are drawn.
TIE_STROKES = {
    Actor.Quality.STRONG: ("4.5", "", INK),
    Actor.Quality.FRAGILE: ("2", "9 6", INK),
    Actor.Quality.CONFLICTUAL: ("2", "", INK),
    Actor.Quality.BROKEN: ("2", "", INK),
    "": ("1.5", "2 4", GREY),
}


def _tie(cx: float, cy: float, x: float, y: float, quality: str, measures: Size) -> str:
    """The line from the person to an actor, in the style of the relationship."""
    dx, dy = x - cx, y - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    start = measures.centre_radius + 3
    end = length - 12
    x0, y0, x1, y1 = cx + ux * start, cy + uy * start, cx + ux * end, cy + uy * end
    return f'<g data-quality="{quality or "unknown"}">{_stroke(x0, y0, x1, y1, quality)}</g>'


def _stroke(x0: float, y0: float, x1: float, y1: float, quality: str) -> str:
    width, dash, colour = TIE_STROKES.get(quality, TIE_STROKES[""])
    paint = f'stroke="{colour}" stroke-width="{width}" fill="none"'
    if dash:
        paint += f' stroke-dasharray="{dash}"'
    if quality == Actor.Quality.CONFLICTUAL:
        return f'<polyline points="{_zigzag(x0, y0, x1, y1)}" {paint} stroke-linejoin="miter"/>'
    if quality == Actor.Quality.BROKEN:
        return _cut_line(x0, y0, x1, y1, paint)
    return f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" {paint}/>'


def _zigzag(x0: float, y0: float, x1: float, y1: float, step: float = 7, amp: float = 4.5) -> str:
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    px, py = -dy / length, dx / length
    count = max(2, int(length // step))
    points = [(x0, y0)]
    for i in range(1, count):
        t, offset = i / count, amp if i % 2 else -amp
        points.append((x0 + dx * t + px * offset, y0 + dy * t + py * offset))
    points.append((x1, y1))
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _cut_line(x0: float, y0: float, x1: float, y1: float, paint: str) -> str:
    """A line with a gap in the middle, closed by a double bar across it: —||—."""
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    ux, uy, px, py = dx / length, dy / length, -dy / length, dx / length
    mx, my = x0 + dx / 2, y0 + dy / 2
    gap, bar = 5.0, 8.0
    parts = [
        f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{mx - ux * gap:.1f}" y2="{my - uy * gap:.1f}" '
        f"{paint}/>",
        f'<line x1="{mx + ux * gap:.1f}" y1="{my + uy * gap:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
        f"{paint}/>",
    ]
    for side in (-1, 1):
        bx, by = mx + ux * gap * side, my + uy * gap * side
        parts.append(
            f'<line x1="{bx + px * bar:.1f}" y1="{by + py * bar:.1f}" '
            f'x2="{bx - px * bar:.1f}" y2="{by - py * bar:.1f}" {paint}/>'
        )
    return "".join(parts)


def _actor(actor: Actor, x: float, y: float, sign: int, measures: Size, words: Words) -> str:
    """The actor's symbol (by kind), warning triangle if exhausted, name and detail."""
    out = [f"<g><title>{escape(_tooltip(actor, words))}</title>", _symbol(actor.kind, x, y)]
    label_x = x + sign * 16
    if actor.exhausted:
        out.append(_warning(x + sign * 22, y))
        label_x = x + sign * 34
    anchor = "start" if sign > 0 else "end"
    name = _shorten(_clean(actor.name), measures.name_chars)
    if not measures.details:
        out.append(_text(name, label_x, y + 4, measures.name_size, anchor=anchor, weight="bold"))
        out.append("</g>")
        return "".join(out)
    out.append(_text(name, label_x, y - 2, measures.name_size, anchor=anchor, weight="bold"))
    detail = _shorten(_clean(_detail(actor, words)), measures.detail_chars)
    if detail:
        out.append(_text(detail, label_x, y + 12, measures.detail_size, anchor=anchor, fill=GREY))
    if actor.exhausted:
        marker = capfirst(words["field"]["exhausted"])
        out.append(
            _text(marker, label_x, y + 26, measures.detail_size, anchor=anchor, weight="bold")
        )
    out.append("</g>")
    return "".join(out)


def _symbol(kind: str, x: float, y: float) -> str:
    """Formal: square; informal: circle; case worker: diamond."""
    paint = f'fill="{PAPER}" stroke="{INK}" stroke-width="2"'
    if kind == Actor.Kind.FORMAL:
        return f'<rect x="{x - 7:.1f}" y="{y - 7:.1f}" width="14" height="14" {paint}/>'
    if kind == Actor.Kind.WORKER:
        points = f"{x:.1f},{y - 9:.1f} {x + 9:.1f},{y:.1f} {x:.1f},{y + 9:.1f} {x - 9:.1f},{y:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7.5" {paint}/>'


def _warning(x: float, y: float) -> str:
    """A warning triangle with an exclamation mark, drawn (no font needed)."""
    points = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y + 6:.1f} {x - 8:.1f},{y + 6:.1f}"
    return (
        f'<polygon points="{points}" fill="{INK}" stroke="{INK}" stroke-width="1" '
        'stroke-linejoin="round"/>'
        f'<rect x="{x - 1:.1f}" y="{y - 4:.1f}" width="2" height="5.5" fill="{PAPER}"/>'
        f'<rect x="{x - 1:.1f}" y="{y + 2.5:.1f}" width="2" height="2" fill="{PAPER}"/>'
    )


def _group_label(label: str, x: float, y: float, sign: int, measures: Size) -> str:
    anchor = "start" if sign > 0 else "end"
    text = _shorten(label, measures.detail_chars)
    return _text(
        text, x - sign * 8, y + 4, measures.detail_size, anchor=anchor, fill=GREY, weight="bold"
    )


def _empty_sides(right: Side, left: Side, cx: float, cy: float, measures: Size) -> list[str]:
    """Say so when one side has nobody: an absent informal network is information."""
    out = []
    offset = measures.radius_x * 0.75
    if not right.rows:
        message = _("No professional actor recorded.")
        out.append(
            _text(message, cx + offset, cy + 4, measures.detail_size, anchor="middle", fill=GREY)
        )
    if not left.rows:
        message = _("No informal actor recorded.")
        out.append(
            _text(message, cx - offset, cy + 4, measures.detail_size, anchor="middle", fill=GREY)
        )
    return out


def _legend(top: float, measures: Size, words: Words) -> str:
    """What the lines and symbols mean, in three columns."""
    column = measures.width / 3
    size = measures.detail_size + 1
    out = [
        f'<line x1="20" y1="{top:.1f}" x2="{measures.width - 20}" y2="{top:.1f}" stroke="{GREY}" '
        'stroke-width="0.5"/>',
        _text(_("Legend"), 20, top + 24, size + 1, weight="bold"),
    ]
    lines = [(q.value, capfirst(str(q.label))) for q in Actor.Quality]
    lines.append(("", capfirst(_("quality not recorded"))))
    for index, (quality, label) in enumerate(lines):
        y = top + 48 + index * 20
        out.append(_stroke(30, y, 90, y, quality))
        out.append(_text(label, 100, y + 4, size))
    symbols = [
        (Actor.Kind.WORKER, capfirst(words["kind"][Actor.Kind.WORKER])),
        (Actor.Kind.FORMAL, capfirst(words["kind"][Actor.Kind.FORMAL])),
        (Actor.Kind.INFORMAL, capfirst(words["kind"][Actor.Kind.INFORMAL])),
    ]
    for index, (kind, label) in enumerate(symbols):
        y = top + 48 + index * 20
        out.append(_symbol(kind, column + 30, y))
        out.append(_text(label, column + 48, y + 4, size))
    y = top + 48
    out.append(_warning(2 * column + 30, y))
    exhausted = capfirst(words["field"]["exhausted"])
    out.append(_text(exhausted, 2 * column + 48, y + 4, size))
    y += 20
    centre = (
        f'<circle cx="{2 * column + 30}" cy="{y:.1f}" r="8" fill="{PAPER}" stroke="{INK}" '
        'stroke-width="2"/>'
        f'<circle cx="{2 * column + 30}" cy="{y:.1f}" r="4.5" fill="none" stroke="{INK}" '
        'stroke-width="1.2"/>'
    )
    out.append(centre)
    out.append(_text(capfirst(words["kind"][Actor.Kind.PERSON]), 2 * column + 48, y + 4, size))
    return "\n".join(out)


def _text(
    content: str,
    x: float,
    y: float,
    size: float,
    *,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )


# Words


def _detail(actor: Actor, words: Words) -> str:
    """What the actor is in this situation: role, organisation or relation."""
    if actor.kind == Actor.Kind.WORKER:
        parts = (
            [actor.role, actor.organisation]
            if actor.role or actor.organisation
            else [capfirst(words["kind"][Actor.Kind.WORKER])]
        )
    elif actor.kind == Actor.Kind.FORMAL:
        parts = [actor.role or actor.profession, actor.organisation]
    else:
        parts = [capfirst(words["relation"][actor.relation]), actor.role]
    return " · ".join(part for part in parts if part)


def _tooltip(actor: Actor, words: Words) -> str:
    parts = [_clean(actor.name), _clean(_detail(actor, words))]
    if actor.quality:
        parts.append(words["quality"][actor.quality])
    if actor.exhausted:
        parts.append(words["field"]["exhausted"])
    return " · ".join(part for part in parts if part)


def _words() -> Words:
    """Labels of the actors' choices in the active language (get_…_display() is slow
    in bulk): `words["relation"]["family"]`."""
    return _labels(get_language() or "")


@functools.lru_cache(maxsize=8)
def _labels(language: str) -> Words:
    """Labels of the actors' choices in `language` (the active one, passed as a key)."""
    return {
        "relation": {"": "", **{value: str(label) for value, label in Actor.Relation.choices}},
        "quality": {"": "", **{value: str(label) for value, label in Actor.Quality.choices}},
        "kind": {"": "", **{value: str(label) for value, label in Actor.Kind.choices}},
        "field": {"exhausted": str(Actor._meta.get_field("exhausted").verbose_name)},
    }


def _clean(text: str) -> str:
    """One line of text XML can hold."""
    return _SPACES.sub(" ", _NOT_XML.sub("", str(text))).strip()


def _shorten(text: str, limit: int) -> str:
    if limit <= 0:
        return ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
