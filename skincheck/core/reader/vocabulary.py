"""The words the list reader looks for, per language, as data.

Each constant is a mapping from a language (ISO 639-1 code, or "intl" for what every
language prints) to the words of that language, written as regular-expression pieces:
"\\s+" stands between the words of a phrase, "[ée]" allows a lost accent, "s?" a plural.
The reader (skincheck.core.reader) joins them into its patterns; each is matched case
blind and as whole words. The page extractor may import the same words, so that both
agree on what a heading or a panel is.

What this does not do: it holds no pattern logic (where a heading may stand, what may
follow a word); that stays with the code that uses the words. The languages are those
of the corpus (Sephora, shop pages) and of EU labels.
"""

from itertools import chain

# --- Headings: the list starts after one ----------------------------------------------

#: The word for "ingredients" that heads a list: "Ingredients:", "Inhaltsstoffe:",
#: "Ingredients / Ingrédients / Ingredientes:" on packs sold in several countries.
HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "intl": ("inci",),
    "en": ("ingredients?",),
    "fr": ("ingr[ée]dients?", "composition"),
    "es": ("ingredientes",),  # and pt
    "it": ("ingredienti",),
    "nl": ("ingredi[ëe]nten", "samenstelling", "bestanddelen"),
    "de": ("inhaltsstoffe",),
    "pl": ("sk[łl]adniki",),
    "hr": ("sastojci",),
    "fi": ("ainesosat",),
    "sv": ("ingredienser",),  # and da, no
    "hu": ("összetevők",),
    "cs": ("složení",),
    "sk": ("zloženie",),
    "ru": ("состав",),
    "ja": ("全成分", "成分"),  # and zh
}
#: The order of the words above changes no match: a word ends where a space, "/", "(",
#: a colon or the text's end follows it, and no word holds one of those.
#: Words before the heading word that say which list follows (English shop pages):
#: "Active ingredients:" (US drug facts: part of the list), "Inactive ingredients:",
#: "Full ingredient list".
HEADING_QUALIFIERS = ("full", "complete", "other", "inactive", "active")
#: Qualifiers of a marketing pick, not the list: "Key ingredients:", "Hero ingredients:".
KEY_QUALIFIERS = ("key", "hero", "star", "main", "featured", "notable")
#: "Liste des ingrédients", "Lista de ingredientes".
HEADING_LEADS = ("liste\\s+des", "lista\\s+de")

# --- Panels: the list ends before one --------------------------------------------------

#: Titles of the panels printed after the list, that end it when followed by a colon
#: (or alone on a line): "Directions: Apply...", "Warnings\nFor external use only".
PANEL_TITLES: dict[str, tuple[str, ...]] = {
    "en": (
        "directions?(?:\\s+for\\s+use)?", "how\\s+to\\s+use", "to\\s+use", "usage",
        "warnings?", "cautions?", "precautions?", "storage", "attention", "disclaimer",
        "benefits", "key\\s+benefits", "description", "other\\s+information",
        "questions(?:\\s+or\\s+comments)?",
    ),
    "fr": ("mode\\s+d['’]emploi", "conseils?\\s+d['’]utilisation", "pr[ée]cautions?"),
    "de": ("anwendung", "warnhinweise?"),
    "es": ("modo\\s+de\\s+(?:uso|empleo)", "advertencias?", "precauciones"),
    "it": ("avvertenze", "modo\\s+d['’]uso"),
    "nl": ("gebruiksaanwijzing", "waarschuwingen?"),
    # "VOC: 0%" (volatile organic compounds) on US sprays.
    "intl": ("voc",),
}  # fmt: skip
#: Phrases that end the list wherever they stand, colon or not; none occurs inside an
#: INCI name. Sephora rows run "Phenoxyethanol * Essential Oil Please be aware that
#: ingredient lists may change..." with no separator before the disclaimer.
PANEL_PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "made\\s+in", "product\\s+of", "distributed\\s+(?:by|in)",
        "manufactured\\s+(?:by|for)", "mfd\\.?\\s+(?:by|for)", "imported\\s+by", "net\\s+wt",
        "net\\s+weight", "net\\s+contents?", "please\\s+be\\s+aware",
        "ingredient\\s+lists?\\s+(?:may|can|are\\s+subject\\s+to|is\\s+subject\\s+to)\\s+change",
        "the\\s+list\\s+of\\s+ingredients\\s+is\\s+subject",
        "keep\\s+out\\s+of\\s+(?:the\\s+)?reach", "for\\s+external\\s+use\\s+only",
        "avoid\\s+contact\\s+with",
    ),
    "fr": ("fabriqu[ée]\\s+en", "distribu[ée]\\s+par", "poids\\s+net"),
    "de": ("hergestellt\\s+in",),
    "es": ("hecho\\s+en", "fabricado\\s+en"),
    "it": ("prodotto\\s+in",),
}  # fmt: skip

# --- Inside the list ---------------------------------------------------------------------

#: The opener of a "may contain" shade block: "[+/- May Contain: CI 77491, ...]",
#: "May Contain (+/-): ...", "Peut contenir : ...".
MAY_CONTAIN_WORDS: dict[str, tuple[str, ...]] = {
    "intl": ("\\+\\s*/\\s*[-−–]", "±"),
    "en": ("(?:and\\s+)?may\\s+(?:also\\s+)?contain",),
    "fr": ("peut\\s+contenir",),
    "de": ("kann\\s+enthalten",),
    "es": ("puede\\s+contener",),
    "pt": ("pode\\s+conter",),
    "it": ("può\\s+contenere",),
    "nl": ("kan\\s+bevatten",),
    "pl": ("może\\s+zawierać",),
}
#: Marks that point to a footnote: "Glycerin*", "Aloe Juice**", "Tocopherol¹",
#: "Rosa Canina Fruit Oil†". A bare "+" counts, but never the "+/-" of a shade block.
FOOTNOTE_MARKS = ("\\*+", "†+", "‡+", "§", "°", "[¹²³⁴⁵⁶⁷⁸⁹⁰]+", "\\+(?!\\s*/)")
#: The characters a footnote mark can start with.
FOOTNOTE_MARK_STARTS = "*†‡§°¹²³⁴⁵⁶⁷⁸⁹⁰+"
#: The verb that opens a content declaration after the list's last full stop, which
#: ends it: "..., CI 77891. Contient du fluorure de sodium (1450 ppm)", "Contains
#: sodium fluoride".
DECLARATION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("contains",),
    "fr": ("contient",),
    "de": ("enthält",),
    "es": ("contiene",),
    "pt": ("contém",),
    "nl": ("bevat",),
    "pl": ("zawiera",),
    "sv": ("innehåller",),
}

# --- Telling a list from other text ------------------------------------------------------

#: Small words of running English that INCI names never use. Their share tells a
#: description ("Moisturizes and maintains skin's moisture") from a list.
# fmt: off
PROSE_WORDS = frozenset({
    "the", "a", "an", "to", "with", "for", "your", "you", "is", "are", "this", "that",
    "it", "its", "our", "we", "helps", "help", "can", "will", "be", "been", "has", "have",
    "from", "by", "as", "which", "while", "into", "more", "most", "not", "no", "do",
    "does", "all", "any", "and", "of", "on", "at", "us",
})
# fmt: on
#: The stronger set used on a single name inside a list: "Sweet Almond and Rose Oil"
#: is a name, "This product is not tested on animals" is a sentence.
# fmt: off
SENTENCE_WORDS = frozenset({
    "the", "your", "you", "is", "are", "this", "that", "our", "we", "will", "can", "helps",
    "does", "do", "not", "it", "its", "was", "were", "has", "have",
})
# fmt: on
#: Placeholders people type in a box that wants a list.
# fmt: off
NON_ANSWERS = frozenset({
    "test", "testing", "hello", "hi", "hey", "none", "null", "nil", "undefined", "nan",
    "n/a", "na", "tbd", "unknown", "lorem", "ipsum", "asdf", "qwerty", "foo", "bar",
    "example", "sample", "text", "list", "ingredient", "ingredients", "inci",
    # Shop exports put these where a list is missing (23 rows of the Sephora corpus
    # print "No Info"; a spreadsheet error prints "#NAME?").
    "no info", "no information", "not available", "#name?",
})
# fmt: on


def alternation(words: dict[str, tuple[str, ...]] | tuple[str, ...]) -> str:
    """The words of every language as one regular-expression group: "(?:a|b|...)"."""
    pieces = chain.from_iterable(words.values()) if isinstance(words, dict) else words
    return "(?:" + "|".join(pieces) + ")"
