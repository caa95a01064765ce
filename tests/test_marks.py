"""The factsheets' chart marks as one SVG (senco.views.marks): where each mark is drawn."""

from __future__ import annotations

import re
from urllib.parse import unquote

from senco.figures import style
from senco.views import marks


def lines(drawn: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w[\w-]*)="([^"]*)"', line)) for line in
            re.findall(r"<line [^>]*/>", drawn)]  # fmt: skip


def test_row_i_of_n_is_drawn_at_the_middle_of_its_row_and_bars_start_at_zero():
    drawn = marks.svg([marks.Row(bar="10.00%"), marks.Row(bar="20.00%"),
                       marks.Row(bar="30.00%"), marks.Row(bar="40.00%")])  # fmt: skip
    bars = lines(drawn)
    assert [bar["y1"] for bar in bars] == ["12.500%", "37.500%", "62.500%", "87.500%"]
    assert all(bar["y1"] == bar["y2"] and bar["x1"] == "0%" for bar in bars)
    assert [bar["x2"] for bar in bars] == ["10.00%", "20.00%", "30.00%", "40.00%"]
    one = lines(marks.svg([marks.Row(bar="50.00%")]))
    assert one[0]["y1"] == "50.000%"  # a single row: its middle is the image's


def test_a_row_without_a_value_draws_nothing_and_a_zero_bar_draws_no_line():
    drawn = marks.svg([marks.Row(), marks.Row(bar="0.00%"), marks.Row(dot=None)])
    assert lines(drawn) == [] and "<circle" not in drawn


def test_an_interval_is_a_white_casing_under_a_black_line_ending_at_its_upper_limit():
    cut = marks.Interval(left="80.00%", width="20.00%", cut=True)
    whole = marks.Interval(left="10.00%", width="25.50%", cut=False)
    drawn = marks.svg([marks.Row(dot="90.00%", interval=cut),
                       marks.Row(dot="20.00%", interval=whole)])  # fmt: skip
    casing, line, casing_2, line_2 = lines(drawn)
    assert (casing["stroke"], line["stroke"]) == (style.BACKGROUND, style.TEXT)
    assert (line["x1"], line["x2"]) == ("80.00%", "100.00%")
    assert (line_2["x1"], line_2["x2"]) == ("10.00%", "35.50%")
    # Only the interval the scale cuts off ends in the arrow.
    assert line.get("marker-end") == "url(#cut)" and "marker-end" not in line_2
    assert "marker-end" not in casing
    # Each dot drawn after (over) its interval, at its own row.
    circles = re.findall(r'<circle cx="([^"]*)" cy="([^"]*)"', drawn)
    assert circles == [("90.00%", "25.000%"), ("20.00%", "75.000%")]
    assert drawn.index("<circle") > drawn.index(line["x2"])


def test_the_average_is_one_dashed_line_down_every_row_under_the_dots():
    drawn = marks.svg([marks.Row(dot="30.00%"), marks.Row(dot="50.00%")], average="42.10%")
    (average,) = lines(drawn)
    assert (average["x1"], average["x2"], average["y1"], average["y2"]) == (
        "42.10%", "42.10%", "0%", "100%")  # fmt: skip
    assert "stroke-dasharray" in average
    assert drawn.index("42.10%") < drawn.index("<circle")
    assert "42.10%" not in marks.svg([marks.Row(dot="30.00%")])


def test_the_data_uri_holds_the_document_whole():
    document = marks.svg([marks.Row(bar="25.00%", dot="25.00%")], average="5.00%")
    uri = marks.data_uri(document)
    assert uri.startswith("data:image/svg+xml,") and "'" not in uri and '"' not in uri
    assert unquote(uri.removeprefix("data:image/svg+xml,")) == document
