"""A second analyst's summary of a finished build (`make qa`).

Prints the validation outcome and any warnings, reconciles England's counts with the sum over LAs
and with the raw file itself, re-checks the input's checksum, and checks every finding: each
value a statement cites is recomputed from the indicator tables and formatted again. Exits 1 if
anything disagrees, naming what.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import polars as pl

from .. import layout, published
from ..clean.checks import COUNT_FIELDS
from ..core.fileio import sha256_bytes
from ..findings.charts import CHART_NAMES
from ..findings.check import check as check_findings
from ..findings.read import read_merged
from ..indicators.compute import COUNTS, NATIONAL
from ..indicators.tables import REVISIONS_TABLE


def raw_totals(raw_csv: Path) -> pl.DataFrame:
    """England's counts summed straight from the raw file, by period: an independent route."""
    raw = pl.read_csv(raw_csv, infer_schema=False)
    month = {m: f"{i:02d}" for i, m in enumerate(published.MONTHS, 1)}
    raw = raw.with_columns(
        period=pl.col("time_period").str.strip_chars() + "-"
        + pl.col("time_identifier").str.strip_chars().replace_strict(month, default="??"),
    )  # fmt: skip
    totals = []
    for name, status, column in COUNT_FIELDS:
        totals.append(
            raw.filter(pl.col("status").str.strip_chars() == status)
            .group_by("period")
            .agg(pl.col(column).str.strip_chars().cast(pl.Int64, strict=False).sum().alias(name))
        )
    table = totals[0]
    for part in totals[1:]:
        table = table.join(part, on="period")
    return table.sort("period")


def table_difference(parquet: Path, csv: Path) -> str | None:
    """Where a table's CSV disagrees with its Parquet (read back with the Parquet's types), or
    None; floats compare to their CSV precision."""
    typed = pl.read_parquet(parquet)
    try:
        written = pl.read_csv(csv, schema=typed.schema)
    except (pl.exceptions.PolarsError, OSError) as error:
        return f"unreadable with the Parquet's columns ({str(error).splitlines()[0]})"
    if written.shape != typed.shape:
        return (
            f"{written.height} rows x {written.width} columns, not {typed.height} x {typed.width}"
        )
    for column in typed.columns:
        a, b = typed[column], written[column]
        if a.dtype.is_float():
            same = ((a - b).abs() <= 1e-9 * (1 + a.abs())) | (a.is_null() & b.is_null())
            same = same.fill_null(False) | (a.is_nan() & b.is_nan()).fill_null(False)
        else:
            same = a.eq_missing(b)
        if not same.all():
            row = int(same.not_().arg_true()[0])
            return (
                f"column {column!r}, data row {row + 1}: {b[row]!r} where the Parquet has "
                f"{a[row]!r}"
            )
    return None


def totals_agree(values: list, unknown: bool) -> bool:
    """England's count, the sum over LAs and the raw file's sum agree. England is not given
    (None) exactly when an LA's count is `unknown` (missing or suppressed: a total over fewer
    LAs would understate it), and the LAs present must still sum to the raw file."""
    england, *sums = values
    return (england is None) == unknown and len(set(sums if unknown else values)) == 1


def missing_outputs(results: Path) -> list[str]:
    """What the summary reads that the build has not written (a failed or partial build)."""
    needed = [layout.PROVENANCE, layout.RAW_CSV, layout.VALIDATION_JSON, layout.CLEAN_PARQUET,
              layout.CLEAN_CSV, *layout.findings_files(CHART_NAMES)]  # fmt: skip
    needed += [layout.indicator_table(name, kind)
               for name in (*layout.INDICATOR_TABLES, "caveats", "definitions")
               for kind in ("parquet", "csv")]  # fmt: skip
    return [path for path in dict.fromkeys(needed) if not (results.parent / path).is_file()]


def summarise(results: Path) -> tuple[list[str], bool]:
    """The report's lines and whether everything agrees."""
    lines: list[str] = []
    ok = True

    def output(relative: str) -> Path:
        """An output under `results` (the layout names it relative to the working directory)."""
        return results.parent / relative

    provenance = json.loads(output(layout.PROVENANCE).read_text())
    raw = output(layout.RAW_CSV)
    actual = sha256_bytes(raw.read_bytes())
    same = actual == provenance["sha256"]
    ok &= same
    synthetic = "yes - not official statistics" if provenance["synthetic"] else "no"
    lines += [
        "Input",
        f"  source: {provenance['source']} {provenance.get('url') or provenance.get('path')}",
        f"  retrieved: {provenance['retrieved_at']}",
        f"  sha256: {actual} ({'matches' if same else 'DOES NOT MATCH'} provenance.json)",
        f"  synthetic sample data: {synthetic}",
        "",
    ]  # fmt: skip
    validation = json.loads(output(layout.VALIDATION_JSON).read_text())
    summary = validation["summary"]
    ok &= validation["outcome"] != "fail"
    lines += [
        f"Validation: {validation['outcome']} ({summary['pass']} passed, {summary['warn']} "
        f"warnings, {summary['fail']} failed, {summary['info']} for information)",
    ]
    for check in validation["checks"]:
        if check["outcome"] in ("warn", "fail"):
            lines.append(f"  {check['outcome'].upper()} {check['name']}: {check['description']}")
            lines += [f"    {detail}" for detail in check["details"]]
    lines.append("")
    # Each table is written twice, Parquet for code and CSV for people: a reviewer may read
    # either, so the two must hold the same values.
    lines.append("Each table's CSV against its Parquet")
    pairs = [(layout.CLEAN_PARQUET, layout.CLEAN_CSV)] + [
        (layout.indicator_table(name), layout.indicator_table(name, "csv"))
        for name in (*layout.INDICATOR_TABLES, "caveats")
    ]
    for parquet, csv in pairs:
        difference = table_difference(output(parquet), output(csv))
        ok &= difference is None
        lines.append(
            f"  {csv}: " + ("same values" if difference is None else f"DIFFERS: {difference}")
        )
    lines.append("")
    la = pl.read_parquet(output(layout.indicator_table("la_indicators")))
    areas = pl.read_parquet(output(layout.indicator_table("aggregates")))
    england = areas.filter(pl.col("geographic_level") == NATIONAL).sort("period")
    summed = la.group_by("period").agg(pl.col(c).sum() for c in COUNTS).sort("period")
    from_raw = raw_totals(raw)
    lines.append("Reconciliation of England with the sum over LAs and with the raw file")
    for period in england["period"].to_list():
        in_period = la.filter(pl.col("period") == period)
        for count in COUNTS:
            values = [
                frame.filter(pl.col("period") == period)[count][0]
                for frame in (england, summed, from_raw)
            ]
            unknown = in_period[count].null_count() > 0
            agree = totals_agree(values, unknown)
            ok &= agree
            lines.append(
                f"  {period} {count}: England "
                + ("not given (an LA missing or a count suppressed)" if unknown else str(values[0]))
                + f", sum of LAs {values[1]}, raw file {values[2]} {'ok' if agree else 'MISMATCH'}"
            )
    checked_lines, agree = findings_checked(results, la, areas)
    ok &= agree
    lines += checked_lines
    lines += ["", "All checks agree." if ok else "SOMETHING DISAGREES: see above."]
    return lines, ok


def findings_checked(
    results: Path, la: pl.DataFrame, areas: pl.DataFrame
) -> tuple[list[str], bool]:
    """Every findings file's cited values recomputed from the indicator tables."""
    findings_paths = [results.parent / path for path in layout.findings_files(CHART_NAMES)]
    definitions = pl.read_parquet(results.parent / layout.indicator_table("definitions"))
    frames = {"la_indicators": la, "aggregates": areas}
    frames |= {name: pl.read_parquet(results.parent / layout.indicator_table(name))
               for name in layout.CITED_TABLES if name not in frames}  # fmt: skip
    # A build compared with an earlier one: its Revisions section cites the revisions table. A
    # revisions file older than the findings it compared is an earlier build's: not this one's.
    revisions = results.parent / layout.REVISIONS_FINDINGS
    bulletin = results.parent / layout.BULLETIN_FINDINGS
    if revisions.is_file() and revisions.stat().st_mtime >= bulletin.stat().st_mtime:
        findings_paths.append(revisions)
        frames[REVISIONS_TABLE] = pl.read_parquet(results.parent / layout.REVISIONS_TABLE)
    found = read_merged(findings_paths)
    checked, problems = check_findings(found, frames, definitions)
    lines = ["", f"Findings: {len(found['findings'])} in {len(findings_paths)} files under "
              f"{results.parent / layout.FINDINGS}, {checked} cited values "
              f"recomputed from the indicator tables"]  # fmt: skip
    lines += [f"  MISMATCH {problem}" for problem in problems] or ["  every cited value agrees"]
    return lines, not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, nargs="?", default=Path("results"))
    args = parser.parse_args(argv)
    missing = missing_outputs(args.results)
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        print(f"error: {args.results} holds an incomplete build (no {missing[0]}{more}): run "
              "`make build` first", file=sys.stderr)  # fmt: skip
        return 1
    lines, ok = summarise(args.results)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
