"""The words the list reader and the page extractor look for, per language, as data.

Each constant is a mapping from a language (ISO 639-1 code, or "intl" for what every
language prints) to the words of that language, written as regular-expression pieces:
"\\s+" stands between the words of a phrase, "[ée]" allows a lost accent, "s?" a plural.
The reader (skincheck.core.reader) joins them into its patterns; each is matched case
blind and as whole words. The page extractor (skincheck.pages.extract.labels) builds its
label, decoy and may-contain patterns from the same words, so that both agree on what a
heading is; PAGE_PROSE_WORDS and MARKETING_HEADINGS only it uses.

What this does not do: it holds no pattern logic (where a heading may stand, what may
follow a word); that stays with the code that uses the words. The languages are those
of the corpus (Sephora, shop pages) and of EU labels.
"""

import re
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
    # "Zutaten" heads a list of food ingredients: shop-apotheke.com's page labels name
    # its "foodIngredients" block "Zutaten", beside "Inhaltsstoffe" for cosmetics.
    "de": ("inhaltsstoffe", "zutaten"),
    # Polish packs print "Skład:" (composition) as well as "Składniki:".
    "pl": ("sk[łl]adniki", "sk[łl]ad"),
    "hr": ("sastojci",),
    "fi": ("ainesosat",),
    # "Sammansättning" (composition), "συστατικά", "içindekiler" and "配合成分" came
    # from the page extractor's labels; no saved page or corpus list prints them yet.
    "sv": ("ingredienser", "sammansättning"),  # and da, no
    "hu": ("összetevők",),
    "cs": ("složení",),
    "sk": ("zloženie", "ingrediencie"),  # "ingrediencie": from the extractor's labels too
    # Greek capitals drop the accent: "ΣΥΣΤΑΤΙΚΑ:" folds to "συστατικα".
    "el": ("συστατικ[άα]",),
    "tr": ("içindekiler",),
    "ru": ("состав",),
    "ja": ("全成分", "成分", "配合成分"),  # and zh
    # Traditional Chinese writes "成份": CosDNA's ingredient table is headed "成份".
    "zh": ("全成份", "成份"),
    # Korean shop pages head the list "전성분" (all ingredients) or "성분": "<dt>전성분</dt>".
    "ko": ("전성분", "성분"),
}
#: The order of the words above changes no match: a word ends where a space, "/", "(",
#: a colon or the text's end follows it, and no word holds one of those.
#: Words before the heading word that say which list follows (English shop pages):
#: "Active ingredients:" (US drug facts: part of the list), "Inactive ingredients:",
#: "Full ingredient list".
HEADING_QUALIFIERS = ("full", "complete", "other", "inactive", "active", "all", "product")
#: Qualifiers of a marketing pick, not the list: "Key ingredients:", "Hero ingredients:",
#: "Signature ingredients", "Power ingredients", "Highlighted ingredients", "Spotlight
#: ingredients" (shop pages' headings above a few actives; the page extractor's decoys).
KEY_QUALIFIERS = (
    "key", "hero", "star", "main", "featured", "notable",
    "highlighted", "signature", "power", "spotlight",
)  # fmt: skip
#: Headings of a marketing block that hold no qualifier: "What's in it", "Ingredient
#: spotlight", "Wirkstoffe" (active agents, on German shop pages). The page extractor
#: skips blocks under them; the reader needs no rule, as none is a heading word.
MARKETING_HEADINGS = ("what['’]?s\\s+in\\s+it", "ingredient\\s+spotlight", "wirkstoffe")
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
#: The word inside brackets that joins the parts of a supplier blend, which are
#: ingredients of their own: "Caprylic/Capric Triglyceride (and) Tocopherol"; French,
#: German and Spanish supplier sheets print "(et)", "(und)", "(y)".
BLEND_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("and",),
    "fr": ("et",),
    "de": ("und",),
    "es": ("y",),
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
#: Small words of sentences, in the languages of shop pages, that the page extractor
#: looks for in each item of a block it scores: an item holding one is a phrase, not a
#: name ("Moisturizes and protects your skin"). Not merged with PROSE_WORDS: those
#: count shares in English lists ("a" there would make "Vitamin A" a phrase here), and
#: the reader refuses by them.
PAGE_PROSE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "the",
        "and",
        "with",
        "for",
        "your",
        "you",
        "our",
        "this",
        "that",
        "is",
        "are",
        "will",
        "can",
        "helps?",
        "skin",
    ),
    "de": ("und", "mit", "für", "der", "die", "das", "ist", "ihre?"),
    "fr": ("le", "la", "les", "et", "avec", "pour", "votre"),
    "es": ("el", "los", "con", "para"),
}  # fmt: skip
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


def literals(words: dict[str, tuple[str, ...]] | tuple[str, ...]) -> tuple[str, ...]:
    """For each word, a piece of plain text (lower case) that every match of it holds:
    the longest run of letters outside any group, class or optional character. A text
    that holds none of them, once lower-cased, holds none of the words, and the
    reader need not run their pattern over it.
    """
    pieces = chain.from_iterable(words.values()) if isinstance(words, dict) else words
    found = set(map(_longest_literal, pieces))
    # A text that holds "ingredienti" holds "ingredient": the longer need not be looked for.
    return tuple(sorted(f for f in found if not any(o != f and o in f for o in found)))


def _longest_literal(piece: str) -> str:
    runs = [""]
    index = 0
    while index < len(piece):
        ch = piece[index]
        if ch == "\\":  # an escape: "\s" is no literal, "\+" is "+"
            literal = piece[index + 1]
            runs[-1] += literal if not literal.isalnum() else "\0"
            index += 2
        elif ch in "[(":  # a class or a group: skip it whole
            depth, close = 0, {"[": "]", "(": ")"}[ch]
            while True:
                if piece[index] == "\\":
                    index += 1
                elif piece[index] == ch:
                    depth += 1
                elif piece[index] == close:
                    depth -= 1
                    if depth == 0:
                        break
                index += 1
            runs[-1] += "\0"
            index += 1
        elif ch in "?*":  # the character or group before is optional
            runs[-1] = runs[-1][:-1] + "\0"
            index += 1
        elif ch == "+":  # one or more: the character counts once
            runs[-1] += "\0"
            index += 1
        else:
            runs[-1] += ch
            index += 1
    candidates = [run for part in runs for run in part.split("\0") if run]
    if not candidates:
        raise ValueError(f"{piece!r} holds no plain text to look for")
    return max(candidates, key=len).lower()


def first_characters(*groups: dict[str, tuple[str, ...]] | tuple[str, ...]) -> str:
    """Every character a match of any of the words can start with, as a regex lookahead
    "(?=[...])". Put before a case-blind pattern, it changes no match but lets the
    scan pass over most positions of a text at once instead of trying each word there
    (a third of the time on the corpus' lists)."""
    chars: set[str] = set()
    for words in groups:
        pieces = chain.from_iterable(words.values()) if isinstance(words, dict) else words
        for piece in pieces:
            chars |= _starts(piece)
    return "(?=[" + "".join(sorted(re.escape(ch) for ch in chars)) + "])"


def _starts(piece: str) -> set[str]:
    """The characters a match of ``piece`` can start with (the regex syntax the words
    above use: letters, escapes, classes, groups, "?", "*" and "+")."""
    if not piece:
        raise ValueError("a word may not match the empty text")
    end, starts = _first_item(piece)
    if piece[end : end + 1] in ("?", "*"):  # the first item may be left out
        starts |= _starts(piece[end + 1 :])
    return starts


def _first_item(piece: str) -> tuple[int, set[str]]:
    """Where the first item of ``piece`` ends, and the characters it starts with."""
    ch = piece[0]
    if ch == "\\":
        if piece[1].isalnum():
            raise ValueError(f"{piece!r} starts with a class escape")
        return 2, {piece[1]}
    if ch == "[":
        close = piece.index("]", 2)
        return close + 1, set(piece[1:close].replace("\\", ""))
    if ch == "(":
        depth, index, bars = 0, 0, [2]  # the group opens with "(?:"
        while True:
            if piece[index] == "\\":
                index += 1
            elif piece[index] == "(":
                depth += 1
            elif piece[index] == ")":
                depth -= 1
                if depth == 0:
                    break
            elif piece[index] == "|" and depth == 1:
                bars.append(index)
            index += 1
        options = [piece[a + 1 : b] for a, b in zip(bars, [*bars[1:], index], strict=True)]
        return index + 1, set().union(*map(_starts, options))
    return 1, {ch}
