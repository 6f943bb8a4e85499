"""What skincheck.ocr.image does to a photo before any text is read: the metadata
(with the GPS position) is gone, the picture is upright, and bad files are refused
with a plain message and the kind the web layer turns into a status.

The photos are tests/fixtures/images/, made by scripts/make_ocr_fixtures.py.
"""

import io
from pathlib import Path

import pytest
from PIL import ExifTags
from PIL import Image

from skincheck.ocr import BadImageError
from skincheck.ocr import MAX_IMAGE_BYTES
from skincheck.ocr.image import MAX_SIDE
from skincheck.ocr.image import prepare

IMAGES = Path(__file__).resolve().parents[1] / "fixtures" / "images"
GPS_IFD = ExifTags.IFD.GPSInfo


def test_the_gps_position_and_every_other_tag_are_dropped_before_ocr():
    data = (IMAGES / "toner-gps-sideways.jpg").read_bytes()
    # The file does carry a position (48 deg 51' N), a maker and an orientation.
    with Image.open(io.BytesIO(data)) as original:
        exif = original.getexif()
        assert exif.get_ifd(GPS_IFD)[ExifTags.GPS.GPSLatitude] == (48.0, 51.0, 30.24)
        assert exif[ExifTags.Base.Make] == "PhoneMaker"
        assert "exif" in original.info
    prepared = prepare(data)
    assert len(prepared.getexif()) == 0
    assert prepared.info == {}
    # Written out again, nothing of the position comes back either.
    again = io.BytesIO()
    prepared.save(again, "JPEG")
    with Image.open(again) as written:
        assert len(written.getexif()) == 0
        assert written.getexif().get_ifd(GPS_IFD) == {}
    assert b"PhoneMaker" not in again.getvalue()


def test_the_exif_orientation_turns_a_sideways_photo_upright():
    # The sideways JPEG holds the toner label turned a quarter turn, with orientation 6;
    # the WebP holds the same render upright.
    with Image.open(IMAGES / "toner.webp") as upright:
        upright_size = upright.size
    with Image.open(IMAGES / "toner-gps-sideways.jpg") as lying:
        assert lying.size == upright_size[::-1] != upright_size
    assert prepare((IMAGES / "toner-gps-sideways.jpg").read_bytes()).size == upright_size


@pytest.mark.parametrize(
    "name", ["serum-clean.png", "recovery-degraded.jpg", "toner.webp", "cream.heic"]
)
def test_each_format_a_phone_or_a_screenshot_gives_is_opened(name):
    prepared = prepare((IMAGES / name).read_bytes())
    assert prepared.mode == "L"
    assert min(prepared.size) > 100


def test_a_large_photo_is_scaled_down_to_max_side():
    big = Image.new("L", (4800, 3600), 230)
    buffer = io.BytesIO()
    big.save(buffer, "JPEG", quality=50)
    assert prepare(buffer.getvalue()).size == (MAX_SIDE, MAX_SIDE * 3 // 4)


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_an_image", "not a picture"),
        (b"", "not_an_image", "empty"),
        ((IMAGES / "serum-cut-short.png").read_bytes(), "damaged", "cut short or damaged"),
        ((IMAGES / "bomb-64-megapixels.png").read_bytes(), "bomb", "50 million pixels"),
        ((IMAGES / "bomb-declared-huge.png").read_bytes(), "bomb", "50 million pixels"),
        (b"\xff\xd8\xff\xe0" + bytes(MAX_IMAGE_BYTES), "too_large", "up to 10 MB"),
    ],
    ids=["pdf", "empty", "cut-short", "bomb-64mp", "bomb-declared", "over-10mb"],
)
def test_a_bad_file_is_refused_with_a_plain_message(data, kind, words):
    with pytest.raises(BadImageError) as caught:
        prepare(data)
    assert caught.value.kind == kind
    assert words in caught.value.message
    assert "Traceback" not in caught.value.message


def test_a_gif_is_refused_though_pillow_could_open_it():
    buffer = io.BytesIO()
    Image.new("L", (40, 20), 255).save(buffer, "GIF")
    with pytest.raises(BadImageError) as caught:
        prepare(buffer.getvalue())
    assert caught.value.kind == "not_an_image"
