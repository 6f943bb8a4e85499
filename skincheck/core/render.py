"""Render an analysis: as_dict() is the one serialiser (the JSON of API and CLI);
as_text() and as_markdown() turn that JSON into something a person reads.

The text formats take the JSON dict, not the Analysis, so a stored report renders the
same way years later without re-running the analysis. Nothing here decides anything:
every grade, label and sentence comes from the analysis, which took it from data/.
"""

from typing import Any

from skincheck.core import markdown_text
from skincheck.core.analyse import Analysis
from skincheck.core.analyse import NameReading
from skincheck.core.knowledge import Evidence
from skincheck.core.knowledge import KnowledgeBase
from skincheck.core.knowledge import listing_key
from skincheck.core.knowledge import Reason
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


# -- for people -------------------------------------------------------------------------


def _numbers(analysis: dict[str, Any]) -> dict[str, int]:
    """Reference numbers as the page gives them: [1] for the first reference listed."""
    return {key: n for n, key in enumerate(analysis.get("references") or {}, start=1)}


def _refs(refs: list[str], numbers: dict[str, int]) -> str:
    """" [1, 3]": the references' numbers (a key the list lacks is shown as it is)."""
    return f" [{', '.join(str(numbers.get(ref, ref)) for ref in refs)}]" if refs else ""


#: How a reference kind reads beside a citation.
KIND_WORDS = {
    "controlled_trial": "controlled trial",
    "uncontrolled_human": "uncontrolled or observational human study",
    "lab_or_animal": "lab or animal study",
    "review": "review",
    "case_report": "case report",
    "regulation": "regulation or official notice",
    "expert_blog": "expert blog",
    "brand_material": "brand material",
}


def _evidence_lines(
    evidence: dict[str, Any] | None, bullet: str, numbers: dict[str, int]
) -> list[str]:
    if not evidence:
        return []
    out = [f"{evidence['heading']}: {evidence['label']}. {evidence['summary']}"]
    out.extend(
        f"{bullet}{trial['about']}: {trial['design']}; {trial['size']}; {trial['duration']}; "
        f"run by {trial['run_by']}. {trial['finding']}{_refs([trial['ref']], numbers)}"
        for trial in evidence.get("trials", [])
    )
    return out


def _summary_lines(analysis: dict[str, Any], *, markdown: bool) -> list[str]:
    """The three lines every report opens with (skincheck.core.summary); a report saved
    before they existed has none."""
    summary = analysis.get("summary") or {}
    return [
        f"- **{line['label']}:** {line['text']}" if markdown else f"{line['label']}: {line['text']}"
        for line in summary.get("lines", [])
    ]


def _about_lines(
    analysis: dict[str, Any], permalink: str | None, saved_at: str | None
) -> list[str]:
    """Where the report lives, its date and the knowledge-base version it used."""
    facts = []
    link = permalink or analysis.get("report_url")
    if link:
        facts.append(f"Permalink: {link}")
    date = saved_at or analysis.get("created_at")
    if date:
        facts.append(f"Date: {str(date)[:10]}")
    if analysis.get("knowledge_version"):
        facts.append(f"Knowledge-base version: {analysis['knowledge_version']}")
    return [" · ".join(facts)] if facts else []


def _claims_lines(analysis: dict[str, Any], bullet: str, h2: str) -> list[str]:
    """What was claimed against what is listed: each finding once. The overall sentence
    is left out when the verdict's reasons already carry it."""
    claims = analysis.get("claims") or {}
    findings = claims.get("findings") or []
    if not claims.get("mentions_ev") and not findings:
        return []
    out = ["", f"{h2}Claims check"]
    if claims.get("explanation") and claims["explanation"] not in analysis["verdict"]["reasons"]:
        out.append(claims["explanation"])
    out.extend(f"{bullet}{finding['text']}" for finding in findings)
    return out


def _one_percent_lines(analysis: dict[str, Any], bullet: str, h2: str) -> list[str]:
    line = analysis.get("one_percent_line") or {}
    if not line.get("text"):
        return []
    by_position = {item["position"]: item["printed"] for item in analysis["ingredients"]}
    out = ["", f"{h2}The 1% line", line["text"]]
    for side in ("above", "below"):
        zone = line.get(side) or {}
        if zone.get("positions"):
            names = ", ".join(f"#{p} {by_position.get(p, '')}".rstrip() for p in zone["positions"])
            out.append(f"{bullet}{zone['words']}: {names}")
    return out


def _whole_list_lines(analysis: dict[str, Any], bullet: str, h2: str) -> list[str]:
    """Each ingredient with its plain roles; the coverage line counts CosIng only, and a
    name outside CosIng says so as a fact."""
    coverage = analysis["coverage"]
    in_cosing = coverage.get("in_cosing", coverage["recognised"])
    out = [
        "",
        f"{h2}The whole list",
        f"{in_cosing} of {coverage['total']} in the EU CosIng inventory.",
    ]
    for item in analysis["ingredients"]:
        roles = ", ".join(role["word"] for role in item.get("roles") or [])
        notes = [roles] if roles else []
        if not item.get("in_cosing", item["recognised"]):
            notes.append("not in the EU CosIng inventory")
            if item.get("known", item["recognised"]):
                notes.append("known to skincheck")
            else:
                guess = " or ".join(item.get("suggestions") or [])
                notes.append("not recognised" + (f"; did you mean {guess}?" if guess else ""))
        if item.get("allergen"):
            notes.append(item["allergen"])
        said = f" — {'; '.join(notes)}" if notes else ""
        out.append(f"{bullet}{item['position']}. {item['name']}{said}")
    return out


def _lines(
    analysis: dict[str, Any],
    *,
    markdown: bool,
    permalink: str | None = None,
    saved_at: str | None = None,
) -> list[str]:
    h1, h2, bullet = ("# ", "## ", "- ") if markdown else ("", "", "  - ")
    numbers = _numbers(analysis)
    out: list[str] = _summary_lines(analysis, markdown=markdown)
    if out:
        out.append("")
    verdict = analysis["verdict"]
    name = analysis["input"].get("product_name")
    out.append(f"{h1}{verdict['headline']}")
    if name:
        out.append(f"Product: {name}")
    out.extend(_about_lines(analysis, permalink, saved_at))
    out.append(f"Source grade: {verdict['grade']}")
    out.extend(f"{bullet}{reason}" for reason in verdict["reasons"])
    note = analysis.get("ranking_note")
    if note:
        out += ["", f"What a rating means: {note['text']}{_refs(note['refs'], numbers)}"]
    out.extend(_claims_lines(analysis, bullet, h2))

    evs = analysis["ev_ingredients"]
    out += ["", f"{h2}Extracellular-vesicle ingredients ({len(evs)})"]
    if not evs:
        out.append("None found in this list.")
    for ev in evs:
        rating = ev["rating"]
        out += [
            "",
            f"{'### ' if markdown else ''}#{ev['position']} {ev['printed']}",
            f"Source: {ev.get('source_class_label', ev['source_class'])}; "
            f"material: {ev.get('material_label', ev['material'])}; "
            f"source grade: {rating['grade']} ({rating['label']})",
            rating["summary"],
        ]
        out.extend(f"{bullet}{r['text']}{_refs(r['refs'], numbers)}" for r in rating["reasons"])
        out.extend(_evidence_lines(ev.get("evidence"), bullet, numbers))
        if rating.get("questions"):
            out.append("Questions to ask the brand:")
            out.extend(f"{bullet}{question}" for question in rating["questions"])
        entry = ev.get("matched_entry")
        if entry:
            out.append(f"More about {entry['name']}: /ingredients/{entry['slug']}")
            if entry.get("read_as"):
                out.append(entry["read_as"])

    if analysis["regulatory"]:
        out += ["", f"{h2}Regulatory facts"]
        for flag in analysis["regulatory"]:
            chip = flag.get("chip") or flag["status"]
            said = flag.get("allergen") or flag["rule"]
            out.append(
                f"{bullet}#{flag['position']} {flag['printed']}: [{chip}] {flag['jurisdiction']}, "
                f"{said}{_refs(flag.get('refs', []), numbers)}"
            )
    out.extend(_one_percent_lines(analysis, bullet, h2))
    if analysis["look_alikes"]:
        out += ["", f"{h2}Look-alikes (not extracellular vesicles)"]
        out.extend(
            f"{bullet}#{item['position']} {item['printed']}: {item['explanation']}"
            f"{_refs(item.get('refs', []), numbers)}"
            for item in analysis["look_alikes"]
        )
    out.extend(_whole_list_lines(analysis, bullet, h2))
    if analysis["notices"]:
        out += ["", f"{h2}Notes on reading the list"]
        out.extend(f"{bullet}{notice}" for notice in analysis["notices"])
    if analysis["references"]:
        out += ["", f"{h2}References"]
        out.extend(
            f"{bullet}[{numbers[key]}] ({KIND_WORDS.get(ref.get('kind', ''), 'source')}) "
            f"{ref['citation']} {ref['url']}".rstrip()
            for key, ref in analysis["references"].items()
        )
    return out


def as_text(
    analysis: dict[str, Any], *, permalink: str | None = None, saved_at: str | None = None
) -> str:
    """Plain text for a terminal: the three summary lines first, then the verdict, each
    EV ingredient, and the rest."""
    return "\n".join(_lines(analysis, markdown=False, permalink=permalink, saved_at=saved_at))


def as_markdown(
    analysis: dict[str, Any], *, permalink: str | None = None, saved_at: str | None = None
) -> str:
    """Markdown for export: the same order as as_text(). ``permalink`` and ``saved_at``
    (an ISO date) name the saved report; without them the analysis's own "report_url"
    and "created_at" (added by skincheck.web.stored_reports.document) are used when present."""
    # Every value of the analysis as escaped one-line Markdown text (a pasted name
    # such as "[x](javascript:…)" must stay text): skincheck.core.markdown_text.
    safe = markdown_text.escaped(analysis)
    address = permalink or analysis.get("report_url")
    permalink = markdown_text.link(address) if address else None
    lines = _lines(safe, markdown=True, permalink=permalink, saved_at=saved_at)
    return "\n".join(lines) + "\n"
