"""CosIng recognition on the shipped inventory and synonym table.

Expected INCI names and functions are the rows of
data/cosing/cosing-inventory-2020-12-30.csv (line numbers given where it helps).
"""

import csv
import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from rapidfuzz import process

from skincheck.core.errors import DataError
from skincheck.core.inventory import display_name
from skincheck.core.inventory import Inventory
from skincheck.core.inventory import SUGGESTION_CUTOFF
from skincheck.core.normalise import fold
from skincheck.services import get_context

DATA = Path(__file__).resolve().parents[2] / "data"
INVENTORY_HEADER = "inci_name,cas_number,einecs_number,function\n"


@pytest.fixture(scope="module")
def inventory() -> Inventory:
    return get_context().inventory


def test_the_whole_inventory_is_loaded(inventory):
    # 28,712 rows; seven names are listed twice (METHOXYETHANOL on lines 15 and
    # 15554 ...), and seven more differ only in spacing or case, so fewer keys.
    with (DATA / "cosing" / "cosing-inventory-2020-12-30.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 28_712
    assert 28_600 < len(inventory) <= 28_705


@pytest.mark.parametrize("printed", ["Glycerin", "GLYCERIN", "glycerin", " Glycerin "])
def test_an_inci_name_is_recognised_exactly_in_any_case(inventory, printed):
    found = inventory.recognise(printed)
    # Line 10508: GLYCERIN,56-81-5,200-289-5,"Denaturant, Hair Conditioning, ..."
    assert found.inci == "GLYCERIN"
    assert found.display == "Glycerin"
    assert found.via == "exact"
    assert found.functions == (
        "Denaturant", "Hair Conditioning", "Humectant", "Oral Care", "Perfuming",
        "Skin Conditioning", "Skin Protecting", "Solvent", "Viscosity Controlling",
    )  # fmt: skip
    assert found.suggestions == ()


@pytest.mark.parametrize(
    ("printed", "via"),
    [
        ("Water", "exact"),
        ("Aqua", "synonym"),
        ("EAU", "synonym"),
        ("Aqua (Water)", "bracket"),
        ("Eau (Aqua)", "bracket"),
        ("Water (Aqua)", "bracket"),
        ("Aqua / Water / Eau", "slash"),
        ("AQUA / WATER", "slash"),
        ("Water/Aqua/Eau", "slash"),
    ],
)
def test_every_printed_form_of_water_is_one_ingredient(inventory, printed, via):
    found = inventory.recognise(printed)
    # Line 28393: WATER,7732-18-5,231-791-2 (I),"Antiplaque, Skin Conditioning, Solvent".
    # AQUA (line 2259) is a CosIng name too, but the synonym table sends it to WATER.
    assert (found.inci, found.display, found.via) == ("WATER", "Water", via)
    assert found.functions == ("Antiplaque", "Skin Conditioning", "Solvent")


@pytest.mark.parametrize(
    ("printed", "via"),
    [("Parfum", "exact"), ("Fragrance", "synonym"), ("Parfum (Fragrance)", "bracket")],
)
def test_parfum_and_fragrance_are_one_ingredient_shown_as_fragrance(inventory, printed, via):
    found = inventory.recognise(printed)
    # Line 18100: PARFUM,,,"Fragrance, Perfuming". CosIng has no FRAGRANCE row.
    assert (found.inci, found.display, found.via) == ("PARFUM", "Fragrance", via)
    assert found.functions == ("Fragrance", "Perfuming")


def test_a_colour_index_name_beside_its_chemical_name_keeps_the_printed_first_name(inventory):
    # Both halves are CosIng names (CI 77891 line 5945, TITANIUM DIOXIDE line 27165);
    # the first printed one is kept, so the Annex IV colourant entry applies.
    found = inventory.recognise("CI 77891 / Titanium Dioxide")
    assert (found.inci, found.display, found.via) == ("CI 77891", "CI 77891", "slash")
    assert found.functions == ("Colorant",)
    assert inventory.recognise("Titanium Dioxide / CI 77891").inci == "TITANIUM DIOXIDE"


@pytest.mark.parametrize(
    ("printed", "inci"),
    [
        # The common name in brackets is not part of the CosIng name (line 4132).
        ("Butyrospermum Parkii (Shea) Butter", "BUTYROSPERMUM PARKII BUTTER"),
        # Nothing outside the brackets is a CosIng name; the name inside is.
        ("Vitamin E (Tocopherol)", "TOCOPHEROL"),
    ],
)
def test_the_name_outside_or_inside_brackets_is_recognised(inventory, printed, inci):
    found = inventory.recognise(printed)
    assert (found.inci, found.via) == (inci, "bracket")


def test_a_polymer_slash_is_part_of_the_name(inventory):
    found = inventory.recognise("Acrylates/C10-30 Alkyl Acrylate Crosspolymer")
    assert found.inci == "ACRYLATES/C10-30 ALKYL ACRYLATE CROSSPOLYMER"
    assert found.via == "exact"


@pytest.mark.parametrize(
    "printed",
    [
        "Glycerin/Water",
        # Made-up polymer whose first part (ACRYLIC ACID) is a CosIng name, as in
        # the real ACRYLIC ACID/VP CROSSPOLYMER.
        "Acrylic Acid/Glycerin Crosspolymer",
    ],
)
def test_an_unspaced_slash_between_different_substances_is_not_split(inventory, printed):
    # A slash without spaces usually joins the monomers of one polymer.
    assert inventory.recognise(printed).inci is None


@pytest.mark.parametrize(
    ("printed", "inci"),
    [
        # Sephora corpus, Ci 77891/Titanium Dioxide: the colour index part is kept.
        ("Ci 77891/Titanium Dioxide", "CI 77891"),
        # "Blue 1" is a synonym row for CI 42090 (FD&C Blue No. 1).
        ("CI 42090/Blue 1", "CI 42090"),
        # Clarins prints the INCI names and then the French name; YEAST EXTRACT is
        # a CosIng name, "Extrait De Levure" is not.
        ("Yeast Extract/Faex/Extrait De Levure", "YEAST EXTRACT"),
    ],
)
def test_an_unspaced_slash_is_split_for_a_colour_index_or_a_french_translation(
    inventory, printed, inci
):
    found = inventory.recognise(printed)
    assert (found.inci, found.via) == (inci, "slash")


def test_an_ev_ingredient_listed_in_cosing_is_recognised(inventory):
    # Line 11662: HUMAN NEONATAL FIBROBLAST CONDITIONED MEDIA,,,Skin Conditioning
    found = inventory.recognise("Human Neonatal Fibroblast Conditioned Media")
    assert found.inci == "HUMAN NEONATAL FIBROBLAST CONDITIONED MEDIA"
    assert found.functions == ("Skin Conditioning",)


def test_polysorbate_606_is_not_recognised_and_suggests_polysorbate_60(inventory):
    # The real case: a shop printed Polysorbate 60 followed by its footnote 6.
    found = inventory.recognise("Polysorbate 606")
    assert found.inci is None
    assert found.via == "none"
    assert found.display == "Polysorbate 606"
    assert found.functions == ()
    assert found.suggestions[0] == "Polysorbate 60"
    assert 1 <= len(found.suggestions) <= 3


def test_a_name_like_no_cosing_name_gets_no_suggestions(inventory):
    found = inventory.recognise("Proprietary Blend")
    assert found.inci is None
    assert found.suggestions == ()


def test_every_synonym_row_resolves_to_its_cosing_name(inventory):
    with (DATA / "synonyms.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        found = inventory.recognise(row["printed"])
        assert (found.inci, found.via) == (row["inci"], "synonym"), row["printed"]
        assert found.display == (row["display"] or display_name(row["inci"]))
        assert row["source"].strip(), row["printed"]


@pytest.mark.parametrize(
    ("inci", "display"),
    [
        ("GLYCERIN", "Glycerin"),
        ("PEG-100 STEARATE", "PEG-100 Stearate"),
        ("CI 77891", "CI 77891"),
        ("1,2-HEXANEDIOL", "1,2-Hexanediol"),
        (
            "ACRYLATES/C10-30 ALKYL ACRYLATE CROSSPOLYMER",
            "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        ),
        ("SH-OLIGOPEPTIDE-1", "sh-Oligopeptide-1"),
        ("RH-POLYPEPTIDE-1", "rh-Polypeptide-1"),
        ("DISODIUM EDTA", "Disodium EDTA"),
        ("PYRIDOXINE HCL", "Pyridoxine HCl"),
        ("CERAMIDE NP", "Ceramide NP"),
        ("TERPENES AND TERPENOIDS", "Terpenes and Terpenoids"),
        # A supplier's blend name as printed on some labels.
        (
            "CAPRYLIC/CAPRIC TRIGLYCERIDE (AND) GLYCERIN",
            "Caprylic/Capric Triglyceride (and) Glycerin",
        ),
        ("1-HEXEN-3-OL", "1-Hexen-3-ol"),
        ("ALCOHOL DENAT.", "Alcohol Denat."),
    ],
)
def test_display_names_are_title_case_without_breaking_abbreviations(inci, display):
    assert display_name(inci) == display


def _data_dir(tmp_path: Path, inventory_rows: str, synonyms: str) -> Path:
    (tmp_path / "cosing").mkdir()
    (tmp_path / "cosing" / "cosing-inventory-2020-12-30.csv").write_text(
        INVENTORY_HEADER + inventory_rows, encoding="utf-8"
    )
    (tmp_path / "synonyms.csv").write_text(synonyms, encoding="utf-8")
    return tmp_path


def test_a_name_listed_twice_keeps_the_functions_of_both_rows(tmp_path):
    # The shape of LACTOBACILLUS/RADISH ROOT FERMENT FILTRATE, listed twice in the
    # shipped file with "Antimicrobial, Hair Conditioning, Skin Conditioning" and
    # "Preservative".
    rows = 'X FILTRATE,,,"Antimicrobial, Skin Conditioning"\nX FILTRATE,,,Preservative\n'
    data = _data_dir(tmp_path, rows, "printed,inci,display,source\n")
    found = Inventory.load(data).recognise("X Filtrate")
    assert found.functions == ("Antimicrobial", "Skin Conditioning", "Preservative")


@pytest.mark.parametrize(
    "synonym_row",
    [
        "Aqua,NOT A COSING NAME,Water,a note",  # target missing from the inventory
        "Aqua,WATER,Water,",  # no source note
        "Water,WATER,Water,a note",  # a row that renames a name to itself
    ],
)
def test_a_broken_synonym_row_stops_the_load(tmp_path, synonym_row):
    data = _data_dir(tmp_path, "WATER,,,Solvent\n", f"printed,inci,display,source\n{synonym_row}\n")
    with pytest.raises(DataError):
        Inventory.load(data)


def test_a_missing_inventory_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError):
        Inventory.load(tmp_path)


def test_a_bracketed_common_name_does_not_hide_the_suggestion(inventory):
    # Printed so in the Sephora corpus; CosIng lists the oil of the leaf.
    recognition = inventory.recognise("Pogostemon Cablin (Patchouli) Oil")
    assert recognition.inci is None
    assert recognition.suggestions[0] == "Pogostemon Cablin Leaf Oil"


def _suggest_the_long_way(inventory, name):
    """suggest() without its length window: every CosIng name compared, in file order."""
    keys = list(inventory.by_name)
    without_brackets = re.sub(r"\s+", " ", re.sub(r"\([^()]*\)", " ", name)).strip()
    for form in dict.fromkeys((name, without_brackets)):
        found = process.extract(
            fold(form), keys, scorer=fuzz.ratio, limit=3, score_cutoff=SUGGESTION_CUTOFF
        )
        if found:
            return tuple(inventory.display(inventory.by_name[key].inci) for key, _s, _i in found)
    return ()


@pytest.mark.parametrize(
    "name",
    [
        # Scores exactly the cut-off against GANODERMA LUCIDUM WATER (17 and 23 letters):
        # a window cut by rounding dropped it.
        "Ganoderma Lucidum (Reishi Mushroom)",
        "Polysorbate 606",
        "Glycerine",
        "Niacinamid",
        "Tocopheryl Acetat",
        "Sodium Hyaluronat",
        "Butyrospermum Parkii Buter",
        "Aqu",
        "Xanthan",
        "Pogostemon Cablin (Patchouli) Oil",
        "Caprylic Capric Triglycerid",
        "Cetearyl Alcohol Ceteareth 20",
    ],
)
def test_suggestions_are_those_of_a_search_over_every_name(inventory, name):
    assert inventory.suggest(name) == _suggest_the_long_way(inventory, name)
