"""The claim check: does the product's own text claim EVs, and does its list back it?

ClaimChecker.check() compares what the product's name and page text claim (exosomes,
stem cells, PDRN, growth factors, ... grouped by data/claims.toml; the sources named,
"rose stem cell exosomes") with the EV ingredients and look-alikes on the list, and
says each finding once. Every sentence comes from data/kb/wording.toml and
data/claims.toml. It does not classify names (match) or rate them (rate).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from skincheck.core.claim_words import ClaimedSource
from skincheck.core.claim_words import ClaimWords
from skincheck.core.claim_words import TopicGroup as ClaimGroup
from skincheck.core.knowledge.names import without_brackets
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.model import Ingredient
from skincheck.core.words import has_words
from skincheck.core.words import plain
from skincheck.core.words import remove_words
from skincheck.core.words import terms_pattern


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
class ClaimChecker:
    """check() for one knowledge base: its claim terms compiled once. Build one per
    knowledge base (skincheck.core.analyse.Context holds it)."""

    kb: KnowledgeBase
    #: The terms that claim EVs, and every claim term, as one pattern each.
    ev_terms: re.Pattern[str]
    all_terms: re.Pattern[str]
    #: Each term's topic, by its plain form.
    term_topics: dict[str, str]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> "ClaimChecker":
        return cls(
            kb,
            terms_pattern(tuple(t.term for t in kb.claim_terms if t.ev_claim)),
            terms_pattern(tuple(t.term for t in kb.claim_terms)),
            {plain(t.term): t.topic for t in kb.claim_terms},
        )

    def check(
        self,
        text: str | None,
        listed: Sequence[tuple[Ingredient, EvFinding | LookAlikeFinding]],
        words: ClaimWords,
    ) -> ClaimCheck:
        """Compare what the product's own text claims with what its list holds.

        ``listed`` holds the list's EV ingredients and look-alikes with their findings, in
        list order. Each topic claimed (exosomes, stem cells, PDRN, growth factors, ...,
        grouped by data/claims.toml) is checked against the list, and so is each source the
        claim names ("rose stem cell exosomes"); each finding is said once.
        """
        kb = self.kb
        wording = kb.wording["claims"]
        if text is None or not text.strip():
            return ClaimCheck(False, None, wording["no_text"])
        spoken = plain(text)
        claimed_topics: list[str] = []
        for phrase in words.phrases:
            if has_words(spoken, phrase.text):
                claimed_topics.append(phrase.topic)
                spoken = remove_words(spoken, phrase.text)
        term_topics = self.term_topics
        found = self.ev_terms.findall(spoken)
        terms = tuple(dict.fromkeys(found))
        claimed_topics += [term_topics[t] for t in self.all_terms.findall(spoken)]
        groups = [
            group
            for group in words.groups
            if any(topic in group.topics for topic in claimed_topics)
        ]
        groups.sort(
            key=lambda g: min(claimed_topics.index(t) for t in g.topics if t in claimed_topics)
        )
        if not groups:
            return ClaimCheck(False, None, wording["no_mention"])
        sources = [s for s in words.sources if any(has_words(spoken, w) for w in s.words)]
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
            if any(has_words(plain(i.name), w) for w in source.list_words)
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
    text = plain(without_brackets(name))
    material_words = [w for key in ("vesicles", "conditioned_media", "lysate_or_extract")
                      for w in kb.rules.words.get(key, ())]  # fmt: skip
    for word in sorted((*material_words, *words.drop), key=len, reverse=True):
        text = remove_words(text, word, plural=True)
    parts = text.split()
    if parts and parts[-1] in words.plural:
        parts[-1] = words.plural[parts[-1]]
    return " ".join(parts) or plain(name)
