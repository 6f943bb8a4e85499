"""`skincheck batch`: many lists from CSV, JSON Lines or text blocks, JSON Lines out."""

import json

import pytest

FIBROBLAST = "Human Fibroblast Conditioned Media, Water, Glycerin, Phenoxyethanol"
PLATELET = "Water, Human Platelet Lysate, Butylene Glycol, Glycerin"
PLAIN = "Water, Glycerin, Niacinamide"


@pytest.fixture
def run(skincheck):
    """``skincheck batch ARGS``, in this process (tests/cli/conftest.py); ``--jobs 2``
    still starts a real pool of two worker processes."""
    return lambda *args: skincheck("batch", *args)


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_csv_column_to_json_lines_with_a_summary(run, tmp_path):
    source = tmp_path / "lists.csv"
    source.write_text(
        "Name,Ingredients\n"
        f'Serum A,"{FIBROBLAST}"\n'
        f'Serum B,"{PLATELET}"\n'
        "Blurb,I love this serum so much and it makes my skin glow every day.\n",
        encoding="utf-8",
    )
    result = run(str(source), "--column", "Ingredients")
    assert result.exit_code == 0, result.stderr
    rows = records(result.stdout)
    assert [row["number"] for row in rows] == [1, 2, 3]
    assert rows[0]["analysis"]["ev_ingredients"][0]["source_class"] == "senescent_risk"
    assert rows[1]["analysis"]["ev_ingredients"][0]["source_class"] == "platelet"
    assert "sentences" in rows[2]["error"]
    assert "lists: 3, analysed: 2, failed: 1" in result.stderr
    assert "platelet 1" in result.stderr and "senescent_risk 1" in result.stderr


def test_json_lines_and_text_blocks_in_one_run_over_two_processes(run, tmp_path):
    jsonl = tmp_path / "lists.jsonl"
    jsonl.write_text(
        json.dumps({"text": FIBROBLAST}) + "\n" + json.dumps(PLAIN) + "\n", encoding="utf-8"
    )
    blocks = tmp_path / "lists.txt"
    blocks.write_text(f"{PLATELET}\n\n\n{PLAIN}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(str(jsonl), str(blocks), "--jobs", "2", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    rows = records(out.read_text(encoding="utf-8"))
    classes = [[ev["source_class"] for ev in row["analysis"]["ev_ingredients"]] for row in rows]
    assert classes == [["senescent_risk"], [], ["platelet"], []]
    assert "lists: 4, analysed: 4, failed: 0" in result.stderr


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("a,b\n1,2\n", ["--column", "Ingredients"], "has no column 'Ingredients'"),
        ("a,b\n1,2\n", [], "name the column"),
    ],
)
def test_a_csv_without_the_column_exits_2(run, tmp_path, content, args, message):
    source = tmp_path / "lists.csv"
    source.write_text(content, encoding="utf-8")
    result = run(str(source), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_json_line_exits_2(run, tmp_path):
    source = tmp_path / "lists.jsonl"
    source.write_text('{"text": "Water"}\n{not json\n', encoding="utf-8")
    result = run(str(source))
    assert result.exit_code == 2
    assert "line 2 is not JSON" in result.stderr


def test_each_line_holds_what_json_dumps_wrote_before_orjson():
    # The lines were json.dumps(record, ensure_ascii=False); orjson writes the same
    # values, non-ASCII as UTF-8, without the spaces after ":" and ",".
    from skincheck import services
    from skincheck.batch import json_line

    analysis = services.analyse_text("Eau, Glycérine, Human Fibroblast Conditioned Media")
    line = json_line(7, analysis)
    assert line.endswith("}\n") and line.count("\n") == 1
    assert json.loads(line) == json.loads(json.dumps({"number": 7, "analysis": analysis}))
    assert line == json.dumps({"number": 7, "analysis": analysis}, ensure_ascii=False,
                              separators=(",", ":")) + "\n"  # fmt: skip
    assert "Glycérine" in line
    assert json_line(3, "no list") == '{"number":3,"error":"no list"}\n'
