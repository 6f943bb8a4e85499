"""``skincheck analyze --image PATH`` as a person runs it (in this process,
tests/cli/conftest.py): the photos of tests/fixtures/images/, real exit codes (0 read,
2 refused)."""

import json
from pathlib import Path

import pytest

IMAGES = Path(__file__).resolve().parents[1] / "fixtures" / "images"


@pytest.fixture
def run(skincheck):
    return skincheck


def test_a_webp_photo_is_read_and_its_ev_ingredient_found(run):
    result = run("analyze", "--image", str(IMAGES / "toner.webp"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["input"]["kind"] == "image"
    assert data["input"]["extracted_text"].startswith("Ingredients: Water, Rosa Damascena")
    [ev] = data["ev_ingredients"]
    assert (ev["printed"], ev["position"]) == ("Rosa Damascena Callus Extracellular Vesicles", 2)
    assert data["notices"][0].startswith("This list was read from a photo.")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("serum-cut-short.png", "cut short or damaged"),
        ("bomb-declared-huge.png", "50 million pixels"),
        ("nothing-readable.png", "No text could be read"),
    ],
)
def test_a_bad_photo_is_refused_with_exit_code_2_and_a_plain_message(run, name, words):
    result = run("analyze", "--image", str(IMAGES / name))
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout_bytes == b""


def test_a_file_that_is_not_a_picture_and_a_missing_file_exit_2(run, tmp_path):
    text = tmp_path / "list.txt"
    text.write_text("Aqua, Glycerin", encoding="utf-8")
    refused = run("analyze", "--image", str(text))
    assert refused.exit_code == 2
    assert "not a picture skincheck can read" in refused.stderr
    missing = run("analyze", "--image", str(tmp_path / "nope.jpg"))
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr


def test_an_image_and_a_list_file_together_are_refused(run, tmp_path):
    text = tmp_path / "list.txt"
    text.write_text("Aqua, Glycerin", encoding="utf-8")
    result = run("analyze", str(text), "--image", str(IMAGES / "toner.webp"))
    assert result.exit_code == 2
    assert "give one of" in result.stderr
