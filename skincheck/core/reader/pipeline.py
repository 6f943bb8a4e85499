"""parse_list(): find the ingredient list in a pasted text and read it into ingredients.

The reader keeps what was printed beside a cleaned name and a position, splits kits into
titled sections, moves "may contain" shade blocks to the end of their section, and says
in plain words (notices) what it left out: preambles, directions, warnings, footnotes.

It reads a text in six steps, each a function below or in the module named:

1. Check the raw text: not too long, not empty, not a binary file (spans.check_raw).
2. Decode HTML entities and turn tags into hard breaks (spans.decode).
3. Cut the text into zones at headings and panels (sections.find_zones): "pre" before
   a heading, "list", "active", "key" (a marketing pick) after one, "cut" after a panel.
   Cut zones, and key zones beside a full list, are left out with a notice.
4. Cut each zone into kit sections at product titles (sections.kit_sections). Each
   section is cut into pieces at its separators outside brackets (spans.split_pieces),
   judged as a list or as prose, stripped of footnotes (sections.cut_footnotes) and of
   its shade block (sections.split_may_contain). Its bracket depth (spans.Brackets) is
   worked out once, when a step first needs it, and shared by the steps.
5. Read each piece into names (items.read_piece): trim, cut glued sentences, split
   blends at "(and)", clean each name (items.clean_name).
6. Assemble the sections into numbered ingredients; refuse a text with none, or a single
   "name" that is a web address or a placeholder (items.not_a_list).

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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from itertools import chain
from itertools import count
from itertools import repeat
from operator import attrgetter

from skincheck.core.budget import check
from skincheck.core.errors import NoListError
from skincheck.core.model import Ingredient
from skincheck.core.model import ParsedList
from skincheck.core.model import Section
from skincheck.core.reader import items
from skincheck.core.reader import sections
from skincheck.core.reader import spans
from skincheck.core.reader.items import Counts
from skincheck.core.reader.spans import excerpt

#: A Python or JSON list pasted as text, as dataset fields hold them:
#: "['Water', 'Glycerin']". Its brackets would otherwise make it one name.
_LIST_LITERAL = re.compile(r"\s*\[\s*(?P<items>(['\"]).*\2)\s*\]\s*", re.DOTALL)
_STOP_SPACE = re.compile(r"\.\s")
_STOPS = re.compile(r"\.\s+")


@dataclass(slots=True)
class _Draft:
    """One section while it is being read."""

    title: str | None
    main: list[str] = field(default_factory=list)
    may_contain: list[str] = field(default_factory=list)
    #: The cleaned names (see clean_name) of main and may_contain, in step with them.
    main_names: list[str] = field(default_factory=list)
    may_contain_names: list[str] = field(default_factory=list)
    #: Names run together with no separators (see items.refusal): kept, for the caller
    #: to split at known names (skincheck.core.segment), instead of refused.
    unseparated: bool = False


def parse_list(text: str) -> ParsedList:
    """Read an ingredient list out of ``text``.

    Raises NoListError, with a plain reason, when the text holds no list.
    """
    spans.check_raw(text)  # 1
    clean = spans.decode(text)  # 2
    notices: list[str] = []
    zones = sections.find_zones(clean)  # 3
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
                notices.append(f"Left out what is not part of the list: {excerpt(body)}")
            continue
        if zone.kind == "key" and has_list_zone:
            if body.strip():
                notices.append(
                    f"Skipped the “{zone.label}” section: it picks a few ingredients to "
                    "advertise; the full list is read instead."
                )
            continue
        zone_drafts, zone_refusals, trailing_title = _read_zone(body, notices)  # 4, 5
        refusals |= zone_refusals
        if zone.kind == "pre" and sum(len(d.main) + len(d.may_contain) for d in zone_drafts) < 3:
            if body.strip():
                notices.append(f"Left out the text before the list: {excerpt(body)}")
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
    return _assemble(drafts, notices, clean, refusals)  # 6


# --- Step 4: a zone into sections ------------------------------------------------------------


def _read_zone(body: str, notices: list[str]) -> tuple[list[_Draft], set[str], str | None]:
    """Read one zone into sections. Returns them, the kinds of text refused ("prose"),
    and the title of an empty last section: in "Pineapple Face
    Mask:INGREDIENTS: Water, ..." the name before the heading names the next list."""
    drafts: list[_Draft] = []
    refusals: set[str] = set()
    trailing_title: str | None = None
    blurbs: list[_Draft] = []
    described = 0  # titled sections refused as descriptions
    zone_brackets = spans.Brackets(body)
    for title, content in sections.kit_sections(zone_brackets):
        check()
        # Most zones are one untitled section: its brackets are the zone's.
        brackets = zone_brackets if content == body else spans.Brackets(content)
        draft = _read_section(title, brackets, notices)
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
            + excerpt("; ".join(f"{d.title}: {', '.join(d.main)}" for d in blurbs))
        )
        drafts = [d for d in drafts if all(d is not b for b in blurbs)]
        refusals.add("prose")
    return drafts, refusals, trailing_title


def _is_blurb(title: str, content: str, draft: _Draft) -> bool:
    """ "Commiphora Oil: Renews skin." A title in title case, then a short sentence in
    lower case: unlike "Night Oil: Squalane, Tocopherol.", a kit member's list."""
    return (
        len(draft.main) <= 2
        and content.rstrip().endswith(".")
        and any(w[0].isupper() for w in items.words_of(title))
        and any(w[0].islower() and w not in ("and", "of") for w in items.words_of(content))
    )


def _read_section(title: str | None, brackets: spans.Brackets, notices: list[str]) -> _Draft | str:
    """Read one product's list (the text of ``brackets``). Returns why not ("prose")
    when the text is no list; names run together with no separators are kept, marked
    ``unseparated``."""
    content = brackets.text
    literal = _LIST_LITERAL.fullmatch(content)
    if literal:
        content = literal.group("items")
        brackets = spans.Brackets(content)
    line_mode = spans.uses_lines(content, brackets)
    pieces = spans.split_pieces(brackets, line_mode)
    judged = _read_items(pieces)
    # Judge the text as printed, before sentences are cut out of it one by one.
    refusal = items.refusal(judged.as_printed)
    unseparated = refusal == "unseparated"
    if refusal and not unseparated:
        _note_refusal(refusal, title, content, notices)
        return refusal
    listed, footnotes = sections.cut_footnotes(brackets, line_mode)
    if footnotes.strip():
        notices.append(f"Left out the footnotes after the list: {excerpt(footnotes)}")
    if listed != content:
        brackets = spans.Brackets(listed)
    parts, may_contain = sections.split_may_contain(brackets)
    draft = _Draft(title)
    as_read: list[Counts] = []
    blocks = [(part, draft.main, draft.main_names) for part in parts]
    if may_contain:
        blocks.append((may_contain, draft.may_contain, draft.may_contain_names))
    for part, printed, names in blocks:
        # Most lists have no footnote and no shade block: their one part is the text
        # just judged, and its pieces are not read again.
        part_pieces = _by_full_stops(
            part,
            pieces if part == content else spans.split_pieces(spans.Brackets(part), line_mode),
            line_mode,
        )
        read = judged if part_pieces is pieces else _read_items(part_pieces)
        printed += read.printed
        names += read.names
        notices += read.notices
        as_read.append(read.as_read)
    if draft.may_contain:
        notices.append(
            "Some names follow “may contain” (or “+/-”): they are in some shades only, "
            "and are listed after the others."
        )
    refusal = items.refusal(Counts.total(as_read))
    if refusal == "unseparated" or (unseparated and not refusal):
        draft.unseparated = True
        return draft
    if refusal:
        _note_refusal(refusal, title, listed, notices)
    return refusal or draft


def _note_refusal(refusal: str, title: str | None, content: str, notices: list[str]) -> None:
    passage = excerpt((f"{title}: " if title else "") + content)
    if refusal == "prose":
        notices.append(f"Left out a passage that reads like a description, not a list: {passage}")
    else:
        notices.append(f"Left out a long run of words with no commas between them: {passage}")


def _by_full_stops(part: str, pieces: list[str], line_mode: bool) -> list[str]:
    """``pieces`` of ``part``, or its pieces between full stops when it has no other
    separator: "Aqua. Glycerin. Mica." is printed with full stops between names."""
    if not line_mode and len(pieces) == 1 and len(_STOP_SPACE.findall(part)) >= 2:
        return _STOPS.split(part)
    return pieces


# --- Step 5: pieces into names ------------------------------------------------------------------


@dataclass(slots=True)
class _Items:
    """The names read from some pieces of a list, in order."""

    printed: list[str]
    names: list[str]  # cleaned, see clean_name
    notices: list[str]
    as_printed: Counts
    as_read: Counts


def _read_items(pieces: Sequence[str]) -> _Items:
    """Read each piece into printed names; drop what is no name."""
    last = len(pieces) - 1
    while last >= 0 and not pieces[last].strip():
        last -= 1
    readings = list(map(items.read_piece, pieces))
    if last >= 0:
        readings[last] = items.read_last_piece(pieces[last])
    return _Items(
        printed=list(chain.from_iterable(map(attrgetter("printed"), readings))),
        names=list(chain.from_iterable(map(attrgetter("names"), readings))),
        notices=list(chain.from_iterable(map(attrgetter("notices"), readings))),
        as_printed=Counts.total(list(map(attrgetter("as_printed"), readings))),
        as_read=Counts.total(list(map(attrgetter("as_read"), readings))),
    )


# --- Step 6: the ingredients ---------------------------------------------------------------


def _assemble(
    drafts: list[_Draft], notices: list[str], clean: str, refusals: set[str]
) -> ParsedList:
    drafts = [d for d in drafts if d.main or d.may_contain]
    if not drafts:
        raise NoListError(_why_nothing(clean, refusals))
    ingredients: list[Ingredient] = []
    found: list[Section] = []
    for number, draft in enumerate(drafts):
        first = len(ingredients) + 1
        for printed, names, shade in (
            (draft.main, draft.main_names, False),
            (draft.may_contain, draft.may_contain_names, True),
        ):
            positions = count(len(ingredients) + 1)
            ingredients += map(Ingredient, positions, printed, names, repeat(number), repeat(shade))
        found.append(Section(draft.title, first, len(ingredients)))
    if len(ingredients) == 1:
        reason = items.not_a_list(ingredients[0].printed)
        if reason:
            raise NoListError(reason)
    if len(found) > 1:
        notices.append(
            f"The text holds {len(found)} lists (a kit or set); positions run on "
            "through all of them."
        )
    unseparated = any(draft.unseparated for draft in drafts)
    return ParsedList(tuple(ingredients), tuple(found), tuple(dict.fromkeys(notices)), unseparated)


def _why_nothing(clean: str, refusals: set[str]) -> str:
    if "prose" in refusals:
        return (
            "The text reads like sentences, not like a list of ingredients separated "
            "by commas. Paste the ingredient list itself."
        )
    if sections.has_heading(clean):
        return "The text has an ingredients heading, but no ingredients after it."
    return "No ingredient names were found in the text."
