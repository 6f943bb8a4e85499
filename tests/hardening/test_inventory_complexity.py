"""Recognising a name costs time in proportion to its length, whatever its spaces (issue
15): the slash patterns of skincheck.core.inventory were tried again from every space of
a run, so a raw name of "a" + 48,000 spaces + "b" (the page extractor asks about names
as they stand) cost 9 s of CPU, and four times the spaces sixteen times the time.

Each shape is recognised at n and 4n spaces, in CPU time, the least of a few runs; the
test fails on clear super-linear growth (below NOISE_SECONDS, timer noise is not
counted as growth).
The new patterns must also split every text exactly where the old ones did.
"""

import random
import re
import time

import pytest

from skincheck import services
from skincheck.core import inventory

#: The larger name costs about a millisecond; before the slash patterns were made
#: linear it cost 9 s (growth x16 for x4 the spaces).
MAX_GROWTH = 8.0
NOISE_SECONDS = 0.01
N = 12_000

SHAPES = {
    "spaces between two words": "a{}b",
    "spaces before a slash": "a{}/b",
    "spaces after a slash": "x/{}",
    "spaces around a slash": "Aqua{}/{}Water",
    "tabs and no-break spaces": "Aqua{}Glycerin",
}


@pytest.fixture(scope="module")
def names() -> inventory.Inventory:
    return services.get_context().inventory


def _cpu(call, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        # This thread's CPU time: an xdist worker may still run threads of earlier tests.
        start = time.thread_time()
        call()
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.parametrize("shape", SHAPES)
def test_recognising_a_name_is_linear_in_its_spaces(shape, names):
    fill = "\t\xa0 " if "tabs" in shape else " "
    small = SHAPES[shape].replace("{}", (fill * N)[:N])
    large = SHAPES[shape].replace("{}", (fill * 4 * N)[: 4 * N])
    small_cpu = max(_cpu(lambda: names.knows(small)), NOISE_SECONDS)
    large_cpu = _cpu(lambda: names.knows(large))
    assert large_cpu < MAX_GROWTH * small_cpu, (shape, small_cpu, large_cpu)


def test_slash_patterns_split_where_the_old_ones_did():
    old_spaced, old_any = re.compile(r"\s+/\s+"), re.compile(r"\s*/\s*")
    rng = random.Random(15)
    for _ in range(50_000):
        text = "".join(rng.choice(" /a\t\n\xa0b") for _ in range(rng.randint(0, 14)))
        assert inventory._SPACED_SLASH.split(text) == old_spaced.split(text), repr(text)
        assert inventory._SLASH.split(text) == old_any.split(text), repr(text)


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Aqua / Water / Eau", "Water"),
        ("CI 77891 / Titanium Dioxide", "CI 77891"),
        ("Water/Aqua/Eau", "Water"),
        ("Yeast Extract/Faex/Extrait De Levure", "Yeast Extract"),
    ],
)
def test_slashed_names_are_still_recognised_by_the_slash(names, name, plain):
    found = names.recognise(name)
    assert found.via == "slash"
    assert found.inci == names.recognise(plain).inci is not None
