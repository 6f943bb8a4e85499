"""Turn the bytes of an uploaded photo into a clean, upright, grey picture for OCR.

In order: refuse files over MAX_IMAGE_BYTES; open the header only and refuse what is
not an image or declares more than MAX_PIXELS (a decompression bomb: a few kilobytes
that would unpack to gigabytes); note the EXIF orientation, then drop every piece of
metadata (EXIF with its GPS position, XMP, ICC, comments) by copying the pixels alone
into a new image; turn it upright; scale it so its longer side is at most MAX_SIDE.

What it does not do: keep or log the image. It reads JPEG, PNG, WebP and (through
pillow-heif) the HEIC photos phones take; only the first frame of an animation.
"""

import io
import warnings

import pillow_heif
from PIL import ExifTags
from PIL import Image
from PIL import UnidentifiedImageError

from skincheck.ocr.errors import BadImageError

#: Uploads larger than this are refused before they are opened. Phone photos are
#: 2-6 MB as JPEG or HEIC; 10 MB is the limit issue 14 names.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: More pixels than this are refused before any is decoded: a 48-megapixel phone
#: (8000 x 6000) passes, a PNG of 4 KB declaring 50,000 x 50,000 does not. Pillow's
#: own guard (Image.MAX_IMAGE_PIXELS, 89 M) only warns below twice that.
MAX_PIXELS = 50_000_000
#: The longer side of the picture handed to OCR. A label's small print stays legible
#: at this size, and the detector's cost grows with the area.
MAX_SIDE = 2000
#: The formats read; anything else Pillow could open (TIFF, BMP, PSD...) is refused.
FORMATS = frozenset({"JPEG", "PNG", "WEBP", "HEIF", "MPO"})

# The EXIF orientation tag's values and the turn that makes the picture upright: the
# table of PIL.ImageOps.exif_transpose, applied after the metadata is gone.
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

pillow_heif.register_heif_opener()

NOT_AN_IMAGE = (
    "This file is not a picture skincheck can read. Send a JPEG, PNG, WebP or HEIC photo."
)


def prepare(data: bytes) -> Image.Image:
    """The picture OCR sees: grey ("L"), upright, no metadata, longer side <= MAX_SIDE.

    Raises BadImageError with a plain message for a file too large, not an image, a
    decompression bomb, or a picture that cannot be decoded.
    """
    if len(data) > MAX_IMAGE_BYTES:
        raise BadImageError(
            f"The picture is {len(data) / 1024 / 1024:.1f} MB; skincheck reads photos up to "
            f"{MAX_IMAGE_BYTES // 1024 // 1024} MB. Send a smaller photo of the label.",
            "too_large",
        )
    if not data:
        raise BadImageError("The file is empty. " + NOT_AN_IMAGE, "not_an_image")
    with warnings.catch_warnings():
        # Pillow warns (or raises) about bombs itself; its warning is our refusal too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadImageError(_bomb_message(), "bomb") from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise BadImageError(NOT_AN_IMAGE, "not_an_image") from None
        if image.format not in FORMATS:
            raise BadImageError(NOT_AN_IMAGE, "not_an_image")
        width, height = image.size
        if width < 1 or height < 1 or width * height > MAX_PIXELS:
            raise BadImageError(_bomb_message(), "bomb")
        try:
            orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        except Exception:  # a damaged EXIF block: read the picture as it lies
            orientation = 1
        try:
            if image.format == "JPEG":
                # Let the decoder drop resolution we would throw away: the DCT scales by
                # 1/2, 1/4 or 1/8 for free, so a 48 MP photo never sits in memory whole.
                image.draft("L", (MAX_SIDE, MAX_SIDE))
            grey = image.convert("L")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadImageError(_bomb_message(), "bomb") from None
        except (OSError, ValueError, SyntaxError, EOFError):
            raise BadImageError(
                "The picture could not be decoded; the file may be cut short or damaged. "
                "Take the photo again, or paste the list as text.",
                "damaged",
            ) from None
    # The pixels alone, in a new image: no EXIF (GPS position), XMP, ICC or comments.
    clean = Image.frombytes("L", grey.size, grey.tobytes())
    image.close()
    if orientation in _UPRIGHT:
        clean = clean.transpose(_UPRIGHT[orientation])
    if max(clean.size) > MAX_SIDE:
        clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return clean


def _bomb_message() -> str:
    return (
        "The picture declares more than "
        f"{MAX_PIXELS // 1_000_000} million pixels, far more than a photo of a label needs, "
        "so skincheck did not open it. Send an ordinary photo."
    )
