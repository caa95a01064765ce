"""The DfE lookup gives exactly the 153 English LAs of 2024, each with its region."""

from __future__ import annotations

import polars as pl
import pytest

from senco import paths
from senco.errors import InputError
from senco.reference import load_la_reference


@pytest.fixture(scope="module")
def reference() -> pl.DataFrame:
    return load_la_reference(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)


def test_153_single_code_las_by_kind(reference):
    assert reference.height == 153
    kinds = reference.group_by(pl.col("new_la_code").str.slice(0, 3)).len().sort("new_la_code")
    assert kinds.rows() == [("E06", 63), ("E08", 36), ("E09", 33), ("E10", 21)]
    assert reference["new_la_code"].is_unique().all()


@pytest.mark.parametrize(
    ("code", "old", "name", "region"),
    [
        ("E09000001", "201", "City of London", "London"),
        ("E06000053", "420", "Isles of Scilly", "South West"),
        ("E06000063", "942", "Cumberland", "North West"),
        ("E06000064", "943", "Westmorland and Furness", "North West"),
        ("E08000016", "370", "Barnsley", "Yorkshire and The Humber"),
        ("E06000010", "810", "Kingston upon Hull, City of", "Yorkshire and The Humber"),
    ],
)
def test_known_las(reference, code, old, name, region):
    row = reference.filter(pl.col("new_la_code") == code).row(0, named=True)
    assert (row["old_la_code"], row["la_name"], row["region_name"]) == (old, name, region)


def test_combined_and_terminated_rows_are_excluded(reference):
    assert not reference["new_la_code"].str.contains("/").any()
    assert "E10000006" not in reference["new_la_code"].to_list()  # Cumbria, terminated 2023


def test_an_la_whose_region_is_unknown_is_named(tmp_path):
    las = paths.LA_REFERENCE_CSV.read_text().replace(
        "E09000008,Croydon,01/01/2009,,E12000007", "E09000008,Croydon,01/01/2009,,E12000099"
    )
    (tmp_path / "las.csv").write_text(las)
    with pytest.raises(InputError, match="E09000008 has no known region"):
        load_la_reference(tmp_path / "las.csv", paths.REGION_REFERENCE_CSV)
