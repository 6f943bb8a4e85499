"""``skincheck init-db`` as a person runs it (in this process, tests/cli/conftest.py, on a
real database): it
reports one count of knowledge-base rows, the same on every line it prints, whether it
or the web app set the database up; and it saves the worked example the start page
links to.

The expected count N is read from the database itself (rows in the kb_* tables), not
from the command's output.
"""

import os
import re
import sys

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from skincheck import worked_example
from skincheck.storage.db import db
from skincheck.web.app import create_app

#: "227 rows added, 0 updated, 0 removed, 0 unchanged", in the command's line and in
#: the app's log line alike (store.SyncSummary).
COUNT = re.compile(r"(\d+) rows added, (\d+) updated, (\d+) removed, (\d+) unchanged")
KB_TABLES = ("kb_source_classes", "kb_ev_ingredients", "kb_references", "kb_meta")


@pytest.fixture
def environment(database_url):
    """The settings of every run: this test's database, and no other SKINCHECK_* value."""
    env: dict[str, str | None] = {key: None for key in os.environ if key.startswith("SKINCHECK_")}
    env.update(SKINCHECK_DATABASE_URL=database_url, SKINCHECK_SECRET_KEY="test-secret")
    return env


@pytest.fixture
def init_db(skincheck, environment):
    """Run init-db; return the one count it reports (every count in its output must
    agree) and its standard output."""

    def run() -> tuple[tuple[int, ...], str]:
        result = skincheck("init-db", **environment)
        assert result.exit_code == 0, result.stderr
        output = result.stdout + result.stderr
        counts = {tuple(map(int, found)) for found in COUNT.findall(output)}
        assert len(counts) == 1, f"init-db reported {len(counts)} different counts: {output}"
        [count] = counts
        return count, result.stdout

    return run


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


def test_first_run_says_every_row_was_added_and_the_second_that_none_was(init_db, database_url):
    first, stdout = init_db()
    rows = _kb_rows(database_url)
    assert rows > 200  # 7 classes, about 150 EV entries, the references, the version
    assert first == (rows, 0, 0, 0)
    assert stdout.startswith("skincheck: database ready")

    second, _ = init_db()
    assert second == (0, 0, 0, rows)


def test_after_the_app_set_up_the_database_init_db_finds_nothing_to_add(
    init_db, environment, database_url
):
    # The web app on first start (AUTO_INIT_DB, on by default) sets up an empty database
    # and logs what it added, to the stderr it is given (Click's isolation, as in a run).
    with CliRunner().isolation(env=environment) as (_, stderr, _):
        app = create_app()
        sys.stderr.flush()
        log = stderr.getvalue().decode("utf-8")
        with app.app_context():
            db.engine.dispose()
    rows = _kb_rows(database_url)
    assert [tuple(map(int, c)) for c in COUNT.findall(log)] == [(rows, 0, 0, 0)]

    count, _ = init_db()
    assert count == (0, 0, 0, rows)


def test_init_db_saves_the_worked_example_once(init_db, database_url):
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

    init_db()
    [(name, text, created)], links = example_rows()
    assert (name, text) == (worked_example.NAME, worked_example.TEXT)
    # Listed on its ingredients' pages: the umbilical-cord stem-cell medium (5th in the list)
    # and the rose callus vesicles (6th).
    assert [tuple(link) for link in links] == [(5, "stem_cell"), (6, "plant")]

    init_db()
    [(_, _, created_again)], links_again = example_rows()
    assert created_again == created  # unchanged, so not saved again
    assert links_again == links
