"""The committed hex map layout, and the converter that made it."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import struct

from senco import paths
from senco.core.reference import followed_layout, following, load_la_reference

spec = importlib.util.spec_from_file_location(
    "convert_hexmap", paths.REPO_ROOT / "scripts" / "convert_hexmap.py"
)
convert_hexmap = importlib.util.module_from_spec(spec)
spec.loader.exec_module(convert_hexmap)


def test_the_layout_has_exactly_the_153_las_of_the_reference():
    layout = json.loads(paths.HEXMAP_LAYOUT.read_text())
    reference = load_la_reference(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    # The layout has 2023 codes: followed to the LAs' live codes, it has every live LA once.
    layout = followed_layout(layout, following(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV))
    assert sorted(layout["local_authorities"]) == reference["new_la_code"].sort().to_list()
    names = dict(zip(reference["new_la_code"], reference["region_name"], strict=True))
    for code, la in layout["local_authorities"].items():
        assert la["region"] == names[code], code
        assert la["polygons"] and all(len(ring) >= 4 for p in la["polygons"] for ring in p)
    assert "Open Parliament Licence" in layout["licence"]


def gpkg_blob(wkb: bytes) -> bytes:
    """A GeoPackage geometry: magic, version, flags (little-endian, no envelope), SRS id."""
    return b"GP\x00\x01" + struct.pack("<i", 27700) + wkb


def multipolygon(rings: list[list[tuple[float, float]]]) -> bytes:
    polygon = struct.pack("<BII", 1, 3, len(rings))
    for ring in rings:
        polygon += struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", *p) for p in ring)
    return struct.pack("<BII", 1, 6, 1) + polygon


def test_the_converter_reads_a_geopackage_with_the_standard_library(tmp_path):
    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.23456), (0.0, 1.0), (0.0, 0.0)]
    database = tmp_path / "tiny.gpkg"
    con = sqlite3.connect(database)
    con.execute(
        f'CREATE TABLE "{convert_hexmap.LA_LAYER}" ("cua-code", "cua-name", "LA-label", '
        '"Group", "RegionNati", geom)'
    )
    con.execute(f'CREATE TABLE "{convert_hexmap.GROUP_LAYER}" ("Group", "RegionNati", geom)')
    con.execute(
        f'CREATE TABLE "{convert_hexmap.LABEL_LAYER}" ("Group", "Group-labe", "LabelPosit", geom)'
    )
    rows = [
        ("E06000001", "Hartlepool", None, "Teesside", "North East"),
        ("W06000001", "Isle of Anglesey", None, "Wales", "Wales"),
    ]
    for row in rows:
        con.execute(
            f'INSERT INTO "{convert_hexmap.LA_LAYER}" VALUES (?, ?, ?, ?, ?, ?)',
            (*row, gpkg_blob(multipolygon([square]))),
        )
    con.execute(
        f'INSERT INTO "{convert_hexmap.GROUP_LAYER}" VALUES (?, ?, ?)',
        ("Teesside", "North East", gpkg_blob(multipolygon([square]))),
    )
    con.execute(
        f'INSERT INTO "{convert_hexmap.LABEL_LAYER}" VALUES (?, ?, ?, ?)',
        ("Teesside", "Tees", "Left", gpkg_blob(struct.pack("<BIdd", 1, 1, 2.5, 3.25))),
    )
    con.commit()
    layout = convert_hexmap.convert(database)
    assert list(layout["local_authorities"]) == ["E06000001"]  # Wales dropped
    hartlepool = layout["local_authorities"]["E06000001"]
    assert hartlepool["polygons"] == [
        [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.235], [0.0, 1.0], [0.0, 0.0]]]
    ]
    assert layout["groups"]["Teesside"]["label_point"] == [2.5, 3.25]
