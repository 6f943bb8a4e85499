"""The extractor's words: the labels shops print above an ingredient list, in many
languages, the marketing headings that are not the list ("Key ingredients"), the JSON
keys that hold a list, and the little words of sentences that a list lacks.

Every word the extractor matches lives here, so it can be checked against the reader's
own vocabulary (skincheck.core). It holds patterns and the label test, nothing that
walks a page.
"""

import re

# What shops print above the list. Matched against a whole short text, never searched
# for inside a longer one, so "Key ingredients" and "Hero ingredients" do not match.
LABEL_WORDS = (
    r"(?:full |complete |all |inactive |other |product )?ingredients?(?: list)?(?: inci)?",
    r"ingredient(?:s)? \(inci\)",
    r"inci(?: list| names?)?",
    r"composition",
    r"inhaltsstoffe(?: inci)?",
    r"zutaten",
    r"ingrédients",
    r"ingredientes",
    r"ingredienti",
    r"ingrediënten",
    r"składniki",
    r"skład",
    r"состав",
    r"ingrediencie",
    r"složení",
    r"összetevők",
    r"sammansättning",
    r"ingredienser",
    r"ainesosat",
    r"συστατικά",
    r"içindekiler",
    r"samenstelling",
    r"成分",
    r"全成分",
    r"成份",
    r"全成份",
    r"配合成分",
    r"전성분",
    r"성분",
    r"전성분 표기",
)


_LABEL = re.compile(rf"^(?:{'|'.join(LABEL_WORDS)})$")


# A list that begins with its own label: "Ingredients: Aqua, …", "INCI: Aqua, …".
LEADING_LABEL = re.compile(rf"^\s*(?:{'|'.join(LABEL_WORDS)})\s*[:：]\s*", re.IGNORECASE)


# Marketing blocks about a few actives, never the full list.
DECOY = re.compile(
    r"\b(?:key|hero|star|main|featured|highlighted|signature|power|spotlight)\b.*"
    r"\b(?:ingredients?|inhaltsstoffe|wirkstoffe|ingrédients|ingredientes)\b"
    r"|what'?s in it|ingredient spotlight|wirkstoffe",
    re.IGNORECASE,
)


# "… Ingredients: Aqua, Glycerin. Directions: …" inside a description.
SECTION_AFTER_LABEL = re.compile(
    rf"(?:^|\n|\.\s|\s)(?:{'|'.join(LABEL_WORDS)})\s*[:：]\s*(.+?)"
    r"(?=\n\s*[^\n,]{1,40}[:：]\s|\Z)",
    re.IGNORECASE | re.S,
)


INGREDIENT_KEY = re.compile(
    r"^(?:full_?|all_?|inactive_?)?(?:ingredients?|inci)(?:_?(?:desc|text|list|inci|html))?$"
    r"|^ftrdingrdtext$|^ingredientdesc$|^inhaltsstoffe$",
    re.IGNORECASE,
)


FUNCTION_WORDS = re.compile(
    r"\b(?:the|and|with|for|your|you|our|this|that|is|are|will|can|helps?|skin|"
    r"und|mit|für|der|die|das|ist|ihre?|le|la|les|et|avec|pour|votre|el|los|con|para)\b",
    re.IGNORECASE,
)


BLEND = re.compile(r"\((?:and|und|et|y)\)", re.IGNORECASE)


STARTS_LIKE_A_LIST = re.compile(r"^(?:aqua|water|eau|glycerin|h2o)\b", re.IGNORECASE)


# What a part before a colon says when it is a may-contain block, not a shade's name
# (purish_2: "+/− (May Contain): CI 77891, …" is part of one list).
NOT_A_SHADE_NAME = re.compile(r"may contain|\+/", re.IGNORECASE)
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
