"""The shipped knowledge base loads, keeps SPEC's order of classes and its wording rules,
and broken copies of it are refused with the file and row named."""

import csv
import re
import shutil
from pathlib import Path

import pytest

from skincheck.core.errors import DataError
from skincheck.core.knowledge.load import load_knowledge
from skincheck.core.knowledge.names import listing_key
from skincheck.core.knowledge.types import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FORBIDDEN = re.compile(
    r"\b(safe|safely|unsafe|legal|legally|illegal|compliant|compliance|clean|cleaner)\b", re.I
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(DATA)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of data/kb/ to break."""
    shutil.copytree(DATA / "kb", tmp_path / "kb")
    return tmp_path


def _rewrite_csv(path: Path, row_index: int, **changes: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows[row_index].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_the_shipped_data_loads(kb: KnowledgeBase) -> None:
    assert set(kb.classes) == {
        "platelet", "stem_cell", "plant", "animal", "microbial", "unspecified", "senescent_risk"
    }  # fmt: skip
    assert set(kb.materials) == {"vesicles", "conditioned_media", "lysate_or_extract", "unknown"}
    # The regulatory keys the brief fixes, and CosIng itself.
    for key in ("eu-1223-2009", "fda-2019-exosome-notice", "fda-2020-consumer-alert"):
        assert key in kb.references
    assert {"mfds-2023-culture-media", "cosing", "wallis-2020", "lespagnol-2008"} <= set(
        kb.references
    )
    assert re.fullmatch(r"[0-9a-f]{12}", kb.version)


def test_standing_order_holds_as_spec_states(kb: KnowledgeBase) -> None:
    # SPEC section 2: platelet >= stem_cell >= plant >= animal, microbial > unspecified,
    # and senescent_risk lowest.
    s = {key: cls.standing for key, cls in kb.classes.items()}
    assert s["platelet"] >= s["stem_cell"] >= s["plant"] >= s["animal"]
    assert s["microbial"] > s["unspecified"]
    assert all(s["senescent_risk"] < s[key] for key in s if key != "senescent_risk")
    order = [cls.key for cls in kb.source_classes_in_order()]
    assert order[0] == "platelet" and order[-1] == "senescent_risk"


def test_every_class_explains_itself_with_questions_for_the_brand(kb: KnowledgeBase) -> None:
    for cls in kb.classes.values():
        assert cls.reasons and cls.questions, cls.key
        assert all(question.endswith("?") for question in cls.questions), cls.key
    wanted = ("donor", "passage", "immortalised", "particle count", "misev", "endotoxin", "stored")
    asked = " ".join(q.lower() for q in kb.classes["stem_cell"].questions)
    for word in wanted:
        assert word in asked, word


def test_every_ev_and_conditioned_media_name_in_the_cosing_inventory_is_listed(
    kb: KnowledgeBase,
) -> None:
    inventory = DATA / "cosing" / "cosing-inventory-2020-12-30.csv"
    if not inventory.is_file():
        pytest.skip("the CosIng inventory copy is not in data/cosing")
    with inventory.open(encoding="utf-8") as handle:
        names = [row["inci_name"] for row in csv.DictReader(handle)]
    wanted = re.compile(r"EXOSOME|VESICLE|CONDITIONED MEDIA|PLATELET|CULTURE MEDIA")
    listed = {listing_key(n) for e in kb.entries for n in (e.name, *e.aliases)}
    missing = [name for name in names if wanted.search(name) and listing_key(name) not in listed]
    # CosIng truncates two long names at their comma ("... MEDIA/1"); the full names are listed.
    assert [name for name in missing if not name.endswith("/1")] == []


def test_no_wording_in_the_knowledge_base_calls_anything_safe_legal_compliant_or_clean() -> None:
    for path in sorted((DATA / "kb").iterdir()):
        if path.name in {"references.csv", "plant_genera.csv"} or path.suffix not in {
            ".csv",
            ".toml",
        }:
            continue  # citations are other people's titles; genera are Latin names
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue  # comments for editors, which state this very rule
            assert not FORBIDDEN.search(line), f"{path.name}:{number}: {line}"


def test_a_citation_ends_each_part_with_one_mark(kb: KnowledgeBase) -> None:
    # "Block TJ, et al.." and "... risk or fraud?." were printed on reports.
    assert kb.references["block-2017"].citation.startswith("Block TJ, et al. Restoring")
    assert "risk or fraud? Cutan Ocul Toxicol, 2023." in (
        kb.references["martinez-carpio-2023"].citation
    )
    for reference in kb.references.values():
        assert ".." not in reference.citation and "?." not in reference.citation, reference.key


def test_the_version_changes_when_a_data_file_changes(copy: Path) -> None:
    before = load_knowledge(copy).version
    path = copy / "kb" / "references.csv"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "extra,review,Someone A,A title,A venue,2020,https://doi.org/10.1000/x,\n",
        "utf-8",
    )
    assert load_knowledge(copy).version != before


def test_an_entry_without_a_class_is_refused_naming_file_and_row(copy: Path) -> None:
    _rewrite_csv(copy / "kb" / "ev_ingredients.csv", 0, source_class="")
    with pytest.raises(DataError, match=r"ev_ingredients\.csv row 2: source_class is missing"):
        load_knowledge(copy)


def test_an_entry_without_a_reference_is_refused(copy: Path) -> None:
    _rewrite_csv(copy / "kb" / "look_alikes.csv", 2, refs="")
    with pytest.raises(DataError, match=r"look_alikes\.csv row 4: cites no reference"):
        load_knowledge(copy)


def test_a_reference_key_that_does_not_exist_is_refused(copy: Path) -> None:
    _rewrite_csv(copy / "kb" / "ev_ingredients.csv", 4, refs="cosing no-such-paper-1999")
    with pytest.raises(DataError, match=r"row 6: unknown reference key\(s\) no-such-paper-1999"):
        load_knowledge(copy)


def test_an_unknown_look_alike_kind_is_refused(copy: Path) -> None:
    _rewrite_csv(copy / "kb" / "look_alikes.csv", 0, kind="plant_stem_cell")
    with pytest.raises(DataError, match=r"look_alikes\.csv row 2: unknown kind 'plant_stem_cell'"):
        load_knowledge(copy)


def test_an_unknown_material_is_refused(copy: Path) -> None:
    _rewrite_csv(copy / "kb" / "ev_ingredients.csv", 1, material="exosome_powder")
    with pytest.raises(DataError, match=r"ev_ingredients\.csv row 3: unknown material"):
        load_knowledge(copy)


def test_a_reason_citing_an_unknown_reference_in_toml_is_refused(copy: Path) -> None:
    path = copy / "kb" / "source_classes.toml"
    text = path.read_text(encoding="utf-8").replace(
        'refs = ["rahman-2025"]', 'refs = ["rahman-2033"]', 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"source_classes\.toml class animal: unknown reference"):
        load_knowledge(copy)


def test_a_broken_pattern_is_refused(copy: Path) -> None:
    _rewrite_csv(copy / "kb" / "false_friends.csv", 0, pattern="(phytoplacenta")
    with pytest.raises(DataError, match=r"false_friends\.csv row 2: pattern"):
        load_knowledge(copy)


def test_a_name_listed_twice_is_refused(copy: Path) -> None:
    _rewrite_csv(copy / "kb" / "look_alikes.csv", 0, name="Human Fibroblast Conditioned Media")
    with pytest.raises(DataError, match=r"listed twice"):
        load_knowledge(copy)


def test_a_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="knowledge-base folder is missing"):
        load_knowledge(tmp_path)
