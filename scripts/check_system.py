"""Stop set-up early, in one line, when the machine lacks what the pipeline needs.

Run by `make` with the system Python before the virtual environment is created, so it uses only
the standard library.
"""

import ctypes.util
import sys

MINIMUM_PYTHON = (3, 11)
# The libraries WeasyPrint loads through ctypes, which pip cannot install: Pango lays text out,
# and HarfBuzz's subsetter cuts each embedded font down to the glyphs a PDF uses. Without the
# subsetter WeasyPrint falls back to fontTools, which took two thirds of every factsheet's time
# (it decompiles the whole font's layout tables for each PDF).
SYSTEM_LIBRARIES = {
    "pango-1.0": "Pango",
    "pangoft2-1.0": "Pango",
    "harfbuzz-subset": "HarfBuzz's subsetter",
}
SYSTEM_INSTALL = (
    "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
    "(Fedora: sudo dnf install pango harfbuzz; macOS: brew install pango harfbuzz)"
)


def problems() -> list[str]:
    found = []
    if sys.version_info < MINIMUM_PYTHON:
        wanted = ".".join(map(str, MINIMUM_PYTHON))
        found.append(
            f"Python {wanted} or newer is needed (this is {sys.version.split()[0]}); "
            f"run make with PYTHON=/path/to/python{wanted}"
        )
    missing = sorted(
        {label for name, label in SYSTEM_LIBRARIES.items() if not ctypes.util.find_library(name)}
    )
    if missing:
        found.append(f"WeasyPrint needs {' and '.join(missing)}, missing here: {SYSTEM_INSTALL}")
    return found


if __name__ == "__main__":
    found = problems()
    for problem in found:
        print(f"error: {problem}", file=sys.stderr)
    sys.exit(1 if found else 0)
