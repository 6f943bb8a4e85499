"""skincheck.ocr.read_label on the photos of tests/fixtures/images: the sideways phone
JPEG is read upright, a bilingual heading is taken as one heading, and the time cap
stops the reading with a plain message."""

from pathlib import Path

import pytest

from skincheck.ocr import BadImageError
from skincheck.ocr import read_label
from skincheck.services import get_context

IMAGES = Path(__file__).resolve().parents[1] / "fixtures" / "images"


@pytest.fixture(scope="module")
def inventory():
    return get_context().inventory


def test_the_sideways_phone_photo_is_read_upright(inventory):
    # Stored lying on its side with EXIF orientation 6 (and a GPS position): read as
    # it lies, the lines would run top to bottom and no name would come out whole.
    label = read_label((IMAGES / "toner-gps-sideways.jpg").read_bytes(), inventory)
    assert label.text == (
        "Ingredients: Water, Rosa Damascena Callus Extracellular Vesicles, Glycerin, "
        "Propanediol, Betaine, Allantoin, Xanthan Gum, Citric Acid"
    )


def test_a_bilingual_heading_is_not_taken_for_a_misread_name(inventory):
    label = read_label((IMAGES / "recovery-degraded.jpg").read_bytes(), inventory)
    assert label.text.startswith(
        "INGREDIENTS/INGRÉDIENTS: Human Neonatal Fibroblast Conditioned Media, Isoceteth-20"
    )
    assert not any("INGRÉDIENTS" in note for note in label.notes), label.notes


def test_the_time_cap_stops_a_reading_with_a_plain_message(inventory):
    with pytest.raises(BadImageError) as caught:
        read_label((IMAGES / "serum-clean.png").read_bytes(), inventory, seconds=0.0)
    assert caught.value.kind == "too_slow"
    assert caught.value.status == 422
    assert "took too long" in caught.value.message
