"""Where the pipeline writes its outputs, relative to the working directory.

The one owner of the output layout: the rules, `make qa`, the docs and the benchmark read it
here. Bundled inputs (snapshot, lookups, fonts) are in `senco.paths`.
"""

from __future__ import annotations

import os
from os import PathLike
from pathlib import Path

RESULTS = "results"
RAW = f"{RESULTS}/raw"
CLEAN = f"{RESULTS}/clean"
INDICATORS = f"{RESULTS}/indicators"
FINDINGS = f"{RESULTS}/findings"
FIGURES = f"{RESULTS}/figures"
BULLETIN = f"{RESULTS}/bulletin"
FACTSHEETS = f"{RESULTS}/factsheets"
LOGS = f"{RESULTS}/logs"
REVISIONS = f"{RESULTS}/revisions"

RAW_CSV = f"{RAW}/senco_la.csv"
PROVENANCE = f"{RAW}/provenance.json"
CLEAN_PARQUET = f"{CLEAN}/senco_la.parquet"
CLEAN_CSV = f"{CLEAN}/senco_la.csv"
VALIDATION_JSON = f"{CLEAN}/validation.json"
# The LAs the lookup gives for a period but the release lacks (header only when none are).
MISSING_LAS_CSV = f"{CLEAN}/missing_las.csv"
INDICATOR_TABLES = ("la_indicators", "aggregates", "definitions", "statistical_neighbours")
# The tables findings cite values from: what make qa and the publication check read back.
CITED_TABLES = ("la_indicators", "aggregates", "statistical_neighbours")
# Findings are written per consumer, so a wording edit reruns only what shows it.
BULLETIN_FINDINGS = f"{FINDINGS}/bulletin.json"
FACTSHEET_FINDINGS = f"{FINDINGS}/factsheets.json"
# Every finding of the build, for a reviewer.
FINDINGS_MD = f"{FINDINGS}/findings.md"
# Written only by a build that publishes, once its data and findings pass (senco.views.release).
PUBLICATION_CHECK = f"{FINDINGS}/publication_check.txt"
BULLETIN_HTML = f"{BULLETIN}/bulletin.html"
BULLETIN_PDF = f"{BULLETIN}/bulletin.pdf"
FACTSHEET_INDEX = f"{FACTSHEETS}/index.html"
# Downloads sit beside the bulletin, so its links to them are relative and work offline.
DOWNLOADS = f"{BULLETIN}/downloads"
DATA_NAME = "senco_derived_statistics"
EES_DATA = f"{DOWNLOADS}/{DATA_NAME}.csv"
EES_META = f"{DOWNLOADS}/{DATA_NAME}.meta.csv"
EES_GUIDANCE = f"{DOWNLOADS}/{DATA_NAME}.guidance.md"  # the data file's guidance, as EES asks
SPREADSHEET = f"{DOWNLOADS}/{DATA_NAME}.xlsx"
FACTSHEET_ZIP = f"{FACTSHEETS}/factsheets.zip"
# What changed since an earlier build (config previous_release; senco.revisions).
REVISIONS_CSV = f"{REVISIONS}/revisions.csv"
REVISIONS_MD = f"{REVISIONS}/revisions.md"
REVISIONS_TABLE = f"{REVISIONS}/revisions.parquet"  # the same, typed, for findings to cite
REVISIONS_FINDINGS = f"{FINDINGS}/revisions.json"  # the bulletin's Revisions section
# The revised figures alone (no findings), for the factsheets' "[r]" marks: rewritten only when
# the indicator tables change, so a wording edit does not reprint every factsheet.
REVISED_FIGURES = f"{REVISIONS}/figures.parquet"
# revisions.csv beside the bulletin, as its download (links there work wherever it is copied).
REVISIONS_DOWNLOAD = f"{DOWNLOADS}/revisions.csv"
# A failed run's one-line errors, as printed last (removed when a run starts).
FAILURE_REPORT = f"{LOGS}/failure.txt"


def indicator_table(name: str, extension: str = "parquet") -> str:
    """`la_indicators` -> results/indicators/la_indicators.parquet."""
    return f"{INDICATORS}/{name}.{extension}"


PHONE_SVG = "phone.svg"  # a chart drawn again at a phone's width, beside its page-width SVG


def chart_findings(chart: str) -> str:
    """What one chart says and marks."""
    return f"{FINDINGS}/charts/{chart}.json"


def bulletin_findings_files(charts: tuple[str, ...]) -> list[str]:
    """What the bulletin shows: its own findings, then its charts'."""
    return [BULLETIN_FINDINGS, *map(chart_findings, charts)]


def findings_files(charts: tuple[str, ...]) -> list[str]:
    """Every findings file, in the order the outputs show them: bulletin, charts, factsheets."""
    return [*bulletin_findings_files(charts), FACTSHEET_FINDINGS]


def figure_file(chart: str, extension: str) -> str:
    """A chart's SVG, PNG or JSON sidecar."""
    return f"{FIGURES}/{chart}.{extension}"


def chart_csv(chart: str) -> str:
    """A chart's data table as CSV, among the downloads."""
    return f"{DOWNLOADS}/charts/{chart}.csv"


def factsheet_dir(region: str) -> str:
    """The folder of one region's factsheets: results/factsheets/<region code>."""
    return f"{FACTSHEETS}/{region}"


def factsheet_name(la_code: str) -> str:
    """An LA's factsheet in its region's folder."""
    return f"{la_code}.pdf"


def factsheet_pdf(region: str, la_code: str) -> str:
    """An LA's factsheet: results/factsheets/<region code>/<new_la_code>.pdf."""
    return f"{factsheet_dir(region)}/{factsheet_name(la_code)}"


def link(target: str | PathLike, from_folder: str | PathLike) -> str:
    """`target` as a relative link from a page in `from_folder`, so the outputs link to each other
    wherever the release is copied."""
    return Path(os.path.relpath(target, from_folder)).as_posix()
