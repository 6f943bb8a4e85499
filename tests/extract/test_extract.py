"""extract(): each platform's markup gives the list printed there, its source and name.

The pages in pages/ were written for skincheck in the shape each platform uses
(see skincheck/pages/extract/ and research/product-pages.md); pages/expected.json says,
by hand, what each one holds.
"""

import json
from pathlib import Path

import pytest

from skincheck.pages.extract import extract
from skincheck.pages.extract import is_ingredients_label
from skincheck.pages.extract import list_score
from skincheck.pages.extract import MAX_TAGS
from skincheck.pages.extract import split_shades

PAGES = Path(__file__).parent / "pages"
EXPECTED = {
    name: facts
    for name, facts in json.loads((PAGES / "expected.json").read_text(encoding="utf-8")).items()
    if not name.startswith("_")
}


def _extract_page(name: str, **options):
    content_type = "application/json" if name.endswith(".json") else "text/html"
    document = (PAGES / name).read_text(encoding="utf-8")
    return extract(document, content_type=content_type, **options)


def test_every_page_in_the_folder_has_an_expectation():
    pages = {path.name for path in PAGES.iterdir() if path.name != "expected.json"}
    assert pages == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_gives_the_list_printed_on_it(name):
    facts = EXPECTED[name]
    result = _extract_page(name)
    assert result.text == facts["text"]
    assert result.source == facts["source"]
    assert result.product_name == facts["product_name"]
    assert result.shades == tuple(tuple(shade) for shade in facts.get("shades", []))
    if facts["text"] is None:
        assert result.reason
        assert result.confidence == 0.0
    else:
        assert result.reason is None
        assert 0.5 <= result.confidence <= 1.0


def test_key_ingredients_panel_is_not_taken_for_the_list():
    # shopify_tabs.html has a "✨ Key ingredients" tab whose metafield is a comma list.
    result = _extract_page("shopify_tabs.html")
    assert "Squalane" not in result.text
    result = _extract_page("heading_de.html")
    assert "Koffein" not in result.text


def test_hero_and_key_ingredient_blocks_alone_give_no_list():
    result = _extract_page("decoy_only.html")
    assert result.text is None
    assert "no ingredient list" in result.reason


def test_mobile_copy_of_the_list_is_kept_once():
    result = _extract_page("duplicate.html")
    assert result.text.count("Galactomyces Ferment Filtrate") == 1


def test_marketing_text_holds_title_and_descriptions_for_the_claim_check():
    result = _extract_page("shopify_tabs.html")
    assert "plant exosomes" in result.marketing_text  # meta description
    assert "Velvet Cheek Tint – Example Beauty" in result.marketing_text  # <title>
    result = _extract_page("sephora.html")
    assert "exosomes from rose stem cells" in result.marketing_text  # longDescription


def test_json_ld_description_with_double_escaped_ingredients_section():
    # purish.com double-escapes the JSON-LD description ("\u0026lt;p\u0026gt;").
    lt, gt = "\\u0026lt;", "\\u0026gt;"
    description = (
        f"{lt}p{gt}Rich balm.{lt}/p{gt}{lt}p{gt}Ingredients: Squalane, Butyrospermum Parkii "
        f"Butter, Cera Alba, Tocopherol, Bakuchiol{lt}/p{gt}"
    )
    page = (
        '<html><head><script type="application/ld+json">'
        f'{{"@type": "Product", "name": "Night Balm", "description": "{description}"}}'
        "</script></head><body><h1>Night Balm</h1></body></html>"
    )
    result = extract(page)
    assert result.source == "json-ld"
    assert result.text == "Squalane, Butyrospermum Parkii Butter, Cera Alba, Tocopherol, Bakuchiol"
    assert result.product_name == "Night Balm"


def test_entities_and_non_breaking_spaces_are_decoded():
    # thaibliss-style: <strong>INGREDIENTS</strong><br/> then words joined by &nbsp;.
    page = (
        "<p>Soft&nbsp;scrub.<br/><span><strong>INGREDIENTS</strong></span><br/>"
        "Aqua,&nbsp;Sodium&nbsp;Chloride,&nbsp;Glycerin,&nbsp;Prunus&nbsp;Amygdalus&nbsp;Dulcis"
        "&nbsp;(Sweet&nbsp;Almond)&nbsp;Oil,&nbsp;Parfum&nbsp;&amp;&nbsp;Limonene,&nbsp;"
        "Tocopherol</p>"
    )
    result = extract(page)
    assert result.source == "heading"
    assert result.text == (
        "Aqua, Sodium Chloride, Glycerin, Prunus Amygdalus Dulcis (Sweet Almond) Oil, "
        "Parfum & Limonene, Tocopherol"
    )


def test_lists_inside_scripts_and_styles_are_never_read():
    page = (
        "<html><body><h1>Cream</h1><script>var inci = 'Aqua, Glycerin, Niacinamide, Panthenol, "
        "Allantoin, Phenoxyethanol';</script><style>/* Aqua, Glycerin, Mica, Talc, Silica, "
        "Parfum */</style><p>A cream for every day, with care, for you.</p></body></html>"
    )
    result = extract(page)
    assert result.text is None


def test_words_scattered_over_a_page_are_not_a_list():
    # goldapple_1: "Parfum" in a maker's name; shopapotheke_1: "Inhaltsstoffe" in i18n JSON.
    page = (
        '<html><body><script type="application/json" id="i18n">{"ingredients": '
        '"Inhaltsstoffe"}</script><h1>Eau de Parfum Gold</h1><p>Hersteller: Parfum Maison SAS,'
        " 41 rue Marcel, 75001 Paris</p><p>Mit Glycerin und Aqua.</p></body></html>"
    )
    assert extract(page).text is None


def test_an_ingredients_section_without_a_readable_list_says_so():
    page = (
        "<html><body><h1>Serum</h1><p>" + "A long product story. " * 20 + "</p>"
        '<h2>Ingredients</h2><img src="label.jpg" alt="label"></body></html>'
    )
    result = extract(page)
    assert result.text is None
    assert "ingredients section" in result.reason


def test_an_empty_script_shell_says_the_list_loads_later():
    page = '<html><head><title>Shop</title></head><body><div id="app"></div></body></html>'
    result = extract(page)
    assert result.text is None
    assert "scripts" in result.reason


def test_recognised_names_decide_between_list_shaped_blocks():
    cities = "Paris, London, Berlin, Madrid, Rome, Vienna, Prague, Lisbon"
    inci = "aqua, glycerin, niacinamide, panthenol, allantoin, sodium benzoate, citric acid"
    page = f"<html><body><h1>Toner</h1><p>Stockists</p><p>{cities}</p><p>{inci}</p></body></html>"
    known = {"aqua", "glycerin", "niacinamide", "panthenol", "allantoin", "sodium benzoate",
             "citric acid"}
    # Without a dictionary the capitalised city names look more like INCI than the
    # lower-case list does; with one, the recognised names win.
    assert extract(page).text == cities
    result = extract(page, is_known=lambda name: name.casefold() in known)
    assert result.source == "scored-block"
    assert result.text == inci
    assert extract(page, is_known=lambda name: False).text is None


@pytest.mark.parametrize(
    "label",
    ["Ingredients", "INGREDIENTS:", "🌱 Ingredients", "Full ingredients list", "INCI",
     "Inhaltsstoffe", "Ingrédients", "Ingredientes", "Ingredienti", "Składniki", "Состав",
     "成分", "全成分", "전성분", "Samenstelling", "Ingredients (INCI)"],
)
def test_ingredient_labels_in_many_languages(label):
    assert is_ingredients_label(label)


@pytest.mark.parametrize(
    "label",
    ["Key ingredients", "Hero Ingredients", "✨ Key ingredients", "Star ingredients",
     "What's in it", "Ingredients we love and why they work for your skin", "Description"],
)
def test_marketing_headings_are_not_ingredient_labels(label):
    assert not is_ingredients_label(label)


def test_list_score_tells_a_list_from_a_sentence():
    inci = "Aqua, Glycerin, Cetearyl Alcohol, Niacinamide, Tocopherol, Phenoxyethanol"
    prose = "Apply to the face, avoid the eyes, and rinse well with water if it stings."
    assert list_score(inci) >= 0.75
    assert list_score(prose) < 0.5


def test_shades_split_only_when_every_part_is_a_named_list():
    text = "Pearl: Aqua, Glycerin, Mica, Talc | Bronze: Aqua, Glycerin, Mica, CI 77491"
    assert split_shades(text) == (
        ("Pearl", "Aqua, Glycerin, Mica, Talc"),
        ("Bronze", "Aqua, Glycerin, Mica, CI 77491"),
    )
    # purish_2: a may-contain block is part of one list, not a shade.
    single = "Talc, Mica, Sorbic Acid. +/− (May Contain): CI 77891, CI 77491, CI 77007"
    assert split_shades(single) == ()


# Hostile input: these must return (the work is capped), with the list when it is reachable.

LIST = "Aqua, Glycerin, Squalane, Panthenol, Niacinamide, Tocopherol, Phenoxyethanol"


def test_deeply_nested_markup_returns():
    page = "<div>" * 50_000 + f"<h2>Ingredients</h2><p>{LIST}</p>" + "</div>" * 50_000
    result = extract(page)
    assert result.text in {LIST, None}


def test_five_megabytes_of_tags_are_cut_not_parsed_whole():
    page = f"<h2>Ingredients</h2><p>{LIST}</p>" + "<b></b>" * 700_000
    assert page.count("<") > 2 * MAX_TAGS
    result = extract(page)
    assert result.text == LIST


def test_a_list_after_the_tag_cap_is_not_reached():
    page = "<i></i>" * MAX_TAGS + f"<h2>Ingredients</h2><p>{LIST}</p>"
    assert extract(page).text is None


def test_broken_markup_still_gives_the_list():
    page = (
        "<html><body><div><p>Intro <b>bold <i>both</b> broken</p></div></div></span>"
        f"<h3>Ingredients</h3><p>{LIST}<h3>Directions</h3><div><table><tr><td>stray"
    )
    assert extract(page).text == LIST


def test_json_that_is_not_json_gives_a_reason():
    result = extract('{"product": ', content_type="application/json")
    assert result.text is None
    assert result.reason


def test_deeply_nested_json_returns():
    document = '{"a":' * 5_000 + '"x"' + "}" * 5_000
    result = extract(document, content_type="application/json")
    assert result.text is None
