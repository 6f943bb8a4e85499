"""The Markdown export writes what people typed and what pages printed as text: rendered
by a real Markdown renderer (markdown-it-py, GFM-like: tables, strikethrough, bare-URL
links), a product name or ingredient name makes no heading, link, image or HTML, and
each field stays on its line."""

import re

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from skincheck.core.markdown_text import inline
from skincheck.core.markdown_text import link

NAME = (
    "Glow Serum\n# Injected heading\r\n"
    "[click](javascript:alert(1)) ![px](https://tracker.example/p.png) "
    "<script>alert(1)</script> <javascript:alert(2)> www.evil.example"
)
#: Ingredient names holding markup, between ordinary ones and one EV ingredient (so the
#: export has references, which are real links).
LIST = (
    "Human Neonatal Fibroblast Conditioned Media, Aqua, "
    "[tap](javascript:alert(3)), ![img](https://tracker.example/q.png), "
    "**bold** _it_ `code`, Glycerin"
)


def _renderer() -> MarkdownIt:
    md = MarkdownIt("gfm-like")
    # GFM links bare http(s):// and www. addresses, not any word with a dot in it.
    md.linkify.set({"fuzzy_link": False})
    return md


def _export(client) -> tuple[str, dict]:
    response = client.post("/api/v1/analyze", json={"text": LIST, "name": NAME})
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    markdown = client.get(f"/r/{data['report_id']}.md").get_data(as_text=True)
    return markdown, data


def test_user_text_makes_no_markup_in_the_rendered_export(client):
    markdown, data = _export(client)
    soup = BeautifulSoup(_renderer().render(markdown), "html.parser")

    headings = [h.get_text() for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert not any("Injected" in h for h in headings), headings
    assert soup.find("img") is None
    assert soup.find("script") is None
    reference_urls = {ref["url"] for ref in data["references"].values() if ref["url"]}
    assert reference_urls, "the EV ingredient should bring references, which are links"
    hrefs = {a["href"] for a in soup.find_all("a")}
    # The only links are the references' own addresses.
    assert hrefs <= reference_urls, hrefs - reference_urls
    text = soup.get_text()
    # What was typed is shown as text, every character of it.
    assert "[click](javascript:alert(1)) ![px](https://tracker.example/p.png)" in text
    assert "<script>alert(1)</script>" in text
    assert "bold _it_ `code`" in text


def test_each_user_field_stays_on_one_line(client):
    markdown, _ = _export(client)
    product_lines = [line for line in markdown.splitlines() if line.startswith("Product: ")]
    assert len(product_lines) == 1
    assert "Injected heading" in product_lines[0]
    assert "www" in product_lines[0]
    assert not any(
        line.lstrip().startswith("#") and "Injected" in line for line in markdown.splitlines()
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nb\rc\u2028d\x1b[31me", "a b c d [31me"),
        ("1. not a list", "1. not a list"),
        ("- not a list", "- not a list"),
        ("> not a quote", "> not a quote"),
        ("Aqua (Water) | 1,2-Hexanediol ~~x~~", "Aqua (Water) | 1,2-Hexanediol ~~x~~"),
        (
            "a@b.example https://x.example www.y.example",
            "a@b.example https://x.example www.y.example",
        ),
        ("&amp; &#106;", "&amp; &#106;"),
    ],
)
def test_inline_text_renders_as_itself_as_one_paragraph(text, shown):
    html = _renderer().render(inline(text))
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p"], html
    assert soup.get_text().strip() == shown


def test_only_http_addresses_become_links():
    assert link("https://doi.org/10.1000/x") == "<https://doi.org/10.1000/x>"
    html = _renderer().render(link("javascript:alert(1)"))
    assert "<a" not in html
    assert "javascript:alert(1)" in BeautifulSoup(html, "html.parser").get_text()
