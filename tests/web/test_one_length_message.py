"""One limit and one sentence for a list that is too long (issue 12): the paste form, the
API, the command line, the batch command and the reader all refuse a text over
MAX_TEXT_CHARS with skincheck.core.limits.text_too_long's words. Before, each said it
its own way ("That is more than 50,000 characters", "the limit is 50,000", "skincheck
reads up to 50,000", "more than the 50,000 we read").

The form and the API go through the Flask test client on a real database; the commands
run in-process with Click's runner.
"""

import json

import pytest
from click.testing import CliRunner

from skincheck import services
from skincheck.batch import analyse_item
from skincheck.batch import BatchItem
from skincheck.cli import cli
from skincheck.core.analyse import analyse
from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.limits import text_too_long

TEXT = "Aqua, Glycerin, " * (MAX_TEXT_CHARS // 16 + 1)  # 50,016 characters
SENTENCE = (
    "The text is 50,016 characters long, more than the 50,000 we read. An ingredient "
    "list is rarely longer than a few thousand characters: paste only the list."
)


def test_the_sentence_names_the_length_and_the_limit():
    assert len(TEXT) == 50_016 and MAX_TEXT_CHARS == 50_000
    assert text_too_long(len(TEXT)) == SENTENCE


def test_the_paste_form_says_it_beside_the_box(client):
    response = client.post("/analyse", data={"text": TEXT})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    mark = '<span aria-hidden="true">✖ </span>'
    assert f'id="text-error" tabindex="-1" data-focus-on-load>{mark}{SENTENCE}</p>' in html


def test_the_api_says_it_with_413(client):
    response = client.post("/api/v1/analyze", json={"text": TEXT})
    assert response.status_code == 413
    assert response.get_json() == {"error": "text_too_long", "message": SENTENCE}


def test_the_command_line_says_it_and_exits_2():
    result = CliRunner().invoke(cli, ["analyze", "-"], input=TEXT)
    assert result.exit_code == 2
    assert result.stderr == f"skincheck: {SENTENCE}\n"
    assert result.stdout == ""


def test_the_batch_command_gives_it_as_the_item_error(tmp_path):
    assert analyse_item(BatchItem(7, TEXT)) == (7, SENTENCE)
    source = tmp_path / "lists.jsonl"
    source.write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(source)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["error"] == SENTENCE


def test_the_core_refuses_it_in_the_same_words():
    # The core's own analyse(), under no use case: the reader's check.
    with pytest.raises(NoListError) as refused:
        analyse(TEXT, services.get_context())
    assert refused.value.reason == SENTENCE
