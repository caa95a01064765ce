"""The lock file and environment.yml pin the same versions, and set-up checks the machine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import yaml

from senco import paths
from senco.views import render

ROOT = paths.REPO_ROOT


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {
        normalise(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, re.M)
    }


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        name, separator, version = requirement.partition("==")
        assert separator, f"{requirement!r} is not pinned with =="
        found[normalise(name)] = version
    return found


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def runtime_requirements() -> dict[str, str]:
    return pins(pyproject()["project"]["dependencies"])


def direct_requirements() -> dict[str, str]:
    """Runtime and development dependencies: everything the lock resolves."""
    extras = pyproject()["project"]["optional-dependencies"]
    return {**runtime_requirements(), **pins(extras["dev"])}


def conda_versions() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    versions = {}
    for dependency in spec["dependencies"]:
        name, _, version = dependency.split("::")[-1].partition("=")
        versions[normalise(name)] = version
    return versions


def test_every_direct_requirement_is_pinned_and_locked_at_that_version():
    locked = locked_versions()
    for name, pinned in direct_requirements().items():
        assert locked.get(name) == pinned, name


def test_environment_yml_lists_the_runtime_packages_at_the_locked_versions():
    """The rules' conda environment holds what the pipeline runs, not the development tools."""
    conda = conda_versions()
    python = conda.pop("python")
    assert python == "3.11"
    assert conda == runtime_requirements()
    assert not set(conda) & set(pins(pyproject()["project"]["optional-dependencies"]["dev"]))


def test_the_lock_is_compiled_from_pyproject():
    header = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()[1]
    assert "uv pip compile pyproject.toml --extra dev" in header


def test_senco_is_installed_not_put_on_the_path():
    """The package is an editable install of this checkout: no sys.path or PYTHONPATH tricks."""
    import senco

    assert Path(senco.__file__).resolve().parent == ROOT / "scripts" / "senco"
    assert version("senco-bulletin") == pyproject()["project"]["version"]
    for source in [ROOT / "Makefile", *(ROOT / "workflow").rglob("*.smk"), ROOT / "pyproject.toml"]:
        text = source.read_text(encoding="utf-8")
        assert "sys.path" not in text and "PYTHONPATH" not in text, source
    assert "pythonpath" not in pyproject()["tool"]["pytest"]["ini_options"]


def test_every_lock_entry_carries_a_hash():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert entries and all("--hash=sha256:" in entry for entry in entries)


def test_installed_packages_match_the_lock():
    for name, pinned in direct_requirements().items():
        assert version(name) == pinned, name


def test_every_rule_names_the_conda_environment():
    for rules in (ROOT / "workflow" / "rules").glob("*.smk"):
        text = rules.read_text(encoding="utf-8")
        assert len(re.findall(r"^rule \w+:", text, re.M)) == text.count("conda:\n        ENV"), (
            rules.name
        )
    common = (ROOT / "workflow" / "rules" / "common.smk").read_text(encoding="utf-8")
    assert 'ENV = "../../environment.yml"' in common


def test_system_check_passes_here_and_names_the_install_when_libraries_are_missing():
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_system.py")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    hidden = (
        "import ctypes.util, runpy, sys\n"
        "ctypes.util.find_library = lambda name: None\n"
        f"sys.argv = [{str(ROOT / 'scripts' / 'check_system.py')!r}]\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    missing = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True)
    assert missing.returncode == 1
    lines = missing.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Pango" in lines[0] and "HarfBuzz's subsetter" in lines[0]
    assert "apt-get install" in lines[0] and "libharfbuzz-subset0" in lines[0]
    # What CI installs: the Debian packages of the missing libraries, none when all are here.
    listing = hidden.replace("]\n", ", '--debian-packages']\n")
    packages = subprocess.run([sys.executable, "-c", listing], capture_output=True, text=True)
    assert packages.stdout.split() == ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]
    here = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_system.py"),
                           "--debian-packages"], capture_output=True, text=True)  # fmt: skip
    assert here.returncode == 0 and here.stdout.split() == []


def test_weasyprint_subsets_fonts_with_harfbuzz():
    # Without HarfBuzz's subsetter WeasyPrint silently falls back to fontTools, several times
    # slower per PDF (scripts/check_system.py). Loaded as the pipeline loads it.
    render.load_weasyprint()
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None
    assert harfbuzz.hb_version_atleast(4, 1, 0)


# Each import in a fresh process, with a `gcc` first on PATH that records that it ran.
IMPORT_WEASYPRINT = {
    "as the pipeline does": "from senco.views import render; render.load_weasyprint()",
    "plainly": "import weasyprint",
}


def compiler_runs(tmp_path, how: str) -> tuple[int, str]:
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    record = tmp_path / f"gcc-ran-{how.replace(' ', '-')}"
    (fake / "gcc").write_text(f'#!/bin/sh\necho "$@" >> {record}\nexit 1\n')
    (fake / "gcc").chmod(0o755)
    code = (
        IMPORT_WEASYPRINT[how]
        + "\nfrom weasyprint.text.ffi import harfbuzz_subset, pango, pangoft2, fontconfig"
        + "\nassert harfbuzz_subset is not None and pango and pangoft2 and fontconfig"
    )
    env = os.environ | {"PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return (len(record.read_text().splitlines()) if record.exists() else 0), run.stderr


def test_weasyprint_finds_its_libraries_without_running_a_compiler(tmp_path):
    # Every job that prints imports WeasyPrint; a plain import runs gcc for each name of a
    # library the linker's cache does not know (render.load_weasyprint), which the control shows.
    assert compiler_runs(tmp_path, "as the pipeline does")[0] == 0
    assert compiler_runs(tmp_path, "plainly")[0] > 0
