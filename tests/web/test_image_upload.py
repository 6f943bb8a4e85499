"""A photo of a label through the API (multipart/form-data, field "image") and the
start page's upload form (POST /photo), on a real SQLite file: the list is read, the
EV ingredient found, input.kind is "image", and only the text read is stored. No byte
of the photo reaches any table of the database or the app's log. Each bad file gets
its plain message and status, never a 500.

The photos are tests/fixtures/images/ (scripts/make_ocr_fixtures.py made them from
lists written for the tests); the EV name each must yield is in that list.
"""

import base64
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
import sqlalchemy
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from skincheck import paths
from skincheck.ocr import MAX_IMAGE_BYTES
from skincheck.services import PHOTO_NOTICE

IMAGES = Path(__file__).resolve().parents[1] / "fixtures" / "images"
SERUM_EV = "Human Adipose Derived Stem Cell Conditioned Media"


def _post(client, path: str, fields: dict):
    # Encoded here, in memory: the test client's own encoder spools a large body to a
    # temporary file it never closes (a ResourceWarning on the 10 MB cases).
    boundary, body = encode_multipart(fields)
    return client.post(
        path, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def _file(data: bytes, filename: str) -> FileStorage:
    return FileStorage(io.BytesIO(data), filename, content_type="application/octet-stream")


def _post_api(client, data: bytes, filename: str = "label.png", **fields):
    return _post(client, "/api/v1/analyze", {"image": _file(data, filename), **fields})


def _post_form(client, data: bytes, filename: str = "label.png", **fields):
    return _post(client, "/photo", {"photo": _file(data, filename), **fields})


def _pieces(data: bytes) -> list[bytes]:
    """Stretches of the photo that would betray it in storage: raw, hex and base64,
    taken from the middle (the header alone is the same in every PNG)."""
    middle = len(data) // 2
    raw = data[middle : middle + 48]
    return [raw, raw.hex().encode(), base64.b64encode(data[middle - middle % 3 :][:48])]


def _every_cell(database_url: str) -> list[bytes]:
    """Every value in every table of the test's database (SQLite or PostgreSQL), as
    bytes: read through SQLAlchemy's own connection, not the app's."""
    cells = []
    engine = sqlalchemy.create_engine(database_url)
    try:
        tables = sqlalchemy.inspect(engine).get_table_names()
        assert "reports" in tables or any("report" in t for t in tables), tables
        with engine.connect() as connection:
            for table in tables:
                for row in connection.execute(sqlalchemy.text(f'SELECT * FROM "{table}"')):
                    for value in row:
                        if isinstance(value, bytes | memoryview):
                            cells.append(bytes(value))
                        elif value is not None:
                            cells.append(str(value).encode())
    finally:
        engine.dispose()
    return cells


def test_the_api_reads_a_photo_and_stores_only_the_text(app, client, database_url, capsys):
    data = (IMAGES / "serum-clean.png").read_bytes()
    capsys.readouterr()
    response = _post_api(client, data, "IMG_0042.png", name="Glow Serum")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    schema = json.loads((paths.STATIC / "schema" / "analysis-1.json").read_text())
    jsonschema.validate(body, schema)
    assert body["input"]["kind"] == "image"
    assert SERUM_EV in body["input"]["extracted_text"]
    assert [ev["printed"] for ev in body["ev_ingredients"]] == [SERUM_EV]
    assert body["ev_ingredients"][0]["position"] == 2
    assert body["notices"][0] == PHOTO_NOTICE
    # The report page shows the text read in the edit box, to be corrected.
    page = client.get(f"/r/{body['report_id']}").get_data(as_text=True)
    box = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert box is not None and SERUM_EV in box.group(1)
    assert "read it from your photo" in page
    # A bad file too, so the log below holds something.
    assert _post_api(client, data[: len(data) // 2], "IMG_0043.png").status_code == 422
    log = capsys.readouterr().err
    assert '"status": 422' in log
    # Nothing of either photo in the log, in any table, or in the stored report.
    cells = _every_cell(database_url)
    assert any(SERUM_EV.encode() in cell for cell in cells)  # the text read is kept
    for piece in _pieces(data):
        assert piece not in log.encode()
        assert not any(piece in cell for cell in cells)
    assert b"\x89PNG" not in log.encode() and not any(b"\x89PNG" in c for c in cells)
    assert "IMG_0042" not in log and not any(b"IMG_0042" in c for c in cells)


@pytest.mark.parametrize(
    ("name", "ev"),
    [
        ("recovery-degraded.jpg", "Human Neonatal Fibroblast Conditioned Media"),
        ("cream.heic", "Human Cord Blood Cell Conditioned Media"),
    ],
)
def test_a_degraded_jpeg_and_a_heic_photo_are_read(client, name, ev):
    response = _post_api(client, (IMAGES / name).read_bytes(), name)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["input"]["kind"] == "image"
    assert [item["printed"] for item in body["ev_ingredients"]] == [ev]


def test_the_upload_form_reads_a_photo_and_opens_its_report(client):
    response = _post_form(
        client, (IMAGES / "toner.webp").read_bytes(), "toner.webp", photo_name="Rose Toner"
    )
    assert response.status_code == 303
    report = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rose Toner" in report
    assert "Rosa Damascena Callus Extracellular Vesicles" in report
    box = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', report, re.S)
    assert box is not None
    assert box.group(1).strip().startswith("Ingredients: Water, Rosa Damascena Callus")


#: (file or bytes, status, API error code, words of the message).
BAD = [
    (b"%PDF-1.4\n1 0 obj << >> endobj\n", 415, "not_an_image", "not a picture"),
    ("serum-cut-short.png", 422, "damaged", "cut short or damaged"),
    ("bomb-64-megapixels.png", 422, "bomb", "50 million pixels"),
    ("bomb-declared-huge.png", 422, "bomb", "50 million pixels"),
    (b"\xff\xd8\xff\xe0" + bytes(MAX_IMAGE_BYTES), 413, "too_large", "up to 10 MB"),
    ("nothing-readable.png", 422, "unreadable", "No text could be read"),
]
BAD_IDS = ["pdf", "cut-short", "bomb-64mp", "bomb-declared", "over-10mb", "nothing-readable"]


def _bytes(item) -> bytes:
    return item if isinstance(item, bytes) else (IMAGES / item).read_bytes()


@pytest.mark.parametrize(("item", "status", "code", "words"), BAD, ids=BAD_IDS)
def test_a_bad_photo_gets_a_plain_json_answer(client, item, status, code, words):
    response = _post_api(client, _bytes(item))
    assert response.status_code == status
    body = response.get_json()
    assert body["error"] == code
    assert words in body["message"]


@pytest.mark.parametrize(("item", "status", "code", "words"), BAD, ids=BAD_IDS)
def test_a_bad_photo_is_explained_on_the_start_page(client, item, status, code, words):
    response = _post_form(client, _bytes(item))
    assert response.status_code == status
    page = response.get_data(as_text=True)
    problem = page.split('id="photo-problem"')[1].split("</div>")[0]
    assert words in problem
    assert "Traceback" not in page


def test_a_body_over_the_upload_limit_is_refused_before_it_is_read(app, client):
    limit = app.config["MAX_IMAGE_REQUEST_LENGTH"]
    response = _post_api(client, b"\xff\xd8\xff\xe0" + bytes(limit))
    assert response.status_code == 413
    assert response.get_json()["error"] == "too_large"
    page = _post_form(client, b"\xff\xd8\xff\xe0" + bytes(limit))
    assert page.status_code == 413


def test_a_multipart_body_without_an_image_field_is_a_400(client):
    response = _post(client, "/api/v1/analyze", {"text": "Aqua, Glycerin"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "missing_image"
    form = _post(client, "/photo", {"photo_name": "x"})
    assert form.status_code == 400
    assert "Choose a photo of the ingredient list first." in form.get_data(as_text=True)


def test_a_json_body_still_reads_as_text_with_the_upload_limit_in_place(app, client):
    # The larger limit is for multipart bodies only: JSON keeps MAX_CONTENT_LENGTH.
    big = {"text": "a" * (app.config["MAX_CONTENT_LENGTH"] + 10)}
    assert client.post("/api/v1/analyze", json=big).status_code == 413
