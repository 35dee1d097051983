"""Shared fixtures: a scratch project root that reuses the real clients/ and templates/."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CLIENTS = ("lin-hardware", "mei-dessert", "urban-thread")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
    matplotlib.rcdefaults()


def make_root(tmp: Path, clients: tuple[str, ...] = SAMPLE_CLIENTS) -> Path:
    """A project root in ``tmp`` with copies of the sample clients and the real templates."""
    (tmp / "clients").mkdir(parents=True)
    for slug in clients:
        shutil.copytree(REPO / "clients" / slug, tmp / "clients" / slug)
    shutil.copytree(REPO / "templates", tmp / "templates")
    return tmp


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A writable project root with the sample clients."""
    return make_root(tmp_path / "project")


@pytest.fixture(scope="session")
def batch_reports(tmp_path_factory):
    """Every sample client x every template, executed once per test session."""
    from kit.pipeline import run_batch

    root = make_root(tmp_path_factory.mktemp("batch"))
    return root, {(r.client, r.template): r for r in run_batch(root=root)}
