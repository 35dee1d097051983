"""Project hygiene: templates stored clean, environment.yml in sync with pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nbformat
import papermill
import pytest
from ruamel.yaml import YAML

from kit.params import TEMPLATES
from tests.conftest import REPO


def _norm(spec: str) -> str:
    spec = re.sub(r"#.*", "", spec)  # comments
    spec = re.sub(r"\[.*?\]", "", spec)  # pip extras: conda-forge's dask includes distributed
    return re.sub(r"\s+", "", spec).lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = YAML(typ="safe").load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in conda
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-e .[test]"] or pip == ['-e ".[test]"']
    wanted = sorted(_norm(d) for d in [*project["dependencies"],
                                       *project["optional-dependencies"]["test"]])
    have = sorted(_norm(d) for d in conda if not d.startswith(("python=", "pip")))
    assert have == wanted


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_templates_are_stored_without_outputs_and_have_a_parameters_cell(name):
    path = REPO / "templates" / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in nb.cells if c.cell_type == "code")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert set(papermill.inspect_notebook(str(path))) == set(TEMPLATES[name].params.model_fields)


@pytest.mark.slow
def test_plain_pytest_collects_without_errors():
    """`pytest` (not only `python -m pytest`) finds the `tests` package: same tests, no error."""
    import subprocess
    import sys

    pytest_bin = Path(sys.executable).with_name("pytest")
    done = subprocess.run([str(pytest_bin), "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert re.search(r"^\d+ tests collected", done.stdout.splitlines()[-1])


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_parameter_is_passed_on_by_the_template(name):
    """A parameter the template declares but never uses is silently ignored (levers once)."""
    nb = nbformat.read(REPO / "templates" / f"{name}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code"
                     and "parameters" not in c.metadata.get("tags", []))
    for param in papermill.inspect_notebook(str(REPO / "templates" / f"{name}.ipynb")):
        assert re.search(rf"\b{param}={param}\b", code), f"{name}: {param} is never passed on"
