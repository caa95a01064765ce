"""SVG made fit to inline: ids that cannot clash, coordinates rounded, an accessible name."""

from __future__ import annotations

from senco.figures.svg import inline, tidy, titled

DRAWN = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="403.070547pt" height="286.9pt" \
viewBox="0 0 403.070547 286.923724" xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata><rdf:RDF>matplotlib</rdf:RDF></metadata>
 <defs><clipPath id="p1a2b"><rect x="10.123456" y="-0.0001" width="5" height="6"/></clipPath>
 <path id="m4fae" d="M 0 -1.234567 L 2.5 3.999999"/></defs>
 <g id="line2d_1" clip-path="url(#p1a2b)"><use xlink:href="#m4fae" x="12.345678" y="7"/></g>
 <text id="text_3" x="1.111111" style="font-size: 9px">Coverage 12.3456789%</text>
</svg>
"""


def test_referenced_ids_are_prefixed_and_the_rest_dropped():
    tidied = tidy(DRAWN, "funnel-plot")
    assert 'id="funnel-plot-p1a2b"' in tidied and "url(#funnel-plot-p1a2b)" in tidied
    assert 'id="funnel-plot-m4fae"' in tidied and 'xlink:href="#funnel-plot-m4fae"' in tidied
    assert 'id="line2d_1"' not in tidied and 'id="text_3"' not in tidied


def test_coordinates_are_rounded_but_text_is_not():
    tidied = tidy(DRAWN, "c")
    assert 'x="10.12"' in tidied and 'y="0"' in tidied and 'x="12.35"' in tidied
    assert 'd="M 0 -1.23 L 2.5 4"' in tidied
    assert 'viewBox="0 0 403.07 286.92"' in tidied
    assert "Coverage 12.3456789%" in tidied  # what a reader sees is never changed


def test_inline_gives_the_bare_element_its_accessible_name_and_no_fixed_size():
    element = inline(tidy(DRAWN, "c"), 'Chart of "coverage" & reach', "chart")
    assert element.startswith("<svg ") and element.rstrip().endswith("</svg>")
    assert "<?xml" not in element and "<metadata>" not in element
    opening = element[: element.index(">")]
    assert 'width="' not in opening and 'height="' not in opening and "viewBox" in opening
    assert 'role="img" aria-label="Chart of &#34;coverage&#34; &amp; reach"' in opening
    assert 'class="chart"' in opening


def test_titled_groups_are_named_and_make_the_inline_chart_a_group():
    drawn = DRAWN.replace('<g id="line2d_1"', '<g id="la-E06000001-0"><g id="line2d_1"')
    drawn = drawn.replace("</svg>", "</g></svg>")
    named = titled(drawn, {"la-E06000001-0": "Hartlepool & co: coverage 6.1%"})
    assert '<g id="la-E06000001-0" class="named" role="img"><title>Hartlepool &amp; co' in named
    element = inline(tidy(named, "hex"), "Map", "chart")
    assert 'role="group" aria-label="Map"' in element  # so each named part can be reached
    assert 'role="img" aria-label="Map"' in inline(tidy(DRAWN, "c"), "Map", "chart")


def test_path_data_is_written_compactly_without_changing_the_shape():
    from senco.figures.svg import compact_path

    assert compact_path("M 0 0 \nL 1 2 \nL 3 4 \nz\nM 5 5 L 6 6") == "M 0 0 L 1 2 3 4 z M 5 5 L 6 6"
    assert compact_path("M 0 0 C 1 1 2 2 3 3 C 4 4 5 5 6 6") == "M 0 0 C 1 1 2 2 3 3 C 4 4 5 5 6 6"
