"""fold(): the one comparison form for ingredient names, used everywhere names are compared.

A label name and a table name are equal when their folds are equal. fold() does not
remove words, resolve synonyms or fix typos; the list reader cleans printed text and
the recogniser resolves synonyms. It only erases differences that never carry meaning.
"""

import re
import unicodedata
from functools import lru_cache

# Hyphen-like characters printed by shops and by OCR ("Rh‐Oligopeptide‐1" with U+2010).
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
# The soft hyphen is invisible: CosIng's annex texts carry it inside words
# ("Tita\u00adnium"), so it is dropped, not read as a dash.
_DASHES[0xAD] = None
# "C10-30 Alkyl" and "C10 - 30 Alkyl", "Acrylates / C10-30" and "Acrylates/C10-30".
# Spaces are collapsed first, so each side holds at most one: "\s*([/\-])\s*" over
# the raw name was tried from every space of a run with no joiner after it, the square
# of the run ("a" + 49,998 spaces + "b": 19 s). Only a space beside a joiner matches,
# and it is dropped: " ?([/\-]) ?" rewrote every hyphen of "PEG-100" with itself, a
# third of the time of loading CosIng's 29,000 names.
_SPACE_AROUND_JOINERS = re.compile(r" (?=[/\-])|(?<=[/\-]) ")
_SPACES = re.compile(r"\s+")
# "1, 2-Hexanediol" retyped by a shop for the locant "1,2-Hexanediol".
_SPACED_LOCANT = re.compile(r"(\d), (?=\d)")
_EDGE_PUNCTUATION = " .,;:*"


# Called for every name on every list and every table row; real lists repeat the
# same few thousand names ("Water", "Glycerin"), so the answers are kept.
@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Return the comparison form of a name: compatibility-normalised, accent-free,
    case-folded, with one space between words and none around slashes or hyphens."""
    # Most names are ASCII, where the steps of _unaccented() come down to lower():
    # 0.05 µs instead of 3.4 for "Butyrospermum Parkii (Shea) Butter Extract".
    text = name.lower() if name.isascii() else _unaccented(name)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_JOINERS.sub("", text)
    text = _SPACED_LOCANT.sub(r"\1,", text)
    return text.strip(_EDGE_PUNCTUATION)


def _unaccented(name: str) -> str:
    """Compatibility-normalised, accent-free, case-folded, with one kind of dash."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # Dashes are unified after normalising: compatibility forms turn into dashes there
    # ("⁻" and "﹘" become U+2212 and U+2014), and fold(fold(x)) must equal fold(x).
    return unicodedata.normalize("NFKC", text).casefold().translate(_DASHES)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """The URL form of a name, built on fold(): "Human Fibroblast Conditioned Media" ->
    "human-fibroblast-conditioned-media". Used for the page of each EV ingredient."""
    return _NOT_SLUG.sub("-", fold(name)).strip("-")
