"""The one error the photo reader raises on purpose, and the HTTP status of each kind."""

from skincheck.core.errors import SkincheckError

#: The HTTP status each kind is answered with, by the form and the API alike.
HTTP_STATUS = {
    "too_large": 413,
    "not_an_image": 415,
    "damaged": 422,
    "bomb": 422,
    "unreadable": 422,
    "too_slow": 422,
}


class BadImageError(SkincheckError):
    """The picture cannot be read into a list. ``str(error)`` is a plain message for the
    person; ``kind`` says which case it is, for the layer that picks a status:

    - "too_large": the file is over MAX_IMAGE_BYTES (HTTP 413),
    - "not_an_image": not a JPEG, PNG, WebP or HEIC picture (415),
    - "damaged": such a picture, but cut short or damaged so it cannot be decoded (422),
    - "bomb": it declares far more pixels than a photo has (422),
    - "unreadable": a picture, but no text was found in it (422),
    - "too_slow": reading it ran past the time cap (422).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind

    @property
    def status(self) -> int:
        return HTTP_STATUS.get(self.kind, 422)
