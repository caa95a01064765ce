"""Fixtures and options shared by the test modules."""

from __future__ import annotations

import pytest

from http_server import http_server  # noqa: F401  (a scripted HTTP server on 127.0.0.1)

# With xdist (`make test` runs `pytest -n auto --dist loadfile`) a module runs on one worker, so
# its module fixtures are made once. These modules share a session build as well, so they travel
# together and it too is made once (conftest checks that every module using one is listed here).
SHARED_BUILDS = {
    "synthetic_bulletin": (
        "tests/test_bulletin.py",
        "tests/test_accessibility.py",
    ),
}
# The longest groups start first, so the workers finish together.
LONGEST_FIRST = ("tests/test_pipeline.py", "synthetic_bulletin")


def worker_group(nodeid: str) -> str:
    """The group a test runs in: the shared build its module needs, or else its module."""
    module = nodeid.split("::")[0]
    return next((build for build, users in SHARED_BUILDS.items() if module in users), module)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkerGroup(LoadScopeScheduling):
        """xdist's own `loadfile`, with the modules of a shared build as one unit, handed out
        in the order collected (LONGEST_FIRST)."""

        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    config.option.loadscopereorder = False
    return ByWorkerGroup(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for build, users in SHARED_BUILDS.items():
            if (
                build in getattr(item, "fixturenames", ())
                and item.nodeid.split("::")[0] not in users
            ):
                raise pytest.UsageError(
                    f"{item.nodeid} uses {build}: add its module to SHARED_BUILDS"
                )
    order = {group: rank for rank, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: order.get(worker_group(item.nodeid), len(order)))


@pytest.fixture(scope="session")
def synthetic_bulletin(tmp_path_factory) -> dict:
    """The bulletin (HTML and PDF) from the synthetic tables, built once for every test module
    that reads it: printing it takes seconds."""
    from samples import build_bulletin

    return build_bulletin(tmp_path_factory.mktemp("synthetic-bulletin"))
