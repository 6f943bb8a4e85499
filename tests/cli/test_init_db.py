"""``skincheck init-db`` as a person runs it (a real subprocess on a real database): it
reports one count of knowledge-base rows, the same on every line it prints, whether it
or the web app set the database up; and it saves the worked example the start page
links to.

The expected count N is read from the database itself (rows in the kb_* tables), not
from the command's output.
"""

import os
import re
import subprocess
import sys

import pytest
import sqlalchemy as sa

from skincheck import worked_example

#: "227 rows added, 0 updated, 0 removed, 0 unchanged", in the command's line and in
#: the app's log line alike (store.SyncSummary).
COUNT = re.compile(r"(\d+) rows added, (\d+) updated, (\d+) removed, (\d+) unchanged")
KB_TABLES = ("kb_source_classes", "kb_ev_ingredients", "kb_references", "kb_meta")


@pytest.fixture
def environment(database_url, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("SKINCHECK_")}
    env.update(
        SKINCHECK_DATABASE_URL=database_url,
        SKINCHECK_SECRET_KEY="test-secret",
    )
    return env


def _run(environment, tmp_path, *args: str) -> subprocess.CompletedProcess:
    """``python ARGS`` in a fresh process."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,  # the instance folder is the project's; the database is not
        timeout=300,
    )


def _init_db(environment, tmp_path) -> tuple[tuple[int, ...], str]:
    """Run init-db; return the one count it reports (every count in its output must
    agree) and its standard output."""
    result = _run(environment, tmp_path, "-m", "skincheck", "init-db")
    assert result.returncode == 0, result.stderr
    counts = {tuple(map(int, found)) for found in COUNT.findall(result.stdout + result.stderr)}
    assert len(counts) == 1, f"init-db reported {len(counts)} different counts: {result}"
    [count] = counts
    return count, result.stdout


def _kb_rows(database_url: str) -> int:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            return sum(
                connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in KB_TABLES
            )
    finally:
        engine.dispose()


def test_first_run_says_every_row_was_added_and_the_second_that_none_was(
    environment, tmp_path, database_url
):
    first, stdout = _init_db(environment, tmp_path)
    rows = _kb_rows(database_url)
    assert rows > 200  # 7 classes, about 150 EV entries, the references, the version
    assert first == (rows, 0, 0, 0)
    assert stdout.startswith("skincheck: database ready")

    second, _ = _init_db(environment, tmp_path)
    assert second == (0, 0, 0, rows)


def test_after_the_app_set_up_the_database_init_db_finds_nothing_to_add(
    environment, tmp_path, database_url
):
    # The web app on first start (AUTO_INIT_DB, on by default) sets up an empty database
    # and logs what it added.
    started = _run(
        environment,
        tmp_path,
        "-c",
        "from skincheck.web.app import create_app; create_app()",
    )
    assert started.returncode == 0, started.stderr
    rows = _kb_rows(database_url)
    assert [tuple(map(int, c)) for c in COUNT.findall(started.stderr)] == [(rows, 0, 0, 0)]

    count, _ = _init_db(environment, tmp_path)
    assert count == (0, 0, 0, rows)


def test_init_db_saves_the_worked_example_once(environment, tmp_path, database_url):
    def example_rows():
        engine = sa.create_engine(database_url)
        try:
            with engine.connect() as connection:
                report = connection.execute(
                    sa.text(
                        "SELECT product_name, input_text, created_at FROM reports WHERE id = :id"
                    ),
                    {"id": worked_example.REPORT_ID},
                ).all()
                links = connection.execute(
                    sa.text(
                        "SELECT position, source_class FROM report_ev_ingredients"
                        " WHERE report_id = :id ORDER BY position"
                    ),
                    {"id": worked_example.REPORT_ID},
                ).all()
            return report, links
        finally:
            engine.dispose()

    _init_db(environment, tmp_path)
    [(name, text, created)], links = example_rows()
    assert (name, text) == (worked_example.NAME, worked_example.TEXT)
    # Listed on its ingredients' pages: the umbilical-cord stem-cell medium (5th in the list)
    # and the rose callus vesicles (6th).
    assert [tuple(link) for link in links] == [(5, "stem_cell"), (6, "plant")]

    _init_db(environment, tmp_path)
    [(_, _, created_again)], links_again = example_rows()
    assert created_again == created  # unchanged, so not saved again
    assert links_again == links
