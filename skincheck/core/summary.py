"""build_summary(): the three lines that open every report (issue 13).

Line 1 says what is in the list (the EV, conditioned-media or platelet ingredients by
printed name and position, else only look-alikes, else none); line 2 where it may be
sold (one chip per region from the regulatory facts already attached to the
ingredients); line 3 the source judgement of the leading EV ingredient and the best
human evidence for it, each as a key, a word and a rank on its scale from data/kb, with
the precautionary sentence. Every sentence is a template of data/summary.toml.

It decides nothing new: the findings, flags and ratings come from the analysis. It does
not render (render does) and does not know Flask.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from skincheck.core.errors import DataError
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.regulate import IF_HUMAN_SUFFIX
from skincheck.core.regulate import RegulatoryFlag

SUMMARY_FILE = "summary.toml"


@dataclass(frozen=True, slots=True)
class SummaryWords:
    """data/summary.toml, checked for the tables the code fills."""

    labels: dict[str, str]
    contents: dict[str, str]
    look_alike_kinds: dict[str, str]
    regions: dict[str, Any]
    axes: dict[str, str]
    chips: dict[str, str]
    one_percent: dict[str, str]
    ev_card: dict[str, str]
    title: dict[str, str]


#: The tables and keys build_summary() and render read; a file without one is refused.
_REQUIRED = {
    "labels": ("contents", "regions", "axes"),
    "contents": ("item", "ev", "ev_and_look_alikes", "look_alike_item", "look_alikes_only",
                 "none"),
    "look_alike_kinds": (),
    "regions": ("none", "order", "names", "chips"),
    "axes": ("source_legend_url", "evidence_legend_url", "line", "no_evidence", "none",
             "precaution"),
    "chips": ("if_human",),
    "one_percent": ("above", "below", "placed", "unplaced"),
    "ev_card": ("read_as",),
    "title": ("unnamed",),
}  # fmt: skip


@lru_cache(maxsize=4)
def load_summary_words(data_dir: Path) -> SummaryWords:
    """Read data_dir/summary.toml (data_dir is the repository's data/ folder)."""
    path = Path(data_dir) / SUMMARY_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataError(f"{SUMMARY_FILE}: cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{SUMMARY_FILE}: not valid TOML ({error})") from error
    for table, keys in _REQUIRED.items():
        if not isinstance(raw.get(table), dict):
            raise DataError(f"{SUMMARY_FILE}: [{table}] is missing")
        missing = [key for key in keys if key not in raw[table]]
        if missing:
            raise DataError(f"{SUMMARY_FILE}: [{table}] lacks {', '.join(missing)}")
    for status in raw["regions"]["order"]:
        if status not in raw["regions"]["chips"]:
            raise DataError(f"{SUMMARY_FILE}: [regions.chips] lacks {status}")
    return SummaryWords(**{table: raw[table] for table in _REQUIRED})


def _one_line(text: str) -> str:
    """A printed name on one line: a label read from a page may break inside a name."""
    return " ".join(text.split())


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ..."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


@dataclass(frozen=True, slots=True)
class Found:
    """One ingredient the summary speaks of: as printed, where, what it was read as,
    and the regulatory flags attached to it."""

    printed: str
    position: int
    finding: EvFinding | LookAlikeFinding
    flags: tuple[RegulatoryFlag, ...]
    #: The rating's human evidence (rate.RatedEvidence), for EV ingredients.
    evidence: Any = None


def build_summary(
    found: list[Found],
    flagged: list[tuple[str, int, RegulatoryFlag]],
    kb: KnowledgeBase,
    words: SummaryWords,
    *,
    product_name: str | None = None,
    first_printed: str | None = None,
) -> dict[str, Any]:
    """The "summary" object of the analysis JSON (SUMMARY_CONTRACT.md).

    ``found`` holds the EV ingredients and look-alikes in list order; ``flagged`` every
    (printed, position, flag) of the list, in list order. ``product_name`` (given or read
    from the page) and ``first_printed`` (the list's first name) make the title.
    """
    evs = [item for item in found if isinstance(item.finding, EvFinding)]
    lead = _lead(evs, kb)
    named = evs[0].printed if evs else found[0].printed if found else first_printed
    named = _one_line(named) if named else None
    title = _one_line(product_name) if product_name and product_name.strip() else None
    title = title or (words.title["unnamed"].format(name=named) if named else None)
    summary = {
        "title": title,
        "contents": _contents(found, words),
        "regions": _regions(flagged, words),
        "source": _source(lead, kb, words) if lead else None,
        "evidence": _evidence(lead, kb, words) if lead else None,
        "lead": {"printed": lead.printed, "position": lead.position} if lead else None,
        "precaution": words.axes["precaution"],
    }
    summary["lines"] = [{"label": label, "text": text} for label, text in _lines(summary, words)]
    return summary


def _contents(found: list[Found], words: SummaryWords) -> dict[str, Any]:
    text = words.contents
    evs = [item for item in found if isinstance(item.finding, EvFinding)]
    look_alikes = [item for item in found if isinstance(item.finding, LookAlikeFinding)]
    items = [
        {
            "printed": item.printed,
            "position": item.position,
            "role": "ev" if isinstance(item.finding, EvFinding) else "look_alike",
        }
        for item in found
    ]
    named_evs = "; ".join(
        text["item"].format(printed=_one_line(item.printed), ordinal=ordinal(item.position))
        for item in evs
    )
    named_look_alikes = "; ".join(
        text["look_alike_item"].format(
            printed=_one_line(item.printed),
            ordinal=ordinal(item.position),
            kind=words.look_alike_kinds.get(item.finding.kind, item.finding.kind),  # type: ignore[union-attr]
        )
        for item in look_alikes
    )
    if evs and look_alikes:
        kind = "ev"
        sentence = text["ev_and_look_alikes"].format(items=named_evs, look_alikes=named_look_alikes)
    elif evs:
        kind, sentence = "ev", text["ev"].format(items=named_evs)
    elif look_alikes:
        kind = "look_alikes_only"
        sentence = text["look_alikes_only"].format(items=named_look_alikes)
    else:
        kind, sentence = "none", text["none"]
    return {"kind": kind, "text": sentence, "items": items}


def _regions(
    flagged: list[tuple[str, int, RegulatoryFlag]], words: SummaryWords
) -> list[dict[str, Any]]:
    """One chip per region: its most restrictive fact (regions.order), first ingredient
    first. Annex III-VI matches (restricted, allowed ...) are not about where a product
    may be sold and stay on the regulatory lines."""
    regions = words.regions
    order = list(regions["order"])
    best: dict[str, list[tuple[str, int, RegulatoryFlag]]] = {}
    for printed, position, flag in flagged:
        if flag.status not in order:
            continue
        chosen = best.setdefault(flag.jurisdiction, [])
        if chosen and order.index(flag.status) > order.index(chosen[0][2].status):
            continue
        if chosen and order.index(flag.status) < order.index(chosen[0][2].status):
            chosen.clear()
        chosen.append((printed, position, flag))
    out = []
    for region, chosen in best.items():
        flag = chosen[0][2]
        template = (
            regions.get("chips_by_region", {}).get(region, {}).get(flag.status)
            or regions["chips"][flag.status]
        )
        entry = ""
        if flag.annex and flag.reference:
            entry = (
                regions["chips"].get("entry", "").format(annex=flag.annex, reference=flag.reference)
            )
        out.append(
            {
                "region": region,
                "status": flag.status,
                "chip": template.format(
                    region=regions["names"].get(region, region),
                    entry=entry,
                    ingredient=_one_line(chosen[0][0]),
                ),
                "if_human": flag.status.endswith(IF_HUMAN_SUFFIX),
                "refs": list(dict.fromkeys(ref for _, _, f in chosen for ref in f.refs)),
                "ingredients": [
                    {"printed": printed, "position": position}
                    for printed, position in dict.fromkeys((p, n) for p, n, _ in chosen)
                ],
            }
        )
    return out


def _lead(evs: list[Found], kb: KnowledgeBase) -> Found | None:
    """The EV ingredient whose source is of most concern (the verdict's lead); the
    first printed among equals."""
    if not evs:
        return None
    return min(evs, key=lambda item: kb.classes[item.finding.source_class].standing)  # type: ignore[union-attr]


def _source(lead: Found, kb: KnowledgeBase, words: SummaryWords) -> dict[str, Any]:
    source_class = kb.classes[lead.finding.source_class]  # type: ignore[union-attr]
    grade = next(grade for grade in kb.grades if grade.key == source_class.grade_key)
    return {
        "key": grade.key,
        "word": grade.word,
        "rank": grade.rank,
        "of": max(g.rank for g in kb.grades),
        "legend": grade.legend,
        "legend_url": words.axes["source_legend_url"],
    }


def _evidence(lead: Found, kb: KnowledgeBase, words: SummaryWords) -> dict[str, Any] | None:
    rated = lead.evidence
    if rated is None:
        return None
    keys = [level.key for level in kb.evidence_levels]
    level = kb.evidence_levels[keys.index(rated.evidence.level)]
    return {
        "key": level.key,
        "word": level.label,
        "rank": keys.index(level.key) + 1,
        "of": len(keys),
        "legend": level.legend,
        "scope": rated.scope,
        "legend_url": words.axes["evidence_legend_url"],
    }


def _lines(summary: dict[str, Any], words: SummaryWords) -> list[tuple[str, str]]:
    """The three lines as (label, text): what text and Markdown open with."""
    labels, axes = words.labels, words.axes
    chips = [region["chip"] for region in summary.get("regions") or []]
    source, evidence, lead = summary.get("source"), summary.get("evidence"), summary.get("lead")
    if source and lead:
        line = axes["line"].format(
            ingredient=_one_line(lead["printed"]),
            source=source["word"],
            source_rank=source["rank"],
            source_of=source["of"],
            evidence=evidence["word"] if evidence else axes["no_evidence"],
            evidence_rank=evidence["rank"] if evidence else 0,
            evidence_of=evidence["of"] if evidence else 0,
        )
        axes_text = f"{line} {summary['precaution']}"
    else:
        axes_text = axes["none"]
    return [
        (labels["contents"], summary["contents"]["text"]),
        (labels["regions"], "; ".join(chips) if chips else words.regions["none"]),
        (labels["axes"], axes_text),
    ]
