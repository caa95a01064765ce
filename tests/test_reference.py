"""The DfE lookups: the 153 live English LAs with their regions, and every code an LA has had."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from senco import paths
from senco.core.errors import InputError
from senco.core.reference import (
    current_codes,
    followed,
    followed_layout,
    following,
    in_use_on,
    load_la_reference,
    load_lookup,
    read_la_codes,
)


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
        ("E08000038", "370", "Barnsley", "Yorkshire and The Humber"),
        ("E08000039", "373", "Sheffield", "Yorkshire and The Humber"),
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


def test_a_recoded_la_is_followed_by_its_dfe_number():
    """Barnsley and Sheffield were recoded on 1 May 2025 and kept their DfE numbers."""
    codes = read_la_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    current = current_codes(codes)
    assert current["E08000016"].new_la_code == "E08000038"
    assert current["E08000019"].new_la_code == "E08000039"
    assert current["E08000038"].new_la_code == "E08000038"
    assert current["E10000023"].new_la_code == "E06000065"  # North Yorkshire, unitary in 2023
    assert "E10000006" not in current  # Cumbria (909) was abolished: no live code has 909
    old = next(c for c in codes if c.new_la_code == "E08000016")
    assert (old.valid_from, old.valid_to, old.live) == (date(2009, 1, 1), date(2025, 4, 30), False)


def test_the_codes_in_use_on_a_day_follow_the_lookups_dates():
    codes = read_la_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    in_2024 = {c.new_la_code for c in in_use_on(codes, date(2024, 6, 1))}
    in_2025 = {c.new_la_code for c in in_use_on(codes, date(2025, 6, 1))}
    assert len(in_2024) == len(in_2025) == 153
    assert in_2024 - in_2025 == {"E08000016", "E08000019"}
    assert in_2025 - in_2024 == {"E08000038", "E08000039"}
    assert len(in_use_on(codes, date(2025, 4, 30))) == 153  # the last day of the old codes


def test_the_lookup_table_gives_each_code_its_dates_and_current_la():
    lookup = load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    barnsley = lookup.filter(pl.col("new_la_code") == "E08000016").row(0, named=True)
    assert barnsley["valid_to"] == date(2025, 4, 30)
    assert (barnsley["current_la_code"], barnsley["region_name"]) == (
        "E08000038",
        "Yorkshire and The Humber",
    )


def test_a_list_or_layout_keyed_by_older_codes_follows_them():
    follow = following(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    assert followed(["E08000016", "E08000038", "E09000002", "X"], follow) == [
        "E08000038",
        "E09000002",
        "X",
    ]
    layout = {"source": "s", "local_authorities": {"E08000016": {"name": "Barnsley"}}}
    assert followed_layout(layout, follow) == {
        "source": "s",
        "local_authorities": {"E08000038": {"name": "Barnsley"}},
    }


def test_two_live_codes_with_one_dfe_number_are_refused(tmp_path):
    las = paths.LA_REFERENCE_CSV.read_text().replace(
        "E08000016,Barnsley,01/01/2009,30/04/2025,E12000003,E08,Metropolitan Districts,terminated",
        "E08000016,Barnsley,01/01/2009,,E12000003,E08,Metropolitan Districts,live",
    )
    (tmp_path / "las.csv").write_text(las)
    with pytest.raises(InputError, match="two live LAs share the DfE number .*value '370'"):
        read_la_codes(tmp_path / "las.csv", paths.REGION_REFERENCE_CSV)


def test_a_bad_date_names_the_line(tmp_path):
    las = paths.LA_REFERENCE_CSV.read_text().replace("30/04/2025", "2025-04-30", 1)
    (tmp_path / "las.csv").write_text(las)
    with pytest.raises(InputError, match=r"las\.csv, line \d+, column 'date_of_termination': "
                       r"not a date dd/mm/yyyy \(value '2025-04-30'\)"):  # fmt: skip
        read_la_codes(tmp_path / "las.csv", paths.REGION_REFERENCE_CSV)


def test_a_file_not_in_the_screeners_format_is_named(tmp_path):
    (tmp_path / "regions.csv").write_text("region_code,region_name\nE12000001,North East\n")
    with pytest.raises(InputError, match=r"regions\.csv, line 1: not in the screener's format: "
                       r"no column\(s\) \['new_la_code'\]"):  # fmt: skip
        read_la_codes(paths.LA_REFERENCE_CSV, tmp_path / "regions.csv")
