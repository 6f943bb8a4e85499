"""Ratings, the 1% line, the claim check and the product verdict.

rate() explains one EV finding from its class, its material and any nuance the name
carries, and gives the best human evidence for it (the ingredient's own, else its
class's, saying which); estimate_one_percent_line() finds where the 1% line probably falls;
check_claims() compares the product's own words with the list; decide_verdict() puts
it together, most concerning source first. Every grade and sentence comes from
data/kb/ (source_classes.toml, materials.toml, nuances.toml, wording.toml); this module
only chooses and fills them. It does not classify names (match) or read lists (parse).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from skincheck.core.claim_words import ClaimedSource
from skincheck.core.claim_words import ClaimWords
from skincheck.core.claim_words import TopicGroup as ClaimGroup
from skincheck.core.knowledge.names import listing_key
from skincheck.core.knowledge.names import without_brackets
from skincheck.core.knowledge.types import Evidence
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.knowledge.types import Reason
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.model import Ingredient
from skincheck.core.normalise import fold


@dataclass(frozen=True, slots=True)
class RatedEvidence:
    """The human evidence shown beside a rating, and whose it is."""

    #: "entry" when the ingredient has evidence of its own, else "class".
    scope: str
    #: Says whose evidence this is (wording.toml [ranking]).
    heading: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Rating:
    """What one EV ingredient's source is judged to be, why, and the human evidence."""

    grade: str
    label: str
    summary: str
    reasons: tuple[Reason, ...]
    #: What the label cannot tell, as questions for the brand.
    questions: tuple[str, ...]
    #: The second axis: best human evidence for topical use.
    evidence: RatedEvidence | None = None


@dataclass(frozen=True, slots=True)
class OnePercentLine:
    """Where the 1% line probably falls in the first list.

    Ingredients above 1% are listed in descending order; those at 1% or less may be
    listed in any order; and a marker (phenoxyethanol, capped at 1%) is itself at 1% or
    less. So the line falls just BEFORE the first marker: the marker and everything after
    it are at 1% or less, and what comes before is probably above 1%.
    """

    #: Position of the first ingredient usually used at 1% or less; the line falls just
    #: before it. None if no marker was found.
    marker_position: int | None
    #: That ingredient's name.
    marker: str | None
    #: True when there is at least one EV ingredient and every one comes after the marker.
    all_ev_below: bool
    #: Positions of the first list before the line (probably above 1%).
    above: tuple[int, ...] = ()
    #: Positions of the first list from the marker on (at 1% or less).
    below: tuple[int, ...] = ()

    @property
    def after_position(self) -> int | None:
        """The marker's position, under the name decide_verdict's templates read
        ("{marker} (#{position})"). The line falls BEFORE this position."""
        return self.marker_position


@dataclass(frozen=True, slots=True)
class ClaimFinding:
    """One thing the claims check found, said once."""

    #: "topic" (what was claimed) or "source" (a named plant, animal or human).
    about: str
    #: The topic groups' keys or the source's name.
    key: str
    #: "backed", "look_alike_only", "other_ev", "not_found", "source_found",
    #: "source_mismatch", "source_missing" or "source_look_alike".
    status: str
    text: str
    #: The list positions the finding names.
    positions: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """Whether the product's name or page text claims EVs, and whether the list backs it."""

    mentions_ev: bool
    #: None when nothing was claimed (or no text was given).
    backed_by_list: bool | None
    explanation: str
    #: The claim words found, as printed in claim_terms.csv.
    terms: tuple[str, ...] = ()
    #: What was claimed compared with what is listed, each finding once.
    findings: tuple[ClaimFinding, ...] = ()
    #: The sources the claim names ("rose"), with their kind ("plant").
    claimed_sources: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """The product-level verdict: a grade, a headline and the reasons behind it."""

    grade: str
    headline: str
    reasons: tuple[str, ...]


def rate(finding: EvFinding, kb: KnowledgeBase) -> Rating:
    """Rate one EV finding: its class's reasons, its material's caveat, then any nuance."""
    source_class = kb.classes[finding.source_class]
    reasons = [*source_class.reasons, kb.materials[finding.material].caveat]
    text = _plain(" ".join(filter(None, (finding.name, finding.entry or ""))))
    for nuance in kb.nuances:
        if nuance.classes and finding.source_class not in nuance.classes:
            continue
        if nuance.human_only and not finding.human_origin:
            continue
        by_words = any(_has_words(text, word) for word in nuance.words)
        by_organism = (finding.organism or "") in nuance.organisms
        if by_words or by_organism:
            reasons.append(nuance.reason)
    return Rating(
        grade=source_class.grade,
        label=source_class.label,
        summary=source_class.summary,
        reasons=tuple(dict.fromkeys(reasons)),
        questions=source_class.questions,
        evidence=_evidence_for(finding, kb),
    )


def _evidence_for(finding: EvFinding, kb: KnowledgeBase) -> RatedEvidence | None:
    """The listed ingredient's own evidence, else its class's, saying which it is: a
    bovine colostrum card must not present a red-deer trial as its own."""
    wording = kb.wording["ranking"]
    own = _entry_evidence(kb).get(finding.entry or "")
    if own is not None:
        return RatedEvidence("entry", wording["evidence_entry"], own)
    evidence = kb.classes[finding.source_class].evidence
    if evidence is None:
        return None
    return RatedEvidence("class", wording["evidence_class"], evidence)


@lru_cache(maxsize=8)
def _entry_evidence(kb: KnowledgeBase) -> dict[str, Evidence]:
    return {entry.name: entry.evidence for entry in kb.entries if entry.evidence is not None}


def estimate_one_percent_line(
    ingredients: Sequence[Ingredient], ev_positions: Sequence[int], kb: KnowledgeBase
) -> OnePercentLine:
    """The 1% line falls just before the first ingredient usually used at 1% or less.

    Only the first section is read: in a kit, the second product's list starts its own
    descending order, so a marker there says nothing about the first. "May contain"
    shade blocks are in no order and are skipped.
    """
    markers = _marker_keys(kb)
    first_section = ingredients[0].section if ingredients else 0
    section = [i for i in ingredients if i.section == first_section and not i.may_contain]
    # The cached name test is called directly: a list is scanned to its first marker,
    # 22 names on average in the corpus, and a wrapper call per name cost 2 µs a list.
    is_marker = _is_marker_name
    marker = next((i for i in section if is_marker(i.name, i.printed, markers)), None)
    if marker is None:
        return OnePercentLine(None, None, False)
    above = tuple(i.position for i in section if i.position < marker.position)
    below = tuple(i.position for i in section if i.position >= marker.position)
    if not ev_positions:  # most lists: no EV ingredient to place
        return OnePercentLine(marker.position, marker.name, False, above, below)
    in_below = set(below)
    below_all = all(p in in_below and p != marker.position for p in ev_positions)
    return OnePercentLine(marker.position, marker.name, below_all, above, below)


def check_claims(
    text: str | None,
    listed: Sequence[tuple[Ingredient, EvFinding | LookAlikeFinding]],
    kb: KnowledgeBase,
    words: ClaimWords,
) -> ClaimCheck:
    """Compare what the product's own text claims with what its list holds.

    ``listed`` holds the list's EV ingredients and look-alikes with their findings, in
    list order. Each topic claimed (exosomes, stem cells, PDRN, growth factors, ...,
    grouped by data/claims.toml) is checked against the list, and so is each source the
    claim names ("rose stem cell exosomes"); each finding is said once.
    """
    wording = kb.wording["claims"]
    if text is None or not text.strip():
        return ClaimCheck(False, None, wording["no_text"])
    plain = _plain(text)
    claimed_topics: list[str] = []
    for phrase in words.phrases:
        if _has_words(plain, phrase.text):
            claimed_topics.append(phrase.topic)
            plain = _remove_words(plain, phrase.text)
    term_topics = _term_topics(kb)
    found = _claim_pattern(kb).findall(plain)
    terms = tuple(dict.fromkeys(found))
    claimed_topics += [term_topics[t] for t in _all_terms_pattern(kb).findall(plain)]
    groups = [
        group
        for group in words.groups
        if any(topic in group.topics for topic in claimed_topics)
    ]
    groups.sort(key=lambda g: min(claimed_topics.index(t) for t in g.topics if t in claimed_topics))
    if not groups:
        return ClaimCheck(False, None, wording["no_mention"])
    sources = [s for s in words.sources if any(_has_words(plain, w) for w in s.words)]
    evs = [(i, f) for i, f in listed if isinstance(f, EvFinding)]
    topic_findings = _topic_findings(groups, listed, words)
    # A look-alike said under a topic is not said again under the source it is named for.
    look_alike_positions = {i.position for i, f in listed if isinstance(f, LookAlikeFinding)}
    said = {
        position
        for finding in topic_findings
        for position in finding.positions
        if position in look_alike_positions
    }
    findings = topic_findings + _source_findings(sources, listed, kb, words, said)
    # The list backs the claim when every EV topic claimed is answered by an EV
    # ingredient and every source named is the source found.
    ev_keys = {group.key for group in groups if group.ev}
    mismatch = any(
        f.status in _NOT_BACKING and (f.about == "source" or set(f.key.split("+")) & ev_keys)
        for f in findings
    )
    claimed = tuple((source.name, source.kind) for source in sources)
    if not terms:
        return ClaimCheck(False, None, wording["no_mention"], (), tuple(findings), claimed)
    quoted = ", ".join(f"“{term}”" for term in terms)
    if evs:
        explanation = wording["backed"].format(terms=quoted, count=len(evs))
        return ClaimCheck(True, not mismatch, explanation, terms, tuple(findings), claimed)
    explanation = wording["unbacked"].format(terms=quoted)
    return ClaimCheck(True, False, explanation, terms, tuple(findings), claimed)


#: Findings that mean the list does not back the claim.
_NOT_BACKING = ("look_alike_only", "other_ev", "not_found", "source_mismatch", "source_missing")


def _topic_findings(
    groups: list[ClaimGroup],
    listed: Sequence[tuple[Ingredient, EvFinding | LookAlikeFinding]],
    words: ClaimWords,
) -> list[ClaimFinding]:
    """One finding per claimed topic group; groups answered by the same ingredients in
    the same way are said together ("Claimed stem cells and exosomes: ...")."""
    said: dict[tuple[str, tuple[int, ...]], list[ClaimGroup]] = {}
    texts: dict[tuple[str, tuple[int, ...]], str] = {}
    for group in groups:
        status, items = _answer(group, listed)
        key = (status, tuple(i.position for i, _ in items))
        said.setdefault(key, []).append(group)
        texts[key] = _items(items, words)
    out = []
    for (status, positions), answered in said.items():
        claim = " and ".join(group.claim for group in answered)
        text = words.wording[status].format(claim=claim, items=texts[(status, positions)])
        key = "+".join(group.key for group in answered)
        out.append(ClaimFinding("topic", key, status, text, positions))
    return out


def _answer(
    group: ClaimGroup, listed: Sequence[tuple[Ingredient, EvFinding | LookAlikeFinding]]
) -> tuple[str, list[tuple[Ingredient, EvFinding | LookAlikeFinding]]]:
    backing = [
        (ingredient, finding)
        for ingredient, finding in listed
        if (
            isinstance(finding, EvFinding)
            and group.ev
            and (not group.ev_classes or finding.source_class in group.ev_classes)
            and (not group.ev_materials or finding.material in group.ev_materials)
        )
        or (isinstance(finding, LookAlikeFinding) and finding.kind in group.backing_kinds)
    ]
    if backing:
        return "backed", backing
    named_like = [
        (ingredient, finding)
        for ingredient, finding in listed
        if isinstance(finding, LookAlikeFinding) and finding.kind in group.look_alike_kinds
    ]
    if named_like:
        return "look_alike_only", named_like
    evs = [(i, f) for i, f in listed if isinstance(f, EvFinding)]
    if group.ev and evs:
        return "other_ev", evs
    return "not_found", []


def _items(
    items: Sequence[tuple[Ingredient, EvFinding | LookAlikeFinding]], words: ClaimWords
) -> str:
    wording = words.wording
    return ", ".join(
        wording["look_alike_item"].format(
            printed=i.printed, position=i.position, what=words.look_alike_kinds[f.kind]
        )
        if isinstance(f, LookAlikeFinding)
        else wording["item"].format(printed=i.printed, position=i.position)
        for i, f in items
    )


def _source_findings(
    sources: list[ClaimedSource],
    listed: Sequence[tuple[Ingredient, EvFinding | LookAlikeFinding]],
    kb: KnowledgeBase,
    words: ClaimWords,
    said: set[int],
) -> list[ClaimFinding]:
    """For each source the claim names: the EV ingredients from it, else the sources the
    list's EV ingredients come from; and each look-alike named for it not yet ``said``."""
    wording = words.wording
    out: list[ClaimFinding] = []
    said_look_alikes = set(said)
    for source in sources:
        kind = words.kinds[source.kind]
        named = [
            (i, f)
            for i, f in listed
            if any(_has_words(_plain(i.name), w) for w in source.list_words)
            or (isinstance(f, LookAlikeFinding) and f.kind in source.look_alike_kinds)
        ]
        evs_named = [(i, f) for i, f in named if isinstance(f, EvFinding)]
        look_alikes = [(i, f) for i, f in named if isinstance(f, LookAlikeFinding)]
        if evs_named:
            text = wording["source_found"].format(
                source=source.name, kind=kind, items=_items(evs_named, words)
            )
            positions = tuple(i.position for i, _ in evs_named)
            out.append(ClaimFinding("source", source.name, "source_found", text, positions))
        else:
            others = [(i, f) for i, f in listed if isinstance(f, EvFinding)]
            if others:
                found = "; ".join(
                    wording["found_source"].format(
                        phrase=_source_phrase(i.name, kb, words),
                        item=wording["item"].format(printed=i.printed, position=i.position),
                    )
                    for i, _ in others
                )
                text = wording["source_mismatch"].format(source=source.name, kind=kind, found=found)
                status = "source_mismatch"
                positions = tuple(i.position for i, _ in others)
            elif look_alikes and source.look_alike_kinds:
                # Salmon named for Sodium DNA: found, unless a topic already said so.
                fresh = [(i, f) for i, f in look_alikes if i.position not in said_look_alikes]
                text = wording["source_found"].format(
                    source=source.name, kind=kind, items=_items(fresh, words)
                )
                status, positions = "source_found", tuple(i.position for i, _ in fresh)
                said_look_alikes.update(positions)
                if not fresh:
                    continue
            else:
                text = wording["source_missing"].format(source=source.name, kind=kind)
                status, positions = "source_missing", ()
            if status != "source_missing" or not look_alikes:
                out.append(ClaimFinding("source", source.name, status, text, positions))
        for ingredient, finding in look_alikes:
            position = ingredient.position
            if position in said_look_alikes:
                continue
            said_look_alikes.add(position)
            text = wording["source_look_alike"].format(
                source=source.name,
                item=wording["item"].format(printed=ingredient.printed, position=position),
                what=words.look_alike_kinds[finding.kind],
            )
            out.append(ClaimFinding("source", source.name, "source_look_alike", text, (position,)))
    return out


def _source_phrase(name: str, kb: KnowledgeBase, words: ClaimWords) -> str:
    """Where an EV ingredient comes from, read off its name: "Human Umbilical Cord Stem
    Cell Conditioned Media" -> "human umbilical cord stem cells"."""
    text = _plain(without_brackets(name))
    material_words = [w for key in ("vesicles", "conditioned_media", "lysate_or_extract")
                      for w in kb.rules.words.get(key, ())]  # fmt: skip
    for word in sorted((*material_words, *words.drop), key=len, reverse=True):
        text = _remove_words(text, word, plural=True)
    parts = text.split()
    if parts and parts[-1] in words.plural:
        parts[-1] = words.plural[parts[-1]]
    return " ".join(parts) or _plain(name)


def decide_verdict(
    ev: Sequence[tuple[Ingredient, EvFinding]],
    look_alikes: Sequence[tuple[Ingredient, LookAlikeFinding]],
    one_percent: OnePercentLine,
    claims: ClaimCheck,
    kb: KnowledgeBase,
) -> Verdict:
    """The verdict: the most concerning EV source leads; each reason names its ingredients."""
    wording = kb.wording["verdict"]
    templates = wording["reasons"]
    reasons: list[str] = []
    if not ev:
        reasons.append(wording["no_ev_reason"])
        if look_alikes:
            named = _names(ingredient for ingredient, _ in look_alikes)
            reasons.append(templates["look_alikes"].format(ingredients=named))
        if claims.mentions_ev and claims.backed_by_list is False:
            reasons.append(templates["claims_unbacked"].format(explanation=claims.explanation))
        return Verdict(wording["no_ev_grade"], wording["no_ev_headline"], tuple(reasons))

    by_class: dict[str, list[Ingredient]] = {}
    for ingredient, finding in ev:
        by_class.setdefault(finding.source_class, []).append(ingredient)
    order = [cls for cls in reversed(kb.source_classes_in_order()) if cls.key in by_class]
    lead = order[0]
    headline = wording["headline"][lead.key].format(ingredient=_names(by_class[lead.key][:1]))
    for source_class in order:
        reasons.append(
            templates["class"].format(
                label=source_class.label,
                ingredients=_names(by_class[source_class.key]),
                summary=source_class.summary,
            )
        )
    findings = [*ev, *look_alikes]
    human = [ingredient for ingredient, finding in findings if finding.human_origin]
    if human:
        reasons.append(
            templates["human_origin"].format(ingredients=_names(sorted(human, key=_pos)))
        )
    # "Platelet-Rich Plasma Exosomes": no species named, cells usually taken from people;
    # the card says "platelets are human material", so the verdict says "if human".
    probable = [i for i, finding in findings if finding.probably_human and not finding.human_origin]
    if probable:
        reasons.append(
            templates["human_origin_if"].format(ingredients=_names(sorted(probable, key=_pos)))
        )
    reasons.extend(_one_percent_reasons(ev, one_percent, templates))
    if look_alikes:
        named = _names(ingredient for ingredient, _ in look_alikes)
        reasons.append(templates["look_alikes"].format(ingredients=named))
    return Verdict(lead.grade, headline, tuple(reasons))


# -- helpers -----------------------------------------------------------------------------


def _pos(ingredient: Ingredient) -> int:
    return ingredient.position


def _names(ingredients: object) -> str:
    """ "Human Neonatal Fibroblast Conditioned Media (#1), Milk Exosomes (#7)"."""
    return ", ".join(f"{i.name} (#{i.position})" for i in ingredients)  # type: ignore[attr-defined]


def _one_percent_reasons(
    ev: Sequence[tuple[Ingredient, EvFinding]], line: OnePercentLine, templates: dict[str, str]
) -> list[str]:
    if line.after_position is None:
        return [templates["line_unknown"]]
    values = {"marker": line.marker, "position": line.after_position}
    if line.all_ev_below:
        return [templates["all_below"].format(**values)]
    above = [ingredient for ingredient, _ in ev if ingredient.position < line.after_position]
    if not above:
        return []
    template = templates["some_above_one" if len(above) == 1 else "some_above_many"]
    return [template.format(ingredients=_names(above), **values)]


def _plain(text: str) -> str:
    """Folded, with hyphens read as spaces, for word matching."""
    return " ".join(fold(text).replace("-", " ").split())


def _has_words(text: str, words: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(_plain(words))}(?![a-z0-9])", text) is not None


def _remove_words(text: str, words: str, plural: bool = False) -> str:
    """``text`` without the whole words ``words`` (and their plural "s"/"es")."""
    ending = "(?:e?s)?" if plural else ""
    pattern = rf"(?<![a-z0-9]){re.escape(_plain(words))}{ending}(?![a-z0-9])"
    return " ".join(re.sub(pattern, " ", text).split())


@lru_cache(maxsize=8)
def _marker_keys(kb: KnowledgeBase) -> frozenset[str]:
    names = (name for marker in kb.one_percent_markers for name in (marker.name, *marker.aliases))
    return frozenset(listing_key(name) for name in names)


@lru_cache(maxsize=1 << 14)
def _is_marker_name(name: str, printed: str, markers: frozenset[str]) -> bool:
    # "Parfum (Fragrance)" and "Phenoxyethanol*" are markers too. Cached: the same
    # names open list after list, and every list is scanned down to its first marker.
    candidates = (name, without_brackets(name), printed)
    return any(listing_key(candidate) in markers for candidate in candidates)


@lru_cache(maxsize=8)
def _claim_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    return _terms_pattern(tuple(t.term for t in kb.claim_terms if t.ev_claim))


@lru_cache(maxsize=8)
def _all_terms_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    return _terms_pattern(tuple(t.term for t in kb.claim_terms))


@lru_cache(maxsize=8)
def _term_topics(kb: KnowledgeBase) -> dict[str, str]:
    return {_plain(t.term): t.topic for t in kb.claim_terms}


def _terms_pattern(raw: tuple[str, ...]) -> re.Pattern[str]:
    terms = sorted((_plain(term) for term in raw), key=len, reverse=True)
    latin = "|".join(re.escape(term) for term in terms if term.isascii())
    other = "|".join(re.escape(term) for term in terms if not term.isascii())
    parts = [rf"(?<![a-z0-9])(?:{latin})(?![a-z0-9])"] if latin else []
    parts += [other] if other else []
    return re.compile("|".join(parts) or r"(?!x)x")
