"""Reviewer documentation is generated from the workflow and kept current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from senco import paths
from senco.core.contract import load_contract
from senco.tools import docs

SNAKEMAKE = Path(sys.executable).parent / "snakemake"


def test_docs_output_md_is_current():
    assert docs.OUTPUT_DOC.read_text() == docs.render_output_doc(), "run `make docs`"


def test_docs_output_md_lists_every_contract_column():
    text = docs.OUTPUT_DOC.read_text()
    for schema in paths.SCHEMAS_DIR.glob("*.schema.yaml"):
        if schema.name.startswith(("config", "manifest")):
            continue
        for column in load_contract(schema).columns:
            assert f"| `{column.name}` |" in text, (schema.name, column.name)


def mermaid_lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if re.match(r"\s*id\d+", line)}


def test_the_rule_graph_in_the_development_docs_is_current(tmp_path):
    current = subprocess.run(
        [str(SNAKEMAKE), "--snakefile", str(paths.REPO_ROOT / "Snakefile"), "--directory",
         str(tmp_path), "--rulegraph", "mermaid-js"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    page = docs.RULEGRAPH_DOC.read_text()
    block = page.split(docs.RULEGRAPH_START)[1].split(docs.RULEGRAPH_END)[0]
    assert mermaid_lines(block) == mermaid_lines(current), "run `make docs`"
    assert "[factsheets]" in block and "E12000001" not in block


def test_the_rule_graph_goes_between_the_markers():
    readme = f"before\n{docs.RULEGRAPH_START}\nold\n{docs.RULEGRAPH_END}\nafter\n"
    updated = docs.with_rulegraph(readme, "flowchart TB\n\tid0[all]\n")
    assert updated.startswith("before\n") and updated.endswith("after\n")
    assert "```mermaid\nflowchart TB\n\tid0[all]\n```" in updated and "old" not in updated


def test_docs_output_md_names_every_file_the_layout_places():
    from senco import layout

    text = docs.OUTPUT_DOC.read_text()
    constants = [value for name, value in vars(layout).items() if name.isupper()]
    files = [value for value in constants
             if isinstance(value, str) and re.search(r"/[^/]+\.\w+$", value)]  # fmt: skip
    assert len(files) > 10
    for path in files:
        assert Path(path).name in text, path


def test_the_rule_graph_is_written_the_same_whatever_order_snakemake_lists_its_edges():
    head = "flowchart TB\n\tid0[all]\n\tid1[acquire]\n\tid2[clean]"
    one = head + "\n\tid1 --> id2\n\tid2 --> id0\n\tid1 --> id0"
    other = head + "\n\tid1 --> id0\n\tid1 --> id2\n\tid2 --> id0"
    page = f"{docs.RULEGRAPH_START}\n{docs.RULEGRAPH_END}"
    assert docs.with_rulegraph(page, one) == docs.with_rulegraph(page, other)
    assert docs.sorted_edges(one).splitlines()[-3:] == ["\tid1 --> id0", "\tid2 --> id0",
                                                        "\tid1 --> id2"]  # fmt: skip


def test_the_settings_table_is_made_from_the_config_schema_and_current():
    schema = yaml.safe_load(paths.CONFIG_SCHEMA.read_text())
    usage = docs.USAGE_DOC.read_text()
    assert docs.usage_with_config_table(usage) == usage, "run `make docs`"
    table = usage.split(docs.CONFIG_START)[1].split(docs.CONFIG_END)[0]
    for key, spec in schema["properties"].items():
        assert spec["description"].strip(), f"{key} has no description in the schema"
        assert (
            f"| `{key}` | {docs.shown_default(spec['default'])} | {spec['description']} |" in table
        )


def test_config_yaml_is_written_from_the_schema_and_current():
    """Each setting is described once, in the schema: config.yaml shows it under that text."""
    schema = docs.config_schema()
    text = docs.CONFIG_YAML.read_text(encoding="utf-8")
    assert docs.config_yaml(schema) == text, "run `make docs`"
    assert yaml.safe_load(text) == {
        key: spec["default"] for key, spec in schema["properties"].items()
    }
    comments = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    for spec in schema["properties"].values():
        assert spec["description"] in comments
    changed = {"properties": {"retries": {"default": 5, "description": "further attempts"}}}
    assert docs.config_yaml(changed).endswith("# further attempts\nretries: 5\n")


def test_a_setting_is_shown_with_its_default_as_a_reader_would_type_it():
    assert docs.shown_default("") == "empty"
    assert docs.shown_default(False) == "`false`"
    assert docs.shown_default(30) == "`30`"
    schema = {"properties": {"retries": {"default": 3, "description": "further attempts"}}}
    assert docs.config_table(schema).splitlines()[-1] == "| `retries` | `3` | further attempts |"
