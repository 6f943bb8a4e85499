"""parse_list(): find the ingredient list in a pasted text and read it into ingredients.

The reader keeps what was printed beside a cleaned name and a position, splits kits into
titled sections, moves "may contain" shade blocks to the end of their section, and says
in plain words (notices) what it left out: preambles, directions, warnings, footnotes.

What it does not do: it does not know any ingredient. It never resolves synonyms
("Aqua / Water / Eau" stays one name), never fixes spelling or OCR damage, never guesses
a missing comma, and never changes the case of a name: fold() makes comparison blind to
case, and re-casing an upper-case list would damage "CI 77891", "PEG-100" or
"sh-Oligopeptide-1". When the text holds no list it raises NoListError and says why,
instead of guessing.

Every ``printed`` text is an unchanged slice of the input after HTML entities are
decoded: the reader cuts and trims, it never rewrites.

Known gap: a product name printed before a repeated "Ingredients:" heading ("Serum
ingredients: ...") is not taken as a section title.
"""

import collections
import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields
from functools import lru_cache
from functools import reduce
from itertools import chain
from itertools import repeat
from operator import iadd
from typing import NamedTuple

from skincheck.core.budget import check
from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.model import Ingredient
from skincheck.core.model import ParsedList
from skincheck.core.model import Section

# --- Reading the raw text -----------------------------------------------------------

#: Share of control characters above which a text is taken for a binary file. A real
#: paste can carry one stray mark: Sephora rows hold a lone U+FFFD ("time.� Please").
_MAX_JUNK_SHARE = 0.02

#: Tags in text copied from page source or JSON fields ("Ingredients:<br>Water, ...").
#: Each becomes a hard break, never glue: a tag does not sit inside a name on a real
#: label, and a break keeps every printed name an unchanged slice of the input.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
#: U+2029 PARAGRAPH SEPARATOR marks the breaks left by tags; it always separates.
_HARD_BREAK = "\u2029"


@dataclass(frozen=True, slots=True)
class _Needles:
    """Pieces of text (characters or words) to look for with _has_any."""

    ascii: tuple[str, ...]
    #: Pieces with a character beyond ASCII: a text all in ASCII cannot hold them.
    other: tuple[str, ...]


def _needles(*pieces: str) -> _Needles:
    return _Needles(
        tuple(p for p in pieces if p.isascii()), tuple(p for p in pieces if not p.isascii())
    )


def _has_any(text: str, pieces: _Needles) -> bool:
    """Whether ``text`` holds any of ``pieces``. Each is looked for with `in`, which
    takes a tenth of the time a regex class or alternation does over a list of 700
    characters (memchr for one character); most lists are ASCII and are not searched
    for the other pieces at all."""
    for piece in pieces.ascii:
        if piece in text:
            return True
    return not text.isascii() and any(piece in text for piece in pieces.other)


# --- Where the list starts and ends ---------------------------------------------------

#: The word for "ingredients" on packs and shop pages, in the languages of the corpus and
#: of EU labels.
_HEADING_WORD = (
    r"(?:ingredients?|ingr[ée]dients?|ingredientes|ingredienti|ingredi[ëe]nten"
    r"|inhaltsstoffe|inci|composition|samenstelling|sk[łl]adniki|bestanddelen|sastojci"
    r"|ainesosat|ingredienser|összetevők|složení|zloženie|состав|全成分|成分)"
)
#: _HEADING_WORD with one way to match: "ingredients" is both "ingredients?" and
#: "ingr[ée]dients?", so "ingredients / ingredients / ... x" was tried two ways a word,
#: 2^n in all (22 words: 8 s). After a heading word comes a space, "/", "(", a colon or
#: the end, which no word holds, so at most one word ends there and the group may be
#: atomic without losing a match.
_ONE_HEADING_WORD = rf"(?>{_HEADING_WORD}(?=[\s/(:：]|\Z))"
#: The most heading words a heading chains with slashes: "Ingredients / Ingrédients /
#: Ingredientes: ..." on packs sold in several countries; EU packs print up to 24
#: languages. A longer chain is read from its last words.
_MAX_HEADING_WORDS = 24
#: "Active ingredients:" (US drug facts: part of the list), "Key ingredients:" (a
#: marketing pick, not the list), "Full ingredient list", "Inactive ingredients:".
_HEADING = re.compile(
    # The first letters of the words below. Like each lookahead on first characters in
    # this module, it changes no match but lets the scan skip most positions at once.
    r"(?=[fcoiakhsmnlbözс全成])"
    r"(?<![^\W\d_])"
    r"(?:(?P<qualifier>full|complete|other|inactive|active|key|hero|star|main|featured"
    r"|notable)\s+)?"
    r"(?:liste\s+des\s+|lista\s+de\s+)?"
    # At most _MAX_HEADING_WORDS words: a search is begun at each word of a chain,
    # and each went to the chain's end ("ingredients/" * 4,000 + ":": 0.7 s).
    rf"{_ONE_HEADING_WORD}(?:\s*/\s*{_ONE_HEADING_WORD}){{0,{_MAX_HEADING_WORDS - 1}}}"
    r"(?:\s+list(?:ing)?)?"
    r"(?:\s*\(inci\))?"
    # A colon, or the end of the line: "Full ingredient list\nWater, ...".
    r"(?:\s*[:：]|[ \t]*(?=[\n\r\u2029]|\Z))",
    re.IGNORECASE,
)
#: At the very start of a text the colon is often lost: "INGREDIENTS WATER, GLYCERIN".
_LEADING_HEADING = re.compile(rf"\s*{_HEADING_WORD}\s+(?=\S)", re.IGNORECASE)
_KEY_QUALIFIERS = frozenset({"key", "hero", "star", "main", "featured", "notable"})

#: Panels printed after the list that end it when followed by a colon (or alone on a
#: line): "Directions: Apply...", "Warnings\nFor external use only".
_PANEL_TITLE = re.compile(
    r"(?=[dhtuwcpsabkoqmgv])"
    r"(?<![^\W\d_])(?P<panel>directions?(?:\s+for\s+use)?|how\s+to\s+use|to\s+use|usage"
    r"|warnings?|cautions?|precautions?|storage|attention|disclaimer|benefits"
    r"|key\s+benefits|description|other\s+information|questions(?:\s+or\s+comments)?"
    r"|mode\s+d['’]emploi|conseils?\s+d['’]utilisation|pr[ée]cautions?|anwendung"
    r"|warnhinweise?|modo\s+de\s+(?:uso|empleo)|advertencias?|precauciones|avvertenze"
    r"|modo\s+d['’]uso|gebruiksaanwijzing|waarschuwingen?|voc)"
    r"(?:\s*[:：]|[ \t]*(?=[\n\r\u2029]))",
    re.IGNORECASE,
)
#: Phrases that end the list wherever they stand; none occurs inside an INCI name.
#: Sephora rows run "Phenoxyethanol * Essential Oil Please be aware that ingredient
#: lists may change..." with no separator before the disclaimer.
_PANEL_PHRASE = re.compile(
    r"(?=[mfhpdintka])"
    r"(?<![^\W\d_])(?P<panel>made\s+in|fabriqu[ée]\s+en|hergestellt\s+in|hecho\s+en"
    r"|fabricado\s+en|prodotto\s+in|product\s+of|distributed\s+(?:by|in)"
    r"|distribu[ée]\s+par|manufactured\s+(?:by|for)|mfd\.?\s+(?:by|for)|imported\s+by"
    r"|net\s+wt|net\s+weight|net\s+contents?|poids\s+net|please\s+be\s+aware"
    r"|ingredient\s+lists?\s+(?:may|can|are\s+subject\s+to|is\s+subject\s+to)\s+change"
    r"|the\s+list\s+of\s+ingredients\s+is\s+subject|keep\s+out\s+of\s+(?:the\s+)?reach"
    r"|for\s+external\s+use\s+only|avoid\s+contact\s+with)(?![^\W\d_])",
    re.IGNORECASE,
)

# --- Inside a list ----------------------------------------------------------------------

_OPENERS = "([{（［"
_CLOSERS = ")]}）］"
#: Bullets that separate wherever they stand: "Water • Glycerin", "Aqua · Glycerin".
_BULLETS = frozenset("•·●▪◦∙‧・")
#: Bullets that only count at the start of a line: "- Water\n- Glycerin". Inside a line
#: they are hyphens ("C10-30") or footnote marks ("Glycerin*").
_LINE_BULLET = re.compile(r"[ \t]*[-–—*][ \t]*")
_LEADING_BULLETS = "-–—•·●▪◦∙‧・ \t"

#: The "may contain" opener of a shade block, in the forms of the corpus:
#: "[+/- May Contain: CI 77491, ...]", "May Contain (+/-): ...", "[+/-: Mica ...]".
#: Not "Glycerin +/- 0.5%": a number after "+/-" is a tolerance, not a block.
_MC_WORD = (
    r"(?:\+\s*/\s*[-−–]|±|(?:and\s+)?may\s+(?:also\s+)?contain|peut\s+contenir"
    r"|kann\s+enthalten|puede\s+contener|pode\s+conter|può\s+contenere|kan\s+bevatten"
    r"|może\s+zawierać)"
)
#: A guard like those of the headings below: every match of _MAY_CONTAIN holds "+/-"
#: (_PLUS_MINUS) or one of these lower-case pieces, and no letter in them has a
#: case-blind twin that lower() misses ("ı" and "ſ" match "i" and "s"). Not "kan":
#: "C13-15 Alkane" holds it.
_MAY_CONTAIN_HINTS = _needles(
    "±", "may", "peut", "enthalten", "puede", "pode", "può", "bevatten", "może"
)
_PLUS_MINUS = re.compile(r"\+\s*/\s*[-−–]")
_MAY_CONTAIN = re.compile(
    r"(?=[\[(+±ampk])"
    # The spaces between two words are taken whole (a word starts with no space): as
    # "\s*/?\s*" they were split every way, 3^n tries for a title "+/-  +/-  ... a:"
    # that is no block (kit titles are checked against this pattern; 93 characters: 8 s).
    rf"(?P<open>[\[(]\s*)?{_MC_WORD}(?:\s*+/?\s*+{_MC_WORD})*"
    # The spaces are taken whole, so "(?!\d)" looks past them: "Glycerin +/- 0.5%" and
    # "pH 5.5 ± 0.5" matched by giving the space back and opened a shade block.
    r"(?:\s*[\[(]\s*(?:\+\s*/\s*[-−–]|±)\s*[\])])?\s*+[:：.]?\s*+(?!\d)",
    re.IGNORECASE,
)

#: Marks that point to a footnote: "Glycerin*", "Aloe Juice**", "Tocopherol¹",
#: "Rosa Canina Fruit Oil†". A bare "+" counts, but never the "+/-" of a shade block.
_MARK = r"(?:\*+|†+|‡+|§|°|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\+(?!\s*/))"
#: A footnote definition at the end of a list: the mark stands apart from any name and
#: is followed by words: "Kernel Oil*. *Organic. **Natural.", "... * Essential Oil".
#: Every mark starts with one of these; a list without any has no footnote. The
#: lookaheads on them below change no match (see _HEADING).
_MARK_START = "[*†‡§°¹²³⁴⁵⁶⁷⁸⁹⁰+]"
_MARK_CHARS = re.compile(_MARK_START)
_MARK_START_CHARS = _needles(*_MARK_START[1:-1])  # the same, for _has_any
_FOOTNOTE_START = re.compile(
    rf"(?={_MARK_START})(?:^|(?<=[\s.,;]))(?P<mark>{_MARK})\s*(?=[^\W\d_])"
)
_GLUED_MARK = re.compile(rf"(?=(?s:.){_MARK_START})[^\W_](?P<mark>{_MARK})(?![^\W\d_])")
_LINE_START_MARK = re.compile(rf"(?m)^[ \t]*(?P<mark>{_MARK})")
_MARKS_IN_NAME = re.compile(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰™®©℠]+")
_LEADING_MARKS = re.compile(r"^[+°\s]+")
#: Marks and spaces at the end of a name; str.rstrip() takes them in one pass, where
#: "[+°#^\s]+$" was tried from every mark of a run ("a+++...+b": quadratic).
_TRAILING_MARKS = "+°#^ "

#: "Niacinamide 10%", "Zinc Oxide (20%)", "2% Salicylic Acid", "Avobenzone 3.00%",
#: "Glycerin +/- 0.5%", "Sodium Fluoride (1450 ppm)". Numbers without a unit stay:
#: "Polysorbate 60", "CI 77891".
_AMOUNT = re.compile(
    # A number is read from its first digit: begun at every digit of a run without a
    # unit after it, the search cost the square of the run (50,000 digits: 110 s). A
    # match inside a run would also match from the run's start, so none is lost.
    r"(?:\+\s*/\s*[-−–]\s*|±\s*|[<>≤≥]\s*)?(?<!\d)\d++(?:[.,]\d++)?+\s*+"
    r"(?:%(?:\s*w/[wv])?|ppm\b)",
    re.IGNORECASE,
)
#: A Python or JSON list pasted as text, as dataset fields hold them:
#: "['Water', 'Glycerin']". Its brackets would otherwise make it one name.
_LIST_LITERAL = re.compile(r"\s*\[\s*(?P<items>(['\"]).*\2)\s*\]\s*", re.DOTALL)
_EMPTY_BRACKETS = re.compile(r"[(\[]\s*[)\]]")
_SPACES = re.compile(r"\s+")
_SPACE_INSIDE_BRACKETS = re.compile(r"([(\[])\s+|\s+([)\]])")
#: Supplier blends print their parts joined by "(and)":
#: "Caprylic/Capric Triglyceride (and) Tocopherol" is two ingredients.
_AND_BLEND = re.compile(r"\(\s*and\s*\)", re.IGNORECASE)

# --- Telling a list from other text ----------------------------------------------------

#: Small words of running English that INCI names never use. Their share tells a
#: description ("Moisturizes and maintains skin's moisture") from a list.
# fmt: off
_PROSE_WORDS = frozenset({
    "the", "a", "an", "to", "with", "for", "your", "you", "is", "are", "this", "that",
    "it", "its", "our", "we", "helps", "help", "can", "will", "be", "been", "has", "have",
    "from", "by", "as", "which", "while", "into", "more", "most", "not", "no", "do",
    "does", "all", "any", "and", "of", "on", "at", "us",
})
# fmt: on
#: The stronger subset used on a single name inside a list: "Sweet Almond and Rose
#: Oil" is a name, "This product is not tested on animals" is a sentence.
# fmt: off
_SENTENCE_WORDS = frozenset({
    "the", "your", "you", "is", "are", "this", "that", "our", "we", "will", "can", "helps",
    "does", "do", "not", "it", "its", "was", "were", "has", "have",
})
# fmt: on
#: A content declaration after the list's last full stop ends it: a toothpaste's
#: "..., CI 77891. Contient du fluorure de sodium (1450 ppm)", "... Contains sodium
#: fluoride". The verb opens the sentence in each language of the corpus' labels.
_DECLARATION = re.compile(
    r"(?:contains|contient|enthält|contiene|contém|bevat|zawiera|innehåller)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?")
#: Placeholders people type in a box that wants a list.
# fmt: off
_NON_ANSWERS = frozenset({
    "test", "testing", "hello", "hi", "hey", "none", "null", "nil", "undefined", "nan",
    "n/a", "na", "tbd", "unknown", "lorem", "ipsum", "asdf", "qwerty", "foo", "bar",
    "example", "sample", "text", "list", "ingredient", "ingredients", "inci",
    # Shop exports put these where a list is missing (23 rows of the Sephora corpus
    # print "No Info"; a spreadsheet error prints "#NAME?").
    "no info", "no information", "not available", "#name?",
})
# fmt: on
_URL = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$"
    # An e-mail address, "\S+@\S+\.\S+": some "@" after the first character, then a
    # full stop with a character on each side. The first "@" and the first full stop
    # after it leave the most room, so each is found once; trying each split of the
    # text ("a@@@...@", one name of 50,000 characters) cost the square of its length.
    r"|^(?=\S+$).[^@]*+@.[^.]*+\.\S",
    re.IGNORECASE,
)

#: A product name before a colon opens a kit section: "Beste™ No.9 Jelly Cleanser:".
_MAX_TITLE_WORDS = 10
_MAX_TITLE_CHARS = 100
_NOTICE_EXCERPT = 70


@dataclass(slots=True)
class _Zone:
    """A stretch of the text between two headings or panels."""

    kind: str  # "pre", "list", "active", "key" or "cut"
    label: str  # the heading or panel that opened it, as printed
    start: int
    end: int


@dataclass(slots=True)
class _Draft:
    """One section while it is being read."""

    title: str | None
    main: list[str] = field(default_factory=list)
    may_contain: list[str] = field(default_factory=list)
    #: The cleaned names (see clean_name) of main and may_contain, in step with them.
    main_names: list[str] = field(default_factory=list)
    may_contain_names: list[str] = field(default_factory=list)
    #: Names run together with no separators (see _refusal): kept, for the caller to
    #: split at known names (skincheck.core.segment), instead of refused.
    unseparated: bool = False


_ANY_BRACKET = re.compile(f"[{re.escape(_OPENERS + _CLOSERS)}]")
_BRACKETS = _needles(*_OPENERS, *_CLOSERS)
_OTHER_BRACKETS = _needles(*_OPENERS[1:], *_CLOSERS[1:])


class _Outside:
    """For each position of a text, whether it stands outside every matched bracket pair.

    Index it like a list of booleans (``outside[i]``). An opener that never closes is
    ignored: "Parfum (Fragrance, Linalool, Water" must not swallow the rest of the list
    into one name.
    """

    __slots__ = ("flips",)

    def __init__(self, text: str) -> None:
        #: Sorted positions where the text goes from outside to inside a bracket pair or
        #: back; empty for most names. Whole pasted pages reach this point, and a list
        #: of one boolean per character was the reader's slowest line: callers consult
        #: only a few positions (separators, colons), so those are looked up by bisect.
        self.flips: tuple[int, ...] = _bracket_flips(text) if _has_any(text, _BRACKETS) else ()

    def __getitem__(self, index: int) -> bool:
        return not self.flips or bisect_right(self.flips, index) % 2 == 0

    def mask(self, text: str) -> str:
        """``text`` with every character inside brackets turned into a space, so that a
        regex scan of the result finds separators outside brackets only."""
        if not self.flips:
            return text
        bounds = (0, *self.flips, len(text))
        return "".join(
            text[bounds[n] : bounds[n + 1]] if n % 2 == 0 else " " * (bounds[n + 1] - bounds[n])
            for n in range(len(bounds) - 1)
        )


# The same section text is asked about up to five times in one reading (kit titles,
# line mode, separators, footnotes, shade block); a few recent answers are kept.
@lru_cache(maxsize=16)
def _bracket_flips(text: str) -> tuple[int, ...]:
    pairs = [m.span() for m in _ROUND_PAIR.finditer(text)]
    if text.count("(") + text.count(")") == 2 * len(pairs) and not _has_any(text, _OTHER_BRACKETS):
        # Most lists: "Algae (Seaweed) Extract, ..., Rose (Flower) Water", each bracket
        # in a round pair with no bracket inside.
        return tuple(
            flip for start, end in pairs if end > start + 2 for flip in (start + 1, end - 1)
        )
    stack: list[int] = []
    open_count = dict.fromkeys(_OPENERS, 0)  # a closer with no opener of its kind is skipped
    spans: list[tuple[int, int]] = []  # inside each matched pair: after its opener, to its closer
    for match in _ANY_BRACKET.finditer(text):
        index = match.start()
        ch = text[index]
        want = _OPENER_OF.get(ch)
        if want is None:
            stack.append(index)
            open_count[ch] += 1
            continue
        if not open_count[want]:
            continue
        level = len(stack) - 1
        while text[stack[level]] != want:
            level -= 1
        for dropped in stack[level:]:
            open_count[text[dropped]] -= 1
        spans.append((stack[level] + 1, index))
        del stack[level:]
    # Pairs nest or stand apart; the outermost ones, joined where they touch, are inside.
    flips: list[int] = []
    for start, end in sorted(spans):
        if start == end:
            continue  # "()" has no inside
        if flips and start <= flips[-1]:
            flips[-1] = max(flips[-1], end)
        else:
            flips += (start, end)
    return tuple(flips)


_OPENER_OF = dict(zip(_CLOSERS, _OPENERS, strict=True))
_ROUND_PAIR = re.compile(rf"\([^{re.escape(_OPENERS + _CLOSERS)}]*\)")


def parse_list(text: str) -> ParsedList:
    """Read an ingredient list out of ``text``.

    Raises NoListError, with a plain reason, when the text holds no list.
    """
    _check_raw(text)
    clean = _decode(text)
    notices: list[str] = []
    zones = _find_zones(clean)
    has_list_zone = any(
        z.kind in ("list", "active") and clean[z.start : z.end].strip() for z in zones
    )
    drafts: list[_Draft] = []
    refusals: set[str] = set()
    carried_title: str | None = None
    previous_kind = ""
    for zone in zones:
        body = clean[zone.start : zone.end]
        if zone.kind == "cut":
            if body.strip():
                notices.append(f"Left out what is not part of the list: {_excerpt(body)}")
            continue
        if zone.kind == "key" and has_list_zone:
            if body.strip():
                notices.append(
                    f"Skipped the “{zone.label}” section: it picks a few ingredients to "
                    "advertise; the full list is read instead."
                )
            continue
        zone_drafts, zone_refusals, trailing_title = _read_zone(body, notices)
        refusals |= zone_refusals
        if zone.kind == "pre" and sum(len(d.main) + len(d.may_contain) for d in zone_drafts) < 3:
            if body.strip():
                notices.append(f"Left out the text before the list: {_excerpt(body)}")
            continue
        if zone.kind == "key":
            notices.append(
                f"Only a “{zone.label}” section was found; it may not name every ingredient."
            )
        if zone_drafts and carried_title is not None and zone_drafts[0].title is None:
            zone_drafts[0].title = carried_title
        carried_title = trailing_title
        # "Active ingredients: ... Inactive ingredients: ..." is one product's list.
        if (
            zone_drafts
            and drafts
            and previous_kind == "active"
            and zone.kind == "list"
            and zone_drafts[0].title is None
        ):
            drafts[-1].main.extend(zone_drafts[0].main)
            drafts[-1].may_contain.extend(zone_drafts[0].may_contain)
            drafts[-1].main_names.extend(zone_drafts[0].main_names)
            drafts[-1].may_contain_names.extend(zone_drafts[0].may_contain_names)
            zone_drafts = zone_drafts[1:]
        drafts.extend(zone_drafts)
        previous_kind = zone.kind
    return _assemble(drafts, notices, clean, refusals)


def _check_raw(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"parse_list() needs a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise NoListError(
            f"The text is {len(text):,} characters long, more than the {MAX_TEXT_CHARS:,} "
            "we read. An ingredient list is rarely longer than a few thousand characters: "
            "paste only the list."
        )
    if not text or text.isspace():
        raise NoListError(
            "The text is empty. Paste the ingredient list from the pack or the product page."
        )
    junk = len(_JUNK.findall(text)) if _may_hold_junk(text) else 0
    if junk and junk / len(text) > _MAX_JUNK_SHARE:
        raise NoListError(
            "The text is full of control characters, as a picture or program file is. "
            "It is not an ingredient list: copy the list as text instead."
        )


# Unicode categories Cc (controls) and Cs (surrogates), as character ranges: a regex
# scan is many times faster than asking unicodedata about each character of a list.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: Controls that are not white space, surrogates and the replacement character: what
#: a picture or program file pasted as text is full of.
_JUNK = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffd]")


#: The characters of _JUNK in ASCII.
_ASCII_JUNK = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F])


def _may_hold_junk(text: str) -> bool:
    """False when ``text`` holds no character of _JUNK, found quicker than by the pattern."""
    if text.isascii():
        # bytes.translate() drops them all in one C loop.
        return len(text.encode("ascii").translate(None, _ASCII_JUNK)) != len(text)
    return not text.isprintable() or "\ufffd" in text  # the rest of _JUNK is unprintable


def _decode(text: str) -> str:
    # Entities first: "&lt;" holds a ";" that would otherwise split a name.
    text = html.unescape(text)
    return _TAG.sub(_HARD_BREAK, text) if "<" in text else text


# Cheap guards for the three patterns above: each match must contain one of these
# (lower-case) pieces, and most lists contain none, so the slow case-blind
# alternations run only where they can match. Keep them in step with the patterns.
_HEADING_HINTS = _needles(
    "ingr",
    "inci",
    "inhalt",
    "compos",
    "samenst",
    "skład",
    "sklad",
    "bestand",
    "sastoj",
    "ainesos",
    "összet",
    "slož",
    "zlož",
    "состав",
    "成分",
)
_PANEL_TITLE_HINTS = _needles(
    "direction",
    "use",
    "usage",
    "warn",
    "caution",
    "storage",
    "attention",
    "disclaimer",
    "benefit",
    "description",
    "information",
    "question",
    "mode",
    "modo",
    "conseil",
    "anwendung",
    "advertencia",
    "precaucion",
    "avvertenze",
    "gebruik",
    "waarschuw",
    "voc",
)
_PANEL_PHRASE_HINTS = _needles(
    "made",
    "fabri",
    "hergestellt",
    "hecho",
    "prodotto",
    "product",
    "distribu",
    "manufact",
    "mfd",
    "import",
    "net",
    "poids",
    "aware",
    "change",
    "subject",
    "reach",
    "external",
    "avoid",
)


# Headings and panel titles end in a colon or a line break, and most lists hold
# neither; without one a heading can only stand at the very end of the text. A search
# for these is far cheaper than the patterns above.
_TITLE_ENDS = ":：\n\r\u2029"
_TITLE_END_CHARS = _needles(*_TITLE_ENDS)
#: The last word of a heading, at the end of the text ("... Water. Ingredients"). Its
#: last character is a letter or ")".
_HEADING_AT_END = re.compile(rf"(?:{_HEADING_WORD}|list(?:ing)?|\(inci\))\Z", re.IGNORECASE)


# No hint of a panel phrase holds a comma, so the text holds one if and only if one of
# its pieces between commas does; lists repeat those pieces (" glycerin", " water"), and
# each is searched once, instead of each list for each of the 18 hints.
assert not any("," in hint for hint in _PANEL_PHRASE_HINTS.ascii + _PANEL_PHRASE_HINTS.other)


@lru_cache(maxsize=1 << 15)
def _holds_phrase_hint(low_piece: str) -> bool:
    return _has_any(low_piece, _PANEL_PHRASE_HINTS)


_CASE_BLIND = (_HEADING, _PANEL_TITLE, _PANEL_PHRASE)
_CASED = tuple(re.compile(p.pattern, p.flags & ~re.IGNORECASE) for p in _CASE_BLIND)


def _find_zones(clean: str) -> list[_Zone]:
    """Cut the text at headings (a list starts) and panels (a list ends)."""
    events: list[tuple[int, int, str, str]] = []
    leading = _LEADING_HEADING.match(clean)
    low = clean.lower()
    # Most lists are ASCII. In an ASCII text lower() moves no character, and the patterns
    # below, written in lower case, match the same spans of the lower-cased text without
    # ignoring case, in about 60 % of the time (tests/core/test_parse_speedups.py).
    # Labels are still cut from the text as printed.
    ascii_only = clean.isascii()
    scanned, patterns = (low, _CASED) if ascii_only else (clean, _CASE_BLIND)
    heading_pattern, title_pattern, phrase_pattern = patterns
    # A heading ends in a colon or a line break, or else at the very end of the text.
    titled = _has_any(clean, _TITLE_END_CHARS)
    tail = clean.rstrip(" \t")
    headed = titled or (
        (tail[-1:].isalpha() or tail.endswith(")"))
        and _HEADING_AT_END.search(tail, max(0, len(tail) - 20)) is not None
    )
    headings = heading_pattern.finditer(scanned) if headed and _has_any(low, _HEADING_HINTS) else ()
    for match in headings:
        qualifier = (match.group("qualifier") or "").casefold()
        kind = (
            "key" if qualifier in _KEY_QUALIFIERS else "active" if qualifier == "active" else "list"
        )
        label = clean[match.start() : match.end()].strip(" :：\t\n")
        events.append((match.start(), match.end(), kind, label))
    if leading and not any(start <= leading.end() for start, *_ in events):
        events.append((leading.start(), leading.end(), "list", leading.group().strip()))
    for pattern, possible in (
        (title_pattern, titled and _has_any(low, _PANEL_TITLE_HINTS)),
        (phrase_pattern, any(map(_holds_phrase_hint, low.split(",")))),
    ):
        if not possible:
            continue
        for match in pattern.finditer(scanned):
            events.append((match.start(), match.end(), "cut", clean[slice(*match.span("panel"))]))
    events.sort()
    has_heading = any(kind != "cut" for _, _, kind, _ in events)
    zones = [_Zone("pre" if has_heading else "list", "", 0, len(clean))]
    position = 0
    for start, end, kind, label in events:
        if start < position:  # overlaps the heading or panel just taken
            continue
        if kind == "cut" and zones[-1].kind == "cut":
            continue  # "Please be aware that ingredient lists may change": one panel
        zones[-1].end = start
        # A cut zone keeps its panel word, so that the notice quotes it.
        zones.append(_Zone(kind, label, start if kind == "cut" else end, len(clean)))
        position = end
    return zones


def _read_zone(body: str, notices: list[str]) -> tuple[list[_Draft], set[str], str | None]:
    """Read one zone into sections. Returns them, the kinds of text refused ("prose"),
    and the title of an empty last section: in "Pineapple Face
    Mask:INGREDIENTS: Water, ..." the name before the heading names the next list."""
    drafts: list[_Draft] = []
    refusals: set[str] = set()
    trailing_title: str | None = None
    blurbs: list[_Draft] = []
    described = 0  # titled sections refused as descriptions
    for title, content in _kit_sections(body):
        check()
        draft = _read_section(title, content, notices)
        if isinstance(draft, str):
            refusals.add(draft)
            described += title is not None and draft == "prose"
            continue
        if draft.main or draft.may_contain:
            drafts.append(draft)
            trailing_title = None
            if title is not None and _is_blurb(title, content, draft):
                blurbs.append(draft)
        elif title is not None:
            trailing_title = title
    # Shop pages print what each star ingredient does as "-Commiphora Oil: Renews skin.
    # -Lactic Acid: Gently exfoliates skin." Each piece looks like a tiny kit; two or
    # more in one stretch of text are a description, not products.
    if blurbs and len(blurbs) + described >= 2:
        notices.append(
            "Left out descriptions of single ingredients (“name: what it does.”): "
            + _excerpt("; ".join(f"{d.title}: {', '.join(d.main)}" for d in blurbs))
        )
        drafts = [d for d in drafts if all(d is not b for b in blurbs)]
        refusals.add("prose")
    return drafts, refusals, trailing_title


def _is_blurb(title: str, content: str, draft: _Draft) -> bool:
    """ "Commiphora Oil: Renews skin." A title in title case, then a short sentence in
    lower case: unlike "Night Oil: Squalane, Tocopherol.", a kit member's list."""
    words = _WORD.findall(content)
    return (
        len(draft.main) <= 2
        and content.rstrip().endswith(".")
        and any(w[0].isupper() for w in _WORD.findall(title))
        and any(w[0].islower() and w not in ("and", "of") for w in words)
    )


def _kit_sections(body: str) -> list[tuple[str | None, str]]:
    """Split a zone at product names followed by a colon.

    "Beste™ No.9 Jelly Cleanser: Water, ... Sodium Chloride. C-Firma™ Day Serum: Water,"
    is two lists. A title runs back from its colon to the nearest separator or ". ";
    "No.9" has no space after its dot, so it stays in the title.
    """
    if not _has_any(body, _COLON_CHARS):
        return [(None, body)]  # most lists: no colon, no title
    outside = _Outside(body)
    titles: list[tuple[int, int, str]] = []  # (title start, content start, title)
    for colon in _COLONS.finditer(body):
        check()
        index = colon.start()
        if not outside[index]:
            continue
        before = body[index - 1] if index else ""
        after = body[index + 1] if index + 1 < len(body) else ""
        if (before.isdigit() and after.isdigit()) or body.startswith("//", index + 1):
            continue  # "4:1 Root Extract", "https://"
        start = _title_start(body, index, outside)
        if start is None:
            continue
        if titles and start < titles[-1][1]:
            start = titles[-1][1]
        raw = body[start:index]
        title = raw.strip(_LEADING_BULLETS + " \n\r\u2029")
        words = _WORD.findall(title)
        if (
            not words
            or len(words) > _MAX_TITLE_WORDS
            or len(title) > _MAX_TITLE_CHARS
            or _MAY_CONTAIN.fullmatch(title + ":")
        ):
            continue
        titles.append((start, index + 1, title))
    sections: list[tuple[str | None, str]] = []
    first_end = titles[0][0] if titles else len(body)
    sections.append((None, body[:first_end]))
    for number, (_start, content_start, title) in enumerate(titles):
        end = titles[number + 1][0] if number + 1 < len(titles) else len(body)
        sections.append((title, body[content_start:end]))
    return sections


_COLONS = re.compile("[:：]")
_COLON_CHARS = _needles(":", "：")
_TITLE_BREAK = re.compile(f"[,;|\n\r\u2029{''.join(sorted(_BULLETS))}]|\\.(?=\\s)")
# "Beste No. 9 Jelly Cleanser:" (the Drunk Elephant kit prints "No." with a space too):
# a full stop after these words abbreviates, it does not end a sentence. The word ends
# the text searched, so a search starts a few characters before that end.
_ABBREVIATION_BEFORE = re.compile(r"(?<![^\W\d_])(?:no|nr|vol|n°|st|dr)$", re.IGNORECASE)


def _title_start(body: str, colon: int, outside: _Outside) -> int | None:
    """Where the title before ``colon`` begins, or None when it would be too long."""
    floor = colon - _MAX_TITLE_CHARS - 2
    # A separator, or a full stop with a space after it inside the title's reach; the
    # nearest one outside brackets that does not abbreviate begins the title.
    ends = [m.start() for m in _TITLE_BREAK.finditer(body, max(floor, 0), colon)]
    for index in reversed(ends):
        if outside[index] and (
            body[index] != "." or not _ABBREVIATION_BEFORE.search(body, max(0, index - 8), index)
        ):
            return index + 1
    return None if floor > 0 else 0


def _read_section(title: str | None, content: str, notices: list[str]) -> _Draft | str:
    """Read one product's list. Returns why not ("prose") when the text is no list;
    names run together with no separators are kept, marked ``unseparated``."""
    literal = _LIST_LITERAL.fullmatch(content)
    if literal:
        content = literal.group("items")
    line_mode = _uses_lines(content)
    pieces = _split_top_level(content, line_mode)
    judged = _read_items(pieces)
    # Judge the text as printed, before sentences are cut out of it one by one.
    refusal = _refusal(judged.counts, _AS_PRINTED)
    unseparated = refusal == "unseparated"
    if refusal and not unseparated:
        _note_refusal(refusal, title, content, notices)
        return refusal
    content, footnotes = _cut_footnotes(content, line_mode)
    if footnotes.strip():
        notices.append(f"Left out the footnotes after the list: {_excerpt(footnotes)}")
    # A shade block needs a hint in the text; a hint holds no separator, so it stands in
    # one of the pieces, each searched for it once (_reading).
    shade_hints = judged.counts >> _COUNT_BITS * _SHADE_HINTS  # the last field
    parts, may_contain = _split_may_contain(content, shade_hints > 0)
    draft = _Draft(title)
    counts = 0
    for part, printed, names in chain(
        ((part, draft.main, draft.main_names) for part in parts),
        [(may_contain, draft.may_contain, draft.may_contain_names)] if may_contain else [],
    ):
        part_pieces = _list_pieces(part, line_mode)
        # Most lists have no footnote and no shade block: their one part is the text
        # just judged, and its pieces are not read again.
        items = judged if part_pieces == pieces else _read_items(part_pieces)
        printed += items.printed
        names += items.names
        notices += items.notices
        counts += items.counts
    if draft.may_contain:
        notices.append(
            "Some names follow “may contain” (or “+/-”): they are in some shades only, "
            "and are listed after the others."
        )
    refusal = _refusal(counts, _AS_READ)
    if refusal == "unseparated" or (unseparated and not refusal):
        draft.unseparated = True
        return draft
    if refusal:
        _note_refusal(refusal, title, content, notices)
    return refusal or draft


def _note_refusal(refusal: str, title: str | None, content: str, notices: list[str]) -> None:
    passage = _excerpt((f"{title}: " if title else "") + content)
    if refusal == "prose":
        notices.append(f"Left out a passage that reads like a description, not a list: {passage}")
    else:
        notices.append(f"Left out a long run of words with no commas between them: {passage}")


def _uses_lines(content: str) -> bool:
    """True when each line is a name. A list wrapped over lines has a comma on most
    lines, and there a newline is only a space: scraped text breaks "Sodium\\nBenzoate"."""
    if not _has_any(content, _LINE_BREAK_CHARS):
        return False  # one line
    lines = [line for line in _LINE_BREAKS.split(content) if line.strip()]
    if len(lines) < 2:
        return False
    commas = len(_COMMAS.findall(_Outside(content).mask(content)))
    return commas < len(lines) - 1


_LINE_BREAKS = re.compile(r"[\n\r\u2029]")
_LINE_BREAK_CHARS = _needles("\n", "\r", "\u2029")
_COMMAS = re.compile("[,;]")


def _cut_footnotes(content: str, line_mode: bool) -> tuple[str, str]:
    """Cut footnote definitions from the end of a list ("... Oil*. *Organic.").

    Only the text after the last separator is searched, so a marked name inside the
    list is never taken for a footnote. The mark must point somewhere: it is glued to a
    name earlier ("Glycerin*"), or it follows a full stop. A mark that starts two or
    more lines is a bullet, not a footnote.
    """
    if not _has_any(content, _MARK_START_CHARS):
        return content, ""  # no mark, no footnote: most lists
    outside = _Outside(content)
    separators = ",;|\u2029" + ("\n\r" if line_mode else "")
    # Separators and breaks after the last footnote ("...</p>" left a break) do not count.
    end = len(content.rstrip(separators + "\n\r\u2029 \t"))
    tail_start = _after_last_separator(content, end, line_mode, outside)
    glued: set[str] | None = None  # both read only when a footnote may start
    bullets: collections.Counter[str] | None = None
    for match in _FOOTNOTE_START.finditer(content, tail_start):
        mark = match.group("mark")
        if bullets is None:
            bullets = collections.Counter(
                m.group("mark") for m in _LINE_START_MARK.finditer(content)
            )
        if not outside[match.start()] or bullets[mark] >= 2:
            continue
        before = match.start() - 1
        while before >= 0 and content[before].isspace():
            before -= 1
        if before < 0:
            continue  # the whole text is a footnote: read it as a name
        if glued is None:
            glued = {m.group("mark") for m in _GLUED_MARK.finditer(content)}
        if mark in glued or content[before] == ".":
            return content[: match.start()], content[match.start() :]
    return content, ""


def _after_last_separator(content: str, end: int, line_mode: bool, outside: _Outside) -> int:
    """Where the text after the last separator outside brackets before ``end`` starts
    (0 if there is none). It is looked for from the end, one character at a time:
    rfind() is quicker than a pattern over the whole list."""
    chars = _LINE_SEPARATORS if line_mode else _SEPARATORS
    last = max(content.rfind(ch, 0, end) for ch in chars)
    while last >= 0 and not outside[last]:
        last = max(content.rfind(ch, 0, last) for ch in chars)
    return last + 1


def _split_may_contain(content: str, hinted: bool = True) -> tuple[list[str], str | None]:
    """Return (main parts, may-contain text or None). ``hinted``: False when ``content``
    is known to hold none of _MAY_CONTAIN_HINTS.

    A bracketed block ends at its closing bracket; what follows it is list again
    ("..., [+/- CI 77491, CI 77492], Glycerin" is rare but printed).
    """
    hinted = hinted and _has_any(content.lower(), _MAY_CONTAIN_HINTS)
    if not hinted and not _PLUS_MINUS.search(content):
        return [content], None
    outside = _Outside(content)
    for match in _MAY_CONTAIN.finditer(content):
        start = match.start()
        if not outside[start] or not _at_boundary(content, start):
            continue
        if match.group("open"):
            close = _matching_close(content, start)
            if close is not None:
                return ([content[:start], content[close + 1 :]], content[match.end() : close])
        return [content[:start]], content[match.end() :]
    return [content], None


def _at_boundary(content: str, index: int) -> bool:
    if index == 0 or content[index - 1].isspace():
        return True
    before = content[index - 1]
    return before in ",;.|:\n\r\u2029" or before in _BULLETS


def _list_pieces(part: str, line_mode: bool) -> Sequence[str]:
    """The pieces of a part of a list, each holding a name or a blend of names."""
    pieces = _split_top_level(part, line_mode)
    if not line_mode and len(pieces) == 1 and len(_STOP_SPACE.findall(part)) >= 2:
        # "Aqua. Glycerin. Mica." printed with full stops between names.
        return _STOPS.split(part)
    return pieces


@dataclass(slots=True)
class _Items:
    """The names read from some pieces of a list, in order."""

    printed: list[str]
    names: list[str]  # cleaned, see clean_name
    notices: list[str]
    counts: int  # of all the pieces, see _Reading.counts


def _read_items(pieces: Sequence[str]) -> _Items:
    """Read each piece into printed names; drop what is no name."""
    read = list(map(_read_piece, pieces))
    last = len(pieces) - 1
    while last >= 0 and not pieces[last].strip():
        last -= 1
    if last >= 0:  # its full stop ends the list, not a name
        read[last] = _read_last_piece(pieces[last])
    if not read:
        return _Items([], [], [], 0)
    # One transposition of the readings, then `list += tuple` for each piece in C: a
    # third quicker than chain.from_iterable(); a loop over the readings is slower still.
    counts, pairs, notices = zip(*read, strict=True)
    names = reduce(iadd, pairs, [])
    return _Items(
        names[::2], names[1::2], reduce(iadd, notices, []) if any(notices) else [], sum(counts)
    )


_STOP_SPACE = re.compile(r"\.\s")
_STOPS = re.compile(r"\.\s+")


class _Reading(NamedTuple):
    """What the reader needs from one piece of a list, worked out once per piece."""

    #: Counts, packed (see _pack): at _AS_PRINTED the word counts of the piece as
    #: printed, cut at "(and)", that its section is judged by before it is read
    #: (_refusal); at _AS_READ those of the names read from it, that it is judged by
    #: once read; at _SHADE_HINTS 1 if the piece holds a hint of a "may contain" block.
    counts: int
    #: The names read from the piece, each as printed then cleaned (see clean_name).
    pairs: tuple[str, ...]
    notices: tuple[str, ...]


# Lists repeat the same pieces ("Water", " Glycerin"), and a piece reads the same
# wherever it stands, so each is read once. One lookup gives all a piece holds: a list
# of 30 names used to cost five cache lookups a name (blend, word counts twice, the
# piece, the clean name), a tenth of the reading.
@lru_cache(maxsize=1 << 15)
def _read_piece(piece: str) -> _Reading:
    return _reading(piece, last=False)


@lru_cache(maxsize=1 << 13)
def _read_last_piece(piece: str) -> _Reading:
    """The list's last piece: a full stop at its end ends the list, not a name."""
    return _reading(piece, last=True)


def _reading(piece: str, last: bool) -> _Reading:
    check()  # once for each piece not read before: the reader's longest loop
    notices: list[str] = []
    printed = piece.strip().lstrip(_LEADING_BULLETS).strip()
    if len(printed) >= 2 and printed[0] in "'\"" and printed[-1] == printed[0]:
        printed = printed[1:-1].strip()  # 'Water' from a pasted list literal
    if last:
        printed = printed.rstrip(". ").rstrip() if not printed.endswith("..") else printed
    printed = _cut_sentence(printed, notices)
    names: list[str] = []
    for blend_part in _split_blend(printed):
        if not clean_name(blend_part):
            if any(ch.isalnum() for ch in blend_part):
                notices.append(f"Left out “{blend_part}”: it holds no letters.")
            continue
        names.append(blend_part)
    pairs = tuple(text for name in names for text in (name, clean_name(name)))
    shade_hints = _has_any(piece.lower(), _MAY_CONTAIN_HINTS)
    counts = _pack(*_counts(_split_blend(piece)), *_counts(names), shade_hints)
    return _Reading(counts, pairs, tuple(notices))


def _counts(items: Sequence[str]) -> tuple[int, int, int]:
    """How many items, words, and small words of prose (see _word_counts) they hold."""
    words = small_words = 0
    for item_words, item_small_words in map(_word_counts, items):
        words += item_words
        small_words += item_small_words
    return len(items), words, small_words


# The word counts of a section are sums over its pieces. They are packed into one int,
# in fields wide enough for any text we read (MAX_TEXT_CHARS), so that one sum() over
# the pieces adds them all: a sum for each count cost more than the rest of the judging.
_COUNT_BITS = 20
_COUNT_MASK = (1 << _COUNT_BITS) - 1
assert MAX_TEXT_CHARS <= _COUNT_MASK
#: Where the counts of _Reading.counts start.
_AS_PRINTED = 0
_AS_READ = 3
_SHADE_HINTS = 6


def _pack(*counts: int) -> int:
    packed = 0
    for count in reversed(counts):
        packed = packed << _COUNT_BITS | count
    return packed


def _unpack(packed: int, first: int) -> tuple[int, int, int]:
    """The three counts from field ``first`` on (see _counts)."""
    packed >>= _COUNT_BITS * first
    return (
        packed & _COUNT_MASK,
        packed >> _COUNT_BITS & _COUNT_MASK,
        packed >> 2 * _COUNT_BITS & _COUNT_MASK,
    )


_LOCANT_AFTER = re.compile(r"[ \t]?\d+-[^\W\d_]")


# Only these characters can end a name.
_SEPARATORS = f";|\u2029,{''.join(sorted(_BULLETS))}"
_LINE_SEPARATORS = f"{_SEPARATORS}\n\r"  # in line mode (see _uses_lines)
_SEPARATOR_CHARS = re.compile(f"[{_SEPARATORS}]")
_LINE_SEPARATOR_CHARS = re.compile(f"[{_LINE_SEPARATORS}]")
_NON_COMMAS = _needles(*_SEPARATORS.replace(",", ""))
_LINE_NON_COMMAS = _needles(*_LINE_SEPARATORS.replace(",", ""))
#: A round pair with no bracket and no separator inside: "(Seaweed)".
_QUIET_PAIR = re.compile(rf"\([^{re.escape(_OPENERS + _CLOSERS + _SEPARATORS)}]*\)")
_LINE_QUIET_PAIR = re.compile(rf"\([^{re.escape(_OPENERS + _CLOSERS + _LINE_SEPARATORS)}]*\)")


def _all_pairs_quiet(part: str, line_mode: bool) -> bool:
    """Whether every bracket of ``part`` stands in a quiet pair (_QUIET_PAIR): then no
    separator stands inside brackets (see _Outside), and _Outside need not be asked."""
    pairs = (_LINE_QUIET_PAIR if line_mode else _QUIET_PAIR).findall(part)
    return part.count("(") + part.count(")") == 2 * len(pairs) and not _has_any(
        part, _OTHER_BRACKETS
    )


#: A comma that may belong to a name: a digit (isdigit() holds for word characters
#: only) or a non-ASCII letter follows it, perhaps after one space. Most lists have none,
#: and then every separator outside brackets ends a name.
_MAYBE_NAME_COMMA = re.compile(r",(?=[ \t]?[^\W_A-Za-z])")


# Like _bracket_flips: a section is split once to judge it and once to read it.
@lru_cache(maxsize=16)
def _split_top_level(part: str, line_mode: bool) -> tuple[str, ...]:
    candidates = _LINE_SEPARATOR_CHARS if line_mode else _SEPARATOR_CHARS
    commas = [m.start() for m in _MAYBE_NAME_COMMA.finditer(part)]
    quiet = _all_pairs_quiet(part, line_mode)
    if quiet and not _has_any(part, _LINE_NON_COMMAS if line_mode else _NON_COMMAS):
        # Commas are the only separators and none stands inside brackets: most lists.
        pieces = _split_at_commas(part, commas)
    elif commas:
        pieces = _split_checking_commas(part, candidates, _Outside(part), set(commas))
    elif quiet:
        pieces = candidates.split(part)  # no separator stands inside brackets
    else:
        # Every separator outside brackets ends a name: split each stretch outside
        # brackets at once, and glue each bracketed stretch to the names around it.
        bounds = (0, *_Outside(part).flips, len(part))
        pieces = candidates.split(part[: bounds[1]])
        for n in range(1, len(bounds) - 1, 2):
            following = candidates.split(part[bounds[n + 1] : bounds[n + 2]])
            pieces[-1] += part[bounds[n] : bounds[n + 1]] + following[0]
            pieces += following[1:]
    if line_mode:
        pieces = [_LINE_BULLET.sub("", p, count=1) if _LINE_BULLET.match(p) else p for p in pieces]
    return tuple(pieces)


def _split_checking_commas(
    part: str, candidates: re.Pattern[str], outside: _Outside, commas: set[int]
) -> list[str]:
    """Split ``part`` at each separator outside brackets, except at those of ``commas``
    (positions) that belong to a name."""
    ends: list[int] = []
    start = 0
    for match in candidates.finditer(outside.mask(part)):
        index = match.start()
        if index in commas and _comma_in_name(part, start, index):
            continue
        ends.append(index)
        start = index + 1
    return [part[a:b] for a, b in zip([0, *(i + 1 for i in ends)], [*ends, len(part)], strict=True)]


def _split_at_commas(part: str, commas: list[int]) -> list[str]:
    """_split_checking_commas() for a part whose only separators are commas, none of
    them inside brackets. str.split() cuts at every comma several times quicker than a
    pattern; then the names are joined again at those of ``commas`` (positions, in
    order; most lists have none) that belong to a name.

    Each step is linear: a row of numbers ("1,2,3,...", every comma part of one name)
    once cost the cube of its length, looking back over every joined comma for each
    one (a text of 10,000 characters: 239 s)."""
    pieces = part.split(",")
    if not commas:
        return pieces
    starts: dict[int, int] = {}  # a comma that belongs to a name -> where its name starts
    joined: list[int] = []  # the numbers of those commas, counted from 0
    number = 0  # commas before ``index``
    counted_to = 0
    for index in commas:
        before = part.rfind(",", 0, index)
        # The name starts after the comma before, unless that one was part of a name.
        start = starts.get(before, before + 1)
        number += part.count(",", counted_to, index)
        counted_to = index
        if _comma_in_name(part, start, index):
            starts[index] = start
            joined.append(number)
    if not joined:
        return pieces
    # Comma number n joins pieces n and n + 1; a run of joined commas makes one name.
    names: list[str] = []
    taken = 0  # pieces before this one are placed
    run_start = joined[0]
    for previous, current in zip(joined, [*joined[1:], -1], strict=True):
        if current == previous + 1:
            continue
        names += pieces[taken:run_start]
        names.append(",".join(pieces[run_start : previous + 2]))
        taken = previous + 2
        run_start = current
    names += pieces[taken:]
    return names


def _comma_in_name(part: str, start: int, index: int) -> bool:
    """Whether the comma at ``index`` (the name so far starts at ``start``) is part of it."""
    # "1,2-Hexanediol": a comma between digits is part of the name.
    prev = part[index - 1] if index else ""
    nxt = part[index + 1] if index + 1 < len(part) else ""
    if prev.isdigit() and nxt.isdigit():
        return True
    # "1, 2-Hexanediol": shops retype the locant comma with a space (nine rows of the
    # Sephora corpus print it so); a bare number before it is no name.
    return part[start:index].strip().isdigit() and _LOCANT_AFTER.match(part, index + 1) is not None


def _cut_sentence(printed: str, notices: list[str]) -> str:
    """Cut a sentence glued to a name: "Mica. This product is not tested on animals"."""
    stops = list(re.finditer(r"\.\s+", printed))
    for number, stop in enumerate(stops):
        following = stops[number + 1].start() if number + 1 < len(stops) else len(printed)
        if _is_sentence(printed[stop.end() : following]) or _DECLARATION.match(
            printed, stop.end()
        ):
            notices.append(
                f"Left out a sentence inside the list: {_excerpt(printed[stop.end() :])}"
            )
            return printed[: stop.start()].rstrip()
    if _is_sentence(printed):
        notices.append(f"Left out a sentence inside the list: {_excerpt(printed)}")
        return ""
    return printed


@lru_cache(maxsize=1 << 15)
def _is_sentence(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text)]
    return len(words) >= 5 and sum(w in _SENTENCE_WORDS for w in words) >= 2


@lru_cache(maxsize=1 << 15)
def _split_blend(printed: str) -> tuple[str, ...]:
    if not printed:
        return ()
    if not _AND_BLEND.search(printed):
        return (printed.strip(),) if printed.strip() else ()
    outside = _Outside(printed)
    parts: list[str] = []
    start = 0
    for match in _AND_BLEND.finditer(printed):
        if match.start() and outside[match.start() - 1]:
            parts.append(printed[start : match.start()].strip())
            start = match.end()
    parts.append(printed[start:].strip())
    return tuple(p for p in parts if p)


@lru_cache(maxsize=1 << 15)
def clean_name(printed: str) -> str:
    """The printed text without footnote marks, amounts, trade-mark signs or odd spacing."""
    name = _SPACES.sub(" ", printed)
    name = _CONTROLS.sub("", name)
    name = _MARKS_IN_NAME.sub("", name)
    name = _AMOUNT.sub(" ", name)
    name = _EMPTY_BRACKETS.sub(" ", name)
    name = _SPACES.sub(" ", name)
    name = _SPACE_INSIDE_BRACKETS.sub(lambda m: m.group(1) or m.group(2), name)
    # Only single spaces are left (_SPACES above), so " " stands for every space.
    name = _LEADING_MARKS.sub("", name).rstrip(_TRAILING_MARKS)
    name = name.strip(" ,;:").strip()
    return name if any(ch.isalpha() for ch in name) else ""


def _refusal(counts: int, first: int) -> str | None:
    """ "prose" for sentences, "unseparated" for names run together with no separators,
    None for what may be a list. ``counts``: the packed counts of its pieces, read from
    field ``first`` on (see _Reading.counts)."""
    items, words, small_words = _unpack(counts, first)
    if not words:
        return None
    per_item = words / items
    small = small_words / words
    if per_item >= 4 and small >= 0.1:
        return "prose"
    # The longest INCI names run to about a dozen words; more per name means the
    # separators are missing ("Propylene Glycol Cyclopentasiloxane Ascorbic Acid ...").
    if per_item > 12:
        return "unseparated"
    return None


@lru_cache(maxsize=1 << 15)
def _word_counts(item: str) -> tuple[int, int]:
    """How many words a name holds, and how many of them are small words of prose."""
    words = [w.casefold() for w in _WORD.findall(_AND_BLEND.sub(" ", item))]
    return len(words), sum(w in _PROSE_WORDS for w in words)


def _matching_close(text: str, opener: int) -> int | None:
    want = _CLOSERS[_OPENERS.index(text[opener])]
    depth = 0
    for index in range(opener, len(text)):
        if text[index] == text[opener]:
            depth += 1
        elif text[index] == want:
            depth -= 1
            if depth == 0:
                return index
    return None


def _excerpt(text: str) -> str:
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) > _NOTICE_EXCERPT:
        flat = flat[: _NOTICE_EXCERPT - 1].rstrip() + "…"
    return f"“{flat}”"


def _assemble(
    drafts: list[_Draft], notices: list[str], clean: str, refusals: set[str]
) -> ParsedList:
    drafts = [d for d in drafts if d.main or d.may_contain]
    if not drafts:
        raise NoListError(_why_nothing(clean, refusals))
    printed: list[str] = []
    names: list[str] = []
    numbers: list[int] = []  # the section of each name
    shades: list[bool] = []  # whether it stands in a "may contain" block
    sections: list[Section] = []
    for number, draft in enumerate(drafts):
        first = len(printed) + 1
        printed += draft.main
        printed += draft.may_contain
        names += draft.main_names
        names += draft.may_contain_names
        numbers += [number] * (len(printed) - first + 1)
        shades += [False] * len(draft.main)
        shades += [True] * len(draft.may_contain)
        sections.append(Section(draft.title, first, len(printed)))
    ingredients = _ingredients(range(1, len(printed) + 1), printed, names, numbers, shades)
    if len(ingredients) == 1:
        reason = _not_a_list(ingredients[0].printed)
        if reason:
            raise NoListError(reason)
    if len(sections) > 1:
        notices.append(
            f"The text holds {len(sections)} lists (a kit or set); positions run on "
            "through all of them."
        )
    unseparated = any(draft.unseparated for draft in drafts)
    return ParsedList(ingredients, tuple(sections), tuple(dict.fromkeys(notices)), unseparated)


# Ingredient() writes each field through object.__setattr__, as a frozen dataclass
# must: 0.6 µs an ingredient, a sixth of the reading of a list. The same values are
# made here with their fields written straight into their slots, one field at a time
# over all ingredients, by loops that run in C. The slots are those of the dataclass,
# so the values are the same as Ingredient() makes: equal, hashed, printed and frozen
# alike (tests/core/test_parse_speedups.py).
_INGREDIENT_SLOTS = tuple(getattr(Ingredient, f.name).__set__ for f in fields(Ingredient))


def _ingredients(*columns: Sequence[object]) -> tuple[Ingredient, ...]:
    """One Ingredient per row of ``columns``, given in the order of its fields."""
    made = tuple(map(object.__new__, repeat(Ingredient, len(columns[0]))))
    for write, column in zip(_INGREDIENT_SLOTS, columns, strict=True):
        collections.deque(map(write, made, column), maxlen=0)
    return made


def _why_nothing(clean: str, refusals: set[str]) -> str:
    if "prose" in refusals:
        return (
            "The text reads like sentences, not like a list of ingredients separated "
            "by commas. Paste the ingredient list itself."
        )
    if _HEADING.search(clean):
        return "The text has an ingredients heading, but no ingredients after it."
    return "No ingredient names were found in the text."


def _not_a_list(printed: str) -> str | None:
    """Why a text that is a single name is not a list, or None when it may be one:
    a one-ingredient product ("100% Sclerocarya Birrea (Marula) Kernel Oil") is real."""
    flat = printed.strip()
    if _URL.match(flat):
        return (
            "The text is a web address, not an ingredient list. Use the product page "
            "box for addresses, or paste the list itself."
        )
    words = _WORD.findall(flat)
    if flat.casefold() in _NON_ANSWERS or (len(words) == 1 and words[0].casefold() in _NON_ANSWERS):
        return (
            f"The text is the single word “{flat}”, not an ingredient list."
            if len(words) == 1
            else f"The text “{flat}” is not an ingredient list."
        ) + " Paste the whole list, with its names separated by commas."
    if " " not in flat and len(flat) > 40:
        return (
            "The text is one long run of characters with no spaces or commas; it is "
            "not an ingredient list."
        )
    letters = [ch for ch in flat.casefold() if ch.isalpha()]
    if (
        len(words) == 1
        and len(letters) >= 4
        and (len(set(letters)) == 1 or (letters[0].isascii() and not set(letters) & set("aeiouy")))
    ):
        return (
            f"The text “{flat}” does not look like an ingredient name, and there is "
            "nothing else to read."
        )
    return None
