"""fold(): one comparison form, blind to case, dashes, spacing and accents, and stable.

The pairs below are spellings seen on labels and in the CosIng inventory for the same
name; each pair must fold to one string, and names that differ must stay apart.
"""

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from skincheck.core.normalise import _unaccented
from skincheck.core.normalise import fold


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_needs_only_lower_case(text):
    # fold() takes this short cut for ASCII names; the Unicode steps must agree.
    assert _unaccented(text) == text.lower()


@pytest.mark.parametrize(
    ("printed", "listed"),
    [
        pytest.param("Sodium Benzoate", "SODIUM BENZOATE", id="case"),
        pytest.param("sh-Oligopeptide-1", "SH-OLIGOPEPTIDE-1", id="case-of-prefix"),
        # U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN, as printed by shops and OCR.
        pytest.param("Rh‐Oligopeptide‐1", "rh-oligopeptide-1", id="unicode-hyphen"),
        pytest.param("Rh‑Oligopeptide‑1", "rh-oligopeptide-1", id="non-breaking-hyphen"),
        pytest.param("C10–30 Alkyl Acrylate", "C10-30 ALKYL ACRYLATE", id="en-dash"),
        pytest.param("Acrylates / C10-30", "ACRYLATES/C10-30", id="space-around-slash"),
        pytest.param("C10 - 30 Alkyl", "C10-30 ALKYL", id="space-around-hyphen"),
        pytest.param("Sodium   Hyaluronate", "SODIUM HYALURONATE", id="repeated-spaces"),
        pytest.param("Sodium\u00a0Hyaluronate", "SODIUM HYALURONATE", id="no-break-space"),
        pytest.param("Sodium\nBenzoate", "SODIUM BENZOATE", id="line-break"),
        pytest.param("Glycérine", "GLYCERINE", id="accent"),
        pytest.param(" Glycerin. ", "GLYCERIN", id="edge-punctuation"),
        pytest.param("Ｇｌｙｃｅｒｉｎ", "GLYCERIN", id="full-width"),
    ],
)
def test_spellings_of_one_name_fold_together(printed, listed):
    assert fold(printed) == fold(listed)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("Polysorbate 60", "Polysorbate 606", id="digits-kept"),
        pytest.param("PEG-100 Stearate", "PEG-10 Stearate", id="numbers-kept"),
        pytest.param("Aqua (Water)", "Aqua", id="brackets-kept"),
        pytest.param("Acrylates/C10-30", "Acrylates C10-30", id="slash-kept"),
        pytest.param("Phytoplacenta", "Placenta", id="no-substring-folding"),
    ],
)
def test_different_names_stay_apart(one, other):
    assert fold(one) != fold(other)


def test_fold_does_not_resolve_synonyms():
    # The recogniser resolves "Aqua / Water / Eau"; fold keeps the whole text.
    assert fold("Aqua / Water / Eau") == "aqua/water/eau"


def test_a_locant_with_a_space_folds_like_the_inci_name():
    assert fold("1, 2-Hexanediol") == fold("1,2-HEXANEDIOL")
    assert fold("Polysorbate 60, 6") == "polysorbate 60,6"
