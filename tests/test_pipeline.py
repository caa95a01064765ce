"""The Snakemake workflow end to end, each run in a fresh temporary directory."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import polars as pl
import pytest
import release_reading

from pdf_checks import pdf_ua_problems
from samples import bundled_snapshot, synthetic_release
from senco import formatting, layout, paths, published
from senco.core.reference import load_la_reference
from senco.findings.charts import CHART_NAMES
from senco.tools.qa import summarise
from workflow_runs import CORES, SNAKEMAKE, digests, error_lines, snakemake

pytestmark = pytest.mark.pipeline


CONSOLE: dict[str, list[str]] = {}  # what the default run printed, as `make build` prints it
MOST_CONSOLE_LINES = 60


@pytest.fixture(scope="module")
def default_run(tmp_path_factory) -> Path:
    workdir = tmp_path_factory.mktemp("default")
    run = snakemake(workdir)
    assert run.returncode == 0, run.stderr
    CONSOLE["lines"] = (run.stdout + run.stderr).splitlines()
    return workdir / "results"


def test_a_cold_build_prints_a_line_a_job_and_ends_with_where_the_release_is(default_run):
    lines = CONSOLE["lines"]
    assert len(lines) <= MOST_CONSOLE_LINES, "\n".join(lines)
    jobs = [line for line in lines if line.startswith("done  ")]
    assert "done  bulletin" in jobs and "done  factsheets E12000001" in jobs
    assert not any("senco/" in line for line in lines)  # no job's list of module paths
    assert [line.split()[-1] for line in lines[-4:]] == [
        layout.BULLETIN_HTML, layout.BULLETIN_PDF, layout.FACTSHEET_INDEX, layout.SPREADSHEET,
    ]  # fmt: skip


def test_default_run_builds_raw_and_clean_from_the_snapshot(default_run):
    data, manifest = bundled_snapshot()
    assert (default_run / "raw" / "senco_la.csv").read_bytes() == data
    provenance = json.loads((default_run / "raw" / "provenance.json").read_text())
    assert provenance["source"] == "snapshot"
    assert provenance["synthetic"] is manifest["synthetic"]
    assert provenance["sha256"] == manifest["sha256"]
    assert provenance["rows"] == manifest["rows"]
    table = pl.read_parquet(default_run / "clean" / "senco_la.parquet")
    assert table.height == manifest["rows"] // 3
    label = published.data_status(manifest["synthetic"])
    assert table["data_status"].unique().to_list() == [label]
    assert pl.read_csv(default_run / "clean" / "senco_la.csv").height == table.height
    validation = json.loads((default_run / "clean" / "validation.json").read_text())
    assert validation["outcome"] == "pass"
    assert validation["input"]["synthetic"] is manifest["synthetic"]
    banner = "SYNTHETIC SAMPLE DATA" in (default_run / "clean" / "validation.md").read_text()
    assert banner is manifest["synthetic"]
    dictionary = (default_run / "clean" / "data_dictionary.md").read_text()
    assert all(f"`{name}`" in dictionary for name in table.columns)


def test_default_run_builds_the_indicators_from_the_clean_table(default_run):
    _, manifest = bundled_snapshot()
    clean = pl.read_parquet(default_run / "clean" / "senco_la.parquet")
    indicators = default_run / "indicators"
    la = pl.read_parquet(indicators / "la_indicators.parquet")
    areas = pl.read_parquet(indicators / "aggregates.parquet")
    assert la.select("period", "new_la_code").equals(clean.select("period", "new_la_code"))
    assert la["targeted"].sum() == 78 * clean["period"].n_unique()
    england = areas.filter(pl.col("geographic_level") == "National").sort("period")
    totals = clean.group_by("period").agg(pl.col("settings_completed").sum()).sort("period")
    assert england["settings_completed"].to_list() == totals["settings_completed"].to_list()
    label = published.data_status(manifest["synthetic"])
    assert set(la["data_status"]) == set(areas["data_status"]) == {label}
    assert pl.read_csv(indicators / "la_indicators.csv").shape == la.shape
    definitions = pl.read_parquet(indicators / "definitions.parquet")
    assert "coverage_rate" in definitions["name"].to_list()
    dictionary = (indicators / "data_dictionary.md").read_text()
    assert all(f"`{name}`" in dictionary for name in la.columns + areas.columns)


def test_default_run_renders_every_figure_with_its_sidecar(default_run):
    for name in CHART_NAMES:
        for suffix in ("svg", "png", "json"):
            assert (default_run / "figures" / f"{name}.{suffix}").stat().st_size > 1000
        sidecar = json.loads((default_run / "figures" / f"{name}.json").read_text())
        assert sidecar["synthetic"] is bundled_snapshot()[1]["synthetic"]


def test_default_run_builds_a_factsheet_for_every_la_an_index_and_a_zip(default_run):
    reference = load_la_reference(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    expected = sorted(
        layout.link(layout.factsheet_pdf(region, code), layout.FACTSHEETS)
        for region, code in reference.select("region_code", "new_la_code").iter_rows()
    )
    folder = default_run / "factsheets"
    made = sorted(path.relative_to(folder).as_posix() for path in folder.glob("*/*.pdf"))
    assert made == expected and len(made) == reference.height
    index = (folder / "index.html").read_text()
    assert all(f'href="{href}"' in index for href in made)
    with zipfile.ZipFile(folder / "factsheets.zip") as archive:
        assert sorted(archive.namelist()) == made


def test_the_bulletin_and_all_153_factsheets_pass_an_independent_pdf_ua_checker(default_run):
    pdfs = [default_run / "bulletin" / "bulletin.pdf",
            *sorted((default_run / "factsheets").glob("*/*.pdf"))]  # fmt: skip
    assert len(pdfs) == 154
    assert {pdf.name: problems for pdf in pdfs if (problems := pdf_ua_problems(pdf))} == {}


def test_the_qa_summary_reconciles_a_build_and_catches_a_changed_input(default_run, tmp_path):
    lines, ok = summarise(default_run)
    assert ok and lines[-1] == "All checks agree."
    assert sum("ok" in line for line in lines if line.startswith("  2024-")) == 10
    copy = tmp_path / "results"
    shutil.copytree(default_run, copy)
    raw = copy / "raw" / "senco_la.csv"
    raw.write_bytes(raw.read_bytes().replace(b",169,x", b",170,x", 1))
    lines, ok = summarise(copy)
    assert not ok
    assert any("DOES NOT MATCH" in line for line in lines)
    assert any("settings_total" in line and "MISMATCH" in line for line in lines)


def test_the_qa_summary_notices_an_edited_clean_csv(default_run, tmp_path):
    """A reviewer may read either copy of a table: an edit to the CSV alone is caught, as an
    edit to the Parquet is (through the findings' recomputed values)."""
    copy = tmp_path / "results"
    shutil.copytree(default_run, copy)
    clean_csv = copy / "clean" / "senco_la.csv"
    clean_csv.write_text(clean_csv.read_text().replace(",169,", ",170,", 1))
    lines, ok = summarise(copy)
    assert not ok
    assert any(line.startswith("  results/clean/senco_la.csv: DIFFERS: column") for line in lines)


def test_snakemake_report_builds_from_a_finished_run(default_run):
    workdir = default_run.parent
    report = workdir / "report.html"
    run = subprocess.run(
        [str(SNAKEMAKE), "--snakefile", str(paths.REPO_ROOT / "Snakefile"), "--directory",
         str(workdir), "--report", str(report)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert report.stat().st_size > 100_000


@pytest.fixture(scope="module")
def killed_then_resumed(tmp_path_factory) -> dict:
    """A second whole run, in a fresh directory, SIGKILLed as soon as figures start to be
    written and then resumed to the end: one build serves both the recovery test and the
    byte-identity test, as every file it holds was built in that directory, before the kill or
    after it. The figures and the bulletin go first, so no factsheet has started when the kill
    lands."""
    workdir = tmp_path_factory.mktemp("second")

    def command(cores: int, *options: str) -> list[str]:
        return [str(SNAKEMAKE), "--snakefile", str(paths.REPO_ROOT / "Snakefile"), "--directory",
                str(workdir), "--cores", str(cores), "--quiet", *options]  # fmt: skip

    # One core, so the kill lands while the first figure is being written; the rest of the run
    # goes on as many as a build does.
    run = subprocess.Popen(command(1), start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip
    results = workdir / "results"
    figures_dir = results / "figures"
    deadline = time.monotonic() + 240
    while not (figures_dir.is_dir() and any(figures_dir.iterdir())):
        assert run.poll() is None, "the run ended before rendering started"
        assert time.monotonic() < deadline, "rendering never started"
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    at_kill = {
        "bulletin": (results / "bulletin" / "bulletin.pdf").exists(),
        "factsheets": sorted(p.name for p in (results / "factsheets").glob("*/*.pdf")),
    }
    # A killed run leaves Snakemake's lock; unlocking is the documented recovery.
    subprocess.run(command(1, "--unlock"), check=True, capture_output=True)
    resumed = subprocess.run(command(CORES, "--rerun-incomplete"), capture_output=True, text=True)
    return {"results": results, "at_kill": at_kill, "resumed": resumed}


def test_a_run_killed_while_rendering_recovers_to_identical_outputs(
    default_run, killed_then_resumed
):
    """The next run after a SIGKILL completes, matches an uninterrupted run byte for byte, and
    leaves no half-written file."""
    assert killed_then_resumed["at_kill"] == {"bulletin": False, "factsheets": []}
    resumed = killed_then_resumed["resumed"]
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    recovered = digests(killed_then_resumed["results"])
    assert {"bulletin/bulletin.pdf", "figures/hex_map.svg"} <= set(recovered)
    assert recovered == {name: digests(default_run).get(name) for name in recovered}
    results = killed_then_resumed["results"]
    assert [p for p in results.rglob("*") if p.name.startswith(".partial-")] == []


def test_a_second_run_in_a_fresh_directory_is_byte_identical(default_run, killed_then_resumed):
    assert killed_then_resumed["resumed"].returncode == 0
    assert digests(killed_then_resumed["results"]) == digests(default_run)


def test_a_failed_run_leaves_no_outputs_of_the_previous_input(default_run, tmp_path):
    """A new raw file that fails cleaning must not sit beside the bulletin of the old one: the
    outputs made from the previous input are removed, the logs kept, the errors printed last."""
    workdir = tmp_path / "work"
    shutil.copytree(default_run, workdir / "results")  # keeps their times: built before
    bad = tmp_path / "bad.csv"
    bad.write_bytes(synthetic_release().replace(b"Local authority", b"Regional", 1))
    run = snakemake(workdir, f"source={bad}")
    assert run.returncode != 0
    results = workdir / "results"
    assert (results / "raw" / "senco_la.csv").read_bytes() == bad.read_bytes()
    left = [p.relative_to(results).as_posix() for p in results.rglob("*") if p.is_file()]
    assert all(p.startswith(("raw/", "logs/")) for p in left), left
    assert (results / "logs" / "clean.validation.md").exists()
    report = (results / "logs" / "failure.txt").read_text().splitlines()
    assert report[0].startswith("note: removed ") and report[0].endswith(
        "output(s) made from the previous input, so results/ holds nothing built from two "
        "different inputs"
    )
    assert report[1:] == error_lines(run)


def links_in(page: Path) -> list[str]:
    return re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))


def test_every_link_between_the_outputs_resolves(default_run):
    """The bulletin links the downloads, the factsheet index and its own sections; the index links
    back and to every factsheet: each relative link names a file that exists."""
    pages = [default_run / "bulletin" / "bulletin.html", default_run / "factsheets" / "index.html"]
    checked = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'id="([^"]+)"', text))
        for href in links_in(page):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            if href.startswith("#"):
                assert href[1:] in ids, (page.name, href)
                continue
            assert not href.startswith(("/", "file:")), (page.name, href)
            assert (page.parent / href).is_file(), (page.name, href)
            checked += 1
    bulletin_links = links_in(pages[0])
    assert "../factsheets/index.html" in bulletin_links
    assert any(h.endswith(".xlsx") for h in bulletin_links)
    assert sum(h.startswith("downloads/charts/") for h in bulletin_links) == len(CHART_NAMES)
    assert "../bulletin/bulletin.html" in links_in(pages[1])
    assert checked > 160


VERDICT = re.compile(r"(higher than England|similar to England|lower than England)")


def test_every_output_gives_an_la_the_same_verdict_by_the_adjusted_limits(default_run):
    """One rule, one voice: for every LA and period, 'compared with England' is the same in the
    indicators, the annex, the factsheet (its first sentence and its table), the factsheet
    index, the spreadsheet and the EES data file, and follows the limits that allow for the
    variation between LAs."""
    la = pl.read_parquet(default_run / "indicators" / "la_indicators.parquet")
    latest = la["period"].max()
    expected = {}
    for row in la.iter_rows(named=True):
        band = row["coverage_od_funnel_band"]
        rule = None if band is None else (
            "lower than England" if band.startswith("below")
            else "higher than England" if band.startswith("above") else "similar to England"
        )  # fmt: skip
        assert row["coverage_vs_england"] == rule, row["new_la_code"]
        expected[row["period"], row["new_la_code"]] = rule or "not available"
    assert set(expected.values()) >= {"higher than England", "similar to England",
                                      "lower than England"}  # fmt: skip
    label = {formatting.period_label(p): p for p in la["period"].unique()}
    code_of = {row["la_name"]: row["new_la_code"] for row in la.iter_rows(named=True)}

    def seen(found: dict, where: str, latest_only: bool = False) -> None:
        wanted = {key: value for key, value in expected.items()
                  if key[0] == latest or not latest_only}  # fmt: skip
        assert found == wanted, where

    annex = {}
    for table in release_reading.html_tables(default_run / "bulletin" / "bulletin.html"):
        if table.caption.startswith("Settings and coverage by local authority, "):
            period = label[table.caption.rsplit(", ", 1)[1]]
            column = table.rows[0].index("Coverage compared with England")
            for row in table.rows[1:]:
                name = row[0].removesuffix(f" {published.LOW_RELIABILITY}")
                annex[period, code_of[name]] = row[column]
    seen(annex, "annex")
    (index,) = release_reading.html_tables(default_run / "factsheets" / "index.html")
    column = index.rows[0].index("Coverage compared with England")
    seen({(latest, Path(links[0]).stem): row[column]
          for row, links in zip(index.rows[1:], index.links[1:], strict=True)},
         "index", latest_only=True)  # fmt: skip
    sentences = {}
    for pdf in sorted((default_run / "factsheets").glob("E12*/*.pdf")):
        said = re.search(r"qualification: " + VERDICT.pattern + r" \(",
                         release_reading.pdf_text(pdf))  # fmt: skip
        sentences[latest, pdf.stem] = said.group(1) if said else "not available"
    seen(sentences, "factsheet sentence", latest_only=True)
    month = {published.MONTHS[int(p[5:]) - 1]: p for p in label.values()}
    sheet = release_reading.sheet_rows(default_run.parent / layout.SPREADSHEET, "Table_2")
    header = sheet[2]  # the sheet's title in A1, what it holds in A2, then its table
    seen({(month[row[0]], row[header.index("LA code")]):
          row[header.index("Compared with England [note 6]")] for row in sheet[3:]},
         "spreadsheet")  # fmt: skip
    ees = pl.read_csv(default_run.parent / layout.EES_DATA, infer_schema=False)
    las = ees.filter(pl.col("geographic_level") == "Local authority")
    seen({(month[r["time_identifier"]], r["new_la_code"]): r["coverage_vs_england"]
          for r in las.iter_rows(named=True)}, "EES data file")  # fmt: skip
    assert set(ees.filter(pl.col("geographic_level") != "Local authority")
               ["coverage_vs_england"]) == {"Total"}  # fmt: skip


def test_a_draft_says_draft_on_every_page_of_every_output(default_run):
    """No publication_date: the bulletin (HTML, and each PDF page), every factsheet page, the
    factsheet index and the spreadsheet's cover all say DRAFT; each factsheet stays one page."""
    import pikepdf

    html = (default_run / "bulletin" / "bulletin.html").read_text(encoding="utf-8")
    assert "<title>DRAFT: " in html and 'class="draft-banner"' in html
    index = (default_run / "factsheets" / "index.html").read_text(encoding="utf-8")
    assert "<title>DRAFT: " in index and "DRAFT: not yet published" in index
    pdfs = [default_run / "bulletin" / "bulletin.pdf",
            *sorted((default_run / "factsheets").glob("*/*.pdf"))]  # fmt: skip
    for pdf in pdfs:
        with pikepdf.open(pdf) as document:
            pages = len(document.pages)
        assert pdf.name == "bulletin.pdf" or pages == 1, f"{pdf.name} runs to {pages} pages"
        for page in range(1, pages + 1):
            run = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                 capture_output=True, text=True, check=True)  # fmt: skip
            assert "DRAFT" in run.stdout, f"{pdf.name} page {page}"
    cover = release_reading.sheet_rows(default_run.parent / layout.SPREADSHEET, "Cover")
    assert cover[0][0].startswith("DRAFT: ")
    assert cover[1][0] == "Draft" and cover[1][1].startswith("DRAFT: not yet published")


PUBLISHING = (
    "publication_date=2025-07-10",
    "producer=Example Analysis Unit",
    "responsible_statistician=Ana Lyst",
    "contact_name=Ana Lyst",
    "contact_team=Statistics",
    "contact_email=stats@example.org",
)


def test_publishing_without_a_contact_is_refused_before_anything_runs(tmp_path):
    run = snakemake(tmp_path, *PUBLISHING[:-1])
    assert run.returncode != 0
    assert error_lines(run) == [
        "error: config: publication_date is set, so this build publishes, but contact_email is "
        "not set: a published release names who produced it and who answers for it"
    ]
    assert not (tmp_path / "results").exists()


def test_publishing_the_synthetic_snapshot_is_refused_in_one_line(default_run, tmp_path):
    workdir = tmp_path / "work"
    shutil.copytree(default_run, workdir / "results")  # the draft, built before
    run = snakemake(workdir, *PUBLISHING)
    assert run.returncode != 0
    assert error_lines(run) == [
        "error: publication refused: the data are the bundled SYNTHETIC snapshot, not a DfE "
        "release (build from source=ees or a downloaded file, or leave publication_date empty "
        "for a draft)"
    ]
    assert not (workdir / layout.PUBLICATION_CHECK).exists()
    # Nothing was published: what is left of the draft still says so.
    html = workdir / layout.BULLETIN_HTML
    assert not html.exists() or "<title>DRAFT: " in html.read_text(encoding="utf-8")


def test_a_release_that_names_its_people_and_checks_is_published_unmarked(tmp_path):
    """Real (not the synthetic snapshot's) data, every name set, findings that check: the
    publication check passes and no output says DRAFT."""
    source = tmp_path / "release.csv"
    # Any change makes the file other than the bundled synthetic snapshot.
    source.write_bytes(synthetic_release().replace(b"\n", b"\r\n", 1))
    workdir = tmp_path / "work"
    run = snakemake(workdir, f"source={source}", *PUBLISHING)
    assert run.returncode == 0, run.stderr
    results = workdir / "results"
    assert (workdir / layout.PUBLICATION_CHECK).read_text().startswith("Publication check passed")
    html = (workdir / layout.BULLETIN_HTML).read_text(encoding="utf-8")
    assert 'class="draft-banner"' not in html and "10 July 2025" in html
    pdfs = [workdir / layout.BULLETIN_PDF, *sorted((results / "factsheets").glob("*/*.pdf"))]
    assert not [pdf.name for pdf in pdfs if "DRAFT" in release_reading.pdf_text(pdf)]
    cover = release_reading.sheet_rows(workdir / layout.SPREADSHEET, "Cover")
    assert not cover[0][0].startswith("DRAFT")
    assert [row[0] for row in cover[1:4]] == ["Description", "Published", "Period covered"]
    assert cover[2][1] == "10 July 2025"
