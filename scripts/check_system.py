"""Stop set-up early, in one line, when the machine lacks what the pipeline needs.

Run by `make` with the system Python before the virtual environment is created, so it uses only
the standard library.
"""

import ctypes.util
import sys

MINIMUM_PYTHON = (3, 11)
PANGO_INSTALL = (
    "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 "
    "(Fedora: sudo dnf install pango; macOS: brew install pango)"
)


def problems() -> list[str]:
    found = []
    if sys.version_info < MINIMUM_PYTHON:
        wanted = ".".join(map(str, MINIMUM_PYTHON))
        found.append(
            f"Python {wanted} or newer is needed (this is {sys.version.split()[0]}); "
            f"run make with PYTHON=/path/to/python{wanted}"
        )
    # WeasyPrint loads Pango through ctypes at import time; pip cannot install it.
    if not ctypes.util.find_library("pango-1.0") or not ctypes.util.find_library("pangoft2-1.0"):
        found.append(f"WeasyPrint needs the Pango library, which is missing: {PANGO_INSTALL}")
    return found


if __name__ == "__main__":
    found = problems()
    for problem in found:
        print(f"error: {problem}", file=sys.stderr)
    sys.exit(1 if found else 0)
