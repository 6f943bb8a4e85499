"""Use cases shared by the web views, the JSON API and the CLI: analyse a list, a product
page or a photo.

Each function takes plain input, runs the core (and, for URLs, the fetcher and the
extractor; for photos, the label reader skincheck.ocr) and returns the analysis JSON.
No Flask and no database here, so the CLI's ``analyze`` stays light: analysing and
saving a report, with the database behind the page cache, is skincheck.saving's.
"""

import gc
from functools import lru_cache
from typing import Protocol

from skincheck import paths
from skincheck.core.analyse import analyse
from skincheck.core.analyse import Analysis
from skincheck.core.analyse import Context
from skincheck.core.analyse import InputInfo
from skincheck.core.budget import cpu_budget
from skincheck.core.budget import DEFAULT_SECONDS
from skincheck.core.errors import NoListError
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.limits import check_text_length
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.render import as_dict
from skincheck.ocr import read_label
from skincheck.pages.fetch import fetch
from skincheck.pages.fetch import Fetched

#: The whole fetch, redirects included, may take this long (SPEC section 6: about 10 s).
FETCH_TIMEOUT = 10.0
#: CPU seconds reading and analysing one list may take before TooSlowError ends it.
ANALYSIS_CPU_SECONDS = DEFAULT_SECONDS


class NoListOnPageError(NoListError):
    """The page was fetched, but no ingredient list was found on it."""


class PageCache(Protocol):
    """Where fetched pages are kept for a while, by the address the person gave."""

    def get(self, url: str) -> Fetched | None: ...

    def put(self, url: str, page: Fetched) -> None: ...


#: Said first on every report read from a photo: the reader can misread small print.
PHOTO_NOTICE = (
    "This list was read from a photo. Compare it with the label: a misread or missing "
    "name can be corrected in the box."
)

#: The source of every pasted list; InputInfo is frozen, so one value serves them all.
_PASTED = InputInfo()


@lru_cache(maxsize=1)
def get_context() -> Context:
    """The knowledge base, CosIng inventory and annexes, loaded once per process; the
    readings of known names are kept in paths.CACHE between processes."""
    return Context.load(paths.DATA, cache_dir=paths.CACHE)


def prepare_worker() -> None:
    """Load data/ and make the suggestion lanes now, not during the first requests.

    Loading took about half a second and the load test's p99 was the first analysis
    of each gunicorn worker; then the lanes (skincheck.core.closeness), made on
    demand, put the p99 of lists new to the workers at 151 ms.
    The splitter's dictionary of names (skincheck.core.segment, ~0.3 s) is made here
    too, and the table of known names is loaded from paths.CACHE (~0.1 s; built there
    first, ~5 s, when data/ or the core has changed: skincheck.core.name_table).
    """
    ctx = get_context()
    ctx.inventory.close.prepare()
    ctx.split_rules()
    analyse("Aqua, Glycerin", ctx)
    # The tables are a few million objects that live as long as the process; left to
    # the garbage collector, each full collection walked them all (a 50 ms pause in the
    # middle of a request, seen in benchmarks/bench_unseparated.py).
    gc.collect()
    gc.freeze()


def _document(analysis: Analysis) -> dict:
    """The analysis JSON, with ``input.split_text``: the list with the separators
    skincheck added when names ran together (None otherwise), which the report's edit
    box shows so the person can correct the split."""
    document = as_dict(analysis)
    document["input"]["split_text"] = analysis.split_text
    return document


def get_knowledge() -> KnowledgeBase:
    return get_context().knowledge


def analyse_text(text: str, *, name: str | None = None, claims: str | None = None) -> dict:
    """Analyse a pasted list. ``name`` (a product name) and ``claims`` (marketing text)
    are both read for the claim check. Raises TextTooLongError (a NoListError) when the
    text is over MAX_TEXT_CHARS, NoListError when no list is found, and TooSlowError when
    reading it runs past its CPU budget (skincheck.core.budget)."""
    check_text_length(text)
    claim_text = " ".join(part for part in (name, claims) if part)[:MAX_CLAIMS_CHARS] or None
    with cpu_budget(ANALYSIS_CPU_SECONDS, what="text"):
        analysis = analyse(
            text, get_context(), claims=claim_text, product_name=name, source=_PASTED
        )
        return _document(analysis)


def analyse_url(
    url: str,
    *,
    claims: str | None = None,
    allow_private: bool = False,
    cache: PageCache | None = None,
    timeout: float = FETCH_TIMEOUT,
) -> dict:
    """Fetch a product page, find its ingredient list and analyse it.

    The page's product name and marketing text join ``claims`` for the claim check.
    Raises FetchError (refused address, timeout, not HTML, ...) or NoListOnPageError,
    and TooSlowError when reading the list found runs past its CPU budget.
    """
    page = cache.get(url) if cache is not None else None
    if page is None:
        page = fetch(url, allow_private=allow_private, timeout=timeout)
        if cache is not None:
            cache.put(url, page)
    # The extractor brings Beautiful Soup and lxml (about 0.2 s and 14 MB): imported by
    # the first page analysed, so a worker that only reads pasted lists never loads them.
    from skincheck.pages.extract import extract

    inventory = get_context().inventory
    found = extract(
        page.text,
        url=page.final_url,
        content_type=page.content_type,
        is_known=lambda name: inventory.recognise(name).inci is not None,
    )
    if found.text is None:
        # The extractor's reason says why and ends by asking for a paste.
        raise NoListOnPageError(
            "No ingredient list was found on that page. "
            + (found.reason or "Copy the list from the page and paste it.")
        )
    claim_text = " ".join(
        part for part in (found.product_name, found.marketing_text, claims) if part
    )[:MAX_CLAIMS_CHARS]
    source = InputInfo(
        kind="url",
        url=page.final_url,
        requested_url=url,
        extracted_from=found.source,
        extracted_text=found.text,
    )
    with cpu_budget(ANALYSIS_CPU_SECONDS, what="text"):
        analysis = analyse(
            found.text,
            get_context(),
            claims=claim_text or None,
            source=source,
            product_name=found.product_name,
        )
        return _document(analysis)


def analyse_image(data: bytes, *, name: str | None = None) -> dict:
    """Read the ingredient list off a photo of a label (JPEG, PNG, WebP or HEIC bytes)
    and analyse it.

    The photo is read in memory by skincheck.ocr, within its own wall-clock cap
    (skincheck.ocr.OCR_SECONDS); the text read is then analysed within the same CPU
    budget as a pasted list. ``input.extracted_text`` holds the text read, for the edit
    box; what the reader mended or doubted is said in ``notices``. The bytes are not
    kept: only the analysis leaves this function.
    Raises BadImageError (too large, not an image, a decompression bomb, nothing
    readable, too slow), NoListError when the text read holds no list, and TooSlowError.
    """
    context = get_context()
    label = read_label(data, context.inventory)
    claim_text = (name or "")[:MAX_CLAIMS_CHARS] or None
    source = InputInfo(kind="image", extracted_text=label.text)
    with cpu_budget(ANALYSIS_CPU_SECONDS, what="text"):
        analysis = analyse(
            label.text, context, claims=claim_text, product_name=name, source=source
        )
        document = _document(analysis)
    document["notices"] = [PHOTO_NOTICE, *label.notes, *document["notices"]]
    return document
