"""The forms of the start page: paste a list, give a product page's address, or upload
a photo of the label.

Validation only (presence, length, scheme); the forms never analyse, fetch or store.
The length limits, and the sentence for a list over its limit, are the core's
(skincheck.core.limits), shared with the API and CLI.
"""

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.file import FileRequired
from wtforms import BooleanField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms import URLField
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import URL
from wtforms.validators import ValidationError

from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.limits import text_too_long
from skincheck.ocr import MAX_IMAGE_BYTES


class _AppCheckedForm(FlaskForm):
    """A form whose CSRF token is checked by the app-wide CSRFProtect (skincheck.web.app),
    before any view runs, for every form post. The templates put the token in with
    csrf_token(). A per-form token field as well only signed a second token on every
    post, a tenth of the paste form's time under load (make load)."""

    class Meta:
        csrf = False


#: A browser may send a few thousand characters of address; pages we read have short ones.
MAX_URL_CHARS = 2_000

#: The one privacy choice of a saved report (issue 13); unticked, a report is seen
#: only by whoever has its link.
LISTED_LABEL = "Show this report on ingredient pages"


def complete_url(value: str | None) -> str | None:
    """An address typed without its scheme gets https://: people type
    "shop.example/serum" from memory, and refusing it only made them retype it.
    Anything that already names a scheme (even a wrong one) is left for the checks."""
    if not value:
        return value
    value = value.strip()
    head = value.split("/", 1)[0]
    if value.startswith("//"):
        return "https:" + value
    if "://" in value or (":" in head and not head.split(":", 1)[1].isdigit()):
        return value
    return "https://" + value


class _TextLength(Length):
    """Length(max=MAX_TEXT_CHARS) (the field keeps its maxlength), refusing in the
    words the API and the CLI use too (skincheck.core.limits.text_too_long)."""

    def __init__(self) -> None:
        super().__init__(max=MAX_TEXT_CHARS)

    def __call__(self, form: FlaskForm, field: TextAreaField) -> None:
        if field.data and len(field.data) > MAX_TEXT_CHARS:
            raise ValidationError(text_too_long(len(field.data)))


class PasteForm(_AppCheckedForm):
    """An ingredient list pasted as text, with an optional product name."""

    text = TextAreaField(
        "Ingredient list",
        validators=[
            DataRequired(message="Paste an ingredient list into the box first."),
            _TextLength(),
        ],
    )
    name = StringField(
        "Product name (optional)",
        validators=[
            Optional(),
            Length(
                max=MAX_CLAIMS_CHARS,
                message=f"Keep the product name under {MAX_CLAIMS_CHARS:,} characters.",
            ),
        ],
    )
    listed = BooleanField(LISTED_LABEL, default=False)


class UrlForm(_AppCheckedForm):
    """The address of a product page. Only http and https are read."""

    url = URLField(
        "Product page address",
        validators=[
            DataRequired(message="Enter the address of a product page."),
            Length(max=MAX_URL_CHARS, message="That address is too long."),
            URL(require_tld=False, message="That does not look like a web address."),
        ],
        filters=[complete_url],
    )
    listed = BooleanField(LISTED_LABEL, default=False)

    def validate_url(self, field: URLField) -> None:
        scheme = field.data.split(":", 1)[0].lower()
        if scheme not in {"http", "https"}:
            raise ValidationError("Only http:// and https:// addresses can be read.")


#: What the photo field offers in the browser's file picker; the server reads the
#: bytes and decides for itself (skincheck.ocr.image), whatever the name or type says.
PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class PhotoForm(_AppCheckedForm):
    """A photo of the ingredient list on a label, with an optional product name."""

    photo = FileField(
        "Photo of the label",
        validators=[FileRequired(message="Choose a photo of the ingredient list first.")],
    )
    photo_name = StringField(
        "Name of the product in the photo (optional)",
        validators=[
            Optional(),
            Length(
                max=MAX_CLAIMS_CHARS,
                message=f"Keep the product name under {MAX_CLAIMS_CHARS:,} characters.",
            ),
        ],
    )


def read_upload(upload: Any) -> bytes:
    """The bytes of an uploaded file, at most one byte past the photo limit (enough for
    skincheck.ocr to say the photo is too large, without holding more of it)."""
    try:
        return upload.stream.read(MAX_IMAGE_BYTES + 1)
    finally:
        upload.close()
