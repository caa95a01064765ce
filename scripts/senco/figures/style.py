"""The one owner of how figures look: fonts, sizes and colours (UK Government Analysis Function).

Fonts are bundled in `resources/fonts` (Liberation Sans, SIL Open Font License) and registered
with matplotlib here, so figures never depend on the machine's fonts and match the bulletin.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no screen on build machines; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from .. import paths  # noqa: E402

FONT_FAMILY = paths.FONT_FAMILY
FONT_FILES = paths.FONT_FILES

# Analysis Function palettes. Categorical: dark blue, turquoise, dark pink, orange.
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
# Sequential blues, darkest first: the Analysis Function's three, then lighter tints of them.
SEQUENTIAL = ("#12436D", "#2073BC", "#6BACE6", "#A9CFF1", "#DCEBF9")
BACKGROUND = "#FFFFFF"
NOT_AVAILABLE_FILL = BACKGROUND
NOT_AVAILABLE_HATCH_COLOUR = "#707070"
TEXT = "#0B0C0C"
SECONDARY_TEXT = "#505A5F"  # 7:1 contrast on white
GRID = "#D9D9D9"
NEUTRAL_POINT = "#8A8F93"
# Roles. Every mark that carries meaning has at least 3:1 contrast with the white it is drawn on
# (WCAG 2.2, 1.4.11), and two colours that only colour tells apart (the two periods) have 3:1
# with each other: dark blue and turquoise are the Analysis Function's pair for exactly this.
# tests/test_style.py computes every ratio.
EARLIER, LATER = TURQUOISE, DARK_BLUE  # the two periods compared
INTERVAL = SEQUENTIAL[1]  # confidence interval whiskers, under a dark blue point
# Turquoise means the earlier period wherever it appears, so other pairs take other colours.
COVERAGE_BARS, REACH_BARS = SEQUENTIAL[1], ORANGE
TARGETED_LAS, OTHER_LAS = DARK_BLUE, NEUTRAL_POINT
# The funnel's limits of chance alone and its adjusted limits share line styles (solid 95%,
# dotted 99.8%), so colour alone tells them apart: grey and near-black, 6:1.
CHANCE_LIMITS, ADJUSTED_LIMITS = NEUTRAL_POINT, TEXT
# The hex map's light fills cannot all have 3:1 with white and with each other (five steps from
# near-white to dark blue cannot), so each LA is outlined in a colour that does, and its value
# is its accessible name, in its data table and on hover.
AREA_OUTLINE = "#3D3D3D"  # the Analysis Function's dark grey
REGION_OUTLINE = TEXT

# England is marked the same way in every chart: a black dashed line.
ENGLAND_LINE = {"color": TEXT, "linewidth": 1.0, "linestyle": (0, (4, 2))}

# Sized for an A4 page: the bulletin's text column is 170 mm wide.
PAGE_WIDTH_INCHES = 6.7
# A phone's width (390 CSS px less the page's margins, at 96 px an inch): charts too wide for a
# phone are drawn again at this width, so on a phone their text keeps its size.
PHONE_WIDTH_INCHES = 3.7
# The A4 text width (210 mm less 18 mm margins each side, bulletin.css): a chart's saved size,
# labels included, never exceeds it, so print never shrinks its text.
PRINT_WIDTH_INCHES = 174 / 25.4
# The tallest a chart is drawn, so it fits an A4 page (247 mm of text height) with its title,
# subtitle, source, notes and data link.
MAX_FIGURE_HEIGHT_INCHES = 6.2
# No chart text is smaller than the bulletin's table text on A4 (8.5 pt): charts are drawn at
# the width they are printed, so these are the sizes on paper.
MIN_FONT_SIZE = 8.5
BASE_FONT_SIZE = 9
SMALL_FONT_SIZE = MIN_FONT_SIZE
TINY_FONT_SIZE = MIN_FONT_SIZE
PNG_DPI = 150
SVG_HASH_SALT = "senco-bulletin"  # fixed ids in SVG output, so reruns are byte-identical


def register_fonts() -> None:
    """Make the bundled fonts the only copy of the family matplotlib can pick.

    A machine may have its own (possibly other-version) Liberation Sans; dropping it keeps the
    figures byte-identical across machines.
    """
    bundled = {str(paths.FONTS_DIR / name) for name in FONT_FILES}
    manager = font_manager.fontManager
    manager.ttflist = [
        entry for entry in manager.ttflist if entry.name != FONT_FAMILY or entry.fname in bundled
    ]
    known = {entry.fname for entry in manager.ttflist}
    for path in sorted(bundled - known):
        manager.addfont(path)
    font_manager.fontManager._findfont_cached.cache_clear()


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour '#RRGGBB'."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def apply() -> None:
    """Set matplotlib's defaults for every figure in the pipeline."""
    register_fonts()
    plt.rcdefaults()
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_FAMILY],
            "font.size": BASE_FONT_SIZE,
            "text.color": TEXT,
            "axes.labelcolor": TEXT,
            "axes.edgecolor": SECONDARY_TEXT,
            "axes.linewidth": 0.6,
            "axes.titlesize": BASE_FONT_SIZE,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "grid.color": GRID,
            "grid.linewidth": 0.6,
            "xtick.color": SECONDARY_TEXT,
            "ytick.color": SECONDARY_TEXT,
            "xtick.labelcolor": TEXT,
            "ytick.labelcolor": TEXT,
            "xtick.labelsize": SMALL_FONT_SIZE,
            "ytick.labelsize": SMALL_FONT_SIZE,
            "legend.frameon": False,
            "legend.fontsize": SMALL_FONT_SIZE,
            "figure.dpi": 100,
            "savefig.dpi": PNG_DPI,
            "savefig.bbox": "tight",
            "savefig.pad_inches": 0.05,
            "svg.hashsalt": SVG_HASH_SALT,
            # Text stays text: selectable, searchable and read aloud in the HTML and the PDF,
            # drawn in the bundled font the page declares.
            "svg.fonttype": "none",
            "pdf.fonttype": 42,
            "hatch.linewidth": 0.6,
            # Names are data: "$" in one is a dollar sign, never the start of mathtext.
            "text.parse_math": False,
        }
    )
