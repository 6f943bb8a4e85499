"""The reader and the page extractor read the same words (issue 12): every heading word,
marketing qualifier and blend join of skincheck.core.reader.vocabulary heads a list,
marks a marketing block or splits a blend for both, so the two cannot disagree.

The wordings are those printed on labels and shop pages: "Zutaten" (shop-apotheke.com's
food-ingredients label), "Skład:" (Polish packs), "成份" (CosDNA's table), "전성분"
(Korean shop pages), "Signature ingredients" (shop pages' marketing picks).
"""

import re

import pytest

from skincheck.core.reader import parse_list
from skincheck.core.reader import vocabulary
from skincheck.pages.extract import extract
from skincheck.pages.extract import is_ingredients_label
from skincheck.pages.extract import list_score
from skincheck.pages.extract.labels import DECOY
from skincheck.pages.extract.lists import SCAN_THRESHOLD

_LIST = ["Aqua", "Glycerin", "Tocopherol"]


def _printed(piece: str) -> str:
    """A plain wording of a vocabulary word: "ingr[ée]dients?" -> "ingrédients"."""
    text = re.sub(r"\[(.)[^\]]*\]", r"\1", piece).replace("\\s+", " ")
    return re.sub(r"(.)\?", r"\1", text)


def _words(words: dict[str, tuple[str, ...]]) -> list[str]:
    printed = [_printed(piece) for pieces in words.values() for piece in pieces]
    for piece, text in zip((p for ps in words.values() for p in ps), printed, strict=True):
        assert re.fullmatch(piece, text), (piece, text)
    return printed


@pytest.mark.parametrize("word", _words(vocabulary.HEADING_WORDS))
def test_every_heading_word_heads_a_list_for_the_reader_and_the_extractor(word: str) -> None:
    for printed in (word, word.upper()):
        parsed = parse_list(f"{printed}: Aqua, Glycerin, Tocopherol")
        assert [i.printed for i in parsed.ingredients] == _LIST
        # Read as a heading, not as the title of a kit's product ("Zutaten: ..." was).
        assert [s.title for s in parsed.sections] == [None]
        assert is_ingredients_label(printed)
        assert is_ingredients_label(f"{printed}:")


# The extractor's labels before they were built from the vocabulary (issue 12): each is
# still a heading word there.
_EXTRACTOR_LABELS_BEFORE = (
    "ingredients", "ingredient", "inci", "composition", "inhaltsstoffe", "zutaten",
    "ingrédients", "ingredientes", "ingredienti", "ingrediënten", "składniki", "skład",
    "состав", "ingrediencie", "složení", "összetevők", "sammansättning", "ingredienser",
    "ainesosat", "συστατικά", "içindekiler", "samenstelling", "成分", "全成分", "成份",
    "全成份", "配合成分", "전성분", "성분",
)  # fmt: skip


@pytest.mark.parametrize("label", _EXTRACTOR_LABELS_BEFORE)
def test_the_extractors_former_labels_are_heading_words_of_the_vocabulary(label: str) -> None:
    assert re.fullmatch(vocabulary.alternation(vocabulary.HEADING_WORDS), label, re.IGNORECASE)


@pytest.mark.parametrize("qualifier", vocabulary.KEY_QUALIFIERS)
def test_every_key_qualifier_marks_a_marketing_block_for_both(qualifier: str) -> None:
    heading = f"{qualifier.title()} ingredients"
    parsed = parse_list(
        f"{heading}: Niacinamide, Peptides. Ingredients: Aqua, Glycerin, Tocopherol"
    )
    assert [i.printed for i in parsed.ingredients] == _LIST
    assert any(heading in notice for notice in parsed.notices)
    assert not is_ingredients_label(heading)
    assert DECOY.search(heading)


@pytest.mark.parametrize("join", _words(vocabulary.BLEND_WORDS))
def test_every_blend_join_splits_a_blend_for_the_reader(join: str) -> None:
    parsed = parse_list(f"Water, Caprylyl Glycol ({join}) Ethylhexylglycerin, Mica")
    assert [i.printed for i in parsed.ingredients] == [
        "Water", "Caprylyl Glycol", "Ethylhexylglycerin", "Mica",
    ]  # fmt: skip


# "y" is no word of the extractor's sentence test, so only these joins could be taken
# for one.
@pytest.mark.parametrize("join", ["and", "et", "und"])
def test_a_blend_join_is_not_a_word_of_a_sentence_for_the_extractor(join: str) -> None:
    blends = ", ".join(
        f"{a} ({join}) {b}"
        for a, b in [
            ("Caprylyl Glycol", "Ethylhexylglycerin"), ("Glycerin", "Tocopherol"),
            ("Mica", "Titanium Dioxide"), ("Cetearyl Alcohol", "Cetearyl Glucoside"),
            ("Sodium Benzoate", "Potassium Sorbate"),
        ]
    )  # fmt: skip
    assert list_score(f"Aqua, {blends}") >= SCAN_THRESHOLD


def test_a_dutch_page_headed_bestanddelen_gives_the_list_under_the_heading() -> None:
    inci = "Aqua, Glycerin, Niacinamide, Panthenol, Sodium Hyaluronate, Phenoxyethanol"
    page = (
        "<html lang='nl'><body><h1>Hydraterende crème</h1>"
        "<h3>Beschrijving</h3><p>Een lichte crème voor elke dag.</p>"
        f"<h3>Bestanddelen</h3><p>{inci}</p>"
        "<h3>Gebruiksaanwijzing</h3><p>Breng 's ochtends aan.</p></body></html>"
    )
    result = extract(page)
    assert result.source == "heading"
    assert result.text == inci


def test_a_polish_list_that_begins_with_sklad_loses_its_label() -> None:
    inci = "Aqua, Glycerin, Niacinamide, Panthenol, Sodium Hyaluronate, Phenoxyethanol"
    page = f"<html lang='pl'><body><h1>Krem</h1><p>Skład: {inci}</p></body></html>"
    assert extract(page).text == inci
