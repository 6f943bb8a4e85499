"""The one error the photo reader raises on purpose."""

from skincheck.core.errors import SkincheckError


class BadImageError(SkincheckError):
    """The picture cannot be read into a list. ``str(error)`` is a plain message for the
    person; ``kind`` says which case it is, for the layer that picks a status:

    - "too_large": the file is over MAX_IMAGE_BYTES (HTTP 413),
    - "not_an_image": not a JPEG, PNG, WebP or HEIC picture, or damaged (400 or 415),
    - "bomb": it declares far more pixels than a photo has (400 or 413),
    - "unreadable": a picture, but no text was found in it (422),
    - "too_slow": reading it ran past the time cap (422 or 503).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
