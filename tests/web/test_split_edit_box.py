"""A list printed without commas is split at known names (skincheck.core.segment); the
report says so and its edit box holds the list with the commas skincheck added, so the
person corrects the split instead of retyping it. A list with its own separators keeps
its text in the box as pasted, and no split_text.

The lists are written for these tests from SPEC section 9, worked example 1; the
expected split was worked out by hand from the names.
"""

import html
import re

#: SPEC worked example 1, shortened, with every comma taken out.
RUN_TOGETHER = (
    "Human Neonatal Fibroblast Conditioned Media Isoceteth-20 Ethoxydiglycol "
    "Disodium EDTA Glycerin Caprylyl Glycol Phenoxyethanol Linalool"
)
WITH_COMMAS = (
    "Human Neonatal Fibroblast Conditioned Media, Isoceteth-20, Ethoxydiglycol, "
    "Disodium EDTA, Glycerin, Caprylyl Glycol, Phenoxyethanol, Linalool"
)


def _box(page: str) -> str:
    found = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found is not None
    return html.unescape(found.group(1)).strip()


def test_the_edit_box_shows_the_list_with_the_commas_skincheck_added(client):
    response = client.post("/analyse", data={"text": RUN_TOGETHER})
    assert response.status_code == 303
    location = response.headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert "printed without commas" in page
    assert _box(page) == WITH_COMMAS
    assert "the box holds the list with the commas skincheck added" in page
    data = client.get(location + ".json").get_json()
    assert data["input"]["split_text"] == WITH_COMMAS
    assert data["ingredients"][0]["printed"] == "Human Neonatal Fibroblast Conditioned Media"


def test_the_api_gives_the_split_text_too(client):
    data = client.post("/api/v1/analyze", json={"text": "Ingredients: " + RUN_TOGETHER}).get_json()
    assert data["input"]["split_text"] == WITH_COMMAS
    assert len(data["ingredients"]) == 8


def test_a_list_with_separators_keeps_its_own_text_in_the_box(client):
    pasted = WITH_COMMAS.replace(", ", ",\n")
    response = client.post("/analyse", data={"text": pasted})
    location = response.headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert _box(page).splitlines() == pasted.splitlines()
    assert client.get(location + ".json").get_json()["input"]["split_text"] is None
