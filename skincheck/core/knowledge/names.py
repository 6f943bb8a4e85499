"""How listed names are compared: listing_key() folds a name so that spelling
variants of one listed name ("Human Keratinocytes", "human-keratinocyte") are one key,
and without_brackets() drops bracketed parts. It knows no entry and matches nothing
(skincheck.core.match does).
"""

import re
from functools import lru_cache

from skincheck.core.normalise import fold

_BRACKETS = re.compile(r"\([^()]*\)")
_NON_WORD = re.compile(r"[\s\-_]+")


@lru_cache(maxsize=1 << 16)
def listing_key(name: str) -> str:
    """The key listed names are compared by: fold() plus hyphens read as spaces, single
    words' plural "s" dropped and "medium" read as "media", so "Human Keratinocytes",
    "human keratinocyte" and "Human-Keratinocyte" are one name."""
    words = _NON_WORD.sub(" ", fold(name)).split(" ")
    return " ".join(_singular(word) for word in words if word)


def without_brackets(name: str) -> str:
    """``name`` without its bracketed parts: "Malus Domestica Fruit (Apple) Cell Culture"."""
    return _BRACKETS.sub(" ", name)


def _singular(word: str) -> str:
    if word == "medium":
        return "media"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
