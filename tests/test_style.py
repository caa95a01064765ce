"""The figures' colours against WCAG 2.2's non-text contrast (1.4.11): 3:1 for every mark that
carries meaning, against what it is drawn on and against a neighbour only colour tells apart."""

from __future__ import annotations

import pytest

from senco.figures import style


def test_contrast_reproduces_wcag_worked_values():
    # Black on white is the maximum, 21:1; #767676 on white is the lightest grey that passes
    # 4.5:1 (the value WCAG's understanding documents and WebAIM's checker give: 4.54:1).
    assert style.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert style.contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert style.contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.005)
    assert style.contrast("#777777", "#FFFFFF") < 4.5  # one step lighter fails
    assert style.contrast("#12436D", "#FFFFFF") == style.contrast("#FFFFFF", "#12436D")


# Every colour a chart uses for a mark a reader must see, and what it sits on.
MARKS_ON_WHITE = {
    "later period, coverage points, targeted group": style.LATER,
    "earlier period, other LAs": style.EARLIER,
    "confidence interval whiskers": style.INTERVAL,
    "region bars (coverage)": style.COVERAGE_BARS,
    "region bars (reach)": style.REACH_BARS,
    "targeted LAs": style.TARGETED_LAS,
    "other LAs": style.OTHER_LAS,
    "below the funnel limits": style.ORANGE,
    "within the funnel limits, limits of chance alone": style.NEUTRAL_POINT,
    "adjusted limits, secondary text": style.SECONDARY_TEXT,
    "England line, text": style.TEXT,
    "map outlines of LAs": style.AREA_OUTLINE,
    "map outlines of regions": style.REGION_OUTLINE,
    "'not available' hatching": style.NOT_AVAILABLE_HATCH_COLOUR,
    "synthetic-data mark": style.DARK_PINK,
}


@pytest.mark.parametrize("role", MARKS_ON_WHITE)
def test_every_meaningful_mark_has_three_to_one_on_the_background(role):
    assert style.contrast(MARKS_ON_WHITE[role], style.BACKGROUND) >= 3.0, role


def test_neighbours_told_apart_only_by_colour_have_three_to_one():
    # The two periods are the same shape (bars) in the England chart.
    assert style.contrast(style.EARLIER, style.LATER) >= 3.0
    # The funnel's two sets of limits have the same line styles.
    assert style.contrast(style.CHANCE_LIMITS, style.ADJUSTED_LIMITS) >= 3.0
    assert style.contrast(style.CHANCE_LIMITS, style.BACKGROUND) >= 3.0


def test_the_lighter_map_fills_are_why_areas_are_outlined():
    """Five steps from near white to dark blue cannot each have 3:1, so the map outlines every
    LA in a colour with 3:1 against the background (above); the fills are not relied on alone."""
    light = [c for c in style.SEQUENTIAL if style.contrast(c, style.BACKGROUND) < 3.0]
    assert light  # if this ever fails, the outlines could be reconsidered
    assert all(style.contrast(style.AREA_OUTLINE, c) >= 3.0 for c in light)


def test_the_factsheet_marks_use_the_charts_colours_and_a_cased_interval():
    """The factsheets draw their bars and dots as one SVG (senco.views.marks): the same two
    period colours as the charts, and an interval line whose white casing keeps 3:1 against
    either bar and the white page."""
    import re

    from senco.views import marks

    drawn = marks.svg([marks.Row(bar="40%", interval=marks.Interval("10%", "50%", False)),
                       marks.Row(bar="60%", bar_colour=style.LATER)])  # fmt: skip
    lines = re.findall(r'<line [^>]*stroke="(#[0-9A-F]{6})" stroke-width="([\d.]+)pt"', drawn)
    bars = re.findall(r'stroke="(#[0-9A-F]{6})" stroke-width="[\d.]+mm"', drawn)
    assert bars == [style.EARLIER, style.LATER]
    (casing, casing_width), (interval, interval_width) = lines
    assert casing == style.BACKGROUND and float(casing_width) > float(interval_width)
    for bar in (style.EARLIER, style.LATER):
        assert max(style.contrast(interval, bar), style.contrast(casing, bar)) >= 3.0
    assert style.contrast(interval, style.BACKGROUND) >= 3.0
