"""Limits shared by every way in (form, API, CLI), defined once."""

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
