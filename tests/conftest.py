"""Fixtures and options shared by the test modules."""

from __future__ import annotations

import pytest

from http_server import http_server  # noqa: F401  (a scripted HTTP server on 127.0.0.1)

# `pytest --fast` (`make test-fast`): every test except those that run the whole Snakemake
# workflow (marked `pipeline`), for a quick check while working.
FAST_SKIPS = "pipeline"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fast", action="store_true", help=f"leave out the tests marked {FAST_SKIPS!r}"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--fast"):
        return
    left_out = [item for item in items if item.get_closest_marker(FAST_SKIPS)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker(FAST_SKIPS)]


@pytest.fixture(scope="session")
def synthetic_bulletin(tmp_path_factory) -> dict:
    """The bulletin (HTML and PDF) from the synthetic tables, built once for every test module
    that reads it: printing it takes seconds."""
    from samples import build_bulletin

    return build_bulletin(tmp_path_factory.mktemp("synthetic-bulletin"))
