"""position_strip(): a small server-drawn SVG of where the EV ingredients sit in a list
and where the 1% line probably falls.

It draws from the analysis JSON only and decides nothing: the positions and the 1%
estimate come from the analysis. Every piece of text is escaped here, because the
SVG goes into the page as markup (an ingredient name is text someone pasted).
"""

from typing import Any

from markupsafe import escape
from markupsafe import Markup

_WIDTH = 480
_HEIGHT = 92
_MARGIN = 14
_BAR_Y = 44
_BAR_H = 14


def _x(position: float, total: int) -> float:
    """Left edge of the slot of a 1-based position (position total + 1 = right end)."""
    return _MARGIN + (position - 1) * (_WIDTH - 2 * _MARGIN) / total


def describe(analysis: dict[str, Any]) -> str:
    """The strip in words: the SVG's <desc>, also shown beside it as a caption."""
    total = len(analysis.get("ingredients") or [])
    evs = analysis.get("ev_ingredients") or []
    line = analysis.get("one_percent_line") or {}
    parts = [f"{total} ingredients in printed order."]
    if evs:
        named = "; ".join(f"position {ev['position']} ({ev.get('printed', '')})" for ev in evs)
        noun = "EV ingredient" if len(evs) == 1 else "EV ingredients"
        parts.append(f"{noun} at {named}.")
    else:
        parts.append("No EV ingredient.")
    after = line.get("after_position")
    if line.get("text"):
        # The analysis words the line itself (issue 13): before the first marker.
        parts.append(str(line["text"]))
    elif after:
        marker = line.get("marker")
        by = f", after {marker}" if marker else ""
        parts.append(f"The 1% line probably falls after position {after}{by}.")
    else:
        parts.append("The 1% line could not be placed.")
    return " ".join(parts)


def position_strip(analysis: dict[str, Any]) -> Markup:
    """Return an accessible inline SVG (role="img" with <title> and <desc>)."""
    total = len(analysis.get("ingredients") or [])
    if total == 0:
        return Markup("")
    evs = analysis.get("ev_ingredients") or []
    after = (analysis.get("one_percent_line") or {}).get("after_position")
    slot = (_WIDTH - 2 * _MARGIN) / total
    gap = 1 if slot > 4 else 0
    out = [
        f'<svg class="strip" role="img" aria-labelledby="strip-title strip-desc" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        '<title id="strip-title">Where the EV ingredients sit in the list</title>',
        f'<desc id="strip-desc">{escape(describe(analysis))}</desc>',
    ]
    if after:
        # The "1% or less" zone: from the line (before the first marker) to the end,
        # shaded, outlined and labelled, so the zone reads without colour.
        x = _x(after + 1, total)
        end = _x(total + 1, total)
        out.append(
            f'<rect class="below-zone" x="{x:.1f}" y="{_BAR_Y - 16}" '
            f'width="{max(end - x, 0):.1f}" height="{_BAR_H + 20}" fill="#ece8e1" '
            'stroke="#8a857d" stroke-dasharray="2 2"/>'
        )
        if end - x > 60:
            out.append(
                f'<text x="{end - 2:.1f}" y="{_BAR_Y - 5}" font-size="11" text-anchor="end" '
                'fill="#333">1% or less</text>'
            )
    for position in range(1, total + 1):
        out.append(
            f'<rect x="{_x(position, total):.1f}" y="{_BAR_Y}" width="{max(slot - gap, 0.5):.1f}" '
            f'height="{_BAR_H}" fill="#d9d4cc"/>'
        )
    if after:
        x = _x(after + 1, total)
        out.append(
            f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{_BAR_Y + _BAR_H + 6}" '
            'stroke="#333" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        anchor = "end" if x > _WIDTH / 2 else "start"
        nudge = -4 if anchor == "end" else 4
        out.append(
            f'<text x="{x + nudge:.1f}" y="24" font-size="15" text-anchor="{anchor}" '
            'fill="#333">≈1% line</text>'
        )
    for ev in evs:
        position = ev.get("position")
        if not isinstance(position, int) or not 1 <= position <= total:
            continue
        left = _x(position, total)
        centre = left + slot / 2
        out.append(
            f'<rect x="{left:.1f}" y="{_BAR_Y}" width="{max(slot - gap, 2):.1f}" '
            f'height="{_BAR_H}" fill="#7a2e12"/>'
        )
        # A downward triangle above the slot: the mark does not rely on colour alone.
        out.append(f'<path d="M{centre - 6:.1f} {_BAR_Y - 12} h12 l-6 9 z" fill="#7a2e12"/>')
        out.append(
            f'<text x="{centre:.1f}" y="{_BAR_Y + _BAR_H + 18}" font-size="15" '
            f'text-anchor="middle" fill="#222">{position}</text>'
        )
    out.append(f'<text x="{_MARGIN}" y="{_HEIGHT - 2}" font-size="11" fill="#555">first</text>')
    out.append(
        f'<text x="{_WIDTH - _MARGIN}" y="{_HEIGHT - 2}" font-size="11" text-anchor="end" '
        f'fill="#555">last ({total})</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))
