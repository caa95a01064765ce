"""Reading the PDFs the tests check: each page's text (PDFium), and an independent PDF/UA-1
check, pdfua (PyPI, built on pikepdf) with nothing allowed.

pdfua 0.1.3 cannot evaluate its empty-heading rule (UA-14-001) on files whose heading content is
an array (it asks a pikepdf Array for `is_integer`), so that rule is skipped there; this module
checks the same thing itself, so no rule goes unchecked.
"""

from __future__ import annotations

from pathlib import Path

import pdfua
import pikepdf

from senco.views.pdf_tags import struct_elements

PDFUA_CANNOT_EVALUATE = {"UA-14-001"}


def page_texts(pdf: Path) -> list[str]:
    """The text of each page as PDFium extracts it, with runs of whitespace made one space."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def marks_content(node) -> bool:
    kid = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kid is None:
        return False
    if isinstance(kid, int):
        return True
    if isinstance(kid, pikepdf.Dictionary):
        return kid.get("/Type") == "/MCR" or marks_content(kid)
    return any(isinstance(item, int) or marks_content(item) for item in kid)


def empty_headings(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [
            str(element.S)
            for element in struct_elements(pdf.Root.StructTreeRoot.K)
            if str(element.S) in {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}
            and not marks_content(element)
        ]


def pdf_ua_problems(path: Path) -> list[str]:
    """Every finding (error, warning or info) and every rule that could not be evaluated."""
    report = pdfua.validate(str(path))
    problems = [f"{f.rule_id}: {f.message}" for f in report.findings]
    for outcome in report.skipped:
        if outcome.rule_id not in PDFUA_CANNOT_EVALUATE:
            problems.append(f"{outcome.rule_id} skipped: {outcome.skipped_reason}")
    problems += [f"empty heading {role}" for role in empty_headings(path)]
    return problems


MM = 72 / 25.4  # points in a millimetre


def text_layout(pdf: Path, margins_mm: tuple[float, float, float, float]) -> list[dict]:
    """Each page's text inside its margins (top, right, bottom, left, in mm, as the CSS @page
    gives them): how far down the text column it reaches (0 to 1), the first words at the top
    of the column, and any text that crosses the column's left or right edge. Running headers
    and footers, in the margins, are left out."""
    import pypdfium2

    top, right, bottom, left = (side * MM for side in margins_mm)
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    try:
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            lowest, first, crossing = height - top, [], []
            for index in range(text.count_chars()):
                x0, y0, x1, y1 = text.get_charbox(index)
                char = text.get_text_range(index, 1)
                if not char.strip() or y1 > height - top + 1 or y0 < bottom - 1:
                    continue  # blank, or in the running header or footer
                lowest = min(lowest, y0)
                if len(first) < 40:
                    first.append(char)
                if x0 < left - 1 or x1 > width - right + 1:
                    crossing.append(char)
            pages.append({
                "fill": (height - top - lowest) / (height - top - bottom),
                "starts": "".join(first),
                "crossing": "".join(crossing),
            })  # fmt: skip
    finally:
        document.close()
    return pages
