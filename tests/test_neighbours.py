"""DfE's statistical neighbour groups: read through DfE's LA numbers, checked, and refused in one
line naming the file and line when they are not ten live LAs for each live LA."""

from __future__ import annotations

import pytest

from senco import paths
from senco.core.errors import InputError
from senco.core.neighbours import CLOSENESS, GROUP_SIZE, read_neighbours
from senco.core.reference import live_codes
from workflow_runs import error_lines, snakemake

LIVE = live_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
HEADER, *ROWS = paths.STATISTICAL_NEIGHBOURS_CSV.read_text(encoding="utf-8").splitlines()
BARNSLEY = "370"


def test_every_live_la_has_ten_live_neighbours_closest_first():
    groups = read_neighbours(paths.STATISTICAL_NEIGHBOURS_CSV, LIVE)
    assert set(groups) == {code.old_la_code for code in LIVE} and len(groups) == 153
    for number, group in groups.items():
        assert [n.rank for n in group] == list(range(1, GROUP_SIZE + 1)), number
        assert number not in {n.neighbour_number for n in group}
        assert {n.closeness for n in group} <= set(CLOSENESS)
    # Barnsley keeps its group across its 2025 recode: it is keyed by its DfE number.
    barnsley = {code.new_la_code for code in LIVE if code.old_la_code == BARNSLEY}
    assert barnsley == {"E08000038"} and len(groups[BARNSLEY]) == GROUP_SIZE


def first(rows: list[str], number: str) -> int:
    return next(i for i, row in enumerate(rows) if row.startswith(f"{number},"))


def edited(kind: str) -> list[str]:
    rows = list(ROWS)
    at = first(rows, BARNSLEY)  # Barnsley's first neighbour, line at + 2 of the file
    fields = rows[at].split(",")
    if kind == "missing LA":
        return [row for row in rows if not row.startswith(f"{BARNSLEY},")]
    if kind == "nine":
        return rows[:at] + rows[at + 1 :]
    if kind == "eleven":
        extra = fields[:3] + ["11"] + fields[4:]
        return rows[: at + 1] + [",".join(extra)] + rows[at + 1 :]
    if kind == "duplicate":
        rows[at + 1] = ",".join(rows[at + 1].split(",")[:4] + fields[4:])
        return rows
    replaced = {"self": (4, BARNSLEY), "unknown": (4, "999"), "closeness": (5, "Rather close"),
                "rank": (3, "0")}[kind]  # fmt: skip
    fields[replaced[0]] = replaced[1]
    rows[at] = ",".join(fields)
    return rows


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("missing LA", r"neighbours.csv: Barnsley \(370\) has 0 neighbours, not 10"),
        ("nine", r"Barnsley \(370\) has 9 neighbours, not 10"),
        ("eleven", r"not a neighbour rank from 1 to 10"),
        ("duplicate", r"line \d+, column 'neighbour_old_la_code': a neighbour listed twice"),
        ("self", r"column 'neighbour_old_la_code': an LA is its own neighbour"),
        ("unknown", r"column 'neighbour_old_la_code': not the DfE number of a live LA"),
        ("closeness", r"column 'closeness': not one of DfE's closeness bands"),
        ("rank", r"column 'neighbour_rank': not a neighbour rank from 1 to 10"),
    ],
)
def test_a_bad_group_is_one_line_naming_the_file(tmp_path, kind, message):
    path = tmp_path / "neighbours.csv"
    path.write_text("\n".join([HEADER, *edited(kind)]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_neighbours(path, LIVE)
    assert str(caught.value).startswith(f"{path}") and "\n" not in str(caught.value)


def test_a_groups_file_not_in_utf8_is_one_line(tmp_path):
    path = tmp_path / "neighbours.csv"
    text = "\n".join([HEADER, *ROWS]).replace("Barnsley", "Barnsléy", 1)
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(InputError, match=r"line \d+: is not UTF-8 \(byte 0xE9\)"):
        read_neighbours(path, LIVE)


@pytest.mark.pipeline
def test_the_workflow_refuses_a_bad_groups_file_before_anything_runs(tmp_path):
    path = tmp_path / "neighbours.csv"
    path.write_text("\n".join([HEADER, *edited("self")]) + "\n", encoding="utf-8")
    run = snakemake(tmp_path, f"statistical_neighbours={path}")
    assert run.returncode != 0
    lines = error_lines(run)
    assert len(lines) == 1 and "an LA is its own neighbour" in lines[0], run.stderr
    assert not (tmp_path / "results").exists()


def test_refreshing_the_groups_checks_the_file_first_and_says_what_changed(tmp_path, capsys):
    from senco.tools.neighbours import main

    target = tmp_path / "groups.csv"
    target.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([HEADER, *edited("self")]) + "\n", encoding="utf-8")
    assert main([str(bad), "--target", str(target)]) == 1
    assert "an LA is its own neighbour" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "\n".join([HEADER, *ROWS]) + "\n"  # untouched
    rows = list(ROWS)
    at = first(rows, BARNSLEY)
    rows[at] = rows[at].replace(rows[at].split(",")[-1], "Not close")
    newer = tmp_path / "newer.csv"
    newer.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert main([str(newer), "--target", str(target)]) == 0
    out = capsys.readouterr().out
    changed = [line for line in out.splitlines() if line.startswith(f"{BARNSLEY}: now ")]
    assert len(changed) == 1 and "(Not close)" in changed[0]
    assert target.read_bytes() == newer.read_bytes()
