"""Convert the House of Commons Library hex cartogram (GeoPackage) into a compact JSON resource.

Run once, by hand, when the layout changes:

    python scripts/convert_hexmap.py ../shared/reference/hocl_LocalAuthorities-uppertier-2023.gpkg \
        resources/hexmap/utla_2023.json

A GeoPackage is SQLite with each geometry stored as a small header plus OGC well-known binary, so
the standard library reads it; the pipeline then needs no GIS library at run time. Only English
LAs (E-codes) are kept, with their hex polygons, label, group and region, plus the outlines and
label points of the library's county/area groups.
"""

from __future__ import annotations

import json
import sqlite3
import struct
import sys
from pathlib import Path

LA_LAYER = "LocalAuthorities-uppertier 2023 version — 7 UTLA-2023"
GROUP_LAYER = "LocalAuthorities-uppertier 2023 version — 2 Group 2023"
LABEL_LAYER = "LocalAuthorities-uppertier 2023 version — 1 Group labels"
ENGLISH_REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}
DECIMALS = 3
ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def wkb_from_gpkg(blob: bytes) -> bytes:
    """Strip the GeoPackage binary header (magic, version, flags, srs id, envelope)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    envelope = ENVELOPE_BYTES[(blob[3] >> 1) & 0b111]
    return blob[8 + envelope :]


def parse_wkb(wkb: bytes) -> tuple[str, list]:
    """(type, coordinates) for POINT, POLYGON or MULTIPOLYGON well-known binary."""
    geometry, _ = _parse(wkb, 0)
    return geometry


def _parse(wkb: bytes, offset: int):
    order = "<" if wkb[offset] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", wkb, offset + 1)
    offset += 5
    if kind == 1:
        x, y = struct.unpack_from(order + "dd", wkb, offset)
        return ("Point", [x, y]), offset + 16
    if kind == 3:
        rings, offset = _rings(wkb, offset, order)
        return ("Polygon", rings), offset
    if kind == 6:
        (count,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        polygons = []
        for _ in range(count):
            (_, rings), offset = _parse(wkb, offset)
            polygons.append(rings)
        return ("MultiPolygon", polygons), offset
    raise ValueError(f"unsupported WKB geometry type {kind}")


def _rings(wkb: bytes, offset: int, order: str):
    (count,) = struct.unpack_from(order + "I", wkb, offset)
    offset += 4
    rings = []
    for _ in range(count):
        (points,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        flat = struct.unpack_from(order + "d" * (2 * points), wkb, offset)
        offset += 16 * points
        rings.append(
            [
                [round(flat[i], DECIMALS), round(flat[i + 1], DECIMALS)]
                for i in range(0, len(flat), 2)
            ]
        )
    return rings, offset


def convert(gpkg: Path) -> dict:
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    las = {}
    for code, name, label, group, region, blob in con.execute(
        f'SELECT "cua-code", "cua-name", "LA-label", "Group", "RegionNati", geom FROM "{LA_LAYER}" '
        'WHERE "cua-code" LIKE \'E%\' ORDER BY "cua-code"'
    ):
        kind, polygons = parse_wkb(wkb_from_gpkg(blob))
        if kind != "MultiPolygon":
            raise ValueError(f"{code}: expected a MultiPolygon, found {kind}")
        las[code] = {
            "name": name,
            "label": label,
            "group": group,
            "region": region,
            "polygons": polygons,
        }
    groups = {}
    for group, region, blob in con.execute(
        f'SELECT "Group", "RegionNati", geom FROM "{GROUP_LAYER}" ORDER BY "Group"'
    ):
        if region in ENGLISH_REGIONS:
            groups[group] = {"region": region, "polygons": parse_wkb(wkb_from_gpkg(blob))[1]}
    for group, short, position, blob in con.execute(
        f'SELECT "Group", "Group-labe", "LabelPosit", geom FROM "{LABEL_LAYER}"'
    ):
        if group in groups:
            x, y = parse_wkb(wkb_from_gpkg(blob))[1]
            groups[group].update(
                label=short,
                label_point=[round(x, DECIMALS), round(y, DECIMALS)],
                label_position=position,
            )
    return {
        "source": (
            "House of Commons Library, uk-hex-cartograms-noncontiguous, "
            "geopackages/LocalAuthorities-uppertier-2023.gpkg"
        ),
        "licence": "Open Parliament Licence v3.0",
        "layer": LA_LAYER,
        "local_authorities": las,
        "groups": dict(sorted(groups.items())),
    }


def main(argv: list[str]) -> None:
    source, target = Path(argv[0]), Path(argv[1])
    layout = convert(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(layout, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"wrote {target}: {len(layout['local_authorities'])} LAs, {len(layout['groups'])} groups")


if __name__ == "__main__":
    main(sys.argv[1:])
