"""The Markdown and JSON exports carry what the page carries (issue 13): the permalink
when saved, the date, the knowledge-base version, the same numbered references, and the
one-paragraph "what a rating means" note."""

import re
from pathlib import Path

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.markdown_text import inline
from skincheck.core.render import as_dict
from skincheck.core.render import as_markdown
from skincheck.core.render import as_text
from skincheck.services import get_context

ROOT = Path(__file__).resolve().parents[2]
LIST = "Water, Glycerin, Human Platelet Lysate, Phenoxyethanol, Sodium DNA, Linalool"
LINK = "https://skincheck.example/r/abc123"


@pytest.fixture(scope="module")
def data() -> dict:
    ctx = get_context()
    return as_dict(analyse(LIST, ctx, claims="Salmon PDRN Platelet Serum"))


def test_json_numbers_its_references_in_order(data: dict) -> None:
    numbers = [ref["number"] for ref in data["references"].values()]
    assert numbers == list(range(1, len(numbers) + 1))
    # The rating note's sources open the list: every export carries the note.
    first = list(data["references"])[: len(data["ranking_note"]["refs"])]
    assert first == data["ranking_note"]["refs"]


def test_markdown_carries_permalink_date_version_and_the_rating_note(data: dict) -> None:
    markdown = as_markdown(data, permalink=LINK, saved_at="2026-12-06T13:00:00+00:00")
    # Values as Markdown text (skincheck.core.markdown_text): the link an autolink,
    # punctuation in sentences escaped.
    assert f"Permalink: <{LINK}>" in markdown
    assert "Date: 2026-12-06" in markdown
    assert f"Knowledge-base version: {inline(data['knowledge_version'])}" in markdown
    assert f"What a rating means: {inline(data['ranking_note']['text'])}" in markdown


def test_a_stored_document_gives_its_own_link_and_date(data: dict) -> None:
    # skincheck.web.stored_reports.document adds report_url and created_at to the stored analysis.
    stored = {**data, "report_url": LINK, "created_at": "2026-11-30T08:00:00+00:00"}
    markdown = as_markdown(stored)
    assert f"Permalink: <{LINK}>" in markdown and "Date: 2026-11-30" in markdown
    assert "Permalink" not in as_markdown(data)  # not saved: no link to give


def test_markdown_cites_by_the_json_numbers(data: dict) -> None:
    markdown = as_markdown(data)
    listed = re.findall(r"^- \[(\d+)\] ", markdown, flags=re.M)
    assert [int(n) for n in listed] == [ref["number"] for ref in data["references"].values()]
    numbers = {key: ref["number"] for key, ref in data["references"].items()}
    # The EU ban on the platelet lysate cites eu-1223-2009 and cosing by their numbers.
    eu = next(f for f in data["regulatory"] if f["printed"] == "Human Platelet Lysate")
    cited = ", ".join(str(numbers[key]) for key in eu["refs"])
    assert f"[{inline(eu['chip'])}] EU, {inline(eu['rule'])} [{cited}]" in markdown
    # No reference key is left unnumbered in the text.
    for key in data["references"]:
        assert f"[{key}" not in markdown


def test_text_and_markdown_say_the_same_things(data: dict) -> None:
    text, markdown = as_text(data), as_markdown(data)
    for line in data["summary"]["lines"]:
        assert line["text"] in text and inline(line["text"]) in markdown
    for finding in data["claims"]["findings"]:
        assert text.count(finding["text"]) == 1
        assert markdown.count(inline(finding["text"])) == 1
    assert "5 of 6 in the EU CosIng inventory." in text
    assert "Human Platelet Lysate — active (sold for its biological effect); not in the EU " \
        "CosIng inventory; known to skincheck" in text  # fmt: skip


def test_markdown_stays_readable_as_text(data: dict) -> None:
    # Only what could start markup is escaped: parentheses, colons and "#" without a
    # "[" before them make no link, so the export reads as the page does.
    markdown = as_markdown(data)
    assert "Human Platelet Lysate (3rd ingredient)" in markdown
    assert "EU: prohibited in cosmetics (Annex II entry 416)" in markdown
    assert "\\(" not in markdown and "\\:" not in markdown

