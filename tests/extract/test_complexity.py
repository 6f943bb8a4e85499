"""The extractor's cost grows linearly with the page, whatever its shape (issue 15).

Each family is a shape an attacker can serve from a product page: deep nesting around
a label, huge JSON-LD, many <br> lines, many list-like blocks, many headings, long
attribute values, many distinct unknown names, long rows of siblings. Each is extracted
at size n and 4n; the test fails when the CPU time grows clearly faster than the size
(more than GROWTH times for 4 times the size, where linear is 4 and quadratic 16).

What a page at the fetcher's 5 MB cap costs is a figure, not a test: ``make fuzz``
(benchmarks/fuzz_shapes.py) serves every family at the cap through the app and prints
the worst CPU time per request against issue 15's target of about a second.

CPU time (time.process_time), the best of a few runs, so a loaded machine does not make
the tests flaky. The names are looked up by the real inventory, as services.py does.
"""

import gc
import json
import time
from collections.abc import Callable

import pytest

from skincheck import services
from skincheck.pages.extract import extract

#: 4n may cost this many times n (linear: 4; the old nesting path: 16).
GROWTH = 8.0
#: Below this a measurement is noise: the small case counts as at least this long.
FLOOR = 0.02

LIST = "Aqua, Glycerin, Niacinamide, Butylene Glycol, Phenoxyethanol, Parfum"


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>Serum</title>{head}</head><body>{body}</body></html>"


def deep_nesting(n: int) -> str:
    # "Ingredients" inside n nested spans, the list after them: the heading climb took
    # each ancestor's whole text (70 s for 16,000 spans).
    return _page("<div>" + "<span>" * n + "Ingredients" + "</span>" * n + f"<p>{LIST}</p></div>")


def nested_labels(n: int) -> str:
    # A label at every level: every one is a heading candidate.
    return _page("<div>Ingredients" * n + "</div>" * n + f"<p>{LIST}</p>")


def huge_json_ld(n: int) -> str:
    properties = [
        {"@type": "PropertyValue", "name": "Ingredients", "value": f"Zorb{i}, Quux{i}, Flam{i}"}
        for i in range(n)
    ]
    product = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Serum",
        "description": "Ingredients: " + ", ".join(f"Wib{i}" for i in range(n)),
        "additionalProperty": properties,
        "isRelatedTo": [{"@type": "Product", "name": f"Other {i}"} for i in range(n)],
    }
    script = f'<script type="application/ld+json">{json.dumps(product)}</script>'
    return _page("<p>A serum.</p>", head=script)


def many_br_lines(n: int) -> str:
    line = "Zorb{0} Oil, Quux{0} Extract, Flam{0}, Wib{0}, Glo{0}, Tra{0}<br>"
    return _page("<p>" + "".join(line.format(i) for i in range(n)) + "</p>")


def many_list_blocks(n: int) -> str:
    block = "<p>Zorb{0} Alpha, Quux{0} Beta, Flam{0} Gamma, Wib{0} Delta, Glo{0} Eps, Tra{0}</p>"
    return _page("".join(block.format(i) for i in range(n)))


def many_headings(n: int) -> str:
    return _page(
        "".join(f"<h3>Ingredients</h3><p>Zorb{i}, Quux{i}, Flam{i}, Wib{i}</p>" for i in range(n))
    )


def long_attributes(n: int) -> str:
    target = "t" * n
    return _page(
        f'<div class="{"c " * (n // 2)}" data-x="{"x" * n}">'
        f'<button aria-controls="{target}" data-target="#{target}">Ingredients</button></div>'
        f'<div id="{target}"><p>{LIST}</p></div>'
    )


def unknown_names(n: int) -> str:
    return _page("<p>" + ", ".join(f"Zorblaxium Quuxate {i}" for i in range(n)) + "</p>")


def wide_siblings(n: int) -> str:
    # A tab row of n buttons, one of them "Ingredients", and a row of n panels.
    buttons = "".join(f"<button>Tab {i}</button>" for i in range(n))
    panels = "".join(f"<div>Panel {i}, text, more</div>" for i in range(n))
    return _page(
        f"<div><div>{buttons}<button>Ingredients</button></div></div>"
        f"<div>{panels}<div>{LIST}</div></div>"
    )


_PRODUCT = '<div itemscope itemtype="https://schema.org/Product">'


def nested_products(n: int) -> str:
    # Microdata Product scopes nested one in the next, each with a description: every
    # scope's name search walked all the scopes inside it (600 scopes, 70 KB: 6.6 s).
    level = _PRODUCT + '<div itemprop="description">Ingredients: Zorb, Quux. '
    return _page(level * n + "</div></div>" * n)


def nested_ingredient_properties(n: int) -> str:
    # itemprop="ingredients" nested one in the next: each was read whole (40 KB: 1 s).
    return _page(_PRODUCT + '<div itemprop="ingredients">Aqua, ' * n + "</div>" * n + "</div>")


def nested_labelled_properties(n: int) -> str:
    # A name/value pair labelled "Ingredients" at every level: each label's following
    # text held every level below it (0.5 MB: past the page budget).
    level = (
        '<div itemprop="additionalProperty"><span itemprop="name">Ingredients</span>'
        '<span itemprop="value">Aqua, Glycerin</span>'
    )
    return _page(_PRODUCT + level * n + "</div>" * n + "</div>")


def tabs_to_one_panel(n: int) -> str:
    # Fifty "Ingredients" tabs pointing at one long panel.
    tabs = "".join(f'<button aria-controls="p">Ingredients</button><i>{i}</i>' for i in range(50))
    return _page(f"<div>{tabs}</div>" + '<div id="p">' + "<span>Zorb, Quux</span>" * n + "</div>")


#: family → the n at which its page is about 0.25 MB (4n: about 1 MB). The microdata
#: families are smaller: their 4n stays under the parser's tag cap (page.MAX_TAGS), so
#: the growth measured is the extractor's, not the cap's.
FAMILIES: dict[str, tuple[Callable[[int], str], int]] = {
    "deep nesting": (deep_nesting, 8_000),
    "nested labels": (nested_labels, 6_000),
    "huge JSON-LD": (huge_json_ld, 2_000),
    "many <br> lines": (many_br_lines, 4_000),
    "many list-like blocks": (many_list_blocks, 3_000),
    "many headings": (many_headings, 4_000),
    "long attribute values": (long_attributes, 80_000),
    "many distinct unknown names": (unknown_names, 10_000),
    "long rows of siblings": (wide_siblings, 5_000),
    "nested microdata products": (nested_products, 2_000),
    "nested ingredient properties": (nested_ingredient_properties, 4_000),
    "nested labelled properties": (nested_labelled_properties, 800),
    "tabs pointing at one panel": (tabs_to_one_panel, 4_000),
}


@pytest.fixture(scope="module")
def is_known() -> Callable[[str], bool]:
    inventory = services.get_context().inventory
    return lambda name: inventory.recognise(name).inci is not None


def _cpu(document: str, is_known: Callable[[str], bool], runs: int = 2) -> float:
    # This thread's CPU time only: the suite's servers run in threads of the same
    # process. The collection first, so garbage left by earlier tests is not walked.
    gc.collect()
    best = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        extract(document, is_known=is_known)
        best = min(best, time.thread_time() - start)
    return best



@pytest.mark.parametrize("family", FAMILIES)
def test_cost_grows_linearly_with_the_page(family, is_known):
    make, n = FAMILIES[family]
    small, large = make(n), make(4 * n)
    assert 3.5 < len(large) / len(small) < 4.5  # the family really grows 4 times
    small_cpu = max(_cpu(small, is_known), FLOOR)
    # The larger page is run a second time only when its first run is over the limit:
    # a second run can only lower the best time, so once one run is within the limit
    # the best of two is too (same verdict; the second run was a third of the test).
    large_cpu = _cpu(large, is_known, runs=1)
    if large_cpu >= GROWTH * small_cpu:
        large_cpu = min(large_cpu, _cpu(large, is_known, runs=1))
    assert large_cpu < GROWTH * small_cpu, (
        f"{family}: {small_cpu:.3f} s at {len(small):,} characters, "
        f"{large_cpu:.3f} s at {len(large):,}"
    )



def test_the_shapes_still_find_the_list_where_they_print_one(is_known):
    # The caps must not cost the answer on the shapes that do label a list.
    for make in (deep_nesting, long_attributes):
        found = extract(make(200), is_known=is_known)
        assert found.text == LIST, make.__name__
