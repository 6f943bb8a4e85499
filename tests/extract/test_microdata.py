"""Microdata is read as the HTML microdata model reads it: a property belongs to the
nearest scope around it, so a brand's or a breadcrumb's name is not the product's, and
a list printed as a property of the Product is found whatever nests around it."""

from skincheck.pages.extract import extract
from skincheck.pages.extract.microdata import own_properties
from skincheck.pages.extract.page import Page

LIST = "Aqua, Glycerin, Niacinamide, Butylene Glycol, Phenoxyethanol, Sodium Hyaluronate"


def _product(inner: str) -> str:
    return (
        "<!doctype html><html><head><title>Shop</title></head><body>"
        f'<div itemscope itemtype="https://schema.org/Product">{inner}</div></body></html>'
    )


def test_the_brand_name_printed_first_is_not_the_product_name():
    page = _product(
        '<div itemprop="brand" itemscope itemtype="https://schema.org/Brand">'
        '<span itemprop="name">Acme Labs</span></div>'
        '<h1 itemprop="name">Glow Serum</h1>'
        f'<div itemprop="ingredients">{LIST}</div>'
    )
    found = extract(page)
    assert found.product_name == "Glow Serum"
    assert found.text == LIST
    assert found.source == "microdata"


def test_a_nested_scope_is_a_property_but_its_inside_is_not():
    scope = Page(
        _product(
            '<div itemprop="brand" itemscope itemtype="https://schema.org/Brand">'
            '<span itemprop="name">Acme Labs</span></div>'
            '<span itemprop="name headline">Glow Serum</span>'
        )
    ).soup.select_one("[itemscope]")
    properties = own_properties(scope)
    assert [element.get_text() for element in properties["name"]] == ["Glow Serum"]
    assert [element.get_text() for element in properties["headline"]] == ["Glow Serum"]
    assert [element.get_text() for element in properties["brand"]] == ["Acme Labs"]


def test_a_property_inside_one_of_the_same_name_is_read_with_it():
    scope = Page(
        _product('<div itemprop="ingredients">Aqua, <b itemprop="ingredients">Glycerin</b></div>')
    ).soup.select_one("[itemscope]")
    assert [element.name for element in own_properties(scope)["ingredients"]] == ["div"]


def test_a_labelled_property_value_pair_gives_the_list():
    page = _product(
        '<h1 itemprop="name">Glow Serum</h1>'
        '<div itemprop="additionalProperty" itemscope itemtype="https://schema.org/PropertyValue">'
        f'<span itemprop="name">Ingredients</span><span itemprop="value">{LIST}</span></div>'
    )
    found = extract(page)
    assert (found.text, found.source) == (LIST, "microdata")
