"""Matcher.classify(): is one ingredient name an EV ingredient, a look-alike or neither.

Order: false friends (never match) -> names listed in the knowledge base (exactly, then
by a strict fuzzy match for typos that never drops or swaps a word that decides the
class) -> the classification rules for unseen names (an EV word must be present; then
organism, then the human cell type, then the material) -> look-alike families. A name
with human-type cells and no species is marked probably human. It reads every keyword
and judgement from the knowledge base; it does not rate findings (rate) or attach
regulation (regulate).
"""

import re
from dataclasses import dataclass
from dataclasses import replace

from rapidfuzz import fuzz
from rapidfuzz import process

from skincheck.core.knowledge.names import listing_key
from skincheck.core.knowledge.names import without_brackets
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.normalise import fold

#: Minimum rapidfuzz ratio for a typo to count as a listed name. At 93 a one-letter slip
#: in a 30-letter name passes, while "Human Adipocyte Conditioned Media" is not taken
#: for "... Media Extract" (89) and "Human Endothelial" not for "Human Umbilical
#: Endothelial" (89); different species and different short words or numbers are
#: refused by the checks in _fuzzy().
FUZZY_CUTOFF = 93

# Word stems that make a fuzzy look-up worth trying; names without any of them
# ("Glycerin", "Dimethicone") skip it, which keeps classify() fast on whole lists.
_FUZZY_GATE = re.compile(
    r"exo|vesic|condit|secret|fibrob|keratin|platel|stem|strom|mesench|progen|pluripot"
    r"|umbilic|adipo|placent|callus|meristem|ferment|lysat|human|cell|oligopep|polypep"
)


@dataclass(frozen=True, slots=True)
class EvFinding:
    """An extracellular-vesicle, conditioned-media or platelet ingredient."""

    source_class: str
    material: str
    organism: str | None
    cell_type: str | None
    human_origin: bool
    #: "listed" (a knowledge-base name or alias), "fuzzy" (a listed name with a typo)
    #: or "rule" (classified by the rules).
    via: str
    #: The knowledge-base entry's name when listed or fuzzy, else None.
    entry: str | None
    #: The name as it was classified (for nuances such as "neonatal").
    name: str = ""
    #: No species named, but the cells are usually human ("Platelet-Rich Plasma
    #: Exosomes"): regulation is shown "if of human origin".
    probably_human: bool = False


@dataclass(frozen=True, slots=True)
class LookAlikeFinding:
    """An ingredient that sounds like an EV ingredient but is not one."""

    kind: str
    explanation: str
    human_origin: bool
    refs: tuple[str, ...]
    #: The listed look-alike's name, or None when a look-alike family pattern matched.
    entry: str | None
    via: str = "listed"
    #: Often, but not always, human ("Human Serum Albumin" may be recombinant).
    probably_human: bool = False


Finding = EvFinding | LookAlikeFinding


@dataclass(frozen=True, slots=True)
class Matcher:
    """classify() for one knowledge base: its patterns and listed names compiled once
    (about 20 ms). Build one per knowledge base (skincheck.core.analyse.Context holds it)."""

    kb: KnowledgeBase
    _index: "_Index"

    @classmethod
    def build(cls, kb: KnowledgeBase) -> "Matcher":
        return cls(kb, _build_index(kb))

    def classify(self, name: str) -> Finding | None:
        """Classify one ingredient name; None when it is neither an EV ingredient nor a
        look-alike."""
        folded = fold(name)
        if not folded:
            return None
        index = self._index
        text = _rule_text(folded)
        if index.false_friend.search(text):
            return None
        listed = index.listed.get(listing_key(folded)) or index.listed.get(
            listing_key(without_brackets(folded))
        )
        if listed is not None:
            return _named(listed, name)
        if _FUZZY_GATE.search(text):
            fuzzy = _fuzzy(text, index)
            if fuzzy is not None:
                return _named(fuzzy, name)
        by_rule = _by_rules(text, index)
        if by_rule is not None:
            return replace(by_rule, name=name)
        for pattern in index.kb.look_alike_patterns:
            if pattern.pattern.search(text):
                return LookAlikeFinding(
                    pattern.kind,
                    pattern.explanation,
                    pattern.human_origin,
                    pattern.refs,
                    None,
                    "rule",
                    pattern.probably_human,
                )
        return None


# -- the compiled index ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Index:
    kb: KnowledgeBase
    listed: dict[str, Finding]
    fuzzy_keys: tuple[str, ...]
    fuzzy_organisms: tuple[str | None, ...]
    false_friend: re.Pattern[str]
    groups: dict[str, re.Pattern[str]]
    standing: dict[str, int]
    #: Words a fuzzy match may not drop or swap (see _same_deciding_words).
    deciding: re.Pattern[str]


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words or phrases, plural "s"/"es" allowed; non-Latin words match anywhere
    (Korean labels write 줄기세포배양액 without spaces)."""
    latin = sorted((_rule_text(w) for w in words if w.isascii()), key=len, reverse=True)
    other = [re.escape(w) for w in words if not w.isascii()]
    parts = []
    if latin:
        body = "|".join(re.escape(w) for w in latin)
        parts.append(rf"(?<![a-z0-9])(?:{body})(?:e?s)?(?![a-z0-9])")
    parts += other
    return re.compile("|".join(parts) or r"(?!x)x")


def _build_index(kb: KnowledgeBase) -> _Index:
    rules = kb.rules
    groups = {f"organism:{k}": _words_pattern(v) for k, v in rules.organisms.items()}
    groups |= {f"cell:{k}": _words_pattern(v) for k, v in rules.cell_types.items()}
    groups |= {f"word:{k}": _words_pattern(v) for k, v in rules.words.items()}
    deciding = (
        *(word for words in rules.organisms.values() for word in words),
        *(word for words in rules.cell_types.values() for word in words),
        *rules.words.get("synthetic_vesicles", ()),
        *(fold(word) for nuance in kb.nuances for word in nuance.words),
        *rules.deciding,
    )
    listed: dict[str, Finding] = {}
    for entry in kb.entries:
        finding = EvFinding(
            entry.source_class,
            entry.material,
            entry.organism,
            entry.cell_type,
            entry.human_origin,
            via="listed",
            entry=entry.name,
            probably_human=entry.probably_human,
        )
        for alias in (entry.name, *entry.aliases):
            listed[listing_key(alias)] = finding
    for look_alike in kb.look_alikes:
        finding = LookAlikeFinding(
            look_alike.kind,
            look_alike.explanation,
            look_alike.human_origin,
            look_alike.refs,
            look_alike.name,
            probably_human=look_alike.probably_human,
        )
        for alias in (look_alike.name, *look_alike.aliases):
            listed[listing_key(alias)] = finding
    false_friend = "|".join(f"(?:{friend.pattern.pattern})" for friend in kb.false_friends)
    index = _Index(
        kb=kb,
        listed=listed,
        fuzzy_keys=(),
        fuzzy_organisms=(),
        false_friend=re.compile(false_friend or r"(?!x)x"),
        groups=groups,
        standing={key: cls.standing for key, cls in kb.classes.items()},
        deciding=_words_pattern(tuple(dict.fromkeys(deciding))),
    )
    keys = tuple(listed)
    organisms = tuple(_organism(_rule_text(key), index)[1] for key in keys)
    return _Index(
        kb=kb,
        listed=listed,
        fuzzy_keys=keys,
        fuzzy_organisms=organisms,
        false_friend=index.false_friend,
        groups=groups,
        standing=index.standing,
        deciding=index.deciding,
    )


def _rule_text(folded: str) -> str:
    """The folded name with hyphens and underscores read as spaces."""
    return " ".join(folded.replace("-", " ").replace("_", " ").split())


def _named(finding: Finding, name: str) -> Finding:
    if isinstance(finding, EvFinding):
        return replace(finding, name=name)
    return finding


def _fuzzy(text: str, index: _Index) -> Finding | None:
    key = listing_key(text)
    best = process.extractOne(key, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None:
        return None
    _, _, position = best
    # One letter decides short words and numbers: "sh-Polypeptide-1" is not
    # "rh-Polypeptide-1", "Human T Cell" not "Human B Cell", "-1" not "-11".
    if _short_tokens(key) != _short_tokens(index.fuzzy_keys[position]):
        return None
    wanted = _organism(text, index)[1]
    found = index.fuzzy_organisms[position]
    wanted, found = (listing_key(w) if w else None for w in (wanted, found))
    # "Pig Adipose Stromal Cell ..." must never become the horse entry.
    if wanted is not None and found is not None and wanted != found:
        return None
    if not _same_deciding_words(key, index.fuzzy_keys[position], index):
        return None
    finding = index.listed[index.fuzzy_keys[position]]
    if isinstance(finding, EvFinding):
        return replace(finding, via="fuzzy", name="")
    return replace(finding, via="fuzzy")


#: How close a word must be to count as a misprint of a deciding word ("fibroblst" is
#: "fibroblast" at 95; "aged" is not "adipose" at 55, "fetal" not "neonatal" at 46).
_MISPRINT_CUTOFF = 80


def _same_deciding_words(key: str, candidate: str, index: _Index) -> bool:
    """A typo match keeps every word that decides class or nuance: each deciding word
    on one side must be on the other, or be misprinted there. "Aged Human Adipose Stem
    Cell Conditioned Media" is refused for the adipose stem-cell entry (93 by ratio)."""
    ours = {listing_key(w) for w in index.deciding.findall(_rule_text(key))}
    theirs = {listing_key(w) for w in index.deciding.findall(_rule_text(candidate))}
    for word in ours ^ theirs:
        other = (candidate if word in ours else key).split(" ")
        width = word.count(" ") + 1
        windows = (" ".join(other[i : i + width]) for i in range(len(other) - width + 1))
        if not any(fuzz.ratio(word, window) >= _MISPRINT_CUTOFF for window in windows):
            return False
    return True


def _short_tokens(key: str) -> list[str]:
    return [token for token in key.split(" ") if len(token) <= 3 or any(c.isdigit() for c in token)]


# -- rules -----------------------------------------------------------------------------


def _organism(text: str, index: _Index) -> tuple[str | None, str | None]:
    """(kind, word): human wherever it appears, then a pathogen wherever it appears
    (a mixture is judged by its most concerning part), else the plant, microbe or
    animal word that comes first in the name; a Latin plant genus counts only as the
    first word."""
    groups = index.groups
    human = groups["organism:human"].search(text)
    if human:
        return "human", "human"
    pathogen = groups.get("organism:pathogen")
    found_pathogen = pathogen.search(text) if pathogen is not None else None
    if found_pathogen:
        return "pathogen", found_pathogen.group(0)
    found: list[tuple[int, int, str, str]] = []
    first = text.split(" ", 1)[0].strip("()")
    if first in index.kb.rules.plant_genera:
        found.append((0, 0, "plant", first))
    for order, kind in enumerate(("plant", "microbe", "animal"), start=1):
        match = groups[f"organism:{kind}"].search(text)
        if match:
            found.append((match.start(), order, kind, match.group(0)))
    if not found:
        return None, None
    _, _, kind, word = min(found)
    return kind, word


def _cell_class(text: str, index: _Index) -> tuple[str | None, str | None, str | None]:
    """(class, cell word, group) for human (or unnamed) cells: the first group of
    rules.toml [cell_classes] that matches wins."""
    groups = index.groups
    for group, source_class in index.kb.rules.cell_classes.items():
        match = groups[f"cell:{group}"].search(text)
        if match:
            return source_class, match.group(0), group
    return None, None, None


def _human_class(text: str, index: _Index) -> tuple[str | None, str | None, str | None]:
    """For mixtures ("Human Adipose Stromal Cell/Human Hair Dermal Papilla Cell ..."),
    the most concerning part sets the class."""
    decided = [_cell_class(part, index) for part in text.split("/")]
    decided = [found for found in decided if found[0] is not None]
    if not decided:
        return None, None, None
    return min(decided, key=lambda found: index.standing[found[0] or ""])


def _by_rules(text: str, index: _Index) -> EvFinding | None:
    groups = index.groups
    synthetic = groups.get("word:synthetic_vesicles")
    if synthetic is not None and synthetic.search(text):
        return None
    growth_factors = groups.get("word:growth_factors")
    if growth_factors is not None:
        # "Platelet-Derived Growth Factor" names a protein, not platelets.
        text = " ".join(growth_factors.sub(" ", text).split())
    if groups["word:vesicles"].search(text):
        ev_material: str | None = "vesicles"
    elif groups["word:conditioned_media"].search(text):
        ev_material = "conditioned_media"
    else:
        ev_material = None
    kind, organism = _organism(text, index)
    broken = groups["word:lysate_or_extract"].search(text) is not None
    platelet = groups["cell:platelet"].search(text) is not None
    cells = groups["word:cells"].search(text) is not None
    if ev_material is None and not (platelet or (kind in ("human", "animal") and cells and broken)):
        return None
    material = ev_material or ("lysate_or_extract" if broken else "unknown")
    rules = index.kb.rules
    if kind == "human":
        source_class, cell, _ = _human_class(text, index)
        return _ruled(source_class or "unspecified", material, "human", cell, True)
    if kind is not None:
        _, cell, _ = _cell_class(text, index)
        cell = cell if kind == "animal" else None
        return _ruled(rules.organism_classes[kind], material, organism, cell, False)
    # No organism named: a named cell source decides the class ("Adipose Stem Cell
    # Media", printed on a US label without a species); a bare "stem cell" does not,
    # because plant "stem cells" are sold under the same words. Cells usually taken
    # from people make the name probably human.
    source_class, cell, group = _human_class(text, index)
    if source_class is None or _only_generic_stem(text, index):
        return _ruled("unspecified", material, None, cell, False)
    probable = group in rules.probably_human
    return _ruled(source_class, material, "unstated", cell, False, probable)


def _ruled(
    source_class: str,
    material: str,
    organism: str | None,
    cell: str | None,
    human: bool,
    probably_human: bool = False,
) -> EvFinding:
    return EvFinding(
        source_class,
        material,
        organism,
        cell,
        human,
        via="rule",
        entry=None,
        probably_human=probably_human,
    )


def _only_generic_stem(text: str, index: _Index) -> bool:
    groups = index.groups
    named = [group for group in index.kb.rules.cell_classes if group != "stem"]
    if any(groups[f"cell:{group}"].search(text) for group in named):
        return False
    stem = groups["cell:stem"].findall(text)
    return all(listing_key(word) in {"stem cell", "stem"} for word in stem)
