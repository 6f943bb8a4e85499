"""as_text() and as_markdown(): the analysis JSON (as_dict's output) written for a
person, as plain text for a terminal or as Markdown for export, in one order.

They take the JSON dict, not the Analysis, so a stored report renders the same way years
later without re-running the analysis. They decide nothing and read no data file; what
they interpolate into Markdown is escaped by skincheck.core.markdown_text.
"""

from typing import Any

from skincheck.core import markdown_text


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
