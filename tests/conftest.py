"""Shared fixtures: a scratch project root that reuses the real clients/ and templates/."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
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


def insert_cell(root: Path, template: str, source: str, cell_id: str = "inserted",
                index: int = 3) -> None:
    """Put an extra code cell into one of the scratch root's templates (to make it fail)."""
    import json

    path = root / "templates" / f"{template}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(index, {"cell_type": "code", "id": cell_id, "metadata": {},
                               "execution_count": None, "outputs": [], "source": source})
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def process_gone(pid: int, within: float = 5.0) -> bool:
    """True once process ``pid`` has exited (or is a zombie) within ``within`` seconds."""
    import time

    import psutil

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


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


@contextmanager
def another_batch_holding(root: Path):
    """Another batch holds ``root``'s output lock (in a thread) until the yielded event is
    set; the lock is held when the block starts."""
    import threading

    from kit.batch import folder_lock

    holding, release = threading.Event(), threading.Event()

    def hold():
        with folder_lock(root):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    assert holding.wait(10)
    try:
        yield release
    finally:
        release.set()
        thread.join(10)
