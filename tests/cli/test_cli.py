"""The command line as a person runs it: real files, real exit codes, in this process
(tests/cli/conftest.py); two tests run a real ``python -m skincheck`` to show the
module entry point, its exit codes and its streams work outside the test's process."""

import json
import subprocess
import sys

import jsonschema
import pytest

from skincheck import paths


def run_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "skincheck", *args], capture_output=True, timeout=120
    )


@pytest.fixture
def run(skincheck):
    return skincheck


@pytest.fixture
def tns_file(tmp_path, example_1):
    path = tmp_path / "tns.txt"
    path.write_text("Ingredients: " + example_1 + "\n", encoding="utf-8")
    return path


def _check_tns_json(data: dict) -> None:
    assert data["schema"] == "skincheck.analysis/1"
    assert data["input"]["kind"] == "text"
    assert data["coverage"]["total"] == 18
    [ev] = data["ev_ingredients"]
    assert (ev["position"], ev["source_class"], ev["material"]) == (
        1,
        "senescent_risk",
        "conditioned_media",
    )
    assert any(
        flag["position"] == 1 and flag["jurisdiction"] == "EU" and flag["status"] == "prohibited"
        for flag in data["regulatory"]
    )
    for key in ("ingredients", "look_alikes", "verdict", "claims", "notices", "references"):
        assert key in data


def test_json_output_names_the_fibroblast_conditioned_media_at_position_one(run, tns_file):
    result = run("analyze", str(tns_file), "--format", "json")
    assert result.exit_code == 0, result.stderr
    _check_tns_json(json.loads(result.stdout))


def test_python_m_skincheck_analyses_a_file_in_a_real_process(tns_file):
    # The one run of the module entry point (__main__.py) end to end: exit code 0 and
    # the JSON on the process's real stdout.
    result = run_process("analyze", str(tns_file), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    _check_tns_json(json.loads(result.stdout))


def test_python_m_skincheck_exits_2_in_a_real_process():
    # The exit code a shell sees for input that cannot be analysed, through SystemExit.
    result = run_process("analyze", "/nonexistent/list.txt")
    assert result.returncode == 2
    assert b"no such file" in result.stderr
    assert b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_reads_standard_input(run, example_1):
    result = run("analyze", "-", "--format", "json", input=example_1.encode())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ingredients"][10]["printed"] == "Phenoxyethanol"


def test_text_format_opens_with_the_summary_then_the_verdict_headline(run, tns_file):
    as_json = json.loads(run("analyze", str(tns_file), "--format", "json").stdout)
    text = run("analyze", str(tns_file)).stdout.splitlines()
    lines = as_json["summary"]["lines"]
    assert text[:3] == [f"{line['label']}: {line['text']}" for line in lines]
    # Line 1 names the EV ingredient and its place; line 2 leads with the EU ban.
    assert text[0] == "What is in it: Human Neonatal Fibroblast Conditioned Media (1st ingredient)"
    eu_ban = "EU: prohibited in cosmetics (Annex II entry 416)"
    assert text[1].startswith(f"Where it may be sold: {eu_ban}")
    assert text[4] == as_json["verdict"]["headline"]


def test_text_and_markdown_open_with_the_same_three_lines(run, tns_file):
    text = run("analyze", str(tns_file)).stdout.splitlines()
    markdown = run("analyze", str(tns_file), "--format", "markdown").stdout.splitlines()
    as_markdown = [line.replace("- **", "", 1).replace(":**", ":", 1) for line in markdown[:3]]
    assert as_markdown == text[:3]
    assert all(line.startswith("- **") for line in markdown[:3])


def test_markdown_format_has_the_headline_as_its_heading(run, tns_file):
    markdown = run("analyze", str(tns_file), "--format", "markdown").stdout
    assert markdown.splitlines()[4].startswith("# Leading concern: ")
    assert "## Extracellular-vesicle ingredients (1)" in markdown


def test_claims_without_ev_ingredients_are_called_unbacked(run, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Water, Glycerin, Niacinamide, Phenoxyethanol", encoding="utf-8")
    result = run("analyze", str(path), "--claims", "Exosome Glow Serum", "--format", "json")
    claims = json.loads(result.stdout)["claims"]
    assert claims["mentions_ev"] is True
    assert claims["backed_by_list"] is False


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", b"skincheck: "),
        (b"   \n\n  ", b"skincheck: "),
        (bytes(range(256)) * 4, b"not UTF-8"),
        (b"I bought this serum last week and I love how it feels on my skin.", b"skincheck: "),
    ],
    ids=["empty", "blank", "binary", "prose"],
)
def test_no_list_exits_2_with_a_plain_message(run, tmp_path, content, fragment):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = run("analyze", str(path))
    assert result.exit_code == 2
    assert fragment in result.stderr_bytes
    assert b"Traceback" not in result.stderr_bytes
    assert result.stdout_bytes == b""


def test_missing_file_exits_2(run):
    result = run("analyze", "/nonexistent/list.txt")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_analyze_url_keeps_private_addresses_refused_when_the_setting_says_no(run):
    # Nothing listens on this loopback port; "refused" (not "could not connect") shows
    # the address was turned down before any connection, as the web app would do.
    result = run(
        "analyze", "--url", "http://127.0.0.1:9/serum", SKINCHECK_ALLOW_PRIVATE_URLS="no"
    )
    assert result.exit_code == 2
    assert "private network" in result.stderr


def test_json_output_fits_the_schema_with_the_summary_and_the_claims_findings(run, tmp_path):
    path = tmp_path / "rose.txt"
    path.write_text(
        "Water, Human Umbilical Cord Stem Cell Conditioned Media, Glycerin, "
        "Rosa Damascena Callus Culture Extract, Phenoxyethanol, Human Platelet Lysate",
        encoding="utf-8",
    )
    result = run("analyze", str(path), "--claims", "Rose Stem Cell Exosomes", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    schema = json.loads((paths.STATIC / "schema" / "analysis-1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["summary"]["contents"]["kind"] == "ev"
    assert [r["region"] for r in data["summary"]["regions"]] == ["EU", "US", "KR"]
    statuses = [finding["status"] for finding in data["claims"]["findings"]]
    assert "source_mismatch" in statuses and "source_look_alike" in statuses
    lysate = next(i for i in data["ingredients"] if i["printed"] == "Human Platelet Lysate")
    assert (lysate["in_cosing"], lysate["known"]) == (False, True)
    # The 1% line falls before Phenoxyethanol (#5): the platelet lysate (#6) is below it.
    line = data["one_percent_line"]
    assert (line["before_position"], line["below"]["positions"]) == (5, [5, 6])
