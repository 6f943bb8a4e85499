"""From the lines OCR read to the text of the ingredient list.

Four steps, each undoing one thing a label or the OCR does:

1. Reading order: lines are sorted top to bottom along the picture's own slant (a
   photo taken at 3° runs its lines downhill, so sorting by the raw top edge mixes
   them).
2. The block: the label is cut into paragraphs at gaps wider than the line spacing;
   the list is the paragraph with the heading ("Ingredients:", "INCI:",
   "Ingrédients:", ...), else the paragraph with most commas. Product names, net
   contents and "Made in France" around it are left out.
3. Joining: wrapped lines are joined with a space; a word broken at the end of a line
   ("Dicapr-" / "ate", "Citro-" / "nellol") is mended when the whole word is a word of
   the dictionary or the line goes on in lower case, and keeps its hyphen when the
   hyphen is part of the name ("PEG-" / "100 Stearate").
4. Correcting: a piece between commas that no CosIng name or synonym matches is
   replaced by the one CosIng name that is clearly closest ("Glycerln" → Glycerin,
   "Phenoxyethano1" → Phenoxyethanol); when two names are about as close, or none is
   close enough, the text stays as read and a note suggests the closest name. A
   recognised piece ("Aqua/Water/Eau") is never touched.

What it does not do: split a list printed without commas (the list reader's job, issue
14's other half), or guess at a word the dictionary does not know.
"""

import itertools
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from skincheck.core.inventory import Inventory
from skincheck.core.normalise import fold
from skincheck.ocr.engine import Line

#: A heading word that starts the list, at the start of a line.
_HEADING = re.compile(
    r"^\W*(?:full\s+|complete\s+)?(?:ingredients?|ingr[ée]dients?|ingredientes|ingredienti"
    r"|ingredi[ëe]nten|inhaltsstoffe|inci|composition|sk[łl]adniki)\b",
    re.IGNORECASE,
)
#: The other languages' words after a heading: "/INGRÉDIENTS", " / Inhaltsstoffe".
_MORE_HEADINGS = re.compile(r"(?:\s*/\s*[^\W\d_]+){1,3}\s*")
#: A paragraph break: a gap between two lines this many times the usual line spacing.
_GAP = 1.5
#: Similarity (rapidfuzz ratio, 0-100, on folded names) a CosIng name needs to replace
#: a piece, and the lead it needs over the next name. OCR damage is one or two letters
#: ("Glycerln" 93, "Phenoxyethano1" 93, "Dimethicone" read "Dimethic0ne" 91); a
#: lead of 4 keeps "Sodium Laureth Sulfale" from being forced to one of Sodium Laureth
#: Sulfate / Sodium Laureth-8 Sulfate when they score alike.
CORRECTION_CUTOFF = 88.0
CORRECTION_LEAD = 4.0
#: Shorter pieces are never corrected: "Oil" is one letter from "Oils" and "Mica"
#: from "Mice"; short names hold too few letters to tell damage from a real name.
_MIN_CORRECTABLE = 6
#: A full stop read where the label prints a comma: "Oil. Jojoba Seed Oil". Only
#: between a letter and a capital, so "No. 2" and "1.5%" stay.
_STOP_FOR_COMMA = re.compile(r"(?<=[a-z\)])\.\s+(?=[A-Z])")
_HYPHEN_END = re.compile(r"([A-Za-z]+)-$")
_FIRST_WORD = re.compile(r"^([A-Za-z]+)")
_WORDS = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Reading:
    """The list's text as mended, and notes on what was changed or is doubtful."""

    text: str
    notes: tuple[str, ...]


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """The lines top to bottom, measured across the picture's median slant."""
    if not lines:
        return []
    slopes = []
    for line in lines:
        (x0, y0), (x1, y1) = line.box[0], line.box[1]
        if x1 - x0 > 40:
            slopes.append((y1 - y0) / (x1 - x0))
    slope = statistics.median(slopes) if slopes else 0.0
    angle = math.atan(slope)
    cos, sin = math.cos(angle), math.sin(angle)

    def across(line: Line) -> tuple[float, float]:
        x = sum(p[0] for p in line.box) / len(line.box)
        y = sum(p[1] for p in line.box) / len(line.box)
        return (-x * sin + y * cos, x * cos + y * sin)

    return sorted(lines, key=across)


def _height(line: Line) -> float:
    (x0, y0), (_x1, _y1), (_x2, _y2), (x3, y3) = line.box[:4]
    return max(1.0, math.dist((x0, y0), (x3, y3)))


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Cut ordered lines into paragraphs at gaps wider than the usual spacing."""
    if len(lines) < 2:
        return [lines] if lines else []
    tops = [sum(p[1] for p in line.box) / len(line.box) for line in lines]
    steps = [b - a for a, b in itertools.pairwise(tops)]
    usual = statistics.median(steps) if steps else 0.0
    usual = max(usual, statistics.median(_height(line) for line in lines))
    paragraphs = [[lines[0]]]
    for line, step in zip(lines[1:], steps, strict=True):
        if step > _GAP * usual:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def find_block(lines: Sequence[Line]) -> list[str]:
    """The texts of the lines that hold the ingredient list, in reading order."""
    ordered = reading_order(lines)
    paragraphs = _paragraphs(ordered)
    for paragraph in paragraphs:
        for index, line in enumerate(paragraph):
            if _HEADING.match(line.text):
                return [kept.text for kept in paragraph[index:]]
    if not paragraphs:
        return []
    best = max(paragraphs, key=lambda paragraph: sum(line.text.count(",") for line in paragraph))
    if sum(line.text.count(",") for line in best) == 0:
        return [line.text for line in ordered]
    return [line.text for line in best]


def join_lines(texts: Sequence[str], words: frozenset[str]) -> str:
    """Join wrapped lines into one text, mending words broken with a hyphen."""
    joined = ""
    for text in texts:
        text = text.strip()
        if not joined:
            joined = text
            continue
        end = _HYPHEN_END.search(joined)
        start = _FIRST_WORD.match(text)
        if end and start and _mend(end.group(1), start.group(1), words):
            joined = joined[:-1] + text
        elif end:
            joined += text  # "PEG-" / "100 Stearate": the hyphen belongs to the name
        else:
            joined += " " + text
    return _STOP_FOR_COMMA.sub(", ", joined)


def _mend(head: str, tail: str, words: frozenset[str]) -> bool:
    whole = (head + tail).lower()
    if whole in words:
        return True
    if head.lower() in words and tail.lower() in words and head[-1].isupper():
        return False
    return tail[0].islower()


#: id(inventory) → (inventory, its words). An Inventory holds dicts, so it cannot be a
#: key itself; a process loads one.
_WORD_SETS: dict[int, tuple[Inventory, frozenset[str]]] = {}


def dictionary_words(inventory: Inventory) -> frozenset[str]:
    """Every word of every CosIng name and synonym, folded; made once per inventory."""
    known = _WORD_SETS.get(id(inventory))
    if known is not None and known[0] is inventory:
        return known[1]
    found: set[str] = set()
    for name in (*inventory.by_name, *inventory.by_synonym):
        found.update(_WORDS.findall(name))
    words = frozenset(found)
    _WORD_SETS[id(inventory)] = (inventory, words)
    return words


def correct(text: str, inventory: Inventory) -> Reading:
    """Replace OCR-damaged names with the one CosIng name clearly closest."""
    notes: list[str] = []
    pieces = _split_top_level(text)
    mended: list[str] = []
    for piece in pieces:
        mended.append(_correct_piece(piece, inventory, notes))
    return Reading("".join(mended), tuple(notes))


def _correct_piece(piece: str, inventory: Inventory, notes: list[str]) -> str:
    if piece == ",":
        return piece
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    name = piece.strip()
    heading = _HEADING.match(name)
    prefix = ""
    if heading:
        colon = name.find(":", heading.end() - 1)
        between = name[heading.end() : max(colon, heading.end())]
        # "INGREDIENTS/INGRÉDIENTS:" (a bilingual label) is one heading too: the
        # benchmark's labels read '"/INGRÉDIENTS: Human ..." was not clear' without it.
        near = colon - heading.end() < 3 or _MORE_HEADINGS.fullmatch(between)
        cut = colon + 1 if colon >= 0 and near else heading.end()
        prefix, name = name[:cut], name[cut:]
        prefix += name[: len(name) - len(name.lstrip())]
        name = name.strip()
    core = name.rstrip(".")
    if len(core) < _MIN_CORRECTABLE or not any(ch.isalpha() for ch in core):
        return piece
    if inventory.recognise(core).recognised:
        return piece
    found = inventory.close.within(fold(core), CORRECTION_CUTOFF - CORRECTION_LEAD)
    if not found:
        return piece
    found.sort(key=lambda hit: (-hit[1], inventory.choice_ranks[hit[0]]))
    best_index, best_score = found[0]
    runner_up = found[1][1] if len(found) > 1 else 0.0
    inci = inventory.by_name[inventory.choices[best_index]].inci
    display = inventory.display(inci)
    if best_score >= CORRECTION_CUTOFF and best_score - runner_up >= CORRECTION_LEAD:
        replacement = inci if core.isupper() else display
        notes.append(f'Read "{core}" as {display}.')
        return piece[:lead] + prefix + replacement + name[len(core) :] + piece[trail:]
    notes.append(f'"{core}" was not clear; it may be {display}.')
    return piece


def _split_top_level(text: str) -> list[str]:
    """The text cut at commas outside brackets, the commas kept as pieces."""
    pieces: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and not _in_number(text, index):
            pieces.append(text[start:index])
            pieces.append(",")
            start = index + 1
    pieces.append(text[start:])
    return pieces


def _in_number(text: str, index: int) -> bool:
    """A comma inside a locant or a number: "1,2-Hexanediol", "2,4-Dichlorobenzyl"."""
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def mend(lines: Sequence[Line], inventory: Inventory) -> Reading:
    """Steps 1 to 4: the list's text from the lines OCR read."""
    block = find_block(lines)
    text = join_lines(block, dictionary_words(inventory))
    return correct(text, inventory)
