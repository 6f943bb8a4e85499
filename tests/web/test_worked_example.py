"""The start page's scope line and worked example: the example link works on a database
the app or init-db has just set up, the example is an ordinary listed report, and a
stale copy is replaced when the database is set up again."""

import re

import sqlalchemy as sa

from skincheck import database
from skincheck import worked_example
from skincheck.storage import reports
from skincheck.storage.db import db
from skincheck.storage.models import Report


def _scope_links(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    block = re.search(r'<div class="notice" id="scope">(.*?)</div>', page, re.S)
    assert block, "the start page has no scope block"
    assert "What this checks" in block.group(1)
    assert "What it cannot tell" in block.group(1)
    return re.findall(r'href="([^"]+)"', block.group(1))


def test_start_page_links_the_method_and_a_worked_example_that_opens(client):
    links = _scope_links(client)
    assert links == ["/method", f"/r/{worked_example.REPORT_ID}"]
    assert client.get(links[0]).status_code == 200
    report = client.get(links[1])
    assert report.status_code == 200
    page = report.get_data(as_text=True)
    assert worked_example.NAME in page
    assert page.count('<article class="card"') == 2  # the stem-cell medium, the rose vesicles


def test_the_example_exists_when_the_app_set_up_the_database_on_first_start(make_app):
    client = make_app(init_db=False, AUTO_INIT_DB=True).test_client()
    [_, example] = _scope_links(client)
    assert client.get(example).status_code == 200


def test_the_example_is_listed_on_its_ingredients_pages(app, client):
    with app.app_context():
        analysis = reports.get_report(worked_example.REPORT_ID).analysis
    for ev in analysis["ev_ingredients"]:
        page = client.get(f"/ingredients/{ev['slug']}").get_data(as_text=True)
        assert f'href="/r/{worked_example.REPORT_ID}"' in page, ev["slug"]


def test_a_stale_example_is_saved_again_and_a_current_one_is_kept(app):
    with app.app_context():
        # A report saved by an older knowledge base or older wording.
        row = db.session.get(Report, worked_example.REPORT_ID)
        row.analysis = {**row.analysis, "verdict": {"headline": "old wording"}}
        db.session.commit()
        db.session.remove()
        database.init_database()
        renewed = reports.get_report(worked_example.REPORT_ID)
        assert renewed.analysis["verdict"]["headline"] != "old wording"
        db.session.remove()

        database.init_database()
        kept = reports.get_report(worked_example.REPORT_ID)
        assert kept.created_at == renewed.created_at
        links = db.session.scalar(
            sa.text("SELECT count(*) FROM report_ev_ingredients WHERE report_id = :id"),
            {"id": worked_example.REPORT_ID},
        )
    assert links == 2
