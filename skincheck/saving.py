"""Analyse and save: the use cases behind the paste form, the product-page form, the
photo form and POST /api/v1/analyze. Each function analyses its input with
skincheck.services and stores the report with skincheck.storage, and returns the report
as stored.

What the input may be and what it says when it cannot be read is decided here and below,
once for the pages and the API: a text over MAX_TEXT_CHARS raises TextTooLongError
(skincheck.core.limits), a text without a list NoListError, work past its CPU budget
TooSlowError, a page that cannot be fetched FetchError, a photo that cannot be read
BadImageError, and a client whose page-reading slots are all taken FetchBusyError. The
callers only turn those into HTTP answers (skincheck.web.errors.refusal). Nothing here
knows of requests, forms or statuses.

It runs inside an app context (the storage layer's database session). Analysing
without saving, for the command line, is skincheck.services alone.
"""

import contextlib
from contextlib import AbstractContextManager

from skincheck import services
from skincheck.core.errors import SkincheckError
from skincheck.storage import page_cache
from skincheck.storage import reports
from skincheck.storage.reports import StoredReport


class FetchBusyError(SkincheckError):
    """The caller's slot for reading a product page was not free (skincheck.web.fetch_slots
    gives each client address a few); nothing was fetched. How to say so is the caller's:
    it knows whose slots they are."""


def _name(name: str | None) -> str | None:
    """A product name as given, without surrounding spaces; None when blank."""
    return (name or "").strip() or None


def save_text_report(text: str, *, name: str | None = None, listed: bool = False) -> StoredReport:
    """Analyse a pasted list and store it. ``name`` (the product's) is read for the
    claim check and names the report; ``listed``: the person asked for the report to be
    shown on ingredient pages."""
    name = _name(name)
    analysis = services.analyse_text(text, name=name)
    return reports.save_report(analysis, text=text, name=name, listed=listed)


def save_page_report(
    url: str,
    *,
    name: str | None = None,
    listed: bool = False,
    allow_private: bool = False,
    timeout: float = services.FETCH_TIMEOUT,
    slot: AbstractContextManager[bool] | None = None,
) -> StoredReport:
    """Read the product page at ``url`` (or its copy in the page cache), analyse the list
    found on it and store the report under the address given.

    ``name``, when given, is read for the claim check with the page's own name and
    marketing text, and names the report; otherwise the page's product name does.
    ``slot`` is held for the whole fetch and analysis: entered, it yields whether it was
    free, and when it was not FetchBusyError is raised. ``allow_private`` and ``timeout``
    are the fetcher's (skincheck.pages.fetch).
    """
    url = url.strip()
    name = _name(name)
    with slot if slot is not None else contextlib.nullcontext(True) as held:
        if not held:
            raise FetchBusyError("Every page-reading slot of this client is taken.")
        analysis = services.analyse_url(
            url,
            claims=name,
            allow_private=allow_private,
            cache=page_cache.PageCacheStore(),
            timeout=timeout,
        )
    source = analysis["input"]
    return reports.save_report(
        analysis,
        text=source["extracted_text"],
        name=name or source.get("product_name"),
        url=url,
        listed=listed,
    )


def save_photo_report(
    image: bytes, *, name: str | None = None, listed: bool = False
) -> StoredReport:
    """Read the ingredient list off a photo of a label, analyse it and store the report
    with the text read; the photo itself is never stored."""
    name = _name(name)
    analysis = services.analyse_image(image, name=name)
    return reports.save_report(
        analysis, text=analysis["input"]["extracted_text"], name=name, listed=listed
    )
