"""Which of the package's modules a rule's script runs, so a rule depends on its own code only.

Snakemake tracks a rule's script but not the modules the script imports. Listing the whole
package as every rule's input made an edit to a figures module rerun `acquire` (a fresh download
with `source=ees`). Instead, each rule lists the `senco` modules its adapter imports, directly or
through other `senco` modules, found by reading the source (nothing is imported or executed).
"""

from __future__ import annotations

import ast
import json
from functools import cache
from pathlib import Path

PACKAGE = "senco"
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # senco/

# What each file imports, kept between runs (see remember_imports_in): a Snakemake run that has
# nothing to do should not spend its time parsing the package again.
_remembered: dict[str, list] = {}
_unsaved: set[str] = set()
_store: Path | None = None


def _module_file(dotted: str, package_dir: Path) -> Path | None:
    """`senco.figures.funnel_plot` -> its file (a module or a package's __init__), if it exists."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE:
        return None
    base = package_dir.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _dotted_name(path: Path, package_dir: Path) -> str:
    relative = path.relative_to(package_dir).with_suffix("")
    parts = [part for part in relative.parts if part != "__init__"]
    return ".".join([PACKAGE, *parts])


def remember_imports_in(store: Path) -> None:
    """Keep what each file imports in `store` (a JSON file), reused while the file's size and
    modification time are unchanged."""
    global _store
    _store = Path(store)
    try:
        _remembered.update(json.loads(_store.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass  # no store yet, or an unreadable one: it is written again


@cache  # each module is read once per run, however many rules' scripts import it
def _imported_names(source: Path, package_dir: Path) -> frozenset[str]:
    stat = source.stat()
    stamp = [stat.st_mtime_ns, stat.st_size, str(package_dir)]
    kept = _remembered.get(str(source))
    if kept is not None and kept[:3] == stamp:
        return frozenset(kept[3])
    found = _parsed_imports(source, package_dir)
    _remembered[str(source)] = [*stamp, sorted(found)]
    _unsaved.add(str(source))
    return found


def _save_remembered() -> None:
    """Write the store once a script's modules are known, if any file was parsed anew."""
    if _store is None or not _unsaved:
        return
    try:
        _store.parent.mkdir(parents=True, exist_ok=True)
        _store.write_text(json.dumps(_remembered, sort_keys=True), encoding="utf-8")
        _unsaved.clear()
    except OSError:
        pass  # a read-only directory: parsed again next time, nothing else changes


def _parsed_imports(source: Path, package_dir: Path) -> frozenset[str]:
    """Every `senco...` module the file imports, anywhere in it (imports inside functions too)."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    inside = source.is_relative_to(package_dir)
    here = _dotted_name(source, package_dir).split(".") if inside else []
    if inside and source.name != "__init__.py":
        here = here[:-1]  # a module's relative imports start from its package
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if not inside:
                    continue
                base = here[: len(here) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            # `from senco import figures` imports the module senco.figures.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    found = set()
    for name in names:
        parts = name.split(".")
        # Importing senco.a.b runs senco/__init__ and senco/a/__init__ first.
        for end in range(1, len(parts) + 1):
            if _module_file(".".join(parts[:end]), package_dir):
                found.add(".".join(parts[:end]))
    return frozenset(found)


@cache
def modules_used_by(script: Path, package_dir: Path = PACKAGE_DIR) -> tuple[Path, ...]:
    """The package source files `script` runs when imported, sorted (the script excluded)."""
    script = Path(script).resolve()
    seen: set[Path] = set()
    pending = [script]
    while pending:
        current = pending.pop()
        for name in _imported_names(current, package_dir):
            path = _module_file(name, package_dir)
            if path is not None and path not in seen:
                seen.add(path)
                pending.append(path)
    seen.discard(script)
    _save_remembered()
    return tuple(sorted(seen))
