"""Which current LAs the programme targeted: the 2022 list mapped to 2024 LA codes.

The list is the 76 LA names in the written answer to UIN 137391 (14 March 2022), as published.
Four names are not current DfE LA names; the others match a current LA exactly. The mapping is
written to `resources/reference/senco_targeted_la_codes.csv` by
`python -m senco.indicators.targeted`, and a test checks that the committed file is what this
module makes.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import polars as pl

from .. import paths
from ..core.errors import SencoError
from ..core.reference import LaCode, followed, la_numbers, load_la_reference

# Published 2022 name -> (current LA codes, why the name differs from the current one).
RENAMED: dict[str, tuple[tuple[str, ...], str]] = {
    "Cumbria": (
        ("E06000063", "E06000064"),
        "Cumbria County Council was replaced on 1 April 2023 by Cumberland and by Westmorland "
        "and Furness, which together cover the same area",
    ),
    "Northamptonshire": (
        ("E06000061", "E06000062"),
        "Northamptonshire County Council was replaced on 1 April 2021 by North Northamptonshire "
        "and West Northamptonshire, which together cover the same area",
    ),
    "Durham": (("E06000047",), "published as 'Durham'; DfE names the LA 'County Durham'"),
    "Herefordshire": (
        ("E06000019",),
        "published as 'Herefordshire'; DfE names the LA 'Herefordshire, County of'",
    ),
}
# Names that match a current LA whose code changed when it became a unitary authority.
SAME_AREA_NEW_CODE: dict[str, str] = {
    "Buckinghamshire": "unitary authority since 1 April 2020 (code E06000060; same area)",
    "North Yorkshire": "unitary authority since 1 April 2023 (code E06000065; same area)",
    "Somerset": "unitary authority since 1 April 2023 (code E06000066; same area)",
}
EXPECTED_CODES = 78


def map_targeted_names(names: list[str], reference: pl.DataFrame) -> pl.DataFrame:
    """One row per current LA: the published name it comes from, its code and current name."""
    current = dict(zip(reference["la_name"], reference["new_la_code"], strict=True))
    rows = []
    for name in names:
        if name in RENAMED:
            codes, note = RENAMED[name]
        elif name in current:
            codes, note = (current[name],), SAME_AREA_NEW_CODE.get(name, "same name")
        else:
            raise SencoError(f"targeted LA {name!r} matches no current LA and has no mapping")
        rows += [(name, code, note) for code in codes]
    mapped = pl.DataFrame(
        rows, schema=["la_name_as_published", "new_la_code", "mapping_note"], orient="row"
    )
    mapped = mapped.join(
        reference.select("new_la_code", "la_name"), on="new_la_code", how="left"
    ).select("la_name_as_published", "new_la_code", "la_name", "mapping_note")
    unknown = mapped.filter(pl.col("la_name").is_null())
    if unknown.height:
        raise SencoError(f"targeted LA code {unknown['new_la_code'][0]} is not a current LA")
    if mapped["new_la_code"].is_duplicated().any():
        raise SencoError("two published names map to the same current LA")
    return mapped.sort("new_la_code")


def build_lookup(
    las_csv: str | Path = paths.LA_REFERENCE_CSV,
    region_csv: str | Path = paths.REGION_REFERENCE_CSV,
) -> pl.DataFrame:
    published_names = pl.read_csv(paths.TARGETED_NAMES_CSV)["la_name_as_published"].to_list()
    reference = load_la_reference(las_csv, region_csv)
    return map_targeted_names(published_names, reference)


def render_lookup(lookup: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    lookup.write_csv(buffer)
    return buffer.getvalue()


def load_targeted_codes(path: str | Path) -> pl.DataFrame:
    """The committed lookup, checked: 78 distinct current codes."""
    lookup = pl.read_csv(path, infer_schema=False)
    if lookup.height != EXPECTED_CODES or lookup["new_la_code"].is_duplicated().any():
        raise SencoError(
            f"{path}: expected {EXPECTED_CODES} distinct LA codes, found "
            f"{lookup['new_la_code'].n_unique()}; regenerate with "
            "`python -m senco.indicators.targeted`"
        )
    return lookup


def targeted_in_release(
    clean: pl.DataFrame, listed: list[str], follow: dict[str, str], bundled: list[LaCode]
) -> list[str]:
    """The release's codes of the targeted LAs: each listed code followed to its live code by
    the configured lookup (`follow`), and every LA of the release (`clean`) with the DfE number
    a listed code has in the bundled lookup (`bundled`). The number survives a recode, so a
    release coded under an older lookup (Barnsley still E08000016, the list's E08000038
    unknown to it) keeps its targeted LAs instead of silently dropping them."""
    numbers = la_numbers(set(listed), bundled)
    by_number = clean.filter(pl.col("old_la_code").is_in(sorted(numbers)))["new_la_code"]
    return sorted(set(followed(listed, follow)) | set(by_number.to_list()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=paths.TARGETED_CODES_CSV)
    args = parser.parse_args(argv)
    lookup = build_lookup()
    args.out.write_bytes(render_lookup(lookup))
    print(
        f"wrote {args.out}: {lookup.height} LA codes from "
        f"{lookup['la_name_as_published'].n_unique()} names"
    )


if __name__ == "__main__":
    main()
