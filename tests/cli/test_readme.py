"""The README's "Try it" section works as written: its list is the worked example's, its
command-line one-liner runs in a real shell and prints that list's three summary lines
and then its verdict, and the files it links to exist."""

import re
import shlex
import subprocess
import sys

from skincheck import paths
from skincheck import services
from skincheck import worked_example

README = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _try_it_blocks() -> list[str]:
    """The indented code lines of the "Try it" section, in order."""
    section = README.split("\n## Try it\n", 1)[1].split("\n## ", 1)[0]
    return [line[4:] for line in section.splitlines() if line.startswith("    ")]


def test_the_list_to_paste_is_the_worked_example_and_reads_the_same_as_one_line():
    lines = [line for line in _try_it_blocks() if "skincheck" not in line]
    assert " ".join(lines) == worked_example.TEXT
    # Pasted as shown, line breaks and all, it is read as the one-line list is.
    pasted = services.analyse_text("\n".join(lines), name=worked_example.NAME)
    one_line = services.analyse_text(worked_example.TEXT, name=worked_example.NAME)
    assert [i["printed"] for i in pasted["ingredients"]] == [
        i["printed"] for i in one_line["ingredients"]
    ]
    assert pasted["verdict"] == one_line["verdict"]


def test_the_one_liner_prints_the_summary_then_the_verdict_of_that_list(tmp_path):
    [command] = [line for line in _try_it_blocks() if "skincheck analyze" in line]
    # The README runs the installed script; here, the interpreter running the tests.
    command = command.replace(".venv/bin/skincheck", f"{shlex.quote(sys.executable)} -m skincheck")
    result = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0, result.stderr
    expected = services.analyse_text(worked_example.TEXT, name=worked_example.NAME)
    lines = result.stdout.splitlines()
    summary = expected["summary"]["lines"]
    assert lines[:3] == [f"{line['label']}: {line['text']}" for line in summary]
    assert lines[4] == expected["verdict"]["headline"]
    assert f"Product: {worked_example.NAME}" in result.stdout


def test_the_picture_and_the_operating_notes_it_links_exist():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    assert "docs/report.png" in links
    assert "docs/operating.md" in links
    for link in links:
        assert (paths.PROJECT_ROOT / link).is_file(), link
