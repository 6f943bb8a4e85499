"""The table of known names (skincheck.core.name_table): built on first use, kept in a
cache file, reused, rebuilt when data/ changes or the file is damaged, and the same
readings as reading each name from scratch.

Every test keeps its cache under tmp_path. A build reads about 29,000 names (a few
seconds), so one build is made per module and copied where a test needs a built file;
the tests of rebuilding use a copy of data/ with a small CosIng inventory (``small``),
whose table builds in a fraction of a second.
"""

import csv
import shutil
from pathlib import Path

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.analyse import Context
from skincheck.core.budget import cpu_budget
from skincheck.core.name_table import FILE_NAME
from skincheck.core.name_table import known_names
from skincheck.core.name_table import table_key
from skincheck.core.reading import read_name

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

#: Printed forms that reach the table by their fold, with the bracket, slash and case
#: variants labels print, and names the table must leave to read_name.
PRINTED = [
    "Water", "WATER", "aqua", "Aqua (Water)", "Aqua/Water/Eau", "Aqua / Water / Eau",
    "Water / Aqua", "CI 77891 / Titanium Dioxide", "Ci 77891/Titanium Dioxide",
    "Titanium Dioxide (nano)", "Parfum (Fragrance)", "Fragrance", "Parfum", "Linalool",
    "Phenoxyethanol", "Butyrospermum Parkii (Shea) Butter", "Butyrospermum Parkii Butter",
    "Glycerin", "glycerin.", "Sodium  Hyaluronate", "1, 2-Hexanediol", "1,2-Hexanediol",
    "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
    "Acrylates / C10-30 Alkyl Acrylate Crosspolymer",
    "Human Fibroblast Conditioned Media", "HUMAN FIBROBLAST CONDITIONED MEDIA",
    "Human Adipose Derived Stem Cell Conditioned Media",
    "Human Adipose Derived Stem Cell Conditioned Media (Exosomes)",
    "Adipose Stem Cell Media", "Human Platelet Lysate", "Platelet-Rich Plasma Exosomes",
    "Rose Stem Cell Exosomes", "Human Serum Albumin", "Sodium DNA", "Salmon PDRN",
    "Yeast Extract/Faex/Extrait De Levure", "Pogostemon Cablin (Patchouli) Oil",
    "Nettle Extract", "Ehylhexylglycerin", "Definitely Not An Ingredient",
]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding a table built from data/."""
    cache = tmp_path_factory.mktemp("names")
    Context.load(DATA, cache_dir=cache).known_names()
    return cache / FILE_NAME


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/ whose CosIng inventory holds its first 300 names and those that
    data/synonyms.csv and these tests name: about 360 of 29,000."""
    data = tmp_path_factory.mktemp("small") / "data"
    shutil.copytree(DATA, data)
    with (DATA / "synonyms.csv").open(encoding="utf-8") as handle:
        needed = {row["inci"].upper() for row in csv.DictReader(handle)}
    needed |= {"WATER", "GLYCERIN", "HUMAN FIBROBLAST CONDITIONED MEDIA"}
    inventory = data / "cosing" / "cosing-inventory-2020-12-30.csv"
    with inventory.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    kept = rows[:300] + [row for row in rows[300:] if row[0].upper() in needed]
    with inventory.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *kept])
    return data


@pytest.fixture(scope="module")
def small_built(tmp_path_factory: pytest.TempPathFactory, small: Path) -> Path:
    """A cache folder holding a table built from ``small``."""
    cache = tmp_path_factory.mktemp("small-names")
    Context.load(small, cache_dir=cache).known_names()
    return cache / FILE_NAME


@pytest.fixture(scope="module")
def plain() -> Context:
    """A context without a table: every name is read from scratch."""
    return Context.load(DATA)


def _context_with(tmp_path: Path, built: Path, data: Path = DATA) -> tuple[Context, Path]:
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy2(built, cache / FILE_NAME)
    return Context.load(data, cache_dir=cache), cache / FILE_NAME


def test_the_table_is_built_on_first_use_and_holds_every_known_name(built: Path) -> None:
    assert built.is_file()
    ctx = Context.load(DATA, cache_dir=built.parent)
    table = ctx.known_names()
    assert table is not None
    assert len(table) == len(known_names(ctx)) > 28_700
    assert "water" in table and "human fibroblast conditioned media" in table


def test_nothing_is_written_before_a_name_is_read(tmp_path: Path) -> None:
    Context.load(DATA, cache_dir=tmp_path)
    assert not (tmp_path / FILE_NAME).exists()


def test_a_second_process_loads_the_file_without_rebuilding_it(
    tmp_path: Path, built: Path
) -> None:
    ctx, path = _context_with(tmp_path, built)
    before = path.stat()
    assert ctx.read("Water").recognition.inci == "WATER"
    after = path.stat()
    # A rebuild writes a new file and moves it into place: a new inode and mtime.
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "other key"])
def test_a_damaged_or_stale_file_is_rebuilt(
    tmp_path: Path, small: Path, small_built: Path, damage: str
) -> None:
    ctx, path = _context_with(tmp_path, small_built, small)
    content = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(content[: len(content) // 2])
    elif damage == "flipped byte":
        middle = len(content) // 2
        path.write_bytes(content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1 :])
    else:
        header, _, payload = content.partition(b"\n")
        key = table_key(small).encode()
        path.write_bytes(header.replace(key, b"0" * len(key)) + b"\n" + payload)
    assert ctx.read("Glycerin").recognition.inci == "GLYCERIN"
    assert path.read_bytes() == content


def test_a_changed_data_file_rebuilds_the_table(
    tmp_path: Path, small: Path, small_built: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(small, data)
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy2(small_built, cache / FILE_NAME)
    # A synonym added to data/synonyms.csv: "Eau Purifiee" now reads as water.
    with (data / "synonyms.csv").open("a", encoding="utf-8") as out:
        out.write("Eau Purifiee,WATER,,test: a synonym added after the table was built\n")
    ctx = Context.load(data, cache_dir=cache)
    assert ctx.read("Eau Purifiee").recognition.inci == "WATER"
    assert table_key(data) != table_key(small)
    assert (cache / FILE_NAME).read_bytes() != small_built.read_bytes()
    assert table_key(data).encode() in (cache / FILE_NAME).read_bytes().split(b"\n", 1)[0]


def test_a_cache_folder_that_cannot_be_written_still_analyses(tmp_path: Path, small: Path) -> None:
    # A folder under a file can never be made, whoever runs the tests (a read-only
    # folder would not do: CI runs as root, which writes into it anyway).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    cache = blocker / "cache"
    ctx = Context.load(small, cache_dir=cache)
    analysis = analyse("Aqua, Glycerin, Human Fibroblast Conditioned Media", ctx)
    assert [reading.recognised for reading in analysis.readings] == [True, True, True]
    assert ctx.known_names() is not None  # built in memory
    assert not (cache / FILE_NAME).exists()


def test_building_the_table_inside_a_request_does_not_spend_its_budget(
    tmp_path: Path, small: Path
) -> None:
    ctx = Context.load(small, cache_dir=tmp_path)
    # The build reads every known name and the splitter's dictionary holds as many (the
    # unknown name has a space, so it is tried for names run together): both far more
    # CPU than this budget allows, even for the small inventory, and both made once per
    # process or data version.
    with cpu_budget(0.05):
        analysis = analyse("Water, Glycerin, Someunknownname Extract", ctx)
    assert (tmp_path / FILE_NAME).is_file()
    assert [reading.recognised for reading in analysis.readings] == [True, True, False]


def test_table_readings_equal_readings_from_scratch(
    tmp_path: Path, built: Path, plain: Context
) -> None:
    ctx, _ = _context_with(tmp_path, built)
    table = ctx.known_names()
    assert table is not None
    keys = known_names(ctx)
    sample = [*keys[::97], *keys[-400:], *PRINTED]
    sample += [name.title() for name in keys[::331]] + [name.upper() for name in keys[5::331]]
    answered = 0
    for name in sample:
        from_table = table.reading(name, ctx)
        answered += from_table is not None
        if from_table is not None:
            assert from_table == read_name(name, plain), name
        assert ctx.read(name) == read_name(name, plain), name
    # The table answered for nearly all of them (it declines names it does not hold
    # and unknown names printed with a bracket), so the comparison above is its own.
    assert answered >= 0.97 * len(sample)
