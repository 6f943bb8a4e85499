"""What the report page and the ingredient pages show, prepared from stored JSON: the
summary card (issue 13) with its two ordered scales drawn as inline SVG, the product's
name for titles and file names, each ingredient's page address, and the glossary of
words a report cannot avoid (data/glossary.toml).

It decides nothing: every word, rank and status comes from the analysis JSON (the
"summary" object of skincheck.core.summary) or from data/. What it adds is drawing:
which symbol stands beside a rank or a legal status, so that meaning never rests on
colour. No Flask request handling and no database here.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import escape
from markupsafe import Markup

from skincheck import paths
from skincheck.core.normalise import slug

GLOSSARY_FILE = paths.DATA / "glossary.toml"

#: Beside each legal status, a symbol, so a chip reads without its colour. The words
#: come from the JSON; only the "_if_human" statuses add a question mark, because the
#: label does not print the species.
_STATUS_MARKS = {
    "prohibited": "✖",
    "no_approved_product": "!",
    "records_required": "§",
}


# -- the scales ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scale:
    """One axis of the summary's third line, as the JSON gives it: a word at a rank of
    an ordered scale (rank ``of`` is the most favourable end)."""

    #: "Source judgement" or "Human evidence".
    axis: str
    key: str
    word: str
    rank: int
    of: int
    legend: str
    legend_url: str
    #: What a higher rank means, in words ("less concern", "stronger").
    higher: str
    #: "source" or "evidence": the class the drawing and the page's CSS use.
    kind: str

    @property
    def symbol(self) -> str:
        """A mark that differs between the ends of the scale: a warning sign on the
        lowest third, a half disc in the middle, a full disc at the top. Where the
        rank falls is also drawn (filled cells) and said (the word and "n of m")."""
        if self.of <= 0:
            return "?"
        share = self.rank / self.of
        if share <= 1 / 3:
            return "⚠"
        if share < 1:
            return "◐"
        return "●"

    @property
    def description(self) -> str:
        return f"{self.axis}: {self.word}, {self.rank} of {self.of} (higher is {self.higher})"

    def svg(self) -> Markup:
        """An ordered scale of ``of`` cells, the first ``rank`` of them filled, with the
        cell of this rank outlined heavier. Presentation attributes only (the CSP allows
        no inline style)."""
        cell, gap, height = 16, 3, 14
        width = self.of * (cell + gap) - gap + 2
        fill = "#7a2e12" if self.kind == "source" else "#0b4f8a"
        parts = [
            f'<svg class="scale scale-{self.kind}" role="img" width="{width}" '
            f'height="{height + 2}" viewBox="0 0 {width} {height + 2}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(self.description)}</title>'
        ]
        for index in range(1, self.of + 1):
            x = 1 + (index - 1) * (cell + gap)
            filled = index <= self.rank
            stroke_width = 2.5 if index == self.rank else 1
            parts.append(
                f'<rect x="{x}" y="1" width="{cell}" height="{height}" rx="2" '
                f'fill="{fill if filled else "#ffffff"}" stroke="#1d1d1b" '
                f'stroke-width="{stroke_width}"/>'
            )
        parts.append("</svg>")
        return Markup("".join(parts))


def _scale(data: dict[str, Any] | None, axis: str, higher: str, kind: str) -> Scale | None:
    if not data or not isinstance(data.get("rank"), int) or not isinstance(data.get("of"), int):
        return None
    return Scale(
        axis=axis,
        key=str(data.get("key", "")),
        word=str(data.get("word", "")),
        rank=data["rank"],
        of=data["of"],
        legend=str(data.get("legend", "")),
        legend_url=str(data.get("legend_url") or "/sources"),
        higher=higher,
        kind=kind,
    )


# -- the summary card ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegionChip:
    region: str
    status: str
    chip: str
    if_human: bool
    refs: tuple[str, ...]

    @property
    def mark(self) -> str:
        base = self.status.removesuffix("_if_human")
        mark = _STATUS_MARKS.get(base, "•")
        return mark + "?" if self.if_human or self.status.endswith("_if_human") else mark

    @property
    def css(self) -> str:
        return "chip-" + self.status.removesuffix("_if_human").replace("_", "-")


@dataclass(frozen=True, slots=True)
class SummaryCard:
    """The three lines that open the report, from the analysis's "summary" object."""

    #: "ev", "look_alikes_only" or "none".
    kind: str
    contents: str
    regions: tuple[RegionChip, ...]
    #: Line 2's sentence when no regional rule applies.
    regions_text: str
    source: Scale | None
    evidence: Scale | None
    #: Line 3's sentence when there is nothing to rate.
    unrated_text: str
    lead: str | None
    precaution: str
    labels: tuple[str, str, str]


def summary_card(analysis: dict[str, Any]) -> SummaryCard | None:
    """The card for an analysis that carries a summary; None for a report saved before
    summaries existed (its page then opens with the verdict, as it did)."""
    summary = analysis.get("summary")
    if not isinstance(summary, dict):
        return None
    contents = summary.get("contents") or {}
    lines = summary.get("lines") or []
    line_text = [str(line.get("text", "")) for line in lines] + ["", "", ""]
    labels = [str(line.get("label", "")) for line in lines] + [
        "What is in it",
        "Where it may be sold",
        "Source and human evidence",
    ][len(lines) :]
    regions = tuple(
        RegionChip(
            region=str(r.get("region", "")),
            status=str(r.get("status", "")),
            chip=str(r.get("chip", "")),
            if_human=bool(r.get("if_human")),
            refs=tuple(r.get("refs") or ()),
        )
        for r in summary.get("regions") or []
    )
    lead = summary.get("lead") or None
    return SummaryCard(
        kind=str(contents.get("kind", "none")),
        contents=str(contents.get("text") or line_text[0]),
        regions=regions,
        regions_text=line_text[1],
        source=_scale(summary.get("source"), "Source judgement", "less concern", "source"),
        evidence=_scale(summary.get("evidence"), "Human evidence", "stronger", "evidence"),
        unrated_text=line_text[2],
        lead=str(lead["printed"]) if isinstance(lead, dict) and lead.get("printed") else None,
        precaution=str(summary.get("precaution") or ""),
        labels=(labels[0], labels[1], labels[2]),
    )


# -- names ---------------------------------------------------------------------------------


def page_name(product_name: str | None, analysis: dict[str, Any]) -> str:
    """What the title and heading call a report: the name the person gave, else the
    product page's name, else "List with <first EV ingredient> …" (else the list's first
    ingredient), so that tabs and history can tell reports apart."""
    if product_name and product_name.strip():
        return product_name.strip()
    from_page = (analysis.get("input") or {}).get("product_name")
    if from_page and str(from_page).strip():
        return str(from_page).strip()
    evs = analysis.get("ev_ingredients") or []
    ingredients = analysis.get("ingredients") or []
    first = evs[0].get("printed") if evs else (ingredients[0].get("printed") if ingredients else "")
    return f"List with {first} …" if first else "Ingredient list report"


def download_name(
    product_name: str | None, analysis: dict[str, Any], report_id: str, ext: str
) -> str:
    """The file name of a download: the product's name as a slug ("exosome-repair-
    ampoule.md"), else skincheck-<id>; ASCII only, so every browser keeps it."""
    given = product_name or (analysis.get("input") or {}).get("product_name") or ""
    stem = slug(str(given)).encode("ascii", "ignore").decode()[:80].strip("-")
    return f"{stem or 'skincheck-' + report_id}.{ext}"


# -- ingredient pages ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IngredientLink:
    """Where a row of the whole list links: /ingredients/<slug>, with the name as
    printed in the query when skincheck has no entry for it."""

    slug: str
    name: str | None = None


def ingredient_link(item: dict[str, Any], ev_slugs: dict[int, str]) -> IngredientLink | None:
    """The page of one row of the whole list: the EV entry's page when the row is an EV
    ingredient with an entry, else the page of its CosIng name, else a page for the
    name as printed (which says what skincheck does and does not know about it)."""
    position = item.get("position")
    if isinstance(position, int) and position in ev_slugs:
        return IngredientLink(ev_slugs[position])
    if item.get("inci"):
        return IngredientLink(slug(str(item["inci"])))
    name = str(item.get("name") or item.get("printed") or "").strip()
    key = slug(name)
    return IngredientLink(key, name) if key else None


# -- the glossary --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    term: str
    plain: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def glossary_terms() -> tuple[Term, ...]:
    """data/glossary.toml, each term's patterns compiled into one expression."""
    with GLOSSARY_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    terms = []
    for row in data["term"]:
        alternatives = [f"(?i:{p})" for p in row.get("patterns", [])]
        alternatives += [f"(?-i:{p})" for p in row.get("exact", [])]
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
        terms.append(Term(row["key"], row["term"], row["plain"], pattern))
    return tuple(terms)


class Glossary:
    """One page's glossary: ``first(text)`` gives the terms that ``text`` uses and the
    page has not yet explained, in the order they appear, and marks them explained."""

    def __init__(self, terms: tuple[Term, ...] | None = None) -> None:
        self.terms = glossary_terms() if terms is None else terms
        self.seen: set[str] = set()

    def first(self, *texts: Any) -> list[Term]:
        found: list[tuple[int, Term]] = []
        joined = " ".join(str(text) for text in texts if text)
        for term in self.terms:
            if term.key in self.seen:
                continue
            match = term.pattern.search(joined)
            if match:
                found.append((match.start(), term))
        found.sort(key=lambda pair: pair[0])
        self.seen.update(term.key for _, term in found)
        return [term for _, term in found]
