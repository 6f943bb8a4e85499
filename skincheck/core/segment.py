"""Split a run of ingredient names printed with no separators at the names we know.

Some lists reach us with their commas lost: openFDA label texts, OCR output, copy-paste
from some shops, corpus rows such as "Evening Primrose Oil Simmondsia Chinensis Oil".
This module chooses, by dynamic programming over word boundaries, the split of such a
run that covers it best with known names (CosIng names, our synonyms, the knowledge
base's EV names): as few unknown words as possible, then as few pieces as possible.
Fewest pieces is what keeps a long name whole when a shorter name hides inside it:
"Sodium Hyaluronate Crosspolymer" is one known name, so it is never cut after
"Sodium Hyaluronate". Unknown words next to each other stay together as one piece.

What it does not do: decide whether a text needs splitting (skincheck.core.resegment
does), read brackets as names (a bracketed group stays with the words before it: "Aqua
(Water)"), or fix typos. It works on words, so its cost is linear in the length of the
text: from each word it extends a candidate name only while the words so far begin
some known name, and no known name is longer than MAX_NAME_WORDS words.
"""

import re
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

from skincheck.core import budget
from skincheck.core.errors import NoListError
from skincheck.core.model import Ingredient
from skincheck.core.model import ParsedList
from skincheck.core.normalise import fold

#: No CosIng name runs past 16 words except a few ferment filtrates whose parts are
#: joined by slashes, which are single words here
#: ("Lactobacillus/Honeysuckle Flower/Licorice Root/.../Sophora Japonica Flower ...").
MAX_NAME_WORDS = 24

#: A word, or a bracketed group kept whole ("(Sweet Almond)", "[Nano]"). An unclosed
#: bracket is an ordinary word. Each alternative is a bounded, non-nested class, so a
#: text of brackets costs linear time.
_TOKEN = re.compile(r"\([^()\[\]]*\)|\[[^()\[\]]*\]|\S+")
#: What never stands alone and stays with the name before it: a bracketed group, an
#: amount or a footnote mark ("Octinoxate 7.50%", "Peat Extract (0.5%)", "Oil **").
_ATTACHED = re.compile(r"[(\[]|[<≤]?\d+(?:[.,]\d+)?\s*%|[*†‡#°]+(?!\S)")
#: The most split decisions a process keeps (SplitRules.decided), as Context keeps
#: readings; past it they are dropped and made again on need.
MAX_DECIDED = 50_000
#: Cost of leaving one word unknown, against 1 for each piece: covering one more word
#: with a known name always beats making fewer pieces.
_UNKNOWN_WORD_COST = 1_000


@dataclass(frozen=True, slots=True)
class Piece:
    """One name of a split run: ``text[start:end]`` of the text that was split."""

    start: int
    end: int
    #: Whether a known name covers the piece (else it is a stretch of unknown words).
    known: bool


def _key_words(name: str) -> tuple[str, ...]:
    """The words a name is compared by: folded, attached tokens left out. A name that
    opens with a bracket has no key: CosIng's "(Agaricus Blazei Ferment + ...) Extract"
    would otherwise teach that "Extract" alone is a name."""
    words = [match.group() for match in _TOKEN.finditer(name)]
    if not words or _ATTACHED.match(words[0]):
        return ()
    return tuple(fold(word) for word in words if not _ATTACHED.match(word))


@dataclass(frozen=True, slots=True)
class NameDictionary:
    """Known names as word sequences, and every word sequence that begins one."""

    names: frozenset[tuple[str, ...]]
    prefixes: frozenset[tuple[str, ...]]

    @classmethod
    def build(cls, names: Iterable[str]) -> "NameDictionary":
        keys = set()
        for name in names:
            words = tuple(word for word in _key_words(name) if word)
            if 0 < len(words) <= MAX_NAME_WORDS:
                keys.add(words)
        prefixes = {words[:end] for words in keys for end in range(1, len(words) + 1)}
        return cls(frozenset(keys), frozenset(prefixes))

    def split(self, text: str) -> tuple[Piece, ...]:
        """The best split of ``text`` into known names and unknown stretches, in order."""
        tokens = [match.span() for match in _TOKEN.finditer(text)]
        if not tokens:
            return ()
        words = [
            None if _ATTACHED.match(text[start:end]) else fold(text[start:end])
            for start, end in tokens
        ]
        count = len(tokens)
        never = (float("inf"), 0, False)
        # best[i]: (cost, start of the last piece, whether it is known) for tokens[:i].
        best: list[tuple[float, int, bool]] = [never] * (count + 1)
        best[0] = (0, 0, False)
        for first in range(count):
            budget.check()
            cost = best[first][0]
            if cost == float("inf"):
                continue
            # An unknown word; attached tokens after it join it for free.
            self._relax(
                best,
                first,
                self._past_attached(words, first + 1),
                cost + _UNKNOWN_WORD_COST,
                known=False,
            )
            if words[first] is None:
                continue
            key: tuple[str, ...] = ()
            for last in range(first, min(count, first + 4 * MAX_NAME_WORDS)):
                if words[last] is None:
                    continue
                key = (*key, words[last])
                if key not in self.prefixes:
                    break
                if key in self.names:
                    end = self._past_attached(words, last + 1)
                    self._relax(best, first, end, cost + 1, known=True)
        pieces: list[Piece] = []
        end = count
        while end > 0:
            _cost, start, known = best[end]
            pieces.append(Piece(tokens[start][0], tokens[end - 1][1], known))
            end = start
        pieces.reverse()
        return tuple(_merge_unknown(pieces))

    @staticmethod
    def _past_attached(words: list[str | None], index: int) -> int:
        while index < len(words) and words[index] is None:
            index += 1
        return index

    @staticmethod
    def _relax(
        best: list[tuple[float, int, bool]], start: int, end: int, cost: float, *, known: bool
    ) -> None:
        if cost < best[end][0]:
            best[end] = (cost, start, known)


def _merge_unknown(pieces: list[Piece]) -> Iterable[Piece]:
    """Unknown words next to each other are one unknown stretch."""
    merged: Piece | None = None
    for piece in pieces:
        if merged is not None and not merged.known and not piece.known:
            merged = Piece(merged.start, piece.end, known=False)
            continue
        if merged is not None:
            yield merged
        merged = piece
    if merged is not None:
        yield merged


@dataclass(frozen=True, slots=True)
class SplitRules:
    """What the caller knows that this module does not: which names are known as a
    whole (CosIng or the knowledge base, so "Rose Stem Cell Exosomes" is kept), which
    pieces must stay joined to the known piece after them (an EV name whose first words
    are unknown), and how the reader cleans a printed piece into a name."""

    dictionary: NameDictionary
    is_known: Callable[[str], bool]
    joins: Callable[[str], bool]
    clean: Callable[[str], str]
    #: What _split_one decided for each name of a list with separators, once per
    #: process: the same names come back in list after list.
    decided: dict[str, list[tuple[str, str]] | None] = field(default_factory=dict)


def split_run_together(parsed: ParsedList, rules: SplitRules, *, whole_list: bool) -> ParsedList:
    """Split names that are run together, and say so in a notice.

    ``whole_list``: the text has no separators at all (the reader marked it
    ``unseparated``, or found a single name), so every name may be a run of several;
    unknown stretches stay as unknown pieces. Otherwise only a name that is
    unknown as a whole and splits entirely into known names is split ("Zinc Oxide
    Water"); a list with separators is never split anywhere else.
    Returns ``parsed`` itself when nothing was split; raises NoListError when a list
    with no separators holds no name skincheck knows.
    """
    decisions = []
    for ingredient in parsed.ingredients:
        budget.check()
        decisions.append(_split_one(ingredient.printed, rules, whole_list=whole_list))
    # Most lists split nothing: they are returned as they are, not rebuilt.
    if not any(decisions):
        if parsed.unseparated:
            raise NoListError(
                "The text is a long run of words with no commas, semicolons or line "
                "breaks between the names, and skincheck knows too few of them to tell "
                "where one ingredient ends. Add the separators and try again."
            )
        return parsed
    made: list[Ingredient] = []
    split: list[tuple[str, tuple[str, ...]]] = []
    for ingredient, names in zip(parsed.ingredients, decisions, strict=True):
        if names is None:
            made.append(replace(ingredient, position=len(made) + 1))
            continue
        split.append((ingredient.printed, tuple(name for _printed, name in names)))
        before = len(made)
        made.extend(
            replace(ingredient, position=before + offset, printed=printed, name=name)
            for offset, (printed, name) in enumerate(names, start=1)
        )
    sections = tuple(
        replace(section, first=first, last=last)
        for section, (first, last) in zip(parsed.sections, _section_spans(made), strict=False)
    )
    return ParsedList(tuple(made), sections, (*parsed.notices, _notice(split, whole_list)))


def _split_one(
    printed: str, rules: SplitRules, *, whole_list: bool
) -> list[tuple[str, str]] | None:
    """(printed, name) of each piece, or None to keep the name as it is."""
    if " " not in printed.strip():
        return None
    if whole_list:
        return _pieces(printed, rules, whole_list=True)
    if printed not in rules.decided:
        if len(rules.decided) >= MAX_DECIDED:  # a stream of new names cannot fill memory
            rules.decided.clear()
        rules.decided[printed] = _pieces(printed, rules, whole_list=False)
    return rules.decided[printed]


def _pieces(printed: str, rules: SplitRules, *, whole_list: bool) -> list[tuple[str, str]] | None:
    # In a list with separators a name known as a whole is kept whole, even one known
    # only by the knowledge base's rules ("Rose Stem Cell Exosomes"). A run of a whole
    # list is not asked: the rules would find "Human Neonatal Fibroblast Conditioned
    # Media" inside "Human Neonatal Fibroblast Conditioned Media Isoceteth-20 ...".
    if not whole_list and rules.is_known(rules.clean(printed)):
        return None
    pieces = _joined_where_needed(printed, list(rules.dictionary.split(printed)), rules)
    if len(pieces) < 2 or (not whole_list and not all(piece.known for piece in pieces)):
        return None
    named = [(printed[p.start : p.end], rules.clean(printed[p.start : p.end])) for p in pieces]
    return [(text, name) for text, name in named if name] or None


def _joined_where_needed(text: str, pieces: list[Piece], rules: SplitRules) -> list[Piece]:
    """An unknown piece and the known piece after it become one when together they
    name an EV ingredient or look-alike and the unknown piece alone does not: "Rose
    Stem Cell" + "Exosomes" joins; "Rose Stem Cell Exosomes" + "Butylene Glycol" not."""
    joined: list[Piece] = []
    for piece in pieces:
        if joined and not joined[-1].known and piece.known:
            together = Piece(joined[-1].start, piece.end, known=True)
            unknown = text[joined[-1].start : joined[-1].end]
            if rules.joins(text[together.start : together.end]) and not rules.joins(unknown):
                joined[-1] = together
                continue
        joined.append(piece)
    return joined


def _section_spans(ingredients: list[Ingredient]) -> list[tuple[int, int]]:
    spans: dict[int, list[int]] = {}
    for ingredient in ingredients:
        span = spans.setdefault(ingredient.section, [ingredient.position, ingredient.position])
        span[1] = ingredient.position
    return [(first, last) for _section, (first, last) in sorted(spans.items())]


def _notice(split: list[tuple[str, tuple[str, ...]]], whole_list: bool) -> str:
    if whole_list:
        return (
            "This list was printed without commas, so skincheck split it at the names it "
            "knows. Check the split below, and correct it in the box if a name was cut "
            "in the wrong place."
        )
    shown = "; ".join(
        f"“{printed}” as {' + '.join(names)}" for printed, names in split[:_SHOWN_SPLITS]
    )
    more = f" and {len(split) - _SHOWN_SPLITS} more" if len(split) > _SHOWN_SPLITS else ""
    return (
        f"Some names ran together with no comma between them, so skincheck split them at "
        f"names it knows: {shown}{more}. Check the split, and correct it in the box if "
        "it is wrong."
    )


#: Splits named one by one in the notice; more are counted.
_SHOWN_SPLITS = 5
