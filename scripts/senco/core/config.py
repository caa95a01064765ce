"""Turning config values into settings, and config errors into one line."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .. import paths
from .errors import SencoError


def one_line_config_error(error: BaseException) -> str:
    """'config key <key>: <problem>' from the jsonschema error inside Snakemake's WorkflowError."""
    # Snakemake flattens the jsonschema error into its message; the original is the context.
    problem = error if isinstance(error, jsonschema.ValidationError) else error.__context__
    if not isinstance(problem, jsonschema.ValidationError):
        return str(error).strip().splitlines()[0]
    if problem.validator == "additionalProperties":
        return f"config: {problem.message} (see config.yaml for the known keys)"
    key = ".".join(str(part) for part in problem.absolute_path) or "(top level)"
    value = problem.instance
    if problem.validator == "anyOf" and key == "source":
        reason = "must be 'snapshot', 'ees', 'ees-api', or a path ending in .csv or .zip"
    elif key == "data_set_version" and isinstance(value, int | float):
        # YAML reads 1.10 as the number 1.1: the version asked for cannot be known.
        reason = ("read as a number, which cannot tell 1.1 from 1.10: write it v1.10 (or "
                  "'1.10' in config.yaml)")  # fmt: skip
    else:
        reason = problem.message
    return f"config key {key}: invalid value {value!r}: {reason}"


BOOLEAN_WORDS = {"true": True, "false": False}
EMPTY = {"string": "", "array": []}  # what an empty value means, by the key's type


def as_typed(config: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    """Values as the schema types them, where the command line or YAML cannot say so:
    `--config allow_missing_las=true` reaches the workflow as the text 'true', and
    `--config contact_name=` (or `contact_name:` in YAML) as None, which for a text or list key
    means empty, as its default does. Anything else is left for the schema to refuse."""
    result = dict(config)
    for key, spec in schema.get("properties", {}).items():
        value = result.get(key)
        if spec.get("type") == "boolean" and isinstance(value, str):
            result[key] = BOOLEAN_WORDS.get(value.strip().lower(), value)
        elif key in result and value is None and spec.get("type") in EMPTY:
            result[key] = EMPTY[spec["type"]]
    return result


DATE_KEYS = ("publication_date",)


def beyond_schema(config: Mapping[str, Any]) -> str | None:
    """The one-line error for what a JSON schema cannot refuse: a number that is NaN or
    infinite (every comparison with NaN is false, so NaN passes 'minimum' and 'maximum'), or a
    date of the right shape that does not exist (2025-02-30)."""
    for key, value in config.items():
        if isinstance(value, float) and not math.isfinite(value):
            return f"config key {key}: invalid value {value!r}: must be a finite number"
    for key in DATE_KEYS:
        value = config.get(key)
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                return f"config key {key}: invalid value {value!r}: not a date (YYYY-MM-DD)"
    return None


def load_config(path: str | Path, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """config.yaml with overrides, checked against the schema and filled with its defaults.

    For commands that run outside Snakemake (such as the snapshot refresh); the workflow itself
    uses `snakemake.utils.validate` with the same schema.
    """
    config = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    config.update(overrides or {})
    schema = yaml.safe_load(paths.CONFIG_SCHEMA.read_text(encoding="utf-8"))
    config = as_typed(config, schema)
    problem = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(config)
    )
    if problem is not None:
        raise SencoError(one_line_config_error(problem))
    if (message := beyond_schema(config)) is not None:
        raise SencoError(message)
    for key, spec in schema["properties"].items():
        config.setdefault(key, spec["default"])
    return config
