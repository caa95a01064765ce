"""Rendering shared by the bulletin and the factsheets: Jinja, fonts, the URL fetcher, PDF writing.

Neither the bulletin nor the factsheets own any of this; both import it from here, so the two
documents use the same autoescaping, the same bundled fonts and the same fetcher rules.
"""

from __future__ import annotations

import base64
import ctypes.util
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2

from .. import paths
from ..core.fileio import write_bytes_atomic

# 1980-01-01, the earliest date a ZIP can hold: the fixed time of everything built.
FIXED_EPOCH = 315532800


@cache
def environment(template_dir: Path = paths.TEMPLATES_DIR) -> jinja2.Environment:
    """Jinja with autoescaping on and undefined names an error, never an empty string; one per
    process, so a batch of factsheets parses each template once."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def data_uri(path: Path, media_type: str) -> str:
    return encoded(path.read_bytes(), media_type)


def encoded(data: bytes, media_type: str) -> str:
    """Bytes as a data: URI, for a self-contained page."""
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _face(family: str, file_name: str, src: str, format: str = "truetype") -> dict[str, str]:
    return {
        "family": family,
        "weight": "bold" if "Bold" in file_name else "normal",
        "style": "italic" if "Italic" in file_name else "normal",
        "src": src,
        "format": format,
    }


def _font_files() -> list[tuple[str, str]]:
    files = [(paths.FONT_FAMILY, name) for name in paths.FONT_FILES]
    files.append((paths.MONO_FONT_FAMILY, paths.MONO_FONT_FILE))
    return files


@cache
def font_faces(embed: bool) -> tuple[dict[str, str], ...]:
    """The bundled fonts for @font-face: as data URIs (`embed`, so an HTML file works offline)
    or as file URIs inside the project (for PDFs, which embed the glyphs they use)."""
    faces = []
    for family, name in _font_files():
        path = paths.FONTS_DIR / name
        src = data_uri(path, "font/ttf") if embed else path.resolve().as_uri()
        faces.append(_face(family, name, src))
    return tuple(faces)


# Always kept, so text a reader types into the page's find box or a screen reader's echo of a
# form is never drawn in a fallback font: printable ASCII.
ALWAYS_KEPT = "".join(chr(code) for code in range(0x20, 0x7F))


def subset_font(path: Path, characters: str) -> bytes:
    """The font cut down to `characters` (plus printable ASCII), as WOFF2; the same input gives
    the same bytes (HarfBuzz's subsetter leaves the font's dates as they are).

    Cut by HarfBuzz's subsetter (uharfbuzz), which does in milliseconds what fontTools' took
    a fifth of a second a font to do; fontTools then only wraps the small result as WOFF2."""
    import uharfbuzz
    from fontTools.ttLib import TTFont

    wanted = uharfbuzz.SubsetInput()
    for character in set(characters) | set(ALWAYS_KEPT):
        wanted.unicode_set.add(ord(character))
    # Every layout feature (kerning and ligatures as in the full font) and every name record
    # (the licence and copyright stay with the font), not HarfBuzz's defaults.
    for kept in (uharfbuzz.SubsetInputSets.LAYOUT_FEATURE_TAG, uharfbuzz.SubsetInputSets.NAME_ID):
        wanted.sets(kept).clear()
        wanted.sets(kept).invert()
    wanted.flags = uharfbuzz.SubsetFlags.NOTDEF_OUTLINE
    face = uharfbuzz.subset(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path))), wanted)
    if face is None:
        raise ValueError(f"{path}: HarfBuzz could not subset the font")
    font = TTFont(io.BytesIO(face.blob.data), recalcTimestamp=False)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


def subset_font_faces(text: str) -> tuple[dict[str, str], ...]:
    """The bundled fonts as WOFF2 data URIs holding only the glyphs `text` needs: an HTML page
    that works offline without carrying whole font files."""
    faces = []
    for family, name in _font_files():
        src = encoded(subset_font(paths.FONTS_DIR / name, text), "font/woff2")
        faces.append(_face(family, name, src, format="woff2"))
    return tuple(faces)


def render_template(name: str, context: dict[str, Any], css: str | None = None) -> str:
    """Fill a template; `css` names a stylesheet in the templates folder to inline."""
    extra = {} if css is None else {"css": template_file(css)}
    return environment().get_template(name).render(**context, **extra)


@cache
def template_file(name: str) -> str:
    """A stylesheet or script of the templates folder, to inline in a page."""
    return (paths.TEMPLATES_DIR / name).read_text(encoding="utf-8")


def _linker_cache_only(name: str) -> str | None:
    """ctypes.util.find_library without its compiler fallback: the library the linker's cache
    (ldconfig) knows by `name`, or None."""
    return ctypes.util._findSoname_ldconfig(name)  # noqa: SLF001  (the stdlib's first step)


@cache
def load_weasyprint():
    """Import WeasyPrint, finding its system libraries without running a compiler.

    WeasyPrint tries several names for each library (weasyprint/text/ffi.py). cffi hands each
    name that is not a file name to ctypes.util.find_library, which on Linux falls back to
    running gcc and then ld when the linker's cache does not know it (Kozea/WeasyPrint#1125).
    That is 16 compiler runs, about 0.3 s, in every process that prints. The linker's cache
    knows every library set-up requires (scripts/check_system.py). A library it does not know
    is still found by the names WeasyPrint also tries, which the dynamic loader opens as they
    are (libpango-1.0.so.0), as in a conda environment."""
    if not sys.platform.startswith("linux") or not hasattr(ctypes.util, "_findSoname_ldconfig"):
        import weasyprint

        return weasyprint
    find_library = ctypes.util.find_library
    ctypes.util.find_library = _linker_cache_only
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = find_library
    return weasyprint


class RestrictedFetcher:
    """WeasyPrint's URL fetcher, refusing everything but data: URIs and files in allowed folders.

    The documents are self-contained, so they need nothing else; anything else (a network
    address, a file outside the project) is refused and recorded, which the tests check.
    """

    def __init__(self, allowed_roots: list[Path]) -> None:
        self.allowed_roots = [root.resolve() for root in allowed_roots]
        self.refused: list[str] = []

    def __call__(self, url: str):
        load_weasyprint()
        from weasyprint.urls import URLFetcher

        parsed = urlparse(url)
        if parsed.scheme == "data":
            return URLFetcher().fetch(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path.is_relative_to(root) for root in self.allowed_roots) and path.is_file():
                return URLFetcher().fetch(url)
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url!r}: only files inside the project are allowed")

    fetch = __call__


@contextmanager
def fixed_build_time() -> Iterator[None]:
    """Set-up requires HarfBuzz's subsetter (scripts/check_system.py), but should WeasyPrint
    ever fall back to fontTools, which stamps the current time into each font it subsets,
    SOURCE_DATE_EPOCH (which fontTools honours) keeps the same HTML giving the same PDF."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(FIXED_EPOCH)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def font_face_rules(faces: tuple[dict[str, str], ...]) -> str:
    """@font-face rules for `faces` (font_faces or subset_font_faces): the one place they are
    written, for the bulletin's page and the factsheets' printer alike."""
    return "".join(
        f'@font-face {{ font-family: "{face["family"]}"; font-weight: {face["weight"]}; '
        f'font-style: {face["style"]}; src: url("{face["src"]}") format("{face["format"]}"); }}\n'
        for face in faces
    )


class Printer:
    """Prints documents as tagged PDFs (PDF/UA-1), identical for identical HTML and identifier,
    with their table headers' scopes completed (senco.views.pdf_tags).

    With `css` (a stylesheet in the templates folder), the stylesheet and the bundled fonts
    are parsed and loaded once, for every document this printer prints: a batch of
    factsheets pays for them once, not once a page. Documents then carry no <style> of
    their own."""

    def __init__(self, fetcher: RestrictedFetcher, css: str | None = None) -> None:
        weasyprint = load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        self.fetcher = fetcher
        self.font_config = FontConfiguration()
        self.stylesheets = []
        if css is not None:
            rules = font_face_rules(font_faces(embed=False)) + template_file(css)
            parsed = weasyprint.CSS(
                string=rules,
                base_url=str(paths.REPO_ROOT),
                url_fetcher=fetcher,
                font_config=self.font_config,
            )
            self.stylesheets.append(parsed)

    def printed(self, html: str, identifier: bytes) -> bytes:
        """The PDF as WeasyPrint writes it: all of the printing's layout and drawing."""
        document = load_weasyprint().HTML(
            string=html, base_url=str(paths.REPO_ROOT), url_fetcher=self.fetcher
        )
        with fixed_build_time():
            return document.write_pdf(
                stylesheets=self.stylesheets,
                font_config=self.font_config,
                pdf_variant="pdf/ua-1",
                pdf_identifier=identifier,
                custom_metadata=True,
            )

    def write(self, html: str, out_path: str | Path, identifier: bytes) -> None:
        from .pdf_tags import completed

        write_bytes_atomic(out_path, completed(self.printed(html, identifier)))


def write_pdf(
    html: str, out_path: str | Path, fetcher: RestrictedFetcher, identifier: bytes
) -> None:
    """Print one self-styled HTML document (see Printer)."""
    Printer(fetcher).write(html, out_path, identifier)
