"""parse_list() on small label texts, one per edge case of real lists.

Each expected value is read off the input text by a person: what a careful reader of
the label would call the ingredients, in printed order. The shapes come from SPEC
section 5 and research/anchors.md section 5; the texts are written for these tests.
"""

from pathlib import Path

import pytest

from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.reader import parse_list

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lists"


def names(text):
    return [ingredient.name for ingredient in parse_list(text).ingredients]


NAME_CASES = [
    # Preambles, in several languages.
    ("Ingredients: Water, Glycerin", ["Water", "Glycerin"], "ingredients-colon"),
    ("INGREDIENTS: AQUA, GLYCERIN", ["AQUA", "GLYCERIN"], "ingredients-upper"),
    ("INCI: Aqua, Glycerin", ["Aqua", "Glycerin"], "inci"),
    ("Inhaltsstoffe: Aqua, Glycerin", ["Aqua", "Glycerin"], "german"),
    ("Ingrédients : Aqua, Glycérine", ["Aqua", "Glycérine"], "french-space-before-colon"),
    ("Ingredientes: Agua, Glicerina", ["Agua", "Glicerina"], "spanish"),
    ("Ingredienti: Aqua, Glicerina", ["Aqua", "Glicerina"], "italian"),
    ("Composition: Aqua, Glycerin", ["Aqua", "Glycerin"], "composition"),
    ("Samenstelling: Aqua, Glycerine", ["Aqua", "Glycerine"], "dutch"),
    (
        "Ingredients/Ingrédients/Inhaltsstoffe: Aqua, Glycerin",
        ["Aqua", "Glycerin"],
        "heading-in-three-languages",
    ),
    (
        "Our best-selling serum, now bigger. Ingredients: Water, Glycerin",
        ["Water", "Glycerin"],
        "prose-before-heading",
    ),
    (
        "Active ingredients: Zinc Oxide 20%, Octinoxate 7.5% Inactive ingredients: Water, Glycerin",
        ["Zinc Oxide", "Octinoxate", "Water", "Glycerin"],
        "active-then-inactive",
    ),
    (
        "Day Lotion Division: Example (Brand)Active Ingredients: Avobenzone 3.00% , "
        "Octisalate 5.00%Ingredients: Water , Glycerin",
        ["Avobenzone", "Octisalate", "Water", "Glycerin"],
        "headings-glued-to-text",
    ),
    (
        "Full ingredient list\nWater, Glycerin, Niacinamide",
        ["Water", "Glycerin", "Niacinamide"],
        "heading-on-its-own-line",
    ),
    (
        "Key ingredients: Niacinamide, Exosomes\nFull ingredients list: Water, Niacinamide, "
        "Glycerin",
        ["Water", "Niacinamide", "Glycerin"],
        "key-ingredients-skipped",
    ),
    ("INGREDIENTS WATER, GLYCERIN", ["WATER", "GLYCERIN"], "heading-without-colon"),
    # Panels after the list.
    (
        "Water, Glycerin. Directions: Apply to clean skin.",
        ["Water", "Glycerin"],
        "directions",
    ),
    ("Water, Glycerin\nHow to use: massage in.", ["Water", "Glycerin"], "how-to-use"),
    (
        "Water, Glycerin. Warnings: For external use only.",
        ["Water", "Glycerin"],
        "warnings",
    ),
    ("Water, Glycerin. Caution: avoid the eyes.", ["Water", "Glycerin"], "caution"),
    ("Water, Glycerin. Made in Korea", ["Water", "Glycerin"], "made-in"),
    (
        "Water, Glycerin. Distributed by Example Inc., New York",
        ["Water", "Glycerin"],
        "distributed-by",
    ),
    ("Water, Glycerin Net wt. 1.7 oz / 50 g", ["Water", "Glycerin"], "net-wt"),
    (
        "Water, Glycerin, Mica. Please be aware that ingredient lists may change or vary "
        "from time to time.",
        ["Water", "Glycerin", "Mica"],
        "retailer-disclaimer",
    ),
    (
        "Water, Aloe Barbadensis Leaf Juice*, Glycerin. *Certified organic",
        ["Water", "Aloe Barbadensis Leaf Juice", "Glycerin"],
        "certified-organic-footnote",
    ),
    (
        "Water, Glycerin, Jojoba Oil*. *organic",
        ["Water", "Glycerin", "Jojoba Oil"],
        "organic-footnote",
    ),
    ("Water, Glycerin. *Hadasei-3.", ["Water", "Glycerin"], "trade-name-footnote"),
    (
        "Water, Glycerin**, Parfum. **Natural fragrance",
        ["Water", "Glycerin", "Parfum"],
        "double-star-note",
    ),
    # Shade blocks.
    (
        "Water, Mica, Dimethicone. May contain: CI 77491, CI 77492",
        ["Water", "Mica", "Dimethicone", "CI 77491", "CI 77492"],
        "may-contain",
    ),
    (
        "Aqua, Talc. Peut contenir: CI 77891, CI 77491",
        ["Aqua", "Talc", "CI 77891", "CI 77491"],
        "peut-contenir",
    ),
    ("Talc, Mica +/- CI 77891, CI 77491", ["Talc", "Mica", "CI 77891", "CI 77491"], "plus-minus"),
    (
        "Talc, Mica, [+/-: CI 77891, CI 77491].",
        ["Talc", "Mica", "CI 77891", "CI 77491"],
        "bracketed-plus-minus",
    ),
    (
        "Talc, Mica, [+/- May Contain: Iron Oxides (CI 77491, CI 77492), Titanium Dioxide]",
        ["Talc", "Mica", "Iron Oxides (CI 77491, CI 77492)", "Titanium Dioxide"],
        "bracketed-may-contain",
    ),
    ("Glycerin +/- 0.5%, Water", ["Glycerin", "Water"], "tolerance-is-not-a-shade-block"),
    # Footnote marks and site footnote digits.
    (
        "Glycerin*, Aloe Barbadensis Leaf Juice**, Tocopherol¹, Rosa Canina Fruit Oil†",
        ["Glycerin", "Aloe Barbadensis Leaf Juice", "Tocopherol", "Rosa Canina Fruit Oil"],
        "footnote-marks",
    ),
    ("Water, Polysorbate 606, Glycerin", ["Water", "Polysorbate 606", "Glycerin"], "note-digit"),
    # Percentages, blends, synonyms, brackets.
    (
        "Niacinamide 10%, Zinc Oxide (20%), 2% Salicylic Acid, Water",
        ["Niacinamide", "Zinc Oxide", "Salicylic Acid", "Water"],
        "percentages",
    ),
    (
        "Caprylic/Capric Triglyceride (and) Tocopherol, Water",
        ["Caprylic/Capric Triglyceride", "Tocopherol", "Water"],
        "and-blend",
    ),
    ("Aqua / Water / Eau, Glycerin", ["Aqua / Water / Eau", "Glycerin"], "synonym-slashes"),
    (
        "Aqua (Water), CI 77891 / Titanium Dioxide, Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        [
            "Aqua (Water)",
            "CI 77891 / Titanium Dioxide",
            "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        ],
        "synonyms-versus-polymer",
    ),
    (
        "Parfum (Fragrance, Linalool), Butyrospermum Parkii (Shea, Karite) Butter, Water",
        ["Parfum (Fragrance, Linalool)", "Butyrospermum Parkii (Shea, Karite) Butter", "Water"],
        "commas-inside-brackets",
    ),
    # Separators.
    ("Water\nGlycerin\nSodium Benzoate", ["Water", "Glycerin", "Sodium Benzoate"], "newlines"),
    (
        "Aqua, Glycerin, Sodium\nBenzoate, Mica",
        ["Aqua", "Glycerin", "Sodium Benzoate", "Mica"],
        "wrapped-line-inside-a-name",
    ),
    ("• Water • Glycerin • Mica", ["Water", "Glycerin", "Mica"], "round-bullets"),
    ("- Water\n- Glycerin\n- Mica", ["Water", "Glycerin", "Mica"], "dash-bullets"),
    ("* Water\n* Glycerin\n* Mica", ["Water", "Glycerin", "Mica"], "star-bullets"),
    ("Water · Glycerin · Mica", ["Water", "Glycerin", "Mica"], "middle-dots"),
    ("Water; Glycerin; Mica", ["Water", "Glycerin", "Mica"], "semicolons"),
    ("Water | Glycerin | Mica", ["Water", "Glycerin", "Mica"], "pipes"),
    ("Water,Glycerin,Mica", ["Water", "Glycerin", "Mica"], "no-space-after-comma"),
    (
        "Water, Glycerin Mica, Silica",
        ["Water", "Glycerin Mica", "Silica"],
        "missing-comma-is-not-guessed",
    ),
    ("Aqua. Glycerin. Mica.", ["Aqua", "Glycerin", "Mica"], "full-stops-between-names"),
    # Case is kept.
    (
        "AQUA, PEG-100 STEARATE, SH-OLIGOPEPTIDE-1, CI 77891, 1,2-HEXANEDIOL",
        ["AQUA", "PEG-100 STEARATE", "SH-OLIGOPEPTIDE-1", "CI 77891", "1,2-HEXANEDIOL"],
        "upper-case-kept",
    ),
    (
        "water, 1,2-Hexanediol, sh-Oligopeptide-1, rh-Oligopeptide-1",
        ["water", "1,2-Hexanediol", "sh-Oligopeptide-1", "rh-Oligopeptide-1"],
        "mixed-case-kept",
    ),
    # HTML, spacing, stray punctuation.
    (
        "Ingredients:&nbsp;Water, Caf&#233;ine, Sodium Chloride",
        ["Water", "Caféine", "Sodium Chloride"],
        "html-entities",
    ),
    ("Water, Glycerin &lt;1%, Mica", ["Water", "Glycerin", "Mica"], "entity-holding-semicolon"),
    (
        "<p>Ingredients:<br>Water, Glycerin</p><p>Directions: apply</p>",
        ["Water", "Glycerin"],
        "html-tags",
    ),
    ("Water,,  Glycerin ,, Mica.", ["Water", "Glycerin", "Mica"], "empty-items"),
    ("   Water ,   Glycerin   \n", ["Water", "Glycerin"], "stray-whitespace"),
    (
        "Water, Alcohol Denat., Glycerin.",
        ["Water", "Alcohol Denat.", "Glycerin"],
        "trailing-full-stop-but-not-abbreviation",
    ),
    (
        "Water, Glycerin, Mica. This product is not tested on animals.",
        ["Water", "Glycerin", "Mica"],
        "sentence-after-list",
    ),
    (
        "Water, Galactomyces Ferment Filtrate (Pitera™)",
        ["Water", "Galactomyces Ferment Filtrate (Pitera)"],
        "trade-mark-sign",
    ),
    (
        "['Water', 'Glycerin', 'Aqua (Water)']",
        ["Water", "Glycerin", "Aqua (Water)"],
        "list-literal-from-a-dataset-field",
    ),
    (
        "100% Simmondsia Chinensis (Jojoba) Seed Oil.",
        ["Simmondsia Chinensis (Jojoba) Seed Oil"],
        "single-ingredient-product",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for t, e, i in NAME_CASES])
def test_names_in_printed_order(text, expected):
    assert names(text) == expected


def test_printed_text_keeps_marks_and_amounts():
    parsed = parse_list("Glycerin*, Niacinamide 10%, Tocopherol¹, Aqua (Water)")
    assert [i.printed for i in parsed.ingredients] == [
        "Glycerin*",
        "Niacinamide 10%",
        "Tocopherol¹",
        "Aqua (Water)",
    ]


def test_blend_parts_are_printed_separately_and_numbered_on():
    parsed = parse_list("Water, Caprylic/Capric Triglyceride (and) Tocopherol, Mica")
    assert [(i.position, i.printed) for i in parsed.ingredients] == [
        (1, "Water"),
        (2, "Caprylic/Capric Triglyceride"),
        (3, "Tocopherol"),
        (4, "Mica"),
    ]


def test_may_contain_names_are_flagged():
    parsed = parse_list("Water, Mica. May contain: CI 77491, CI 77492")
    assert [(i.name, i.may_contain) for i in parsed.ingredients] == [
        ("Water", False),
        ("Mica", False),
        ("CI 77491", True),
        ("CI 77492", True),
    ]


def test_bracketed_shade_block_inside_the_list_moves_after_the_main_list():
    parsed = parse_list("Talc, [+/- CI 77491, CI 77492], Mica, Silica")
    assert [(i.position, i.name, i.may_contain) for i in parsed.ingredients] == [
        (1, "Talc", False),
        (2, "Mica", False),
        (3, "Silica", False),
        (4, "CI 77491", True),
        (5, "CI 77492", True),
    ]


def test_kit_lists_become_titled_sections_with_positions_running_on():
    parsed = parse_list((FIXTURES / "kit_three_products.txt").read_text(encoding="utf-8"))
    assert [(s.title, s.first, s.last) for s in parsed.sections] == [
        ("Gentle Foam Cleanser", 1, 4),
        ("Night Serum™", 5, 8),
        ("Day Cream SPF 30", 9, 12),
    ]
    assert [(i.position, i.name, i.section) for i in parsed.ingredients][4:9] == [
        (5, "Water", 1),
        (6, "Human Adipose Stromal Cell Conditioned Media", 1),
        (7, "Niacinamide", 1),
        (8, "Phenoxyethanol", 1),
        (9, "Zinc Oxide", 2),
    ]
    last = parsed.ingredients[-1]
    assert (last.position, last.name, last.section, last.may_contain) == (12, "CI 77491", 2, True)


def test_a_plain_list_has_one_untitled_section():
    parsed = parse_list("Water, Glycerin, Mica")
    assert [(s.title, s.first, s.last) for s in parsed.sections] == [(None, 1, 3)]


def test_kit_of_short_lists_is_read_as_a_kit():
    parsed = parse_list("Night Oil: Squalane, Tocopherol. Day Oil: Squalane, Jojoba Oil.")
    assert [(s.title, s.first, s.last) for s in parsed.sections] == [
        ("Night Oil", 1, 2),
        ("Day Oil", 3, 4),
    ]
    assert [i.name for i in parsed.ingredients] == [
        "Squalane",
        "Tocopherol",
        "Squalane",
        "Jojoba Oil",
    ]


def test_what_each_ingredient_does_is_left_out_before_the_list():
    # A shop's "name: what it does." blurbs, then the list under its own product name.
    parsed = parse_list(
        "-Ginseng Root: Wakes up dull skin. -Lactic Acid: Gently smooths the surface. "
        "Glow Serum: Water, Panax Ginseng Root Extract, Lactic Acid, Glycerin."
    )
    assert [i.name for i in parsed.ingredients] == [
        "Water",
        "Panax Ginseng Root Extract",
        "Lactic Acid",
        "Glycerin",
    ]
    assert [s.title for s in parsed.sections] == ["Glow Serum"]


def test_drug_facts_panel_keeps_active_and_inactive_in_order_and_cuts_the_rest():
    parsed = parse_list((FIXTURES / "drug_facts.txt").read_text(encoding="utf-8"))
    assert [i.name for i in parsed.ingredients] == [
        "Zinc Oxide",
        "Octinoxate",
        "Water",
        "Caprylic/Capric Triglyceride",
        "Glycerin",
        "Phenoxyethanol",
    ]
    assert len(parsed.sections) == 1
    assert any("Warnings" in notice for notice in parsed.notices)


def test_pasted_page_tab_reads_the_full_list_not_the_key_ingredients():
    parsed = parse_list((FIXTURES / "page_paste.html").read_text(encoding="utf-8"))
    assert [i.name for i in parsed.ingredients] == [
        "Aqua (Water)",
        "Glycerin",
        "Rosa Canina Fruit Oil",
        "Caprylic/Capric Triglyceride",
        "Tocopherol",
        "Parfum (Fragrance, Linalool)",
        "Polysorbate 606",
    ]
    notices = " ".join(parsed.notices)
    assert "Key Ingredients" in notices
    assert "Certified organic" in notices
    assert "Please be aware" in notices


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Water, Glycerin. Directions: Apply to clean skin.", "Directions: Apply"),
        ("Water, Jojoba Oil*. *Certified organic", "*Certified organic"),
        ("Intro text here. Ingredients: Water, Glycerin", "Intro text here"),
    ],
)
def test_what_was_cut_is_quoted_in_a_notice(text, quoted):
    assert any(quoted in notice for notice in parse_list(text).notices)


def test_unclosed_bracket_does_not_swallow_the_rest_of_the_list():
    result = names("Water, Parfum (Fragrance, Linalool, Glycerin, Mica")
    assert result[-2:] == ["Glycerin", "Mica"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("  \n\t  ", "empty", id="whitespace"),
        pytest.param("\x00\x01\x02\x03PK\x03\x04\x00\x00", "control characters", id="binary"),
        pytest.param(
            "This serum is loved by our customers because it leaves the skin soft and calm.",
            "sentences",
            id="prose",
        ),
        pytest.param(
            "See the brand page for details about this product.", "sentences", id="short-prose"
        ),
        pytest.param("hello", "single word", id="single-word"),
        pytest.param("xkcdqwrt", "does not look like", id="keyboard-mash"),
        pytest.param("https://shop.example/serum", "web address", id="url"),
        pytest.param("Ingredients:", "no ingredients after it", id="heading-only"),
        pytest.param("Water, " * (MAX_TEXT_CHARS // 7 + 1), "characters long", id="too-long"),
    ],
)
def test_no_list_is_refused_with_a_plain_reason(text, words):
    with pytest.raises(NoListError) as caught:
        parse_list(text)
    assert words in caught.value.reason


def test_a_locant_retyped_with_a_space_stays_one_name():
    # The Sephora corpus prints "1, 2-Hexanediol" in nine rows; it is 1,2-Hexanediol.
    names = [i.name for i in parse_list("Water, 1, 2-Hexanediol, Glycerin").ingredients]
    assert names == ["Water", "1, 2-Hexanediol", "Glycerin"]


@pytest.mark.parametrize("text", ["No Info", "no information", "#NAME?"])
def test_shop_export_placeholders_are_refused(text):
    with pytest.raises(NoListError, match="not an ingredient list"):
        parse_list(text)


def test_a_kit_title_keeps_an_abbreviated_number():
    # The Drunk Elephant kit in the SPEC's worked example 3 prints "Beste No. 9".
    parsed = parse_list(
        "Beste No. 9 Jelly Cleanser: Water, Glycerin, Sodium Chloride. "
        "C-Firma Day Serum: Water, Ascorbic Acid"
    )
    assert [section.title for section in parsed.sections] == [
        "Beste No. 9 Jelly Cleanser",
        "C-Firma Day Serum",
    ]
    assert [i.name for i in parsed.ingredients] == [
        "Water",
        "Glycerin",
        "Sodium Chloride",
        "Water",
        "Ascorbic Acid",
    ]


def test_names_run_together_are_kept_and_marked_for_splitting():
    # The reader knows no names, so it cannot split them; it keeps the run as printed
    # and marks the list, and skincheck.core.segment splits it at known names.
    text = (
        "Propylene Glycol Cyclopentasiloxane Ascorbic Acid Glycerin Cetyl Dimethicone "
        "Dimethicone Crosspolymer Silica Adenosine Sodium Hyaluronate Water"
    )
    parsed = parse_list(text)
    assert parsed.unseparated
    assert [ingredient.printed for ingredient in parsed.ingredients] == [text]
    assert not parse_list("Water, Glycerin, Propylene Glycol").unseparated


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A tolerance after "+/-" or "±" is no "may contain" block (issue 12).
        (
            "Water, Glycerin +/- 0.5%, Niacinamide, Phenoxyethanol",
            ["Water", "Glycerin", "Niacinamide", "Phenoxyethanol"],
        ),
        (
            "Aqua, Glycerin, Sodium Fluoride, pH 5.5 ± 0.5, Citric Acid",
            ["Aqua", "Glycerin", "Sodium Fluoride", "pH 5.5 ± 0.5", "Citric Acid"],
        ),
    ],
)
def test_a_tolerance_is_not_a_shade_block(text: str, names: list[str]) -> None:
    parsed = parse_list(text)
    assert [ingredient.name for ingredient in parsed.ingredients] == names
    assert not any("may contain" in notice for notice in parsed.notices)


@pytest.mark.parametrize(
    "declaration",
    ["Contient du fluorure de sodium (1450 ppm)", "Contains sodium fluoride 0.32%"],
)
def test_a_content_declaration_after_the_last_full_stop_ends_the_list(declaration: str) -> None:
    parsed = parse_list(
        f"Aqua, Hydrated Silica, Sorbitol, Sodium Fluoride, CI 77891. {declaration}"
    )
    assert [ingredient.name for ingredient in parsed.ingredients] == [
        "Aqua",
        "Hydrated Silica",
        "Sorbitol",
        "Sodium Fluoride",
        "CI 77891",
    ]
    assert any(declaration in notice for notice in parsed.notices)
