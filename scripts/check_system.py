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
SYSTEM_LIBRARIES = {  # library: (what it is, its Debian package)
    "pango-1.0": ("Pango", "libpango-1.0-0"),
    "pangoft2-1.0": ("Pango", "libpangoft2-1.0-0"),
    "harfbuzz-subset": ("HarfBuzz's subsetter", "libharfbuzz-subset0"),
}
SYSTEM_INSTALL = (
    f"sudo apt-get install -y {' '.join(package for _, package in SYSTEM_LIBRARIES.values())} "
    "(Fedora: sudo dnf install pango harfbuzz; macOS: brew install pango harfbuzz)"
)


def missing_libraries() -> dict[str, tuple[str, str]]:
    return {name: it for name, it in SYSTEM_LIBRARIES.items() if not ctypes.util.find_library(name)}


def problems() -> list[str]:
    found = []
    if sys.version_info < MINIMUM_PYTHON:
        wanted = ".".join(map(str, MINIMUM_PYTHON))
        found.append(
            f"Python {wanted} or newer is needed (this is {sys.version.split()[0]}); "
            f"run make with PYTHON=/path/to/python{wanted}"
        )
    missing = sorted({label for label, _ in missing_libraries().values()})
    if missing:
        found.append(f"WeasyPrint needs {' and '.join(missing)}, missing here: {SYSTEM_INSTALL}")
    return found


if __name__ == "__main__":
    if sys.argv[1:] == ["--debian-packages"]:  # what CI installs (.ci/run)
        print(" ".join(package for _, package in missing_libraries().values()))
        sys.exit(0)
    found = problems()
    for problem in found:
        print(f"error: {problem}", file=sys.stderr)
    sys.exit(1 if found else 0)
