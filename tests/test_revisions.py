"""The revisions report: every published figure of a build that differs from an earlier one's,
with its cause, from two results folders (senco.revisions; `make compare`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest
from hostile import LATEST, edited

from samples import release_tables, synthetic_release
from senco import layout
from senco.findings.build import build
from senco.findings.charts import CHART_NAMES
from senco.findings.write import to_json
from senco.revisions.compare import OTHERS, OWN, compare, read_build
from senco.tools.compare import main

# Three LAs whose November counts DfE revises.
REVISED = {"E09000002": "Barking and Dagenham", "E06000047": "County Durham",
           "E10000016": "Kent"}  # fmt: skip


def results_folder(data: bytes, folder: Path) -> Path:
    """A results folder as the workflow lays it out, with the tables and findings the
    comparison reads (each findings file holding every finding, which read as one)."""
    tables = release_tables(data)
    for name, frame in (("la_indicators", tables.la), ("aggregates", tables.areas),
                        ("definitions", tables.definitions)):  # fmt: skip
        path = folder / Path(layout.indicator_table(name)).relative_to(layout.RESULTS)
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(path)
    text = to_json(build(tables))
    for findings in layout.findings_files(CHART_NAMES):
        path = folder / Path(findings).relative_to(layout.RESULTS)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def revised(row: dict) -> dict:
    """Two more completions in each revised LA's November count (settings and practitioners)."""
    if row["new_la_code"] in REVISED and row["time_identifier"] == LATEST \
            and row["status"] == "Completed":  # fmt: skip
        row["no_of_settings"] = str(int(row["no_of_settings"]) + 2)
        row["no_of_practitioners"] = str(int(row["no_of_practitioners"]) + 2)
    return row


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("builds")
    old = results_folder(synthetic_release(), root / "old")
    return old, results_folder(edited(revised), root / "new"), root


def test_a_build_of_identical_input_has_no_revisions(builds, tmp_path):
    old, _, root = builds
    same = results_folder(synthetic_release(), root / "same")
    report = compare(read_build(old), read_build(same))
    assert report.revisions == [] and report.periods_compared == ["2024-06", "2024-11"]
    assert main([str(old), str(same), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "revisions.csv").read_text().count("\n") == 1  # the header alone
    assert "No published figure changed." in (tmp_path / "revisions.md").read_text()


def test_revised_counts_revise_those_las_what_they_feed_and_only_cross_la_figures_elsewhere(
    builds, tmp_path
):
    old, new, _ = builds
    assert main([str(old), str(new), "--out", str(tmp_path)]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "revisions.csv").read_text())))
    la = [r for r in rows if r["table"] == "la_indicators"]
    own = {r["area_code"] for r in la if r["cause"] == OWN}
    assert own == set(REVISED)
    for code in REVISED:
        measures = {r["measure"] for r in la if r["area_code"] == code and r["period"] == "2024-11"}
        assert {"settings_completed", "coverage_rate", "practitioners_completed"} <= measures
    assert not [r for r in la if r["period"] == "2024-06" and r["measure"] in
                ("settings_completed", "coverage_rate")]  # fmt: skip
    # Other LAs move only in what is computed across LAs: ranks, funnel limits, bands, z-scores,
    # and comparisons with England's or their neighbours'.
    others = {r["measure"] for r in la if r["area_code"] not in REVISED}
    assert others and all(r["cause"] == OTHERS for r in la if r["area_code"] not in REVISED)
    assert not others & {"settings_completed", "settings_total", "coverage_rate",
                         "coverage_rate_ci_low", "practitioners_completed"}  # fmt: skip
    assert any("rank" in m for m in others) and any("funnel" in m or "od_" in m for m in others)
    # England, the three LAs' regions and their programme groups are revised from their counts.
    areas = {r["area_code"] for r in rows if r["table"] == "aggregates" and r["cause"] == OWN
             and r["measure"] == "settings_completed"}  # fmt: skip
    assert {"E92000001", "E12000007", "E12000001", "E12000008"} <= areas
    # The sentences they feed: Kent's factsheet summary, England's main point.
    findings = {r["measure"] for r in rows if r["table"] == "findings"}
    assert "factsheet.E10000016.summary" in findings and "main_points.england" in findings
    # A sentence citing England's coverage changes with it, in every LA's factsheet.
    assert "factsheet.E06000001.summary" in findings
    assert "factsheet.E06000001.name" not in findings
    visible = [r for r in la if r["measure"] == "settings_completed"]
    assert all(r["visible_at_published_rounding"] == "true" for r in visible)
    assert all(float(r["difference"]) == 2 for r in visible)
    report = (tmp_path / "revisions.md").read_text()
    assert "because their own counts changed" in report and "## The largest revisions" in report


@pytest.mark.parametrize("problem", ["missing", "incomplete", "not parquet"])
def test_a_folder_that_is_not_a_build_ends_in_one_line(builds, tmp_path, capsys, problem):
    old, _, _ = builds
    other = tmp_path / "other"
    if problem != "missing":
        results_folder(synthetic_release(), other)
        table = other / "indicators" / "la_indicators.parquet"
        if problem == "incomplete":
            table.unlink()
        else:
            table.write_text("not a table", encoding="utf-8")
    assert main([str(old), str(other)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {other}") and error.count("\n") == 1, error
    assert {
        "missing": "no such results folder",
        "incomplete": "no indicators/la_indicators",
        "not parquet": "cannot read",
    }[problem] in error


@pytest.mark.pipeline
def test_the_workflow_reports_revisions_against_previous_release(tmp_path):
    """A build, then the same release with three LAs' November counts revised, built with
    previous_release naming a copy of the first build's results: the revisions rule lists them."""
    import shutil

    from pdf_checks import page_texts
    from senco.tools.qa import findings_checked
    from workflow_runs import error_lines, snakemake

    first = tmp_path / "first"
    run = snakemake(first, target="findings_report")
    assert run.returncode == 0, run.stderr
    previous = shutil.copytree(first / "results", tmp_path / "previous")
    source = tmp_path / "revised.csv"
    source.write_bytes(edited(revised))
    second = tmp_path / "second"
    config = (f"source={source}", f"previous_release={previous}")
    run = snakemake(second, *config, target=layout.BULLETIN_HTML)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO((second / layout.REVISIONS_CSV).read_text())))
    counted = {r["area_code"] for r in rows if r["measure"] == "settings_completed"
               and r["table"] == "la_indicators"}  # fmt: skip
    assert counted == set(REVISED)
    assert (second / layout.REVISIONS_MD).read_text().startswith("# Revisions")
    # The bulletin's Revisions section, linked from its front matter, with the full list.
    bulletin = (second / layout.BULLETIN_HTML).read_text()
    assert '<section id="revisions" aria-labelledby="revisions-heading">' in bulletin
    assert (
        'figures published before: see <a href="#revisions">Revisions since the previous '
        "release</a>"
    ) in bulletin
    assert "coverage was revised in Barking and Dagenham" in bulletin
    assert 'href="downloads/revisions.csv"' in bulletin
    assert (second / layout.REVISIONS_DOWNLOAD).read_bytes() == (
        second / layout.REVISIONS_CSV
    ).read_bytes()
    # Each revised LA's factsheet marks its revised figures; make qa checks every finding.
    run = snakemake(second, *config, target=layout.factsheet_dir("E12000007"))
    assert run.returncode == 0, run.stderr
    (barking,) = page_texts(second / layout.factsheet_dir("E12000007") / "E09000002.pdf")
    assert "Figures and sentences marked [r] have changed" in barking and " [r]" in barking
    tables = [pl.read_parquet(second / layout.indicator_table(name))
              for name in ("la_indicators", "aggregates")]  # fmt: skip
    lines, agree = findings_checked(second / "results", *tables)
    assert agree, lines
    assert f"{len(layout.findings_files(CHART_NAMES)) + 1} files" in lines[1]  # with revisions'
    # A previous_release that is not a build stops the run in one line, before anything runs.
    run = snakemake(tmp_path / "third", f"previous_release={tmp_path / 'nowhere'}")
    assert run.returncode != 0
    assert error_lines(run) == [f"error: config key previous_release: {tmp_path / 'nowhere'}: "
                                "no such results folder"]  # fmt: skip
    assert not (tmp_path / "third" / "results").exists()


def test_a_changed_denominator_is_reported_as_such(builds, tmp_path):
    old, _, root = builds

    def recounted(row: dict) -> dict:
        if row["new_la_code"] == "E06000001" and row["status"] == "Total local authority settings":
            row["no_of_settings"] = str(int(row["no_of_settings"]) + 5)
        return row

    new = results_folder(edited(recounted), root / "recounted")
    assert main([str(old), str(new), "--out", str(tmp_path)]) == 0
    report = (tmp_path / "revisions.md").read_text()
    assert ("The denominator (eligible settings) changed for 4 areas, so all their rates were "
            "revised: E06000001 (June 2024 and November 2024), E12000001") in report  # fmt: skip


@pytest.fixture(scope="module")
def revised_build(builds, tmp_path_factory):
    """The revised release's tables and findings, the revisions table against the first build,
    and the Revisions section's findings written from them."""
    from samples import findings_of
    from senco.revisions.compare import revision_table
    from senco.revisions.findings import revisions_findings

    old, new, _ = builds
    report = compare(read_build(old), read_build(new))
    table = revision_table(report)
    tables = release_tables(edited(revised))
    section = revisions_findings(tables, table, report).as_dict()
    return tables, findings_of(tables, tmp_path_factory.mktemp("revised")), table, section


def test_the_revisions_section_counts_the_revisions_and_every_cited_value_checks(revised_build):
    from senco.findings.check import check
    from senco.findings.ids import REVISIONS, REVISIONS_FRONT_MATTER, commentary, heading
    from senco.indicators.tables import REVISIONS_TABLE

    tables, _, table, section = revised_build
    said = {f["id"]: f["text"] for f in section["findings"]}
    assert said[heading(REVISIONS)] == "Revisions since the previous release"
    figures = table.filter(table["cause"] != "wording or values")
    shown = figures.filter(figures["visible_at_published_rounding"])
    own = shown.filter(shown["cause"] == OWN).height
    hidden = figures.height - shown.height
    assert said[commentary(REVISIONS, "figures")] == (
        f"In the periods both releases cover, {shown.height:,} published figures changed by "
        f"enough to show at the published rounding ({hidden:,} more changed by less, so they "
        f"look the same). Of these, {own:,} changed because an area's own counts were revised "
        f"and {shown.height - own:,} are figures that compare local authorities with each "
        "other, such as ranks, which move when any local authority's counts do."
    )
    # England's headline coverage, from its own revised counts (two more settings in each LA).
    assert said[commentary(REVISIONS, "england")] == (
        "England's coverage was revised in November 2024 from 6.7% to 6.8%."
    )
    assert said[REVISIONS_FRONT_MATTER] == (
        f"This release revises {shown.height:,} figures published before"
    )
    # Coverage moved only in the three LAs whose counts changed, each named with both rates.
    coverage = said[commentary(REVISIONS, "coverage")]
    assert coverage.startswith(
        "Leaving out local authorities with a small base ([u]), coverage was revised in "
        "Barking and Dagenham (November 2024: "
    )
    assert coverage.endswith(" only.") and "Kent (November 2024: 13.0% to 13.5%)" in coverage
    statements = table.filter(table["cause"] == "wording or values").height
    assert said[commentary(REVISIONS, "statements")] == (
        f"{statements:,} sentences, titles and tables of this bulletin and the factsheets "
        "changed, in their words or in a number they quote."
    )
    checked, problems = check(
        section, tables.cited() | {REVISIONS_TABLE: table}, tables.definitions
    )
    assert problems == [] and checked >= 4 + 3 * 2


def test_the_revisions_section_of_identical_builds_says_nothing_changed(builds):
    from senco.findings.ids import REVISIONS, REVISIONS_FRONT_MATTER, commentary
    from senco.revisions.compare import revision_table
    from senco.revisions.findings import revisions_findings

    old, _, root = builds
    report = compare(read_build(old), read_build(old))
    table = revision_table(report)
    assert table.height == 0 and "previous" in table.columns
    section = revisions_findings(release_tables(synthetic_release()), table, report).as_dict()
    said = {f["id"]: f["text"] for f in section["findings"]}
    assert said[commentary(REVISIONS, "figures")] == (
        "In the periods both releases cover, no published figure changed since the previous "
        "release."
    )
    assert said[REVISIONS_FRONT_MATTER] == "No figure published before changed by enough to show"
    assert said[commentary(REVISIONS, "coverage")] == (
        "Leaving out local authorities with a small base ([u]), no local authority's coverage "
        "changed by enough to show at the published rounding."
    )
    assert said[commentary(REVISIONS, "statements")] == (
        "No sentence, title or table of this bulletin or the factsheets changed, in its words "
        "or in a number it quotes."
    )
    assert said[commentary(REVISIONS, "england")] == (
        "England's coverage did not change by enough to show at the published rounding."
    )


def test_a_revised_las_factsheet_marks_its_revised_figures_and_says_what_r_means(
    revised_build, tmp_path
):
    from pdf_checks import page_texts
    from senco.views import factsheets
    from senco.views.revised import revised_figures

    _, found, table, _ = revised_build
    provenance = {"retrieved_at": "2026-11-22T00:00:00Z", "sha256": "cd" * 32, "synthetic": True}
    revised_set = revised_figures(table)
    kent = factsheets.factsheet_context("E10000016", found, provenance, revised=revised_set)
    rows = {row[0]["text"]: row[1:] for row in kent["rows"]}
    june, november = rows["Settings with a completion"]
    assert (november["text"], november["mark"], june["mark"]) == ("57", "[r]", "")
    assert [cell["mark"] for cell in rows["Eligible settings"]] == ["", ""]
    assert kent["revised"] and kent["summary"].endswith(" [r]")
    november_row = kent["comparisons"][-1]
    assert november_row["la"]["mark"] == "[r]" and kent["comparisons"][0]["la"]["mark"] == ""
    # Without an earlier build nothing is marked, and the tables have no mark slots.
    plain = factsheets.factsheet_context("E10000016", found, provenance)
    assert not plain["revised"] and "[r]" not in str(plain["rows"]) + plain["summary"]
    assert 'class="mark"' not in factsheets.render_factsheet(plain)
    html = factsheets.render_factsheet(kent)
    assert '<td class="numeric">57<span class="mark">[r]</span></td>' in html
    assert '<td class="numeric">423<span class="mark"></span></td>' in html  # aligned with it
    (pdf,) = factsheets.write_factsheets(["E10000016"], found, provenance, tmp_path,
                                         revised=revised_set)  # fmt: skip
    (text,) = page_texts(pdf)
    assert "Figures and sentences marked [r] have changed since the previous release" in text


def test_the_revised_figures_need_no_findings_which_may_not_exist_yet(builds, tmp_path):
    """The factsheets' marks compare the indicator tables alone (rule revised_figures), which
    can run before this build has written any findings."""
    import shutil

    from senco.core.errors import SencoError

    old, new, _ = builds
    tables_only = shutil.copytree(new, tmp_path / "tables_only")
    shutil.rmtree(tables_only / "findings")
    report = compare(read_build(old, with_findings=False),
                     read_build(tables_only, with_findings=False), findings=False)  # fmt: skip
    full = compare(read_build(old), read_build(new))
    figures = [r for r in full.revisions if r["table"] != "findings"]
    assert report.revisions == figures and not report.findings_compared
    with pytest.raises(SencoError, match="no findings/bulletin.json"):
        read_build(tables_only)


def coverage_revision(code: str, previous, new, period: str = "2024-11") -> dict:
    difference = None if previous is None or new is None else new - previous
    return {"measure": "coverage_rate", "table": "la_indicators", "area_code": code,
            "period": period, "previous": previous, "new": new, "difference": difference,
            "visible_at_published_rounding": True, "cause": OWN}  # fmt: skip


def test_the_largest_coverage_revisions_leave_out_small_bases_and_rates_not_available():
    """Not available to a rate has no size, and a small base's rate swings most: neither is
    named among the largest. Each LA once (its largest); a tie with the last is listed too."""
    from senco.revisions.compare import SCHEMA
    from senco.revisions.findings import largest_coverage

    revisions = pl.DataFrame([
        coverage_revision("E1", None, 0.5),  # was not available
        coverage_revision("E2", 0.10, 0.90),  # a small base
        coverage_revision("E3", 0.10, 0.20), coverage_revision("E3", 0.10, 0.11, "2024-06"),
        coverage_revision("E4", 0.30, 0.25), coverage_revision("E5", 0.40, 0.45),
        coverage_revision("E6", 0.50, 0.52), coverage_revision("E7", 0.60, 0.62),
    ], schema=SCHEMA)  # fmt: skip
    la = pl.DataFrame(
        {
            "period": ["2024-11"] * 7 + ["2024-06"],
            "new_la_code": ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E3"],
            "small_base": [False, True, False, False, False, False, False, False],
        }
    )
    listed, more = largest_coverage(revisions, la)
    assert [(r["area_code"], r["period"]) for r in listed] == [
        ("E3", "2024-11"),
        ("E4", "2024-11"),
        ("E5", "2024-11"),
    ]  # E4 and E5 tie at 0.05
    assert more  # E6 and E7 are smaller
    listed, more = largest_coverage(revisions.filter(pl.col("area_code") != "E3"), la)
    assert [r["area_code"] for r in listed] == ["E4", "E5", "E6", "E7"] and not more  # a tie
    nothing = revisions.filter(pl.col("area_code").is_in(["E1", "E2"]))
    assert largest_coverage(nothing, la) == ([], False)


def test_a_release_with_other_periods_names_the_added_and_dropped_ones():
    from senco.findings.ids import REVISIONS, commentary
    from senco.revisions.compare import Report, revision_table
    from senco.revisions.findings import revisions_findings

    report = Report([], ["2024-11"], ["2025-06"], ["2024-06"], [], [], False)
    section = revisions_findings(release_tables(synthetic_release()), revision_table(report),
                                 report).as_dict()  # fmt: skip
    said = {f["id"]: f["text"] for f in section["findings"]}
    assert said[commentary(REVISIONS, "statements")] == (
        "This release adds June 2025 and no longer covers June 2024, so its sentences, titles "
        "and tables were not compared with the previous release's."
    )
