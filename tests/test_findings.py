"""Findings: what is said, on small frames, without matplotlib or WeasyPrint; and the QA check."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import polars as pl
import pytest

from samples import indicator_tables
from senco import formatting
from senco.findings.build import build
from senco.findings.check import check
from senco.findings.model import Says
from senco.findings.review import markdown
from senco.findings.write import to_json
from senco.indicators.tables import IndicatorTables

TWO_REGIONS = ["E12000001", "E12000009"]


@pytest.fixture(scope="module")
def small() -> IndicatorTables:
    """Indicators for the LAs of two regions only."""
    return indicator_tables(TWO_REGIONS)


@pytest.fixture(scope="module")
def found(small) -> dict:
    return json.loads(to_json(build(small)))


def by_id(found: dict) -> dict:
    return {finding["id"]: finding for finding in found["findings"]}


def frames(tables: IndicatorTables) -> dict:
    return tables.cited()


def test_main_points_say_what_the_tables_hold(small, found):
    england = small.england("2024-11")
    point = by_id(found)["main_points.england"]
    assert point["text"].startswith(
        f"By November 2024, {formatting.percent(england['coverage_rate'])} of eligible early "
        f"years settings in England ({formatting.count(england['settings_completed'])} of "
        f"{formatting.count(england['settings_total'])})"
    )
    cited = {c["column"]: c for c in point["cites"] if c["key"]["period"] == "2024-11"}
    assert cited["coverage_rate"]["value"] == england["coverage_rate"]
    assert cited["coverage_rate"]["key"] == {"period": "2024-11", "area_code": "E92000001"}


def test_the_regions_named_highest_and_lowest_are(small, found):
    regions = small.area_frame("2024-11", "Regional").sort("coverage_rate")
    text = by_id(found)["main_points.regions"]["text"]
    low, high = regions.row(0, named=True), regions.row(-1, named=True)
    assert f"from {formatting.percent(low['coverage_rate'])} in {low['area_name']}" in text
    assert f"to {formatting.percent(high['coverage_rate'])} in {high['area_name']}" in text
    assert "across the 2 regions" in text  # counted, not typed


def test_outlier_counts_are_counted_from_the_adjusted_bands(small, found):
    """The main point counts the verdicts every output shows, then those unusually so, each
    from the adjusted bands; no methods jargon (no funnel, no 99.8%)."""
    latest = small.la_frame("2024-11")
    verdicts = latest["coverage_vs_england"].value_counts()
    count = dict(verdicts.iter_rows())
    above = latest.filter(pl.col("coverage_od_funnel_band") == "above 99.8%").height
    below = latest.filter(pl.col("coverage_od_funnel_band") == "below 99.8%").height
    tau2 = small.england("2024-11")["coverage_tau2"]
    point = by_id(found)["main_points.funnel"]
    assert point["text"] == (
        f"Allowing for the {'usual ' if tau2 else ''}variation between local authorities, "
        f"{count.get('higher than England', 0)} of the {latest.height} had coverage higher than "
        f"England and {count.get('lower than England', 0)} lower than England; {above} "
        f"{'was' if above == 1 else 'were'} unusually high and {below} unusually low."
    )
    assert "funnel" not in point["text"] and "99.8" not in point["text"]
    (rests_on,) = [c for c in point["cites"] if c["column"] == "coverage_tau2"]
    assert rests_on["basis"] is True
    counts = [c for c in point["cites"] if c.get("statistic") == "count"]
    assert counts[0]["where"]["coverage_vs_england"] == "higher than England"
    assert counts[3]["value"] == above
    assert counts[3]["where"]["coverage_od_funnel_band"] == "above 99.8%"


def test_ranks_are_given_with_their_intervals(small, found):
    row = small.la_row("2024-11", "E06000001")
    cells = [c["text"] for c in by_id(found)["factsheet.E06000001.key_figures"]["rows"][-2]]
    expected = (
        f"{formatting.ordinal(str(row['coverage_rank']))} of {small.la_frame('2024-11').height} "
        f"(95% interval "
        f"{formatting.ordinal(str(row['coverage_rank_low']))} to "
        f"{formatting.ordinal(str(row['coverage_rank_high']))})"
    )
    assert cells[-1] == expected
    sentence = by_id(found)["commentary.variation.ranks"]["text"]
    assert sentence.startswith("Ranks are uncertain.") and "95% interval from" in sentence
    annex = by_id(found)["annex.2024-11"]
    assert annex["columns"][-1]["label"] == "95% interval for the rank"


@pytest.mark.parametrize(
    ("shown", "expected"),
    [("1", "1st"), ("2", "2nd"), ("3", "3rd"), ("4", "4th"), ("11", "11th"), ("12", "12th"),
     ("13", "13th"), ("21", "21st"), ("22", "22nd"), ("101", "101st"), ("111", "111th"),
     ("not available", "not available")],
)  # fmt: skip
def test_ordinals(shown, expected):
    assert formatting.ordinal(shown) == expected


def test_every_la_has_a_factsheet_and_the_annex_every_row(small, found):
    findings = by_id(found)
    codes = small.la["new_la_code"].unique().to_list()
    for code in codes:
        assert findings[f"factsheet.{code}.key_figures"]["kind"] == "table"
    for period in small.periods:
        assert len(findings[f"annex.{period}"]["rows"]) == len(codes)
    # The index names each LA's code (a cited value, not a link: the view links the factsheet).
    codes_cited = [row[-1] for row in findings["factsheet_index.table"]["rows"]]
    assert sorted(cell["text"] for cell in codes_cited) == sorted(codes)
    assert {cell["cites"][0]["column"] for cell in codes_cited} == {"new_la_code"}


def test_fresh_findings_pass_the_check(small, found):
    checked, problems = check(found, frames(small), small.definitions)
    assert problems == [] and checked > 1000


def test_the_check_names_a_finding_whose_value_or_text_is_wrong(small, found):
    tampered = copy.deepcopy(found)
    point = next(f for f in tampered["findings"] if f["id"] == "main_points.practitioners")
    point["cites"][0]["value"] += 1
    annex = next(f for f in tampered["findings"] if f["id"] == "annex.2024-06")
    annex["rows"][0][2]["cites"][0]["shown"] = "999"
    heading = next(f for f in tampered["findings"] if f["id"] == "heading.england")
    heading["text"] = heading["text"].replace("%", " per cent")
    _, problems = check(tampered, frames(small), small.definitions)
    assert any(
        p.startswith("main_points.practitioners: practitioners_completed is") for p in problems
    )
    assert any(
        p.startswith("annex.2024-06 row 1, column 3: settings_total formatted") for p in problems
    )
    assert any(p.startswith("heading.england:") and "not in the text" in p for p in problems)
    assert len(problems) == 4  # the changed cell is both misformatted and not in its text


def test_findings_are_reproducible_and_readable(small, found):
    assert to_json(build(small)) == to_json(build(small))
    text = markdown(found)
    assert "SYNTHETIC SAMPLE DATA" in text and "`main_points.england` (main_point)" in text


def test_writing_findings_needs_neither_matplotlib_nor_weasyprint():
    code = (
        "import sys, senco.findings.build, senco.findings.check, senco.findings.read\n"
        "assert not {'matplotlib', 'weasyprint'} & set(sys.modules), sys.modules.keys()\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_the_change_heading_rests_on_every_regions_change(small, found):
    heading = by_id(found)["heading.change"]
    regions = small.area_frame("2024-11", "Regional")
    assert (regions["coverage_rate_change"] > 0).all()
    assert heading["text"] == f"Change: coverage rose in all {regions.height} regions"
    basis = [c for c in heading["cites"] if c.get("basis")]
    assert [c["value"] for c in basis] == [regions.height]
    assert basis[0]["where"]["coverage_rate_change"] == {"above": 0.0}
    fell = small.areas.with_columns(
        coverage_rate_change=pl.when(pl.col("area_code") == "E12000001")
        .then(-0.01)
        .otherwise(pl.col("coverage_rate_change"))
    )
    tables = IndicatorTables(small.la, fell, small.definitions, True)
    text = by_id(json.loads(to_json(build(tables))))["heading.change"]["text"]
    assert text == f"Change: coverage rose in {regions.height - 1} of {regions.height} regions"


def test_main_points_never_build_a_sentence_around_a_missing_figure(small, tmp_path):
    """England's practitioner counts and coverage missing (as when an LA is unavailable): the
    main points say plainly that those figures are not available, and leave out the funnel's
    '0 of 0 local authorities'."""
    from dataclasses import replace

    missing = ("practitioners_completed", "practitioner_completion_rate", "coverage_rate")
    areas = small.areas.with_columns(
        pl.when(pl.col("geographic_level") == "National").then(None).otherwise(pl.col(c)).alias(c)
        for c in missing
    )
    la = small.la.with_columns(pl.lit(None, dtype=pl.Float64).alias("coverage_rate"))
    found = by_id(json.loads(to_json(build(replace(small, areas=areas, la=la)))))
    assert found["main_points.england"]["text"] == (
        "Coverage in England in November 2024 is not available."
    )
    assert found["main_points.practitioners"]["text"] == (
        "The number of practitioners who had completed the qualification by November 2024 is "
        "not available."
    )
    assert "main_points.funnel" not in found
    assert found["heading.england"]["text"] == "England: coverage not available"
    # No heading, main point or commentary builds a sentence around 'not available'.
    for key, finding in found.items():
        if key.startswith(("main_points.", "heading.", "commentary.")):
            text = finding["text"]
            assert "not available practitioners" not in text and "0 of 0" not in text, key
            assert "not available" not in text or text.endswith(("not available.", "available")), (
                key
            )


def test_a_value_is_cited_on_the_statement_that_shows_it_and_no_other(small):
    """Citations never stray: a statement opened, cited on and dropped leaves nothing for the
    next one, and two statements written side by side keep their own values."""
    says = Says(small)
    england = small.england(small.latest)
    dropped = says.statement("test.dropped", "sentence")
    dropped.value(england, "coverage_rate")
    first = says.statement("test.first", "sentence")
    second = says.statement("test.second", "sentence")
    shown = first.value(england, "settings_total")
    second.basis(england, "coverage_rate")
    said_second = second.say("rests on coverage")
    said_first = first.say(f"{shown} settings")
    plain = says.say("test.plain", "sentence", "No number here.")
    assert [c.column for c in said_first.cites] == ["settings_total"]
    assert [(c.column, c.basis) for c in said_second.cites] == [("coverage_rate", True)]
    assert plain.cites == ()
    assert [f.id for f in says.findings] == ["test.second", "test.first", "test.plain"]
    assert not hasattr(says, "value")  # nothing can be cited outside a statement or cell


def test_a_statement_is_said_once_and_a_cell_keeps_its_own_values(small):
    says = Says(small)
    england = small.england(small.latest)
    statement = says.statement("test.once", "sentence")
    statement.say(lambda s: s.value(england, "settings_total"))
    with pytest.raises(ValueError, match="test.once: said twice"):
        statement.say("again")
    cell = says.composing()
    low = cell.value(england, "coverage_rate_ci_low", "coverage_rate")
    high = cell.value(england, "coverage_rate_ci_high", "coverage_rate")
    made = cell.cell(f"{low} to {high}")
    assert [c.column for c in made.cites] == ["coverage_rate_ci_low", "coverage_rate_ci_high"]
    assert says.text_cell("not available").cites == ()
    assert [f.id for f in says.findings] == ["test.once"]


@pytest.mark.parametrize(
    ("june", "november", "said"),
    [(52, 52, ", the same number as in June 2024, as registration"),
     (50, 52, ", up from 50 in June 2024, as registration"),
     (52, 50, ", down from 52 in June 2024, as registration")],
)  # fmt: skip
def test_registrations_are_said_to_change_only_when_they_did(small, june, november, said):
    from senco.findings.commentary import registrations
    from senco.indicators.tables import Row

    england = {p: small.england(p) for p in ("2024-06", "2024-11")}
    before = Row("aggregates", {**england["2024-06"], "settings_registered": june})
    now = Row("aggregates", {**england["2024-11"], "settings_registered": november})
    statement = Says(small).statement("test.registrations", "sentence")
    text = registrations(statement, before, now, "June 2024")
    assert text.startswith(said) and text.endswith("had closed in March 2024")
    assert {c.value for c in statement.cites} == {june, november}
