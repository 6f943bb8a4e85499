"""Issue 11, sections 1 and "done when", through the Flask test client (no browser): the
precautionary statement about the source ranking is on every report, on /sources and on
/method, and in the JSON; the start page promises nothing about trust; real analyses
validate against static/schema/analysis-1.json, which covers reference kinds, the evidence
axis and the "if of human origin" statuses."""

import html
import json
import re
import tomllib

import pytest
from jsonschema import Draft202012Validator

from skincheck import paths

#: Lists that exercise each part of the schema: a named human source (worked example 1),
#: probably-human names (platelet-rich plasma, human serum albumin), a pathogen, plants,
#: animals and look-alikes.
LISTS = {
    "example-1": None,
    "probably human": "Water, Platelet-Rich Plasma Exosomes, Human Serum Albumin, Glycerin",
    "pathogen and line": "Aqua, Staphylococcus Aureus Extracellular Vesicles, "
    "HEK293 Cell Conditioned Media, Phenoxyethanol",
    "plants and animals": "Water, Rosa Damascena Callus Extracellular Vesicles, "
    "Bovine Colostrum Exosomes, Milk Exosomes, Lactobacillus Ferment Lysate, Parfum",
    "no ev": "Water, Glycerin, Phenoxyethanol",
}


@pytest.fixture(scope="module")
def statement() -> str:
    with (paths.DATA / "kb" / "wording.toml").open("rb") as handle:
        return tomllib.load(handle)["ranking"]["statement"]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((paths.STATIC / "schema" / "analysis-1.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _analysis(client, text: str) -> dict:
    response = client.post("/api/v1/analyze", json={"text": text})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()


@pytest.mark.parametrize("path", ["/sources", "/method"])
def test_the_precautionary_statement_is_on_sources_and_method(client, statement, path) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert statement in _text(page.get_data(as_text=True))


def test_the_precautionary_statement_is_on_a_report_and_in_its_json(
    client, statement, example_1
) -> None:
    response = client.post("/analyse", data={"text": example_1})
    assert response.status_code == 303
    report = client.get(response.headers["Location"]).get_data(as_text=True)
    assert statement in _text(report)
    data = _analysis(client, example_1)
    assert data["ranking_note"]["text"] == statement
    assert "skin-type-solutions-2022" in data["ranking_note"]["refs"]


def test_the_statement_says_what_the_ranking_is_and_is_not(statement) -> None:
    # Section 1: a judgement about the source, from one expert's argument (a brand's blog)
    # and the 2022 review, with no comparative trial behind it.
    for words in (
        "precautionary judgement",
        "not a finding",
        "one expert's argument",
        "Skin Type Solutions",
        "2022 review",
        "no trial has compared sources",
    ):
        assert words in statement, words  # fmt: skip


def test_the_start_page_promises_nothing_about_trust(client) -> None:
    page = _text(client.get("/").get_data(as_text=True)).lower()
    for word in ("trust", "trusted", "trustworthy", "reliable", "favourable", "safe"):
        assert not re.search(rf"\b{word}\b", page), word


@pytest.mark.parametrize("name", LISTS)
def test_real_analyses_validate_against_the_published_schema(
    client, validator, example_1, name
) -> None:
    data = _analysis(client, LISTS[name] or example_1)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert all("kind" in ref for ref in data["references"].values())
    for ev in data["ev_ingredients"]:
        assert ev["evidence"] is None or ev["evidence"]["level"]


def test_if_human_statuses_are_in_the_json_and_the_schema_holds_them_to_their_rule(
    client, validator
) -> None:
    data = _analysis(client, LISTS["probably human"])
    conditional = [flag for flag in data["regulatory"] if flag["status"].endswith("_if_human")]
    assert {flag["printed"] for flag in conditional} == {
        "Platelet-Rich Plasma Exosomes",
        "Human Serum Albumin",
    }
    assert all(flag["rule"].startswith("If of human origin: ") for flag in conditional)
    # The schema refuses an if-human status whose rule reads as unconditional.
    broken = json.loads(json.dumps(data))
    broken["regulatory"][data["regulatory"].index(conditional[0])]["rule"] = "Prohibited."
    assert any("If of human origin" in error.message for error in validator.iter_errors(broken))


def test_the_schema_refuses_a_reference_without_a_kind_and_an_unknown_level(
    client, validator, example_1
) -> None:
    data = _analysis(client, example_1)
    no_kind = json.loads(json.dumps(data))
    next(iter(no_kind["references"].values())).pop("kind")
    assert list(validator.iter_errors(no_kind))
    bad_level = json.loads(json.dumps(data))
    bad_level["ev_ingredients"][0]["evidence"]["level"] = "proven"
    assert list(validator.iter_errors(bad_level))
