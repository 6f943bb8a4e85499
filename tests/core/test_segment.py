"""Names run together with no separators are split at known names (skincheck.core.segment).

The lists below are written for these tests from real label names (CosIng, the corpus,
SPEC section 9); each expectation was worked out by hand from the names, not copied
from the code's output.
"""

import time

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.errors import NoListError
from skincheck.core.segment import NameDictionary
from skincheck.services import get_context


@pytest.fixture(scope="module")
def ctx():
    return get_context()


def printed(text: str, ctx) -> list[str]:
    return [ingredient.printed for ingredient in analyse(text, ctx).parsed.ingredients]


def test_a_list_printed_without_commas_is_split_at_known_names(ctx):
    # SPEC worked example 1 (TNS Recovery Complex) with every comma taken out.
    text = (
        "Human Neonatal Fibroblast Conditioned Media Isoceteth-20 Ethoxydiglycol "
        "Acrylates/C10-30 Alkyl Acrylate Crosspolymer Aminomethyl Propanol Disodium EDTA "
        "Ethylhexylglycerin Glycerin Caprylyl Glycol Caprylhydroxamic Acid Phenoxyethanol "
        "Parfum Hydroxycitronellal Linalool Coumarin Alpha-Isomethyl Ionone Geraniol Isoeugenol"
    )
    analysis = analyse(text, ctx)
    assert [i.printed for i in analysis.parsed.ingredients] == [
        "Human Neonatal Fibroblast Conditioned Media",
        "Isoceteth-20",
        "Ethoxydiglycol",
        "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        "Aminomethyl Propanol",
        "Disodium EDTA",
        "Ethylhexylglycerin",
        "Glycerin",
        "Caprylyl Glycol",
        "Caprylhydroxamic Acid",
        "Phenoxyethanol",
        "Parfum",
        "Hydroxycitronellal",
        "Linalool",
        "Coumarin",
        "Alpha-Isomethyl Ionone",
        "Geraniol",
        "Isoeugenol",
    ]
    assert [i.position for i in analysis.parsed.ingredients] == list(range(1, 19))
    assert analysis.parsed.sections[0].last == 18
    assert any("printed without commas" in notice for notice in analysis.parsed.notices)
    # The EV ingredient is found whole, at position 1.
    assert [item.ingredient.position for item in analysis.ev_items] == [1]


@pytest.mark.parametrize(
    "name",
    [
        "Sodium Hyaluronate Crosspolymer",  # holds Sodium Hyaluronate
        "Glyceryl Stearate SE",  # holds Glyceryl Stearate
        "Hydrogenated Lecithin",  # holds Lecithin
        "PEG-100 Stearate",
        "Butyrospermum Parkii (Shea) Butter",  # a bracketed common name stays inside
    ],
)
def test_a_real_name_holding_another_name_is_never_split(ctx, name):
    text = f"Water Glycerin {name} Phenoxyethanol"
    assert printed(text, ctx) == ["Water", "Glycerin", name, "Phenoxyethanol"]


def test_a_list_with_separators_is_left_alone(ctx):
    # Every name is known or unknown as a whole; none is a run of known names.
    text = "Water, Glycerin, Natural Fragrance, Pogostemon Cablin Oil, Sodium Hyaluronate"
    analysis = analyse(text, ctx)
    assert [i.printed for i in analysis.parsed.ingredients] == [
        "Water",
        "Glycerin",
        "Natural Fragrance",  # "Fragrance" is known, "Natural" is not: not split
        "Pogostemon Cablin Oil",
        "Sodium Hyaluronate",
    ]
    assert not any("split" in notice for notice in analysis.parsed.notices)


def test_a_stretch_without_separators_in_a_comma_list_is_split_and_shown(ctx):
    # A real corpus shape: the comma after Zinc Oxide was lost.
    analysis = analyse("Titanium Dioxide, Zinc Oxide Water, Glycerin, Phenoxyethanol", ctx)
    assert [(i.position, i.printed) for i in analysis.parsed.ingredients] == [
        (1, "Titanium Dioxide"),
        (2, "Zinc Oxide"),
        (3, "Water"),
        (4, "Glycerin"),
        (5, "Phenoxyethanol"),
    ]
    notice = next(n for n in analysis.parsed.notices if "ran together" in n)
    assert "“Zinc Oxide Water” as Zinc Oxide + Water" in notice


def test_unknown_words_stay_together_as_one_unrecognised_piece(ctx):
    analysis = analyse("Water Glycerin Zorblax Quintessa Mirabilis Phenoxyethanol", ctx)
    items = analysis.items
    assert [item.ingredient.printed for item in items] == [
        "Water",
        "Glycerin",
        "Zorblax Quintessa Mirabilis",
        "Phenoxyethanol",
    ]
    assert [item.recognised for item in items] == [True, True, False, True]


def test_an_ev_name_with_unknown_first_words_is_kept_whole(ctx):
    # "Rose Stem Cell" is not a known name, "Exosomes" is; together they are an EV name.
    text = "Water Glycerin Rose Stem Cell Exosomes Butylene Glycol"
    assert printed(text, ctx) == [
        "Water",
        "Glycerin",
        "Rose Stem Cell Exosomes",
        "Butylene Glycol",
    ]


def test_amounts_and_marks_stay_with_their_name(ctx):
    text = "Octinoxate 7.50% Octisalate 4.00% Water Glycerin* Phenoxyethanol"
    assert printed(text, ctx) == [
        "Octinoxate 7.50%",
        "Octisalate 4.00%",
        "Water",
        "Glycerin*",
        "Phenoxyethanol",
    ]


def test_a_run_of_words_with_no_known_name_is_still_refused(ctx):
    text = " ".join(f"Zorblax{i} Quintessa{i}" for i in range(10))
    with pytest.raises(NoListError, match="no commas"):
        analyse(text, ctx)


def test_a_name_starting_with_a_bracket_teaches_no_short_name():
    # CosIng's "(Agaricus Blazei Ferment + ...) Extract" must not make "Extract" a name.
    dictionary = NameDictionary.build(["(Agaricus Blazei Ferment) Extract", "Water"])
    assert ("extract",) not in dictionary.names
    pieces = dictionary.split("Thymus Serpillum Extract Water")
    assert [(p.known, "Thymus Serpillum Extract Water"[p.start : p.end]) for p in pieces] == [
        (False, "Thymus Serpillum Extract"),
        (True, "Water"),
    ]


def test_splitting_cost_grows_linearly(ctx):
    dictionary = ctx.split_rules().dictionary
    # Words that begin many known names ("Sodium", "Hydrolyzed") are the slow shape:
    # each one extends candidates as far as the known names allow.
    unit = "Sodium Hydrolyzed Sodium Hyaluronate Crosspolymer Zorblax Water "

    def cost(times: int) -> float:
        text = unit * times
        best = float("inf")
        for _ in range(3):
            # This thread's CPU time: an xdist worker may run threads of earlier tests.
            started = time.thread_time()
            dictionary.split(text)
            best = min(best, time.thread_time() - started)
        return best

    small, large = cost(200), cost(800)
    assert large < 1.0
    assert large < 8 * max(small, 1e-3)
