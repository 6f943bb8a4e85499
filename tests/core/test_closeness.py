"""CloseNames.within() finds what fuzz.ratio run over every name finds, no more, no less.

The reference in every test is rapidfuzz's own search over the whole list
(_every_name), not CloseNames' earlier output.
"""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz import process

from skincheck.core.closeness import CloseNames
from skincheck.core.inventory import SUGGESTION_CUTOFF
from skincheck.services import get_context

DATA = Path(__file__).resolve().parents[2] / "data"


def _every_name(query: str, names, cutoff: float) -> list[tuple[int, float]]:
    found = process.extract(query, names, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff)
    return sorted((index, score) for _name, score, index in found)


@pytest.fixture(scope="module")
def cosing() -> tuple[str, ...]:
    return get_context().inventory.choices


@pytest.fixture(scope="module")
def close_cosing(cosing) -> CloseNames:
    return CloseNames(cosing)


def _mutated(name: str, data: st.DataObject) -> str:
    """A CosIng name with a few letters dropped, added or changed, as labels misprint."""
    letters = list(name)
    for _ in range(data.draw(st.integers(0, 6))):
        place = data.draw(st.integers(0, len(letters)))
        edit = data.draw(st.sampled_from(["drop", "add", "change"]))
        letter = data.draw(st.sampled_from("abcdeilnorstuy -/()0123é"))
        if edit == "add":
            letters.insert(place, letter)
        elif place < len(letters):
            letters[place : place + 1] = [] if edit == "drop" else [letter]
    return "".join(letters)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_misprinted_cosing_names_find_what_a_search_of_every_name_finds(cosing, close_cosing, data):
    query = _mutated(data.draw(st.sampled_from(cosing)), data)
    assert close_cosing.within(query, SUGGESTION_CUTOFF) == _every_name(
        query, cosing, SUGGESTION_CUTOFF
    )


@pytest.mark.parametrize(
    "query",
    [
        # Unrecognised names of the Sephora corpus.
        "lsododecane",
        "sodiumhyaluronate",
        "c13-14isoparaffin",
        "phenl trimethicone",
        "malakite extract",
        "citrus aurantifolia (lime) extract",
        "evening primrose oil simmondsia chinensis oil",
        # Scores exactly the cut-off against ganoderma lucidum water (17 and 23).
        "ganoderma lucidum",
        # A letter no CosIng name holds; one letter; a letter repeated past the cap.
        "glycérine",
        "a",
        "aaaaaaaaaaaaaaaaaaaa",
        "sodium laureth sulfate sodium laureth sulfate",
    ],
)
def test_corpus_names_find_what_a_search_of_every_name_finds(cosing, close_cosing, query):
    assert close_cosing.within(query, SUGGESTION_CUTOFF) == _every_name(
        query, cosing, SUGGESTION_CUTOFF
    )


def test_a_name_found_is_found_with_its_score(close_cosing, cosing):
    found = dict(close_cosing.within("lsododecane", SUGGESTION_CUTOFF))
    index = cosing.index("isododecane")
    assert found[index] == pytest.approx(fuzz.ratio("lsododecane", "isododecane"))


# Small lists, cut into blocks of three names, so that a query reaches several blocks,
# and names long enough to hold a letter more than 127 times.
WORDS = st.text(alphabet="abe -", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(WORDS, min_size=1, max_size=20),
    query=st.text(alphabet="abex -", max_size=14),
    cutoff=st.sampled_from([50.0, 70.0, 85.0, 95.0, 100.0]),
)
def test_small_lists_in_many_blocks_find_what_a_search_of_every_name_finds(names, query, cutoff):
    names = sorted(names, key=len)
    assert CloseNames(names, block=3).within(query, cutoff) == _every_name(query, names, cutoff)


@pytest.mark.parametrize(
    "query",
    [
        "a" * 120,  # within the lanes: common letters up to 120
        "a" * 127 + "b",  # past the lanes (128 letters): compared name by name
        "a" * 200,
        "ab" * 70,
        "a" * 400,  # reaches names longer than a byte counts
    ],
)
def test_long_names_and_long_queries(query):
    names = ["a" * 100, "a" * 130, "a" * 150 + "b", "b" * 140, "ab" * 75, "a" * 300, "a" * 380]
    names.sort(key=len)
    found = CloseNames(names, block=2).within(query, 85.0)
    assert found == _every_name(query, names, 85.0)
    assert found  # each query has a name within the cut-off


def test_an_empty_query_finds_nothing(close_cosing):
    assert close_cosing.within("", SUGGESTION_CUTOFF) == []


def test_names_out_of_length_order_are_refused():
    with pytest.raises(ValueError, match="sorted by length"):
        CloseNames(["glycerin", "water"])


def test_names_of_more_than_one_line_are_refused():
    with pytest.raises(ValueError, match="one line"):
        CloseNames(["water", "aqua\neau"]).within("water", 85.0)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(WORDS, min_size=1, max_size=20),
    query=st.text(alphabet="abex -", max_size=14),
)
def test_lanes_made_up_front_find_what_a_search_of_every_name_finds(names, query):
    # The web app makes every lane at start-up (prepare); letters no name holds often
    # share one set of lanes for several caps.
    names = sorted(names, key=len)
    close = CloseNames(names, block=3)
    close.prepare()
    assert close.within(query, 85.0) == _every_name(query, names, 85.0)


@pytest.mark.parametrize("cutoff", [0.0, -5.0, 100.5])
def test_a_cutoff_out_of_range_is_refused(cutoff):
    with pytest.raises(ValueError, match="cut-off"):
        CloseNames(["water"]).within("water", cutoff)
