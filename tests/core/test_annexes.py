"""Annex II-VI matching on the shipped CosIng exports.

Every expected reference, substance and condition below is read off the CSV row
named beside it (data/cosing/annex_*.csv, line numbers as in the file).
"""

import hashlib
import re
from pathlib import Path

import pytest

from skincheck.core.annexes import Annexes
from skincheck.core.errors import DataError

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def annexes() -> Annexes:
    return Annexes.load(DATA)


def _refs(matches) -> list[tuple[str, str]]:
    return [(match.annex, match.reference) for match in matches]


def test_the_shipped_copies_are_the_files_named_in_the_provenance_note():
    note = (DATA / "cosing" / "PROVENANCE.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| (\S+\.csv) \|.*\| ([0-9a-f]{64}) \|$", note, re.MULTILINE))
    assert len(listed) == 6
    for name, sha256 in listed.items():
        assert hashlib.sha256((DATA / "cosing" / name).read_bytes()).hexdigest() == sha256, name


def test_the_version_is_each_annexs_last_update(annexes):
    # Line 2 of every file: "ANNEX II","Last update: 28/08/2026"
    assert annexes.version == dict.fromkeys(("II", "III", "IV", "V", "VI"), "2026-08-28")


def test_a_preservative_matches_annex_v_with_its_maximum_concentration(annexes):
    # annex_V.csv line 79: 29,2-Phenoxyethanol,PHENOXYETHANOL,...,,1.0%,,,...
    [match] = annexes.matches("Phenoxyethanol")
    assert (match.annex, match.reference, match.substance) == ("V", "29", "2-Phenoxyethanol")
    assert match.status == "allowed_preservative"
    assert match.conditions == "Maximum concentration: 1.0%"


@pytest.mark.parametrize("printed", ["Butyl Methoxydibenzoylmethane", "AVOBENZONE"])
def test_a_uv_filter_matches_annex_vi_by_inci_name_or_inn(annexes, printed):
    # annex_VI.csv line 21: 8,"1-(4-tert-Butylphenyl)-3-(4-methoxyphenyl)
    # propane-1,3-dione / Avobenzone","Butyl Methoxydibenzoylmethane",...,5%,...
    [match] = annexes.matches(printed)
    assert (match.annex, match.reference, match.status) == ("VI", "8", "allowed_uv_filter")
    assert match.substance.endswith("/ Avobenzone")
    assert match.conditions == "Maximum concentration: 5%"


def test_a_colour_index_name_matches_annex_iv(annexes):
    # annex_IV.csv entry 143: "Titanium Dioxide/CI 77891","TITANIUM DIOXIDE/CI 77891"
    [match] = annexes.matches("CI 77891")
    assert (match.annex, match.reference, match.status) == ("IV", "143", "allowed_colourant")
    assert "Annex VI, No 27" in match.conditions


def test_titanium_dioxide_is_not_the_nano_entry_unless_labelled_nano(annexes):
    # Annex VI has 27 "Titanium Dioxide" and 27a "Titanium dioxide (nano)"; EU labels
    # must print "(nano)" after a nanomaterial.
    plain = _refs(annexes.matches("Titanium Dioxide"))
    assert ("VI", "27") in plain and ("IV", "143") in plain
    assert ("VI", "27a") not in plain
    assert _refs(annexes.matches("Titanium Dioxide (nano)")) == [("VI", "27a")]


@pytest.mark.parametrize(
    ("printed", "reference"),
    [
        # annex_II.csv line 9: 4,"Spironolactone (INN)",...,SPIRONOLACTONE (identified)
        ("Spironolactone", "4"),
        # line 11: 6,"Methotrexate (INN)" with no identified INCI name
        ("Methotrexate", "6"),
        # line 32: 22,"Aniline, its salts ...",...,"Aminobenzene; Aniline" (IUPAC)
        ("Aminobenzene", "22"),
    ],
)
def test_an_annex_ii_substance_is_prohibited(annexes, printed, reference):
    [match] = annexes.matches(printed)
    assert (match.annex, match.reference, match.status) == ("II", reference, "prohibited")
    assert match.conditions == ""


def test_hydroquinone_is_prohibited_except_under_annex_iii(annexes):
    # annex_II.csv line 1897: 1339,"1,4-Dihydroxybenzene (Hydroquinone), with the
    # exception of entry 14 in Annex III",...,"HYDROQUINONE,HYDROQUINONE"
    assert _refs(annexes.matches("Hydroquinone")) == [("II", "1339"), ("III", "14")]


def test_entry_416_is_the_human_origin_prohibition(annexes):
    entry = annexes.entry("II", "416")
    assert entry.substance == "Cells, tissues or products of human origin"
    assert entry.status == "prohibited"
    # Its identified names include human cell products listed in CosIng.
    assert _refs(annexes.matches("Human Keratinocytes")) == [("II", "416")]
    assert _refs(annexes.matches("rh-Polypeptide-1")) == [("II", "416")]


def test_an_unknown_entry_is_a_key_error(annexes):
    with pytest.raises(KeyError):
        annexes.entry("II", "99999")


@pytest.mark.parametrize("printed", ["Water", "Aqua", "Glycerin"])
def test_common_names_inside_long_annex_texts_do_not_match(annexes, printed):
    # The words do occur in Annex II descriptions (guarded below), so only
    # whole-name matching keeps these out.
    assert _refs(annexes.matches(printed)) == []


def test_water_and_glycerin_do_occur_inside_annex_ii_texts():
    text = (DATA / "cosing" / "annex_II.csv").read_text(encoding="utf-8").casefold()
    assert "water" in text
    assert "glycerin" in text or "glycerol" in text


@pytest.mark.parametrize(
    ("printed", "annex", "reference"),
    [
        # annex_III.csv line 141: "...,"TOLUENE-2,5-DIAMINE,TOLUENE-2,5-DIAMINE SULFATE""
        ("Toluene-2,5-Diamine Sulfate", "III", "9a"),
        # "ALLYL 3,5,5-TRIMETHYLHEXANOATE": two commas inside one name
        ("Allyl 3,5,5-Trimethylhexanoate", "III", "145"),
    ],
)
def test_commas_inside_a_chemical_name_do_not_split_it(annexes, printed, annex, reference):
    assert _refs(annexes.matches(printed)) == [(annex, reference)]
    assert annexes.matches("Toluene-2") == ()


def test_a_folder_without_the_annexes_is_a_data_error(tmp_path):
    with pytest.raises(DataError):
        Annexes.load(tmp_path)
