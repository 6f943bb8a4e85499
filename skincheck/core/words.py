"""Whole-word matching on folded text, shared by the rating (nuance words) and the claim
check (claim terms, source words).

Text is compared in its plain form: folded, hyphens read as spaces, one space between
words; a word matches only where no letter or digit touches it. It knows no words
itself; the knowledge base and data/claims.toml hold them.
"""

import re

from skincheck.core.normalise import fold


def plain(text: str) -> str:
    """Folded, with hyphens read as spaces, for word matching."""
    return " ".join(fold(text).replace("-", " ").split())


def has_words(text: str, words: str) -> bool:
    """Whether the plain ``text`` holds ``words`` as whole words."""
    return re.search(rf"(?<![a-z0-9]){re.escape(plain(words))}(?![a-z0-9])", text) is not None


def remove_words(text: str, words: str, plural: bool = False) -> str:
    """``text`` without the whole words ``words`` (and their plural "s"/"es")."""
    ending = "(?:e?s)?" if plural else ""
    pattern = rf"(?<![a-z0-9]){re.escape(plain(words))}{ending}(?![a-z0-9])"
    return " ".join(re.sub(pattern, " ", text).split())


def terms_pattern(raw: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for many terms, longest first; non-Latin terms match anywhere
    (Korean claims write 엑소좀 without spaces)."""
    terms = sorted((plain(term) for term in raw), key=len, reverse=True)
    latin = "|".join(re.escape(term) for term in terms if term.isascii())
    other = "|".join(re.escape(term) for term in terms if not term.isascii())
    parts = [rf"(?<![a-z0-9])(?:{latin})(?![a-z0-9])"] if latin else []
    parts += [other] if other else []
    return re.compile("|".join(parts) or r"(?!x)x")
