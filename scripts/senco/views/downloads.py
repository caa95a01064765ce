"""The derived statistics as files a reader can download, beside the bulletin: the EES data
file and its `.meta.csv` (senco.views.ees) and the accessible spreadsheet
(senco.views.spreadsheet). Every chart's data table is written with its chart (figures.output).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ..core.fileio import atomic_path, write_text_atomic
from .ees import data_columns, data_guidance, ees_data, ees_meta, to_csv
from .release import Release, release_from
from .spreadsheet import (
    caveat_texts,
    spreadsheet_cover,
    spreadsheet_notes,
    spreadsheet_sheets,
    write_spreadsheet,
)


def write_all(
    la: pl.DataFrame,
    areas: pl.DataFrame,
    definitions: pl.DataFrame,
    caveats: pl.DataFrame,
    synthetic: bool,
    data: Path,
    meta: Path,
    guidance: Path,
    spreadsheet: Path,
    small_base_min: int,
    release: Release | None = None,
    groups: pl.DataFrame | None = None,
) -> int:
    """Every download but the charts' tables (written with each chart), at the paths given
    (the data file's rows are returned for the log)."""
    release = release or release_from({})
    texts = caveat_texts(caveats)
    rows = ees_data(la, areas, definitions)
    write_text_atomic(data, to_csv(rows, data_columns(definitions)))
    write_text_atomic(meta, to_csv(ees_meta(definitions)))
    write_text_atomic(guidance, data_guidance(rows, definitions, texts, small_base_min,
                                              synthetic, release.draft))  # fmt: skip
    with atomic_path(spreadsheet) as temporary:
        write_spreadsheet(
            Path(temporary),
            spreadsheet_cover(synthetic, sorted(la["period"].unique().to_list()), release),
            spreadsheet_notes(synthetic, small_base_min, texts),
            spreadsheet_sheets(rows, definitions, groups),
        )
    return len(rows)
