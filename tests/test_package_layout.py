"""The package shows the pipeline: one subpackage per stage, imports pointing one way only."""

from __future__ import annotations

from pathlib import Path

from senco.core.rule_code import PACKAGE_DIR, _parsed_imports

# The stages in pipeline order, then the views and the tools: a module may import its own layer
# and those before it, never a later one. The loose modules (paths, layout, formatting,
# published) are shared facts, in the first layer with the core.
LAYERS = ("core", "acquire", "clean", "indicators", "findings", "revisions", "figures", "views",
          "tools")  # fmt: skip
MOST_LOOSE_MODULES = 8


def dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    return ".".join(["senco", *(part for part in parts if part != "__init__")])


def layer(module: str) -> int:
    """senco.findings.charts.common -> 4; a loose module, or the package itself -> 0."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 2 or parts[1:] and parts[1] in LAYERS else 0


MODULES = {dotted(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}
IMPORTS = {name: _parsed_imports(path, PACKAGE_DIR) - {name} for name, path in MODULES.items()}


def test_the_package_is_one_subpackage_per_stage_and_a_few_shared_modules():
    folders = {p.name for p in PACKAGE_DIR.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(LAYERS)
    loose = sorted(p.name for p in PACKAGE_DIR.glob("*.py"))
    assert len(loose) <= MOST_LOOSE_MODULES, loose


def test_no_module_imports_a_later_stage():
    backwards = [
        f"{name} imports {imported}"
        for name, imported_names in IMPORTS.items()
        for imported in sorted(imported_names)
        if layer(imported) > layer(name)
    ]
    assert backwards == []


def test_no_modules_import_each_other_in_a_loop():
    """Tarjan's strongly connected components over the module graph: every one is a single
    module (package __init__ files excluded: importing a submodule runs its package's)."""
    graph = {
        name: {m for m in imported if m in MODULES and MODULES[m].name != "__init__.py"}
        for name, imported in IMPORTS.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    assert loops == []


def test_the_layer_rule_sees_every_kind_of_module():
    assert layer("senco") == 0
    assert layer("senco.paths") == 0
    assert layer("senco.core.errors") == 0
    assert layer("senco.findings") == LAYERS.index("findings")
    assert layer("senco.findings.charts.common") == LAYERS.index("findings")
    assert layer("senco.tools.qa") == LAYERS.index("tools")


MOST_MODULE_LINES = 600
MOST_FUNCTION_LINES = 80


def test_no_module_or_function_is_too_long_to_read_at_once():
    import ast

    long_modules, long_functions = [], []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MOST_MODULE_LINES:
            long_modules.append(name)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MOST_FUNCTION_LINES:
                    long_functions.append(f"{name}.{node.name} ({length} lines)")
    assert long_modules == []
    assert long_functions == []


ID_PREFIXES = ("main_points.", "heading.", "commentary.", "facts.", "annex.", "chart.", "charts.",
               "factsheet.", "factsheet_index.", "notice.", "method.")  # fmt: skip


def test_finding_ids_are_spelled_in_one_module():
    """Writers and readers of findings ask senco.findings.ids for every id, so none can spell an
    id the other does not: no other module has a string starting like one."""
    import ast
    import re

    spelled = []
    for name, path in MODULES.items():
        if name == "senco.findings.ids":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values:
                node = node.values[0]
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                file_name = re.search(r"\.(css|j2|html|pdf|json|md|csv)$", node.value)
                if node.value.startswith(ID_PREFIXES) and not file_name:
                    spelled.append(f"{name}: {node.value!r}")
    assert spelled == []
