"""The HTML pages: the start page with its three forms (a list, a page, a photo), the
stored report and its exports, the source-quality table, a page per EV ingredient,
and the method page.

Each view reads its input, calls one use case (skincheck.saving analyses and saves a
list, a page or a photo; skincheck.services and skincheck.storage answer the rest), and
renders a template; a refused input is answered as skincheck.web.errors.refusal says.
Nothing here rates or decides anything.
"""

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flask import abort
from flask import Blueprint
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import Response
from flask import url_for
from werkzeug.exceptions import HTTPException

from skincheck import paths
from skincheck import saving
from skincheck import services
from skincheck import worked_example
from skincheck.core import render
from skincheck.core.budget import TooSlowError
from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.normalise import slug as _slug
from skincheck.ocr import BadImageError
from skincheck.pages.fetch import FetchError
from skincheck.saving import FetchBusyError
from skincheck.storage import knowledge_copy
from skincheck.storage import reports
from skincheck.web import fetch_slots
from skincheck.web import forms
from skincheck.web import presenters
from skincheck.web import stored_reports
from skincheck.web.errors import FETCH_LIMIT_MESSAGE
from skincheck.web.errors import refusal
from skincheck.web.errors import REFUSED
from skincheck.web.extensions import limiter
from skincheck.web.forms import PasteForm
from skincheck.web.forms import PHOTO_TYPES
from skincheck.web.forms import PhotoForm
from skincheck.web.forms import UrlForm
from skincheck.web.svg import describe
from skincheck.web.svg import position_strip

bp = Blueprint("web", __name__)


def _analyse_limit() -> str:
    return current_app.config["ANALYSE_RATE_LIMIT"]


def _fetch_limit() -> str:
    return current_app.config["FETCH_RATE_LIMIT"]


@dataclass(frozen=True, slots=True)
class UrlProblem:
    """Why a product page or a photo gave no report, as the start page shows it."""

    title: str
    message: str


def _index(
    paste: PasteForm | None = None,
    url: UrlForm | None = None,
    *,
    problem: str | None = None,
    url_problem: UrlProblem | None = None,
    photo: PhotoForm | None = None,
    photo_problem: UrlProblem | None = None,
    status: int = 200,
    problem_title: str | None = None,
) -> tuple[str, int]:
    page = render_template(
        "index.html",
        paste=paste or PasteForm(),
        url_form=url or UrlForm(),
        photo_form=photo or PhotoForm(),
        photo_types=PHOTO_TYPES,
        problem=problem,
        problem_title=problem_title,
        url_problem=url_problem,
        max_text_chars=MAX_TEXT_CHARS,
        example=worked_example.TEXT,
        photo_problem=photo_problem,
    )
    return page, status


@bp.get("/")
def index() -> tuple[str, int]:
    """The start page: paste a list, or give a product page's address."""
    return _index()


#: The heading over a refusal of a product page or a photo, by what was refused (the
#: pasted list's box has its own, in the template). The sentence is the error's own.
_PAGE_TITLES = {
    FetchBusyError: "Still reading your other pages",
    FetchError: "We could not read that page",
    NoListError: "No ingredient list found on that page",
    TooSlowError: "That page took too long to read",
}
_PHOTO_TITLES = {
    BadImageError: "We could not read that photo",
    NoListError: "No ingredient list found in that photo",
    TooSlowError: "That photo took too long to read",
}


def _problem(error: Exception, titles: dict[type, str]) -> tuple[UrlProblem, int]:
    """The start page's explanation of a refused page or photo, and its status."""
    answer = refusal(error)
    title = next((title for kind, title in titles.items() if isinstance(error, kind)), "")
    return UrlProblem(title, answer.message), answer.status


def _to_report(stored: reports.StoredReport) -> Response:
    return redirect(url_for("web.report", report_id=stored.id), code=303)


@bp.post("/analyse")
@limiter.shared_limit(_analyse_limit, scope="analyse")
def analyse() -> Response | tuple[str, int]:
    """Analyse a pasted list, store the report and send the browser to its link."""
    form = PasteForm()
    if not form.validate_on_submit():
        return _index(form, status=400)
    try:
        stored = saving.save_text_report(
            form.text.data, name=form.name.data, listed=bool(form.listed.data)
        )
    except REFUSED as exc:
        answer = refusal(exc)
        return _index(form, problem=answer.message, status=answer.status)
    return _to_report(stored)


@bp.post("/fetch")
@limiter.shared_limit(_analyse_limit, scope="analyse")
@limiter.shared_limit(_fetch_limit, scope="fetch", error_message=FETCH_LIMIT_MESSAGE)
def fetch() -> Response | tuple[str, int]:
    """Read a product page, analyse its list, store the report and send the browser to
    its link. A failed fetch or a page without a list is explained on the start page,
    next to the paste box."""
    form = UrlForm()
    if not form.validate_on_submit():
        return _index(url=form, status=400)
    try:
        stored = saving.save_page_report(
            form.url.data,
            listed=bool(form.listed.data),
            allow_private=current_app.config["ALLOW_PRIVATE_URLS"],
            timeout=current_app.config["FETCH_TIMEOUT"],
            slot=fetch_slots.client_slot(),
        )
    except REFUSED as exc:
        problem, status = _problem(exc, _PAGE_TITLES)
        return _index(url=form, url_problem=problem, status=status)
    return _to_report(stored)


def _retry_in() -> str:
    """When the rate limit that refused this request lets the next one through, in words."""
    limit = limiter.current_limit
    seconds = max(1, int(limit.reset_at - time.time())) if limit else 60
    if seconds < 90:
        return f"{seconds} seconds"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"{minutes} minutes"
    return f"{round(minutes / 60)} hours"


@bp.errorhandler(429)
def _rate_limited(error: HTTPException) -> tuple[str, int, dict[str, str]]:
    """A refused form post answers with the start page, the address or the list still
    in its box, and when to try again; the Retry-After header stays."""
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    if request.endpoint == "web.fetch":
        problem = UrlProblem(
            "Too many pages read from your address",
            f"{FETCH_LIMIT_MESSAGE} You can try this address again in {_retry_in()}.",
        )
        page, status = _index(url=UrlForm(), url_problem=problem, status=429)
    else:
        message = (
            "Too many analyses from your address in a short time. Your list is still in "
            f"the box: send it again in {_retry_in()}."
        )
        page, status = _index(PasteForm(), problem=message, status=429)
    return page, status, headers


@bp.errorhandler(413)
def _too_large(error: HTTPException) -> tuple[str, int]:
    """A post too large to read (over MAX_CONTENT_LENGTH, before any form check) gets
    the start page with the reason next to the box, not a bare error page. The box's
    maxlength and character count stop this in a browser; the form's own length
    check answers texts between the two limits, and keeps the text."""
    message = (
        "What was sent is too large to read, so nothing of it was kept. Paste only the "
        f"ingredient list: at most {MAX_TEXT_CHARS:,} characters."
    )
    # formdata=None: the forms must not read the body that was just refused.
    return _index(
        PasteForm(formdata=None),
        UrlForm(formdata=None),
        photo=PhotoForm(formdata=None),
        problem=message,
        problem_title="The text is too long",
        status=413,
    )


@bp.post("/photo")
@limiter.shared_limit(_analyse_limit, scope="analyse")
def photo() -> Response | tuple[str, int]:
    """Read the ingredient list off an uploaded photo, analyse it, store the report (with
    the text read, never the photo) and send the browser to its link. A photo that
    cannot be read is explained on the start page, next to the upload field."""
    form = PhotoForm()
    if not form.validate_on_submit():
        return _index(photo=form, status=400)
    try:
        stored = saving.save_photo_report(
            forms.read_upload(form.photo.data), name=form.photo_name.data
        )
    except REFUSED as exc:
        problem, status = _problem(exc, _PHOTO_TITLES)
        return _index(photo=form, photo_problem=problem, status=status)
    return _to_report(stored)


def _stored(report_id: str) -> reports.StoredReport:
    report = reports.get_report(report_id)
    if report is None:
        abort(404)
    return report


@bp.get("/r/<report_id>")
def report(report_id: str) -> Response:
    """A stored report: the summary card first (what is in it, where it may be sold,
    the two scales), then the EV cards, and the detail folded below."""
    stored = _stored(report_id)
    analysis = stored.analysis
    source = analysis.get("input") or {}
    # After names run together were split, the box holds the list with the commas
    # skincheck added, so the person corrects the split rather than retyping it.
    edit = PasteForm(
        data={
            "text": source.get("split_text") or stored.input_text,
            "name": stored.product_name or "",
            "listed": stored.listed,
        }
    )
    ev_slugs = {
        ev["position"]: ev["slug"]
        for ev in analysis.get("ev_ingredients") or []
        if ev.get("slug") and isinstance(ev.get("position"), int)
    }
    page = render_template(
        "report.html",
        report=stored,
        a=analysis,
        name=presenters.page_name(stored.product_name, analysis),
        card=presenters.summary_card(analysis),
        glossary=presenters.Glossary(),
        links={
            item.get("position"): presenters.ingredient_link(item, ev_slugs)
            for item in analysis.get("ingredients") or []
        },
        from_page=_from_page(source) if source.get("kind") == "url" else None,
        strip=position_strip(analysis),
        strip_text=describe(analysis),
        edit=edit,
        catalogue_numbers=_numbers(analysis.get("references") or {}),
        **_source_framing(),
    )
    return stored_reports.with_robots(Response(page, mimetype="text/html"), stored.listed)


def _attachment(stored: reports.StoredReport, ext: str) -> str:
    filename = presenters.download_name(stored.product_name, stored.analysis, stored.id, ext)
    return f'attachment; filename="{filename}"'


def _source_framing() -> dict[str, Any]:
    """What every page showing a source grade also shows (issue 11): the statement that
    the ranking is a precautionary judgement, the grade legend and the evidence scale."""
    kb = services.get_knowledge()
    return {
        "ranking_note": render.ranking_note(kb),
        "grade_scale": render.grade_scale(kb),
        "evidence_scale": render.evidence_scale(kb),
        "kind_words": render.KIND_WORDS,
    }


@bp.get("/r/<report_id>.json")
def report_json(report_id: str) -> Response:
    """The stored analysis JSON, as the API returns it."""
    stored = _stored(report_id)
    response = current_app.json.response(stored_reports.document(stored))
    response.headers["Content-Disposition"] = _attachment(stored, "json")
    return stored_reports.with_robots(response, stored.listed)


@bp.get("/r/<report_id>.md")
def report_markdown(report_id: str) -> Response:
    """The report as Markdown (skincheck.core.render.as_markdown)."""
    stored = _stored(report_id)
    response = Response(
        # With its permanent link and date, so a saved copy says where it came from.
        render.as_markdown(stored_reports.document(stored)),
        mimetype="text/markdown",
        headers={"Content-Disposition": _attachment(stored, "md")},
    )
    return stored_reports.with_robots(response, stored.listed)


@bp.get("/sources")
def sources() -> str:
    """The source-quality table: every class, most favourable standing first."""
    classes = knowledge_copy.source_classes()
    by_class: dict[str, list[dict[str, Any]]] = {}
    for entry in knowledge_copy.ev_ingredients():
        by_class.setdefault(entry["source_class"], []).append(entry)
    framing = _source_framing()
    refs = _catalogue(_refs_in([framing["ranking_note"], classes]))
    return render_template(
        "sources.html",
        classes=classes,
        by_class=by_class,
        refs=refs,
        numbers=_numbers(refs),
        version=knowledge_copy.knowledge_version(),
        **framing,
    )


@bp.get("/ingredients/<slug>")
def ingredient(slug: str) -> Response:
    """One ingredient. A named EV ingredient gets its class, material, explanation and
    the listed reports that hold it; any other name gets what the EU inventory and
    annexes say of it and what skincheck makes of it (ingredient_facts)."""
    entry = knowledge_copy.ev_ingredient(slug)
    if entry is None:
        return ingredient_facts(slug)
    framing = _source_framing()
    refs = _catalogue(_refs_in([entry, framing["ranking_note"]]))
    page = render_template(
        "ingredient.html",
        entry=entry,
        refs=refs,
        numbers=_numbers(refs),
        reports=reports.reports_with_ingredient(slug),
        report_count=reports.count_reports_with_ingredient(slug),
        **framing,
    )
    return Response(page, mimetype="text/html")


@lru_cache(maxsize=1)
def _cosing_slugs() -> dict[str, str]:
    """slug of each CosIng name -> its readable name, for /ingredients/<slug>."""
    inventory = services.get_context().inventory
    return {
        _slug(entry.inci): inventory.display(entry.inci) for entry in inventory.by_name.values()
    }


def ingredient_facts(slug: str) -> Response:
    """The page of an ingredient that is not a named EV entry: its CosIng name and
    functions, its annex entries, and skincheck's reading of the name alone. A name
    CosIng does not know comes in the query (?name=), from the report's row, and must
    give the same slug; such a page asks search engines to keep out."""
    name = _cosing_slugs().get(slug)
    in_cosing = name is not None
    if name is None:
        asked = (request.args.get("name") or "").strip()[:MAX_CLAIMS_CHARS]
        if not asked or _slug(asked) != slug:
            abort(404)
        name = asked
    try:
        analysis = services.analyse_text(name)
    except (NoListError, TooSlowError):
        analysis = {}
    items = analysis.get("ingredients") or []
    refs = analysis.get("references") or {}
    ctx = services.get_context()
    page = render_template(
        "ingredient_facts.html",
        name=name,
        in_cosing=in_cosing,
        item=items[0] if len(items) == 1 else None,
        a=analysis,
        annex_entries=ctx.annexes.matches(name),
        catalogue=refs,
        catalogue_numbers=_numbers(refs),
        glossary=presenters.Glossary(),
        **_source_framing(),
    )
    response = Response(page, mimetype="text/html")
    if not in_cosing:
        response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/method")
def method() -> str:
    """How skincheck reads lists and decides ratings, its data sources, and its limits."""
    refs = knowledge_copy.references()
    return render_template(
        "method.html",
        classes=knowledge_copy.source_classes(),
        version=knowledge_copy.knowledge_version(),
        refs=refs,
        numbers=_numbers(refs),
        cosing=_cosing_attribution(),
        terms=presenters.glossary_terms(),
        **_source_framing(),
    )


#: Where skincheck.pages.extract found a page's list (Extraction.source), in words. The
#: platforms and their markup are described in research/product-pages.md.
EXTRACTED_FROM = {
    "shopify-metafield": "the ingredients field of a Shopify shop page",
    "shopify-accordion": "the “Ingredients” panel of a Shopify shop page",
    "woocommerce-tab": "the ingredients tab of a WooCommerce shop page",
    "woocommerce-attribute": "the product details table of a WooCommerce shop page",
    "thg-description": "the product description of a THG shop page (such as Lookfantastic)",
    "sephora-json": "the product data built into a Sephora page",
    "amazon-important-information": "the “Important information” section of an Amazon page",
    "incidecoder": "the ingredient list of an INCIDecoder page",
    "cosdna": "the ingredient table of a CosDNA page",
    "rossmann": "the “Inhaltsstoffe” section of a Rossmann page",
    "oliveyoung": "the ingredient section of an Olive Young page",
    "json-ld": "the product description the page gives search engines (JSON-LD)",
    "microdata": "the product details marked up for search engines (microdata)",
    "json": "an ingredients field in the data the address returned",
    "heading": "the text under an “Ingredients” heading on the page",
    "scored-block": (
        "a block of the page that reads like an ingredient list, though nothing on the "
        "page labels it so; check that it is the whole list"
    ),
}


@dataclass(frozen=True, slots=True)
class FromPage:
    """What the report page says about the product page a list was read from."""

    #: The address that answered, after redirects.
    url: str
    #: The address the person gave, when redirects led elsewhere; else None.
    requested_url: str | None
    #: Where on the page the list was found, in words.
    extracted_from: str


def _from_page(source: dict[str, Any]) -> FromPage:
    url = source.get("url") or source.get("requested_url") or ""
    requested = source.get("requested_url")
    where = source.get("extracted_from") or ""
    return FromPage(
        url=url,
        requested_url=requested if requested and requested != url else None,
        extracted_from=EXTRACTED_FROM.get(where, f"a part of the page (“{where}”)"),
    )


def _catalogue(keys: list[str]) -> dict[str, dict[str, str | None]]:
    """The references with these keys, in the order the page first cites them."""
    found = knowledge_copy.references(keys)
    return {key: found[key] for key in keys if key in found}


def _numbers(catalogue: dict[str, Any]) -> dict[str, int]:
    """Citation numbers: [1] for the first reference of the page's list, and so on."""
    return {key: number for number, key in enumerate(catalogue, start=1)}


def _refs_in(node: Any) -> list[str]:
    """Every reference key under a "refs" key anywhere in ``node``, in order."""
    found: dict[str, None] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "refs" and isinstance(value, list):
                found.update(dict.fromkeys(str(v) for v in value))
            else:
                found.update(dict.fromkeys(_refs_in(value)))
    elif isinstance(node, list):
        for value in node:
            found.update(dict.fromkeys(_refs_in(value)))
    return list(found)


# data/cosing/PROVENANCE.md opens with the licence paragraph ("CosIng, © European
# Union, 1995-2026. Reused under Commission Decision 2011/833/EU (CC BY 4.0). ...") and
# lists the copied files in a table; the method page shows both, as the licence asks.
_SENTENCE = re.compile(r"(?<=[.)])\s+")
_LICENCE_WORDS = ("©", "CC BY", "2011/833")


@dataclass(frozen=True, slots=True)
class Attribution:
    """What the CosIng licence asks us to show: the notice and which copy we use."""

    notice: str
    #: (file name, what it is) for each copied file.
    copies: tuple[tuple[str, str], ...]


def _cosing_attribution() -> Attribution | None:
    """The licence sentences and the file table of data/cosing/PROVENANCE.md."""
    path = paths.DATA / "cosing" / "PROVENANCE.md"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    paragraph = next(
        (" ".join(b.split()) for b in text.split("\n\n") if any(w in b for w in _LICENCE_WORDS)),
        "",
    )
    notice = " ".join(s for s in _SENTENCE.split(paragraph) if any(w in s for w in _LICENCE_WORDS))
    copies = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].endswith(".csv"):
            copies.append((cells[0], cells[1]))
    return Attribution(notice, tuple(copies))
