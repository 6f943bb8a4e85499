"""Find every name in a fixed list that scores at least a cut-off against a query.

The score is rapidfuzz's fuzz.ratio, 100 * 2 * LCS / (a + b) for names of lengths a
and b whose longest common subsequence is LCS. CloseNames.within() gives the answers
of fuzz.ratio run over every name, without running it over every name.

Why: typo suggestions for an unrecognised name compared it with the ~12,000 CosIng
names of a near length, about 0.6 ms a name; on lists new to a worker that was most of
the analysis. Two bounds cut the comparisons to a few dozen a name:
- the length bound: LCS is at most the shorter length, so a name whose length is too
  far from the query's cannot reach the cut-off;
- the letter-count bound: LCS is at most the letters the two names have in common,
  counted with repeats (sum over each letter of the smaller count). On the unrecognised
  names of the Sephora corpus it leaves about 25 names of the ~8,600 the length bound
  keeps, and 1.6 of them score the cut-off.
The letter counts of many names are summed at once in one Python integer, one byte
a name ("lane"): a query adds one precomputed integer per distinct letter it holds.

What this does not do: fold names, choose or order suggestions, or display them
(skincheck.core.inventory does); it returns names with their scores.
"""

from bisect import bisect_left
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from math import ceil

from rapidfuzz import fuzz
from rapidfuzz import process

#: Names per lane block. Blocks hold names of consecutive lengths, so a query sums
#: only the blocks its length bound reaches.
_BLOCK = 4096
#: The longest query searched in lanes. Its letters in common with a name are at most
#: its length, 127, and a lane's addend at most 128, so no lane carries into the next
#: (see _reaching); and the names it can reach are at most 173 long, so a byte holds
#: their length. Longer queries are compared with every name of a near length.
_MAX_QUERY = 127
#: Counts of one letter are summed up to this many repeats; more repeats in the query
#: are assumed to be all in common, which keeps the bound an upper bound. Holds the
#: lanes kept to one set per letter and cap: for CosIng's 50 letters, 240 sets of
#: 29 KB (caps a letter never reaches share the set below), 9 MB.
_MAX_REPEAT = 6
#: Letters are coded from this byte on in the names' text; below it is the newline.
_FIRST_CODE = 11
_ALL_BYTES = bytes(range(256))
#: Translate tables from a count to min(count, cap), for each cap.
_CAPS = tuple(bytes(min(n, cap) for n in range(256)) for cap in range(_MAX_REPEAT + 1))


@dataclass(frozen=True, slots=True)
class _Block:
    #: Index of the block's first name.
    start: int
    shortest: int
    longest: int
    #: One byte a name: its length (at most 255; no query reaches longer names).
    lengths: bytes
    #: 0x80 in every lane.
    mask: int


@dataclass(frozen=True, slots=True)
class _Layout:
    """The names cut into blocks, and their text with one byte a letter."""

    blocks: tuple[_Block, ...]
    block_shortest: tuple[int, ...]
    block_longest: tuple[int, ...]
    letters: frozenset[str]
    #: ord(letter) -> its one-character code in ``text``.
    codes: dict[int, str]
    #: The names, coded, parted by newlines.
    text: bytes


class CloseNames:
    """The names to search, shortest first. Their blocks and letter lanes are made when
    first needed, or all at once by prepare() (the web app does, at start-up)."""

    __slots__ = ("_block", "_counts", "_layout", "_lengths", "_names", "_planes")

    def __init__(self, names: Sequence[str], block: int = _BLOCK) -> None:
        """``names`` must be sorted by length (Inventory.choices is), one line each;
        ``block`` is the number of names a block holds."""
        self._names = tuple(names)
        self._block = block
        self._lengths = tuple(map(len, self._names))
        if list(self._lengths) != sorted(self._lengths):
            raise ValueError("CloseNames needs names sorted by length")
        self._layout: _Layout | None = None
        # letter -> one byte a name: how often the name holds the letter (capped).
        self._counts: dict[str, bytes] = {}
        # (letter, cap) -> see _plane().
        self._planes: dict[tuple[str, int], tuple[int, ...]] = {}

    def within(self, query: str, cutoff: float) -> list[tuple[int, float]]:
        """Every (index in names, score) with fuzz.ratio(query, name) >= cutoff, in
        index order: exactly what fuzz.ratio over every name finds."""
        if not 0 < cutoff <= 100:
            raise ValueError(f"a cut-off is above 0 and at most 100, not {cutoff}")
        length = len(query)
        if not length:
            return []
        # 2 * LCS / (a + b) >= cutoff / 100 with LCS <= min(a, b) bounds b. One more
        # character each way, so that rounding never drops a name that scores exactly
        # the cut-off: "ganoderma lucidum", 17, and its suggestion, 23.
        share = cutoff / 200
        shortest = length * share / (1 - share) - 1
        longest = length * (1 - share) / share + 1
        if length > _MAX_QUERY:
            first = bisect_left(self._lengths, shortest)
            return self._score(query, range(first, len(self._names)), longest, cutoff)
        counts = Counter(query)
        capped = {letter: min(n, _MAX_REPEAT) for letter, n in counts.items()}
        beyond = sum(counts.values()) - sum(capped.values())
        need = _needs(length, cutoff, beyond, shortest, longest)
        layout = self._layout or self._lay_out()
        # The blocks holding names of a length within bounds.
        first = bisect_left(layout.block_longest, shortest)
        last = bisect_right(layout.block_shortest, longest)
        planes = [
            self._plane(layout, letter, cap)[first:last]
            for letter, cap in capped.items()
            if letter in layout.letters
        ]
        found: list[int] = []
        for block, lanes in zip(layout.blocks[first:last], zip(*planes, strict=True), strict=False):
            found.extend(block.start + lane for lane in _reaching(sum(lanes), block, need))
        return self._score(query, found, longest, cutoff)

    def _score(
        self, query: str, indices: Iterable[int], longest: float, cutoff: float
    ) -> list[tuple[int, float]]:
        indices = [i for i in indices if self._lengths[i] <= longest]
        hits = process.extract(
            query,
            [self._names[i] for i in indices],
            scorer=fuzz.ratio,
            limit=None,
            score_cutoff=cutoff,
        )
        return sorted((indices[place], score) for _name, score, place in hits)

    def _lay_out(self) -> _Layout:
        blocks = tuple(
            _Block(
                start,
                lengths[0],
                lengths[-1],
                bytes(map(min, lengths, repeat(255))),
                int.from_bytes(b"\x80" * len(lengths), "little"),
            )
            for start in range(0, len(self._names), self._block)
            for lengths in [self._lengths[start : start + self._block]]
        )
        letters = frozenset("".join(self._names))
        if "\n" in letters or len(letters) > 256 - _FIRST_CODE:
            raise ValueError("CloseNames takes names of one line, with at most 245 letters")
        codes = {
            ord(letter): chr(_FIRST_CODE + code) for code, letter in enumerate(sorted(letters))
        }
        text = "\n".join(self._names).translate(codes).encode("latin-1")
        self._layout = _Layout(
            blocks,
            tuple(block.shortest for block in blocks),
            tuple(block.longest for block in blocks),
            letters,
            codes,
            text,
        )
        return self._layout

    def _plane(self, layout: _Layout, letter: str, cap: int) -> tuple[int, ...]:
        """Per block, the lanes of min(times the name holds ``letter``, ``cap``)."""
        plane = self._planes.get((letter, cap))
        if plane is None:
            counts = self._counts.get(letter)
            if counts is None:
                counts = self._counts[letter] = self._count(layout, letter)
            capped = counts.translate(_CAPS[cap])
            if cap > 1 and capped == counts.translate(_CAPS[cap - 1]):
                # No name holds the letter ``cap`` times (most letters past 3): the
                # same lanes, kept once.
                plane = self._plane(layout, letter, cap - 1)
            else:
                plane = tuple(
                    int.from_bytes(capped[block.start : block.start + self._block], "little")
                    for block in layout.blocks
                )
            self._planes[letter, cap] = plane
        return plane

    def prepare(self) -> None:
        """Make the blocks and every letter's lanes now (about 0.1 s for CosIng), so
        that the first searches of a web worker do not wait for them."""
        layout = self._layout or self._lay_out()
        for letter in layout.letters:
            for cap in range(1, _MAX_REPEAT + 1):
                self._plane(layout, letter, cap)

    def _count(self, layout: _Layout, letter: str) -> bytes:
        """One byte a name: how often the name holds ``letter``, capped at 127.

        Done on the names' text with every other letter deleted, 1.5 ms a letter;
        counting name by name took 7 ms.
        """
        others = _ALL_BYTES.replace(layout.codes[ord(letter)].encode("latin-1"), b"")
        kept = layout.text.translate(None, others.replace(b"\n", b""))
        counts = list(map(len, kept.split(b"\n")))
        # Only names longer than 127 can hold a letter more often: CosIng has some,
        # up to 1,928 characters, with up to 190 spaces. They come last.
        long = bisect_left(self._lengths, 128)
        counts[long:] = [min(count, 127) for count in counts[long:]]
        return bytes(counts)


def _needs(length: int, cutoff: float, beyond: int, shortest: float, longest: float) -> bytes:
    """A translate table from a name's length to what its lane must add to reach bit 7
    exactly when the letters in common could reach the cut-off: 128 - the least
    number of common letters the score needs, less the repeats beyond the cap; 0
    (never) for lengths out of bounds.

    The least number is ceil(cutoff * (a + b) / 200): for a cut-off with at most two
    decimals the product is exact and the quotient rounds to the integer it should
    be, or is at least 1/200 from one ("ganoderma lucidum" scores exactly 85 against
    a name 23 long: 85 * 40 / 200 = 17 letters in common)."""
    table = bytearray(256)
    for other in range(max(0, ceil(shortest)), min(255, int(longest)) + 1):
        need = ceil(cutoff * (length + other) / 200) - beyond
        table[other] = 128 - min(max(need, 0), 128)
    return bytes(table)


def _reaching(common: int, block: _Block, need: bytes) -> list[int]:
    """The lanes where the common letters and the lane's addend reach 128. One is at
    most 127 and the other 128, so no lane carries into the next."""
    size = len(block.lengths)
    addends = int.from_bytes(block.lengths.translate(need), "little")
    hits = ((common + addends) & block.mask).to_bytes(size, "little")
    found = []
    lane = hits.find(0x80)
    while lane != -1:
        found.append(lane)
        lane = hits.find(0x80, lane + 1)
    return found
