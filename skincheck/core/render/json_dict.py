"""as_dict(): an Analysis as the JSON of SPEC section 7 (schema skincheck.analysis/1),
the one serialiser behind the API, the CLI and stored reports; and the JSON pieces the
sources page and API show on their own (ranking note, grade and evidence scales).

It turns values into JSON and decides nothing: every grade, label and sentence comes
from the analysis, which took it from data/. It writes no text for people
(skincheck.core.render.text does, from this JSON).
"""

from typing import Any

from skincheck.core.analyse import Analysis
from skincheck.core.analyse import NameReading
from skincheck.core.knowledge.names import listing_key
from skincheck.core.knowledge.types import Evidence
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.knowledge.types import Reason
from skincheck.core.model import Ingredient
from skincheck.core.normalise import slug
from skincheck.core.rate import RatedEvidence
from skincheck.core.regulate import chip
from skincheck.core.regulate import RegulatoryFlag
from skincheck.core.summary import build_summary
from skincheck.core.summary import Found

SCHEMA = "skincheck.analysis/1"


def _reason(reason: Reason) -> dict[str, Any]:
    return {"text": reason.text, "refs": list(reason.refs)}


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    """One evidence record (evidence.toml) as JSON: level, label, summary, trials, refs.
    Also used for the classes of /api/v1/sources."""
    return {
        "level": evidence.level,
        "label": evidence.label,
        "summary": evidence.summary,
        "trials": [
            {
                "ref": trial.ref,
                "about": trial.about,
                "design": trial.design,
                "size": trial.size,
                "duration": trial.duration,
                "run_by": trial.run_by,
                "finding": trial.finding,
            }
            for trial in evidence.trials
        ],
        "refs": list(evidence.refs),
    }


def _rated_evidence(rated: RatedEvidence | None) -> dict[str, Any] | None:
    if rated is None:
        return None
    return {"scope": rated.scope, "heading": rated.heading, **evidence_dict(rated.evidence)}


def ranking_note(kb: KnowledgeBase) -> dict[str, Any]:
    """The plain statement that the source ranking is a precautionary judgement."""
    ranking = kb.wording["ranking"]
    return {"text": ranking["statement"], "refs": list(ranking["refs"])}


def grade_scale(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The grade words with their legend, least source concern first."""
    return [{"key": g.key, "word": g.word, "legend": g.legend} for g in kb.grades]


def evidence_scale(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The human-evidence levels with their legend, weakest first."""
    return [{"key": e.key, "label": e.label, "legend": e.legend} for e in kb.evidence_levels]


def _ev(ingredient: Ingredient, reading: NameReading, analysis: Analysis) -> dict[str, Any]:
    finding, rating = reading.finding, reading.rating
    source_class = analysis.knowledge.classes[finding.source_class]
    material = analysis.knowledge.materials[finding.material]
    return {
        "position": ingredient.position,
        "printed": ingredient.printed,
        "name": ingredient.name,
        "slug": slug(finding.entry) if finding.entry else None,
        "source_class": finding.source_class,
        "source_class_label": source_class.label,
        "material": finding.material,
        "material_label": material.label,
        "material_caveat": _reason(material.caveat),
        "organism": finding.organism,
        "cell_type": finding.cell_type,
        "human_origin": finding.human_origin,
        "matched_via": finding.via,
        "entry": finding.entry,
        "matched_entry": _matched_entry(ingredient, finding, analysis),
        "rating": {
            "grade": rating.grade,
            "label": rating.label,
            "summary": rating.summary,
            "reasons": [_reason(reason) for reason in rating.reasons],
            "questions": list(rating.questions),
        },
        "evidence": _rated_evidence(rating.evidence),
    }


#: How an EV finding's entry was reached, as the JSON says it (match.EvFinding.via).
_ENTRY_VIA = {"listed": "alias", "fuzzy": "close_match"}


def _matched_entry(
    ingredient: Ingredient, finding: Any, analysis: Analysis
) -> dict[str, Any] | None:
    """Which knowledge-base entry the EV card's "More about ..." link goes to, how it was
    reached ("name", "alias" or "close_match"), and what the name was read as when that
    is not the printed name ("Human Platelet Lysate: read as Human Platelet Extract")."""
    if not finding.entry:
        return None  # classified by the rules: no entry to link to
    same = listing_key(ingredient.name) == listing_key(finding.entry)
    via = "name" if same and finding.via == "listed" else _ENTRY_VIA.get(finding.via, finding.via)
    words = analysis.report.summary.ev_card if analysis.report else {}
    read_as = None
    if not same and "read_as" in words:
        read_as = words["read_as"].format(printed=ingredient.printed, entry=finding.entry)
    return {"name": finding.entry, "slug": slug(finding.entry), "via": via, "read_as": read_as}


def _look_alike(ingredient: Ingredient, reading: NameReading) -> dict[str, Any]:
    finding = reading.finding
    return {
        "position": ingredient.position,
        "printed": ingredient.printed,
        "name": ingredient.name,
        "kind": finding.kind,
        "explanation": finding.explanation,
        "human_origin": finding.human_origin,
        "refs": list(finding.refs),
    }


def _flag(ingredient: Ingredient, flag: RegulatoryFlag, analysis: Analysis) -> dict[str, Any]:
    report = analysis.report
    allergen = report.roles.allergen(flag.annex, flag.conditions) if report else None
    return {
        "position": ingredient.position,
        "printed": ingredient.printed,
        "jurisdiction": flag.jurisdiction,
        # The status chip the line leads with; the legal text (rule, conditions) folds.
        "chip": chip(flag.status, report.summary.chips) if report else flag.status,
        "rule": flag.rule,
        "status": flag.status,
        "annex": flag.annex,
        "reference": flag.reference,
        "text": flag.text or None,
        "conditions": flag.conditions,
        # The Annex III condition in words, for the EU fragrance allergens.
        "allergen": allergen,
        "refs": list(flag.refs) + [
            ref for ref in (report.roles.allergen_refs if allergen else ()) if ref not in flag.refs
        ],
    }


def _one_percent(analysis: Analysis) -> dict[str, Any]:
    """The 1% line: it falls just BEFORE the first marker, which is itself at 1% or less."""
    line = analysis.one_percent
    words = analysis.report.summary.one_percent if analysis.report else {}
    position = line.marker_position
    placed = position is not None
    text_key = "placed" if placed else "unplaced"
    return {
        "marker": line.marker,
        "marker_position": position,
        # The line falls between before_position - 1 and before_position.
        "before_position": position,
        # Schema 1's field, now meaning what its name says: the line falls after this
        # position (0 when the marker opens the list). It used to hold the marker's own
        # position, which drew the line on the wrong side of it.
        "after_position": position - 1 if placed else None,
        "above": {"words": words.get("above"), "positions": list(line.above)},
        "below": {"words": words.get("below"), "positions": list(line.below)},
        "all_ev_below": line.all_ev_below,
        "text": words.get(text_key, "").format(marker=line.marker, position=position),
    }


def _cited_keys(data: dict[str, Any]) -> list[str]:
    """Every reference key cited in the analysis, in first-seen order: the ranking note,
    rating reasons, evidence trials, material caveats, look-alike explanations and
    regulatory flags."""
    # The ranking note is the "what a rating means" paragraph every export carries.
    cited: list[list[str]] = [data["ranking_note"]["refs"]]
    for ev in data["ev_ingredients"]:
        cited.extend(reason["refs"] for reason in ev["rating"]["reasons"])
        if ev.get("evidence"):
            cited.append(ev["evidence"]["refs"])
        cited.append(ev["material_caveat"]["refs"])
    cited.extend(item["refs"] for item in data["look_alikes"])
    cited.extend(flag["refs"] for flag in data["regulatory"])
    return list(dict.fromkeys(key for refs in cited for key in refs))


def as_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis JSON of SPEC section 7 (schema skincheck.analysis/1)."""
    info = analysis.input
    # One pass over the ingredients and their readings builds every per-ingredient part
    # (35 names a list in the corpus; this loop is most of the serialiser's time).
    ingredients = []
    unrecognised = []
    ev_ingredients = []
    look_alikes = []
    regulatory = []
    not_in_cosing = []
    found: list[Found] = []
    flagged = []
    for ingredient, reading in zip(analysis.parsed.ingredients, analysis.readings, strict=True):
        recognition = reading.recognition
        recognised = reading.recognised
        role = reading.role
        in_cosing = recognition.inci is not None
        ingredients.append(
            {
                "position": ingredient.position,
                "printed": ingredient.printed,
                "name": recognition.display if recognition.inci else ingredient.name,
                "inci": recognition.inci,
                # "recognised" is kept for readers of schema 1: it means "known".
                "recognised": recognised,
                "in_cosing": in_cosing,
                "known": recognised,
                "matched_via": recognition.via,
                # The CosIng functions as listed; people are shown "roles".
                "functions": [*recognition.functions],
                "roles": [{"key": r.key, "word": r.word} for r in reading.roles],
                "allergen": reading.allergen,
                "suggestions": [] if recognised else [*recognition.suggestions],
                "section": ingredient.section,
                "may_contain": ingredient.may_contain,
                "role": role,
            }
        )
        if not recognised:
            unrecognised.append(ingredient.name)
        if not in_cosing:
            not_in_cosing.append(ingredient.name)
        if role is not None:
            rated = reading.rating.evidence if reading.rating else None
            where = (ingredient.printed, ingredient.position)
            found.append(Found(*where, reading.finding, reading.flags, rated))
        if role == "ev":
            ev_ingredients.append(_ev(ingredient, reading, analysis))
        elif role == "look_alike":
            look_alikes.append(_look_alike(ingredient, reading))
        for flag in reading.flags:
            regulatory.append(_flag(ingredient, flag, analysis))
            flagged.append((ingredient.printed, ingredient.position, flag))
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "summary": build_summary(
            found,
            flagged,
            analysis.knowledge,
            analysis.report.summary,
            product_name=analysis.product_name,
            first_printed=ingredients[0]["printed"] if ingredients else None,
        )
        if analysis.report
        else None,
        "input": {
            "kind": info.kind,
            "url": info.url,
            "requested_url": info.requested_url,
            "extracted_from": info.extracted_from,
            "extracted_text": info.extracted_text,
            "product_name": analysis.product_name,
        },
        "ingredients": ingredients,
        "sections": [
            {"title": section.title, "first": section.first, "last": section.last}
            for section in analysis.parsed.sections
        ],
        "ev_ingredients": ev_ingredients,
        "look_alikes": look_alikes,
        "regulatory": regulatory,
        "ranking_note": ranking_note(analysis.knowledge),
        "verdict": {
            "grade": analysis.verdict.grade,
            "headline": analysis.verdict.headline,
            "reasons": list(analysis.verdict.reasons),
        },
        "one_percent_line": _one_percent(analysis),
        "claims": {
            "mentions_ev": analysis.claims.mentions_ev,
            "backed_by_list": analysis.claims.backed_by_list,
            "explanation": analysis.claims.explanation,
            "terms": list(analysis.claims.terms),
            "claimed_sources": [
                {"name": name, "kind": kind} for name, kind in analysis.claims.claimed_sources
            ],
            "findings": [
                {
                    "about": finding.about,
                    "key": finding.key,
                    "status": finding.status,
                    "text": finding.text,
                    "positions": list(finding.positions),
                }
                for finding in analysis.claims.findings
            ],
        },
        "coverage": {
            "total": len(ingredients),
            # The coverage line counts these: names in the EU CosIng inventory.
            "in_cosing": len(ingredients) - len(not_in_cosing),
            "not_in_cosing": not_in_cosing,
            # Known to CosIng or to skincheck's knowledge base ("recognised" in schema 1).
            "known": len(ingredients) - len(unrecognised),
            "recognised": len(ingredients) - len(unrecognised),
            "unrecognised": unrecognised,
        },
        "notices": list(analysis.parsed.notices),
        "knowledge_version": analysis.knowledge.version,
    }
    references = analysis.knowledge.references
    cited = [key for key in _cited_keys(data) if key in references]
    data["references"] = {
        key: {
            # The number the page, the Markdown and the text cite it by: [1], [2] ...
            "number": number,
            "citation": references[key].citation,
            "url": references[key].url,
            "kind": references[key].kind,
        }
        for number, key in enumerate(cited, start=1)
    }
    return data

