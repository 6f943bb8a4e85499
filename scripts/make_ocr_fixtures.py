"""Make the label photos under tests/fixtures/images/ that the photo tests read.

    .venv/bin/python scripts/make_ocr_fixtures.py

Each list below was written for the tests from real label names (CosIng, and the EV
names of data/kb/ev_ingredients.csv); benchmarks/label_images.py renders it, clean or
degraded, and the result is saved small: a clean PNG, a degraded JPEG, a WebP, a HEIC
(pillow-heif writes it), a JPEG carrying a GPS position and an EXIF orientation (the
picture is stored lying on its side, as phones store it), and a picture of nothing
readable; and three bad files: a PNG cut short, a valid PNG of 8,000 x 8,000 grey
pixels in 61 KB (64 million pixels, over skincheck's limit and under Pillow's own
warning), and a PNG of a few hundred bytes declaring 60,000 x 60,000. The tests name
the EV ingredient each one must yield; the files are kept in git, so the suite never
renders (and needs no fonts).
"""

import io
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
import pillow_heif
from PIL import Image
from PIL import ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from label_images import render  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "images"

#: (file, list, seed, degraded). The seeds were chosen once and are fixed.
LISTS = (
    (
        "serum-clean.png",
        "Aqua, Human Adipose Derived Stem Cell Conditioned Media, Glycerin, Butylene Glycol, "
        "Niacinamide, Sodium Hyaluronate, Panthenol, Phenoxyethanol, Ethylhexylglycerin",
        1401,
        False,
    ),
    (
        "recovery-degraded.jpg",
        "Human Neonatal Fibroblast Conditioned Media, Isoceteth-20, Ethoxydiglycol, "
        "Glycerin, Caprylyl Glycol, Phenoxyethanol, Linalool, Geraniol",
        1402,
        True,
    ),
    (
        "toner.webp",
        "Water, Rosa Damascena Callus Extracellular Vesicles, Glycerin, Propanediol, "
        "Betaine, Allantoin, Xanthan Gum, Citric Acid",
        1403,
        False,
    ),
    (
        "cream.heic",
        "Aqua, Glycerin, Human Cord Blood Cell Conditioned Media, Niacinamide, Panthenol, "
        "Carbomer, Phenoxyethanol",
        1404,
        False,
    ),
)

#: The GPS block of the JPEG that carries a position: 48.8584 N, 2.2945 E.
GPS = {
    1: "N",
    2: (48.0, 51.0, 30.24),
    3: "E",
    4: (2.0, 17.0, 40.2),
}


def _clean(text: str, seed: int) -> Image.Image:
    return Image.open(io.BytesIO(render(text, seed=seed, degraded=False).data)).convert("L")


def _png(width: int, height: int, *, rows: int) -> bytes:
    """A grey PNG declaring ``width`` x ``height``, its first ``rows`` rows all zero."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body)
        )

    pack = zlib.compressobj(9)
    line = bytes(width + 1)  # filter byte 0, then the row
    data = b"".join(pack.compress(line) for _ in range(rows)) + pack.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pillow_heif.register_heif_opener()
    for name, text, seed, degraded in LISTS:
        path = OUT / name
        if name.endswith(".jpg"):
            path.write_bytes(render(text, seed=seed, degraded=degraded).data)
        elif name.endswith(".png"):
            _clean(text, seed).save(path, "PNG", optimize=True)
        elif name.endswith(".webp"):
            _clean(text, seed).save(path, "WEBP", quality=80)
        elif name.endswith(".heic"):
            _clean(text, seed).convert("RGB").save(path, "HEIF", quality=80)
    # A phone's JPEG: the pixels lie on their side, EXIF says to turn them (orientation
    # 6: turn 90 degrees clockwise), and the GPS block says where it was taken.
    upright = _clean(LISTS[2][1], LISTS[2][2])
    lying = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(0x8825).update(GPS)  # GPSInfo
    lying.convert("RGB").save(OUT / "toner-gps-sideways.jpg", "JPEG", quality=75, exif=exif)
    # Nothing readable: a label-coloured surface with a soft blotch and grain.
    rng = np.random.default_rng(1405)
    surface = 200 + rng.normal(0, 6, (360, 480))
    blank = Image.fromarray(np.clip(surface, 0, 255).astype(np.uint8))
    blank.filter(ImageFilter.GaussianBlur(1.5)).save(OUT / "nothing-readable.png", "PNG")
    clean = (OUT / "serum-clean.png").read_bytes()
    (OUT / "serum-cut-short.png").write_bytes(clean[: len(clean) // 2])
    (OUT / "bomb-64-megapixels.png").write_bytes(_png(8000, 8000, rows=8000))
    (OUT / "bomb-declared-huge.png").write_bytes(_png(60000, 60000, rows=4))
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
