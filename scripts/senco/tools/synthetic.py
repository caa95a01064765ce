"""Generate the synthetic snapshot: the published schema and conventions, made-up numbers.

The real release cannot be downloaded on the build machines, so the bundled snapshot is made here
from a fixed seed. It has the published columns in the published order, the 153 LAs of the DfE
reference lookup, the three statuses, June and November 2024 (918 rows) and `x` for practitioners
on the total rows. The five rows shown on the data set page are kept exactly as published; every
other number is invented, and the manifest marks the file `synthetic: true`.

Run `python -m senco.tools.synthetic` (or `make synthetic-snapshot`) to regenerate it byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
from datetime import date
from pathlib import Path

from .. import paths, published
from ..acquire.snapshot import write_snapshot
from ..core.reference import in_use_on, read_la_codes

SEED = 20250717
GENERATED_AT = "2026-11-22T00:00:00Z"
SNAPSHOT_FILE = "senco_la_synthetic.csv"
PERIODS = (("2024", "June"), ("2024", "November"))

# The rows on the data set page, as published (June 2024). Barnet's total row is not shown there.
REAL_ROWS_CSV = """\
2024,June,Local authority,E92000001,England,301,E09000002,Barking and Dagenham,Registered,13,14
2024,June,Local authority,E92000001,England,301,E09000002,Barking and Dagenham,Completed,3,3
2024,June,Local authority,E92000001,England,301,E09000002,Barking and Dagenham,Total local authority settings,169,x
2024,June,Local authority,E92000001,England,302,E09000003,Barnet,Registered,34,35
2024,June,Local authority,E92000001,England,302,E09000003,Barnet,Completed,13,13
"""
REAL_ROWS: tuple[tuple[str, ...], ...] = tuple(
    tuple(row) for row in csv.reader(io.StringIO(REAL_ROWS_CSV))
)

# Typical number of eligible settings (childminders and group-based settings) by kind of LA,
# chosen so that England has about 50,000, as Ofsted's counts suggest.
TYPICAL_SETTINGS = {"E06": 240, "E08": 330, "E09": 210, "E10": 900}
# The two smallest LAs have only a handful of settings.
SMALL_LAS = {"E09000001": 12, "E06000053": 6}


def _lognormal_around(rng: random.Random, median: float, spread: float) -> float:
    return median * math.exp(rng.gauss(0.0, spread))


def _la_counts(rng: random.Random, code: str) -> dict[str, dict[str, int]]:
    """Counts for one LA in both periods, obeying completed <= registered <= total."""
    total = SMALL_LAS.get(code) or max(
        30, round(_lognormal_around(rng, TYPICAL_SETTINGS[code[:3]], 0.45))
    )
    registered_share = min(0.40, max(0.03, _lognormal_around(rng, 0.11, 0.45)))
    settings_registered = max(1, round(total * registered_share))
    extra_practitioners = rng.randint(0, max(1, round(settings_registered * 0.12)))
    practitioners_registered = settings_registered + extra_practitioners
    june_share = min(0.7, max(0.05, rng.gauss(0.30, 0.10)))
    november_share = min(0.95, june_share + max(0.05, rng.gauss(0.25, 0.08)))
    counts = {}
    for month, share in (("June", june_share), ("November", november_share)):
        settings_completed = min(settings_registered, round(settings_registered * share))
        practitioners_completed = min(
            practitioners_registered,
            settings_completed + round(extra_practitioners * share),
        )
        counts[month] = {
            "settings_total": total,
            "settings_registered": settings_registered,
            "settings_completed": settings_completed,
            "practitioners_registered": practitioners_registered,
            "practitioners_completed": practitioners_completed,
        }
    return counts


def _keep_real_rows(counts: dict[str, dict[str, dict[str, int]]]) -> None:
    """Overwrite the generated June numbers with the published ones, keeping November consistent."""
    published_counts: dict[str, dict[str, int]] = {}
    for row in REAL_ROWS:
        code, status, settings, practitioners = row[6], row[8], row[9], row[10]
        la = published_counts.setdefault(code, {})
        if status == published.STATUS_TOTAL:
            la["settings_total"] = int(settings)
        else:
            stem = status.lower()
            la[f"settings_{stem}"] = int(settings)
            la[f"practitioners_{stem}"] = int(practitioners)
    for code, real in published_counts.items():
        june, november = counts[code]["June"], counts[code]["November"]
        june.update(real)
        june["settings_total"] = max(june["settings_total"], june["settings_registered"])
        november_gain = max(1, round(june["settings_registered"] * 0.2))
        november.update(
            settings_total=june["settings_total"],
            settings_registered=june["settings_registered"],
            practitioners_registered=june["practitioners_registered"],
            settings_completed=min(
                june["settings_registered"], june["settings_completed"] + november_gain
            ),
            practitioners_completed=min(
                june["practitioners_registered"], june["practitioners_completed"] + november_gain
            ),
        )


def generate_rows(seed: int = SEED) -> list[tuple[str, ...]]:
    """The 918 synthetic rows, in the published column order, June then November, by LA name."""
    # The codes in use in 2024, as a 2024 release has them (Barnsley's recode came in 2025).
    codes = in_use_on(read_la_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV),
                      date(int(PERIODS[0][0]), 6, 1))  # fmt: skip
    rng = random.Random(seed)
    las = [(c.new_la_code, c.old_la_code, c.la_name) for c in codes]
    counts = {code: _la_counts(rng, code) for code, _, _ in las}
    _keep_real_rows(counts)
    rows = []
    for time_period, month in PERIODS:
        for code, old_code, name in sorted(las, key=lambda la: la[2]):
            la = counts[code][month]
            identity = (
                time_period,
                month,
                published.GEOGRAPHIC_LEVEL,
                published.COUNTRY_CODE,
                published.COUNTRY_NAME,
                old_code,
                code,
                name,
            )
            rows.append(
                (
                    *identity,
                    published.STATUS_REGISTERED,
                    str(la["settings_registered"]),
                    str(la["practitioners_registered"]),
                )
            )
            rows.append(
                (
                    *identity,
                    published.STATUS_COMPLETED,
                    str(la["settings_completed"]),
                    str(la["practitioners_completed"]),
                )
            )
            rows.append(
                (
                    *identity,
                    published.STATUS_TOTAL,
                    str(la["settings_total"]),
                    published.SYMBOL_NOT_AVAILABLE,
                )
            )
    return rows


def render_csv(rows: list[tuple[str, ...]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(published.PUBLISHED_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out-dir", type=Path, default=paths.SNAPSHOT_DIR)
    args = parser.parse_args(argv)
    manifest = write_snapshot(
        args.out_dir,
        render_csv(generate_rows(args.seed)),
        file_name=SNAPSHOT_FILE,
        origin_url=None,
        retrieved_at=GENERATED_AT,
        synthetic=True,
        extra={
            "generated_by": f"python -m senco.tools.synthetic --seed {args.seed}",
            "schema_source": published.DATA_SET_PAGE_URL,
            "note": (
                "SYNTHETIC SAMPLE DATA, NOT OFFICIAL STATISTICS: the published schema and LA codes "
                "with invented counts; only the five rows shown on the data set page are real."
            ),
        },
    )
    print(
        f"wrote {args.out_dir / SNAPSHOT_FILE}: {manifest['rows']} rows, "
        f"sha256 {manifest['sha256']}"
    )


if __name__ == "__main__":
    main()
