"""The HTML pages through the Flask test client, on a real database."""

import re
import tomllib

import pytest

from skincheck import paths
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.markdown_text import inline


def _analyse(client, text, name=""):
    return client.post("/analyse", data={"text": text, "name": name})


def _report_path(response):
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    location = response.headers["Location"]
    assert re.fullmatch(r"/r/[A-Za-z0-9_-]{22}", location), location
    return location


def test_start_page_has_the_paste_form_and_the_url_form(client):
    page = client.get("/").get_data(as_text=True)
    assert 'action="/analyse"' in page
    assert "<textarea" in page and 'name="text"' in page
    assert 'action="/fetch"' in page and 'name="url"' in page
    # Every field has a label pointing at it (screen readers announce it).
    for field in ("text", "name", "url"):
        assert f'<label for="{field}">' in page


def test_pasting_example_1_redirects_to_a_permanent_report(client, example_1):
    path = _report_path(_analyse(client, example_1, "TNS Recovery Complex"))
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "TNS Recovery Complex" in html
    # SPEC 9.1: one EV ingredient, at position 1, a senescence-risk conditioned medium.
    cards = re.findall(r'<article class="card"', html)
    assert len(cards) == 1
    assert 'class="badge badge-senescent_risk"' in html
    assert '<span class="pos">#1</span> Human Neonatal Fibroblast Conditioned Media' in html
    # EU Annex II entry 416 (products of human origin) is shown for it.
    assert "416" in html.split('id="reg-heading"')[1].split("</details>")[0]
    # The whole list, in order, 18 rows.
    table = html.split('<table class="ingredients">')[1].split("</table>")[0]
    assert table.count('<td class="num">') == 18
    assert table.index("Isoceteth-20") < table.index("Isoeugenol")


def test_report_page_puts_the_verdict_before_the_ingredient_cards(client, example_1):
    html = client.get(_report_path(_analyse(client, example_1))).get_data(as_text=True)
    assert html.index('id="verdict-heading"') < html.index('id="ev-heading"')


def test_report_page_draws_the_position_strip(client, example_1):
    html = client.get(_report_path(_analyse(client, example_1))).get_data(as_text=True)
    svg = html.split('<svg class="strip"')[1].split("</svg>")[0]
    assert 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg
    assert "position 1 (Human Neonatal Fibroblast Conditioned Media)" in svg


def test_report_offers_the_list_again_for_editing(client, example_1):
    html = client.get(_report_path(_analyse(client, example_1, "TNS"))).get_data(as_text=True)
    edit = html.split('id="edit"')[1]
    assert "Human Neonatal Fibroblast Conditioned Media, Isoceteth-20" in edit
    assert 'value="TNS"' in edit


def test_json_export_is_the_stored_analysis(client, example_1):
    path = _report_path(_analyse(client, example_1))
    data = client.get(path + ".json").get_json()
    assert data["schema"] == "skincheck.analysis/1"
    assert data["report_id"] == path.rsplit("/", 1)[1]
    assert [ev["position"] for ev in data["ev_ingredients"]] == [1]
    assert data["ev_ingredients"][0]["source_class"] == "senescent_risk"
    assert data["ev_ingredients"][0]["material"] == "conditioned_media"


def test_markdown_export_opens_with_the_summary_then_the_verdict(client, example_1):
    path = _report_path(_analyse(client, example_1))
    data = client.get(path + ".json").get_json()
    response = client.get(path + ".md")
    assert response.mimetype == "text/markdown"
    lines = response.get_data(as_text=True).splitlines()
    summary = data["summary"]["lines"]
    # Each value as Markdown text: its punctuation escaped (skincheck.core.markdown_text).
    expected = [f"- **{inline(line['label'])}:** {inline(line['text'])}" for line in summary]
    assert lines[:3] == expected
    assert lines[4] == f"# {inline(data['verdict']['headline'])}"


def test_pasted_script_is_shown_as_text_not_run(client):
    payload = "<script>alert(1)</script>"
    path = _report_path(_analyse(client, f"Aqua, {payload}, Glycerin", name=payload))
    html = client.get(path).get_data(as_text=True)
    assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_empty_paste_is_refused_with_a_message(client):
    response = _analyse(client, "   ")
    assert response.status_code == 400
    assert "Paste an ingredient list into the box first." in response.get_data(as_text=True)


def test_too_long_paste_is_refused_with_a_message(client):
    response = _analyse(client, "Aqua, " * (MAX_TEXT_CHARS // 6 + 1))
    assert response.status_code == 400
    assert f"more than the {MAX_TEXT_CHARS:,} we read" in response.get_data(as_text=True)


def test_text_without_a_list_says_why_and_keeps_the_text(client):
    text = "Thank you for your order! Your parcel ships within two days."
    response = _analyse(client, text)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "No ingredient list found" in html
    assert text in html


def test_url_form_refuses_other_schemes(client):
    response = client.post("/fetch", data={"url": "ftp://shop.example/serum"})
    assert response.status_code == 400
    assert "Only http:// and https://" in response.get_data(as_text=True)


def _classes_in_file():
    with (paths.DATA / "kb" / "source_classes.toml").open("rb") as handle:
        return tomllib.load(handle)["class"]


def test_source_table_lists_every_class_in_standing_order(client):
    html = client.get("/sources").get_data(as_text=True)
    classes = sorted(_classes_in_file(), key=lambda c: -c["standing"])
    assert len(classes) == 7
    places = [html.index(f'id="class-{c["key"]}-heading"') for c in classes]
    assert places == sorted(places)
    # SPEC section 2: platelet leads, senescent_risk comes last.
    assert classes[0]["key"] == "platelet" and classes[-1]["key"] == "senescent_risk"
    for c in classes:
        assert c["label"] in html
        assert c["questions"][0].replace("'", "&#39;") in html


def test_ingredient_page_lists_only_the_listed_report_and_counts_both(client, example_1):
    # Issue 13: two saved reports hold the same ingredient; only the one whose person
    # ticked "show this report on ingredient pages" is named there, and only it may be
    # indexed. The other is counted, never linked.
    hidden = _report_path(_analyse(client, example_1, "Hidden Serum"))
    shown = _report_path(
        client.post("/analyse", data={"text": example_1, "name": "Shown Serum", "listed": "y"})
    )
    slug = client.get(shown + ".json").get_json()["ev_ingredients"][0]["slug"]
    page = client.get(f"/ingredients/{slug}")
    html = page.get_data(as_text=True)
    assert f'href="{shown}"' in html and "Shown Serum" in html
    assert hidden not in html and "Hidden Serum" not in html
    assert "2 saved reports hold it" in html
    # Headers: the unlisted report and its exports ask search engines to keep out.
    api_path = "/api/v1/reports/" + hidden.rsplit("/", 1)[1]
    for path in (hidden, hidden + ".json", hidden + ".md", api_path):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "noindex" in response.headers.get("X-Robots-Tag", ""), path
    shown_api = "/api/v1/reports/" + shown.rsplit("/", 1)[1]
    for path in (shown, shown + ".json", shown + ".md", shown_api):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Robots-Tag" not in response.headers, path
    # Downloads are attachments named after the product.
    assert client.get(shown + ".md").headers["Content-Disposition"] == (
        'attachment; filename="shown-serum.md"'
    )
    assert client.get(hidden + ".json").headers["Content-Disposition"] == (
        'attachment; filename="hidden-serum.json"'
    )


def test_unknown_ingredient_page_is_404(client):
    response = client.get("/ingredients/no-such-ingredient")
    assert response.status_code == 404
    assert "<h1>" in response.get_data(as_text=True)


def test_method_page_publishes_the_rules_and_the_cosing_attribution(client):
    html = client.get("/method").get_data(as_text=True)
    assert 'id="one-percent"' in html
    assert "phenoxyethanol" in html
    provenance = (paths.DATA / "cosing" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in provenance
    assert "CC BY 4.0" in html


@pytest.mark.parametrize("path", ["/", "/sources", "/method"])
def test_pages_never_call_a_product_safe_legal_compliant_or_clean(client, path):
    text = re.sub(r"<[^>]+>", " ", client.get(path).get_data(as_text=True)).lower()
    for word in ("safe", "legal", "compliant", "clean"):
        assert not re.search(rf"\b{word}\b", text), (path, word)


def test_unknown_report_is_a_404_page(client):
    response = client.get("/r/doesnotexist")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "nothing at this address" in response.get_data(as_text=True)


def test_get_on_the_analyse_route_is_405(client):
    response = client.get("/analyse")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_oversized_form_post_is_413(client):
    response = _analyse(client, "a" * 1_100_000)
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_form_without_csrf_token_is_refused(make_app, example_1):
    app = make_app(WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/analyse", data={"text": example_1})
    assert response.status_code == 400
    assert "did not come from this site" in response.get_data(as_text=True)


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_url_form_without_a_valid_csrf_token_is_refused(make_app, token):
    # The forms carry no token check of their own: the app-wide one covers /fetch too.
    app = make_app(WTF_CSRF_ENABLED=True)
    data = {"url": "http://127.0.0.1:9/product"}
    if token:
        data["csrf_token"] = token
    response = app.test_client().post("/fetch", data=data)
    assert response.status_code == 400
    assert "did not come from this site" in response.get_data(as_text=True)


def test_form_with_its_csrf_token_is_accepted(make_app, example_1):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/analyse", data={"text": example_1, "csrf_token": token})
    assert response.status_code == 303


def test_static_stylesheet_is_served(client):
    # `with` closes the file the response streams from.
    with client.get("/static/style.css") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/css"


def test_pages_carry_a_policy_without_inline_script(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_look_alikes_are_listed_apart_not_as_ev_cards(client, example_2):
    html = client.get(_report_path(_analyse(client, example_2))).get_data(as_text=True)
    cards = html.split('id="ev-heading"')[1].split("</section>")[0]
    # SPEC 9.2: the stem-cell conditioned medium is the only EV ingredient.
    assert cards.count('<article class="card"') == 1
    assert 'class="badge badge-stem_cell"' in cards
    assert "Lactobacillus Ferment" not in cards
    look_alikes = html.split('id="look-heading"')[1].split("</section>")[0]
    for name in ("Lactobacillus Ferment", "rh-Polypeptide-1", "rh-Oligopeptide-2"):
        assert f"<strong>{name}</strong>" in look_alikes


def test_unrecognised_name_is_shown_with_a_suggestion(client):
    html = client.get(_report_path(_analyse(client, "Aqua, Glycerinn, Phenoxyethanol")))
    table = html.get_data(as_text=True).split('<table class="ingredients">')[1]
    # The name links to its own page, which carries the name as printed.
    assert 'href="/ingredients/glycerinn?name=Glycerinn">Glycerinn</a>' in table
    row = table.split(">Glycerinn</a>")[1].split("</tr>")[0]
    assert "no; did you mean Glycerin?" in row


def test_report_never_calls_the_product_safe_legal_compliant_or_clean(client, example_1):
    page = client.get(_report_path(_analyse(client, example_1))).get_data(as_text=True)
    text = re.sub(r"<[^>]+>", " ", page).lower()
    for word in ("safe", "legal", "compliant", "clean"):
        assert not re.search(rf"\b{word}\b", text), word
