"""Completing WeasyPrint's table tags: header scopes from the HTML's table parts, and an /IDTree
that resolves the IDs data cells name (senco.views.pdf_tags)."""

from __future__ import annotations

import io

import pikepdf
import pytest

from pdf_checks import pdf_ua_problems
from senco import paths
from senco.views import render
from senco.views.pdf_tags import complete_table_tags, completed, struct_elements

TABLE = """<!DOCTYPE html><html lang="en"><head><title>T</title>
<style>@font-face { font-family: S; src: url(resources/fonts/LiberationSans-Regular.ttf); }
html { font-family: S; }</style></head><body>
<table><caption>Counts</caption>
<thead><tr><th scope="col">Area</th><th scope="col">June</th><th scope="col">November</th></tr>
</thead><tbody>
<tr><th scope="row">North East</th><td>1</td><td>2</td></tr>
<tr><th scope="row">London</th><td>3</td><td>4</td></tr>
</tbody></table></body></html>"""


def printed(tmp_path) -> bytes:
    out = tmp_path / "t.pdf"
    render.write_pdf(TABLE, out, render.RestrictedFetcher([paths.REPO_ROOT]), b"t" * 16)
    return out.read_bytes()


def cells(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    return [e for e in struct_elements(pdf.Root.StructTreeRoot.K) if e.S == role]


def scope(cell: pikepdf.Dictionary) -> str | None:
    attributes = cell.A if isinstance(cell.A, pikepdf.Array) else [cell.A]
    return next((str(a.Scope) for a in attributes if "/Scope" in a), None)


def id_tree(pdf: pikepdf.Pdf) -> dict[bytes, pikepdf.Dictionary]:
    names = list(pdf.Root.StructTreeRoot.IDTree.Names)
    return {bytes(names[i]): names[i + 1] for i in range(0, len(names), 2)}


def test_column_and_row_headers_get_the_scope_the_html_gave_them(tmp_path):
    with pikepdf.open(io.BytesIO(printed(tmp_path))) as pdf:
        headers = cells(pdf, "/TH")
        assert [scope(h) for h in headers] == ["/Column"] * 3 + ["/Row"] * 2


def test_every_id_a_data_cell_names_resolves_to_its_headers(tmp_path):
    with pikepdf.open(io.BytesIO(printed(tmp_path))) as pdf:
        tree = id_tree(pdf)
        named = [[bytes(i) for i in cell.A.Headers] for cell in cells(pdf, "/TD")]
        assert len(named) == 4
        for headers in named:
            resolved = [tree[i] for i in headers]
            assert sorted(scope(h) for h in resolved) == ["/Column", "/Row"]


def test_completing_again_changes_nothing_and_the_file_is_deterministic(tmp_path):
    once = printed(tmp_path)
    assert completed(once) == once
    assert printed(tmp_path) == once
    with pikepdf.open(io.BytesIO(once)) as pdf:
        assert complete_table_tags(pdf) == 0


def test_the_raw_weasyprint_output_lacks_what_this_step_adds(tmp_path):
    """Guards the reason this step exists: when WeasyPrint writes /Scope itself (its issue
    #2508), this test fails and the step can be reviewed for removal."""
    raw = (
        render.load_weasyprint()
        .HTML(string=TABLE, base_url=str(paths.REPO_ROOT))
        .write_pdf(pdf_variant="pdf/ua-1")
    )
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        assert all(scope(h) is None for h in cells(pdf, "/TH"))
        assert "/IDTree" not in pdf.Root.StructTreeRoot
        assert complete_table_tags(pdf) == 5


def test_the_independent_checker_sees_the_difference(tmp_path):
    """pdfua warns about the raw output's headers (UA-15-003) and passes the completed file."""
    raw = tmp_path / "raw.pdf"
    render.load_weasyprint().HTML(string=TABLE, base_url=str(paths.REPO_ROOT)).write_pdf(
        raw, pdf_variant="pdf/ua-1"
    )
    assert any(p.startswith("UA-15-003") for p in pdf_ua_problems(raw))
    done = tmp_path / "done.pdf"
    done.write_bytes(printed(tmp_path))
    assert pdf_ua_problems(done) == []


def test_a_pdf_without_tags_is_left_alone():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    assert complete_table_tags(pdf) == 0
    assert "/StructTreeRoot" not in pdf.Root


@pytest.mark.parametrize("existing", ["array", "none"])
def test_header_attributes_in_other_shapes_are_extended_not_replaced(existing):
    pdf = pikepdf.new()
    layout = pikepdf.Dictionary(O=pikepdf.Name.Layout, Placement=pikepdf.Name.Block)
    # Elements refer to their parents, so they must be indirect objects, as in a real file.
    th = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.TH))
    if existing == "array":
        th.A = pikepdf.Array([layout])
    row = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.TR, K=pikepdf.Array([th])))
    head = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.THead, K=pikepdf.Array([row])))
    th.P, row.P = row, head
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(K=pikepdf.Array([head]))
    assert complete_table_tags(pdf) == 1
    assert scope(th) == "/Column"
    if existing == "array":
        assert th.A[0].O == "/Layout"
