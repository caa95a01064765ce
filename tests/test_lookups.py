"""`make refresh-lookups`: newer screener lookups replace the bundled ones, with provenance."""

from __future__ import annotations

import json
import shutil
import subprocess

import polars as pl
import pytest

from senco import paths
from senco.core.errors import InputError
from senco.tools.lookups import PROVENANCE_FILE, git_blob, main, refresh_lookups

# The bundled las.csv before the screener recorded Barnsley's and Sheffield's 2025 codes.
BARNSLEY_2025 = "E08000038,Barnsley,01/05/2025,,E12000003,E08,Metropolitan Districts,live,370\n"
SHEFFIELD_2025 = "E08000039,Sheffield,01/05/2025,,E12000003,E08,Metropolitan Districts,live,373\n"


def older_las() -> str:
    text = paths.LA_REFERENCE_CSV.read_text(encoding="utf-8")
    for name, code in (("Barnsley", "E08000016"), ("Sheffield", "E08000019")):
        text = text.replace(f"{code},{name},01/01/2009,30/04/2025,E12000003,E08,Metropolitan "
                            "Districts,terminated", f"{code},{name},01/01/2009,,E12000003,E08,"
                            "Metropolitan Districts,live")  # fmt: skip
    return text.replace(BARNSLEY_2025, "").replace(SHEFFIELD_2025, "")


@pytest.fixture
def reference_dir(tmp_path):
    """A reference folder holding the older lookups."""
    folder = tmp_path / "reference"
    folder.mkdir()
    (folder / "las.csv").write_text(older_las(), encoding="utf-8")
    shutil.copy(paths.REGION_REFERENCE_CSV, folder / "region_la_hierarchy.csv")
    return folder


def test_refreshing_copies_the_files_byte_for_byte_and_records_what_changed(reference_dir):
    record = refresh_lookups(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV, reference_dir,
                             "abc123", clock=lambda: "2026-01-01T00:00:00Z")  # fmt: skip
    for source in (paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV):
        assert (reference_dir / source.name).read_bytes() == source.read_bytes()
    assert record["changes"] == [
        "changed E08000016: now Barnsley (370) from 01/01/2009 to 30/04/2025, terminated",
        "changed E08000019: now Sheffield (373) from 01/01/2009 to 30/04/2025, terminated",
        "added E08000038 Barnsley (370) from 01/05/2025",
        "added E08000039 Sheffield (373) from 01/05/2025",
    ]
    assert record["live_las"] == 153 and record["regions"] == 9
    assert json.loads((reference_dir / PROVENANCE_FILE).read_text()) == record
    # The git blob lets a reviewer check the copy against the screener's commit.
    blob = subprocess.run(["git", "hash-object", str(paths.LA_REFERENCE_CSV)], check=True,
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    assert (
        record["files"]["las.csv"]["git_blob"]
        == blob
        == git_blob(paths.LA_REFERENCE_CSV.read_bytes())
    )
    # The targeted LAs' codes are remade from the new lookup: Barnsley under its 2025 code.
    targeted = pl.read_csv(reference_dir / "senco_targeted_la_codes.csv", infer_schema=False)
    assert "E08000038" in targeted["new_la_code"].to_list()
    assert "E08000016" not in targeted["new_la_code"].to_list()


def test_the_bundled_provenance_matches_the_bundled_files():
    record = json.loads((paths.REFERENCE_DIR / PROVENANCE_FILE).read_text())
    for name, facts in record["files"].items():
        assert git_blob((paths.REFERENCE_DIR / name).read_bytes()) == facts["git_blob"]


def test_a_broken_lookup_is_refused_and_nothing_is_replaced(reference_dir, tmp_path):
    broken = tmp_path / "las.csv"
    broken.write_text(older_las().replace("01/01/2009", "2009-01-01", 1), encoding="utf-8")
    before = (reference_dir / "las.csv").read_bytes()
    with pytest.raises(InputError, match="not a date dd/mm/yyyy"):
        refresh_lookups(broken, paths.REGION_REFERENCE_CSV, reference_dir)
    assert (reference_dir / "las.csv").read_bytes() == before
    assert not (reference_dir / PROVENANCE_FILE).exists()


def test_the_command_is_one_line_on_a_missing_file(reference_dir, capsys):
    assert main(["missing.csv", str(paths.REGION_REFERENCE_CSV), "--reference-dir",
                 str(reference_dir)]) == 1  # fmt: skip
    assert capsys.readouterr().err == "error: no such file 'missing.csv'\n"
