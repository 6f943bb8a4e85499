"""Real labels through parse_list + classify + regulatory_flags, against hand-checked answers.

Each file in tests/fixtures/labels/ holds one real list. Its first line says where the
list was printed; the comment lines after it name every EV ingredient (with class,
material and organism), every look-alike (with kind) and the rule-based regulatory
flags each ingredient must get, all read off the label and the research notes by hand.
The sets must match exactly: an extra finding fails as surely as a missing one.
"""

import re
from pathlib import Path

import pytest

from skincheck.core.claim_words import load_claim_words
from skincheck.core.claims import ClaimChecker
from skincheck.core.knowledge.names import listing_key
from skincheck.core.knowledge.names import without_brackets
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.match import Matcher
from skincheck.core.rate import decide_verdict
from skincheck.core.rate import Rater
from skincheck.core.reader import parse_list
from skincheck.core.regulate import regulatory_flags

ROOT = Path(__file__).resolve().parents[2]
LABELS = sorted((ROOT / "tests" / "fixtures" / "labels").glob("*.txt"))
#: Words the product must never use about a product (SPEC section 3).
FORBIDDEN = re.compile(
    r"\b(safe|safely|unsafe|legal|legally|illegal|compliant|compliance|clean)\b", re.I
)


def _key(name: str) -> str:
    return listing_key(without_brackets(name))


def _read(path: Path) -> dict:
    header, _, text = path.read_text(encoding="utf-8").partition("\n\n")
    lines = header.splitlines()
    spec = {"source": lines[0], "ev": {}, "look": {}, "flags": {}, "claims": None, "text": text}
    for line in lines[1:]:
        tag, _, value = line.removeprefix("# ").partition(": ")
        parts = [part.strip() for part in value.split(" | ")]
        if tag == "ev":
            spec["ev"][_key(parts[0])] = tuple(parts[1:])
        elif tag == "look-alike":
            spec["look"][_key(parts[0])] = parts[1]
        elif tag == "flags":
            spec["flags"][_key(parts[0])] = set(parts[1].split())
        elif tag == "claims":
            spec["claims"] = value
        elif tag == "claims-backed":
            spec["backed"] = {"yes": True, "no": False}[value]
    return spec


def test_there_are_the_three_worked_examples_and_at_least_25_more() -> None:
    names = [path.name for path in LABELS]
    assert sum(name.startswith("spec-") for name in names) == 3
    assert len(names) - 3 >= 25


@pytest.mark.parametrize("path", LABELS, ids=[path.stem for path in LABELS])
def test_label(matcher: Matcher, path: Path, kb: KnowledgeBase) -> None:
    spec = _read(path)
    assert spec["source"].startswith("# source: "), "the first line must cite where it was printed"
    parsed = parse_list(spec["text"])
    ev, look, flags = {}, {}, {}
    for ingredient in parsed.ingredients:
        finding = matcher.classify(ingredient.name)
        key = _key(ingredient.name)
        if isinstance(finding, EvFinding):
            ev[key] = (finding.source_class, finding.material, finding.organism)
        elif isinstance(finding, LookAlikeFinding):
            look[key] = finding.kind
        found = regulatory_flags(finding, (), kb)
        if found:
            flags[key] = {f"{flag.jurisdiction}:{flag.status}" for flag in found}
    assert ev == spec["ev"]
    assert look == spec["look"]
    assert flags == spec["flags"]


@pytest.mark.parametrize("path", LABELS, ids=[path.stem for path in LABELS])
def test_generated_wording_never_calls_a_product_safe_legal_compliant_or_clean(
    matcher: Matcher, rater: Rater, claim_checker: ClaimChecker, path: Path, kb: KnowledgeBase
) -> None:
    spec = _read(path)
    parsed = parse_list(spec["text"])
    pairs = [(ingredient, matcher.classify(ingredient.name)) for ingredient in parsed.ingredients]
    ev = [(i, f) for i, f in pairs if isinstance(f, EvFinding)]
    look = [(i, f) for i, f in pairs if isinstance(f, LookAlikeFinding)]
    first = [i for i in parsed.ingredients if i.section == 0 and not i.may_contain]
    line = rater.one_percent_line(first, [i.position for i, _ in ev])
    listed = sorted([*ev, *look], key=lambda pair: pair[0].position)
    claims = claim_checker.check(spec["claims"], listed, load_claim_words(ROOT / "data"))
    verdict = decide_verdict(ev, look, line, claims, kb)
    texts = [verdict.headline, *verdict.reasons, claims.explanation]
    texts += [finding.text for finding in claims.findings]
    for _, finding in ev:
        rating = rater.rate(finding)
        texts += [
            rating.label,
            rating.summary,
            *(r.text for r in rating.reasons),
            *rating.questions,
        ]
    for _, finding in look:
        texts.append(finding.explanation)
    for text in texts:
        assert not FORBIDDEN.search(text), text
    if spec["claims"] is not None:
        assert claims.mentions_ev
        assert claims.backed_by_list is spec["backed"]


def test_lists_taken_from_the_research_notes_cite_the_note_and_say_when_they_are_cut() -> None:
    notes = [path for path in LABELS if path.name.startswith("notes-")]
    assert notes, "the research-note fixtures are missing"
    cite = re.compile(r"^# source: research/(anchors|ev-ingredients|product-pages)\.md section \d")
    for path in notes:
        spec = _read(path)
        assert cite.match(spec["source"]), path.name
        # Every list the notes print is a part of a label, and the fixture must say so.
        assert "[cut short in the source" in spec["source"], path.name
