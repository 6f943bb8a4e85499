"""Properties of the whole analysis, on generated text: it never raises anything but a
plain NoListError, keeps every position, and its JSON always fits the published contract
(static/schema/analysis-1.json). The renderers never raise on what the analysis gives."""

import json
import string
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

from skincheck import services
from skincheck.core.errors import NoListError
from skincheck.core.markdown_text import inline
from skincheck.core.render import as_markdown
from skincheck.core.render import as_text

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "static/schema/analysis-1.json").read_text()
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Names that steer generated lists towards the interesting paths: EV names, look-alikes,
# false friends, synonyms, brackets and slashes.
NAMES = [
    "Water",
    "Aqua (Water)",
    "Glycerin",
    "Phenoxyethanol",
    "Human Fibroblast Conditioned Media",
    "Human Platelet Extract",
    "Rose Stem Cell Exosomes",
    "Exosomes",
    "Milk Exosomes",
    "Lactobacillus Extracellular Vesicles",
    "Bifida Ferment Lysate",
    "sh-Oligopeptide-1",
    "rh-Oligopeptide-1",
    "Malus Domestica Fruit Cell Culture Extract",
    "Phytoplacenta",
    "Porphyra Umbilicalis",
    "CI 77891 / Titanium Dioxide",
    "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
    "Parfum (Fragrance)",
    "Polysorbate 606",
    "Linalool",
    "Human Placental Extract",
]
SEPARATORS = [", ", ",", "; ", "\n", " • ", " (and) ", ". May contain: ", " +/- ", "*, "]

lists = st.lists(
    st.one_of(
        st.sampled_from(NAMES), st.text(string.ascii_letters + " -/()0123456789%", max_size=30)
    ),
    min_size=1,
    max_size=40,
).flatmap(
    lambda names: st.lists(
        st.sampled_from(SEPARATORS), min_size=len(names), max_size=len(names)
    ).map(lambda seps: "".join(name + sep for name, sep in zip(names, seps, strict=True)))
)
anything = st.one_of(
    lists, st.text(max_size=2000), st.binary(max_size=500).map(lambda b: b.decode("latin-1"))
)


@pytest.fixture(scope="module", autouse=True)
def _loaded():
    services.get_context()  # load data once, outside the timed examples


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything, st.one_of(st.none(), st.text(max_size=200)))
def test_analysis_fits_the_contract_or_says_why_not(text, name):
    try:
        data = services.analyse_text(text, name=name)
    except NoListError as exc:
        assert exc.reason.strip(), "a refusal must say why"
        return
    VALIDATOR.validate(data)
    positions = [item["position"] for item in data["ingredients"]]
    assert positions == list(range(1, len(positions) + 1))
    known = set(positions)
    for group in ("ev_ingredients", "look_alikes", "regulatory"):
        assert {item["position"] for item in data[group]} <= known
    assert data["coverage"]["total"] == len(positions)
    json.dumps(data)  # serialisable as it stands
    # Both open with the three summary lines, then the verdict headline.
    text = as_text(data).splitlines()
    assert text[:3] == [f"{line['label']}: {line['text']}" for line in data["summary"]["lines"]]
    assert text[4] == data["verdict"]["headline"]
    assert as_markdown(data).splitlines()[4] == "# " + inline(data["verdict"]["headline"])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_classify_never_raises(name):
    finding = services.get_context().matcher.classify(name)
    assert finding is None or finding.__class__.__name__ in {"EvFinding", "LookAlikeFinding"}
