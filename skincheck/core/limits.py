"""Limits shared by every way in (form, API, CLI), defined once, and the one sentence
that refuses a text over the length limit.

It checks nothing but lengths; what a caller answers (a form error, HTTP 413, exit 2)
is the caller's.
"""

from skincheck.core.errors import NoListError

#: The longest ingredient text we read. Real kit lists in the corpus reach about
#: 6,000 characters; 50,000 leaves room for a pasted page section without letting a
#: pasted book through.
MAX_TEXT_CHARS = 50_000
#: The longest product name or claim text read beside a list.
MAX_CLAIMS_CHARS = 5_000
#: The most ingredients one list may hold. The longest real lists (kits of several
#: products) hold a few hundred names; 25,000 one-letter names fit in MAX_TEXT_CHARS,
#: and each new name costs up to about half a millisecond to recognise and rate.
MAX_INGREDIENTS = 1_000


def text_too_long(length: int) -> str:
    """What the paste form, the API, the CLI and the batch command say of a text of
    ``length`` characters, over MAX_TEXT_CHARS. (The reader, skincheck.core.reader,
    refuses such a text in the same words.)"""
    return (
        f"The text is {length:,} characters long, more than the {MAX_TEXT_CHARS:,} we "
        "read. An ingredient list is rarely longer than a few thousand characters: "
        "paste only the list."
    )


class TextTooLongError(NoListError):
    """The text is longer than MAX_TEXT_CHARS; ``reason`` is text_too_long's sentence."""


def check_text_length(text: str) -> None:
    """Raise TextTooLongError when ``text`` is over MAX_TEXT_CHARS."""
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLongError(text_too_long(len(text)))
