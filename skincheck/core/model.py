"""Domain values of the list reader: typed, frozen, and free of any framework.

The knowledge base, matcher and rater define their own values beside their code;
this module holds what every layer shares: an ingredient as it stood on the label, and
a product page as fetched (made by skincheck.pages.fetch, kept by skincheck.storage's
page cache, read by skincheck.services: here so those two never import each other).
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ingredient:
    """One ingredient as read from a list."""

    #: 1-based place in the whole text, counting every section and the may-contain
    #: block, so that positions run 1..N with no gap.
    position: int
    #: The text as printed, trimmed of separators but otherwise untouched.
    printed: str
    #: The cleaned name: footnote marks, percentages and stray spacing removed.
    name: str
    #: Index into ParsedList.sections (kits print several products' lists).
    section: int = 0
    #: True for names in a "may contain" / "+/-" shade block.
    may_contain: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """One product's list inside a kit; a plain list has a single untitled section."""

    #: The product name printed before the list ("Beste No.9 Jelly Cleanser"), or None.
    title: str | None
    #: First and last positions (inclusive) of the ingredients in this section.
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class ParsedList:
    """What the list reader found in a text."""

    ingredients: tuple[Ingredient, ...]
    sections: tuple[Section, ...]
    #: Plain-language remarks about the reading ("text after 'Directions:' was ignored").
    notices: tuple[str, ...] = ()
    #: The reader found names but no separators between them ("Water Glycerin
    #: Niacinamide ..."): skincheck.core.segment may split them at known names.
    unseparated: bool = False


@dataclass(frozen=True, slots=True)
class Fetched:
    """A product page as fetched, decoded to text."""

    requested_url: str
    #: The URL that finally answered, after redirects.
    final_url: str
    status: int
    #: The media type without parameters, lower case ("text/html").
    content_type: str
    #: The character set the text was decoded with (a Python codec name).
    charset: str
    text: str
    #: Every Location we followed, in order, as absolute URLs.
    redirects: tuple[str, ...] = ()
