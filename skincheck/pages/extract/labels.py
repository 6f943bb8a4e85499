"""The extractor's words: the labels shops print above an ingredient list, in many
languages, the marketing headings that are not the list ("Key ingredients"), the JSON
keys that hold a list, and the little words of sentences that a list lacks.

The words themselves (heading words and their qualifiers, marketing headings, may-contain
words, blend joins, small words of sentences) are in skincheck.core.reader.vocabulary,
shared with the reader: the patterns here are built from them, so that the reader and
the extractor agree on what a heading is. Only the JSON keys and the words a list
starts with are the extractor's own. It holds patterns and the label test, nothing that
walks a page.
"""

import re

from skincheck.core.reader import vocabulary

# Qualifiers that still name the whole list: "Full ingredients list", "Other
# ingredients". "Active ingredients" heads the actives of a US drug-facts panel, a part
# of the list that the reader joins to the rest: taken alone it is not the list.
_WHOLE_LIST_QUALIFIERS = tuple(q for q in vocabulary.HEADING_QUALIFIERS if q != "active")

# What shops print above the list: a heading word of vocabulary.HEADING_WORDS, maybe
# with a qualifier or lead before it and a word after it: "Full ingredients list",
# "Liste des ingrédients", "Ingredients (INCI)", "INCI names", "전성분 표기" (Korean,
# "full ingredient labelling"). Matched against a whole short text, never searched
# for inside a longer one, so "Key ingredients" and "Hero ingredients" do not match.
LABEL_WORDS = (
    rf"(?:{vocabulary.alternation(_WHOLE_LIST_QUALIFIERS)}\s+)?"
    rf"(?:{vocabulary.alternation(vocabulary.HEADING_LEADS)}\s+)?"
    rf"{vocabulary.alternation(vocabulary.HEADING_WORDS)}"
    r"(?:\s+list(?:ing)?)?(?:\s+inci|\s*\(inci\))?(?:\s+names?)?(?:\s+표기)?"
)


_LABEL = re.compile(rf"^(?:{LABEL_WORDS})$")


# A list that begins with its own label: "Ingredients: Aqua, …", "INCI: Aqua, …".
LEADING_LABEL = re.compile(rf"^\s*(?:{LABEL_WORDS})\s*[:：]\s*", re.IGNORECASE)


# Marketing blocks about a few actives, never the full list: a key qualifier before a
# heading word ("Key ingredients", "Signature ingredients"), or a marketing heading.
DECOY = re.compile(
    rf"\b{vocabulary.alternation(vocabulary.KEY_QUALIFIERS)}\b.*"
    rf"\b{vocabulary.alternation(vocabulary.HEADING_WORDS)}\b"
    rf"|{vocabulary.alternation(vocabulary.MARKETING_HEADINGS)}",
    re.IGNORECASE,
)


# "… Ingredients: Aqua, Glycerin. Directions: …" inside a description.
SECTION_AFTER_LABEL = re.compile(
    rf"(?:^|\n|\.\s|\s)(?:{LABEL_WORDS})\s*[:：]\s*(.+?)"
    r"(?=\n\s*[^\n,]{1,40}[:：]\s|\Z)",
    re.IGNORECASE | re.S,
)


INGREDIENT_KEY = re.compile(
    r"^(?:full_?|all_?|inactive_?)?(?:ingredients?|inci)(?:_?(?:desc|text|list|inci|html))?$"
    r"|^ftrdingrdtext$|^ingredientdesc$|^inhaltsstoffe$",
    re.IGNORECASE,
)


FUNCTION_WORDS = re.compile(
    rf"\b{vocabulary.alternation(vocabulary.PAGE_PROSE_WORDS)}\b", re.IGNORECASE
)


STARTS_LIKE_A_LIST = re.compile(r"^(?:aqua|water|eau|glycerin|h2o)\b", re.IGNORECASE)


# What a part before a colon says when it is a may-contain block, not a shade's name
# (purish_2: "+/− (May Contain): CI 77891, …" is part of one list).
NOT_A_SHADE_NAME = re.compile(vocabulary.alternation(vocabulary.MAY_CONTAIN_WORDS), re.IGNORECASE)
# Olive Young's term for the full list: "화장품법에 따라 기재해야 하는 모든 성분", every
# ingredient the Cosmetics Act requires.
OLIVEYOUNG_FULL_LIST = "모든 성분"
_SYMBOLS = re.compile(r"[\W_]+", re.UNICODE)


def _label_form(text: str) -> str:
    """``text`` as compared with the labels: emoji, punctuation and case removed
    ("🌱 Ingredients:" → "ingredients", "INGREDIENTS (INCI)" → "ingredients inci")."""
    if len(text) > 60:
        return ""
    return " ".join(_SYMBOLS.sub(" ", text).split()).casefold()


def is_ingredients_label(text: str) -> bool:
    """True when ``text`` is a label for the full ingredient list, in one of the
    languages above; False for "Key ingredients" and other marketing headings."""
    form = _label_form(text)
    return bool(form) and bool(_LABEL.match(form)) and not DECOY.search(text)
