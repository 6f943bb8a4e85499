"""Read the ingredient list off a photo of a label: ``read_label(data, inventory)``.

The bytes of the upload go through skincheck.ocr.image (limits, metadata dropped,
upright, scaled), skincheck.ocr.engine (RapidOCR finds and reads the lines) and
skincheck.ocr.text (the list's block, joined and mended against the CosIng inventory).
The result is text for the list reader, which the person can correct before it is
analysed.

Privacy: the image lives only in memory for the length of the call. Nothing here
stores it, logs it, or puts any of its bytes in an error message.

What it does not do: analyse the list, or know about Flask, the database or the
network. No Flask and no database here; the web, API and CLI call it.
"""

import time
from dataclasses import dataclass

from skincheck.core.inventory import Inventory
from skincheck.ocr.engine import prepare as prepare_engine
from skincheck.ocr.engine import read_lines
from skincheck.ocr.errors import BadImageError
from skincheck.ocr.image import MAX_IMAGE_BYTES
from skincheck.ocr.image import prepare as prepare_image
from skincheck.ocr.text import mend

__all__ = [
    "MAX_IMAGE_BYTES",
    "OCR_SECONDS",
    "BadImageError",
    "LabelText",
    "prepare_engine",
    "read_label",
]

#: CPU seconds of the calling thread one photo may take, decoding included. A label
#: takes about 1 s on one core (docs/ocr.md); the cap frees the worker from a picture
#: made to hold thousands of lines. CPU time, not the wall clock, as the list reader's
#: budget (skincheck.core.budget): with the machine's two cores busy with other work,
#: a wall-clock cap of 8 s refused an ordinary 12-megapixel photo.
OCR_SECONDS = 8.0

UNREADABLE = (
    "No text could be read in this picture. Take the photo closer to the ingredient "
    "list, in good light and in focus, or paste the list as text."
)


@dataclass(frozen=True, slots=True)
class LabelText:
    """What was read off a label: the list's text and notes on what was mended."""

    #: The ingredient list as read and mended, heading included when one was printed;
    #: the text to show in the edit box and to analyse.
    text: str
    #: Plain sentences on what was changed or is doubtful ('Read "Glycerln" as
    #: Glycerin.', '"Sodium Laureth Sulfale" was not clear; it may be ...').
    notes: tuple[str, ...] = ()


def read_label(data: bytes, inventory: Inventory, *, seconds: float = OCR_SECONDS) -> LabelText:
    """Read the ingredient list off the photo in ``data`` (JPEG, PNG, WebP or HEIC).

    ``inventory`` is the CosIng dictionary names are mended against
    (skincheck.services.get_context().inventory). Raises BadImageError, whose ``kind``
    is "too_large", "not_an_image", "bomb", "unreadable" or "too_slow".
    """
    start = time.thread_time()
    image = prepare_image(data)  # refuses a bad file before any model is loaded
    # The models load once per process, on the first photo (1-3 s): a worker that
    # never reads a photo never pays their memory. The load's time is not counted
    # against the cap, so a worker's first photo is not refused for it.
    loading = time.thread_time()
    prepare_engine()
    deadline = start + seconds + (time.thread_time() - loading)
    lines = read_lines(image, deadline)
    del image
    if sum(len(line.text) for line in lines) < 3:
        raise BadImageError(UNREADABLE, "unreadable")
    reading = mend(lines, inventory)
    if not reading.text.strip():
        raise BadImageError(UNREADABLE, "unreadable")
    return LabelText(reading.text, reading.notes)
