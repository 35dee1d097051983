"""The package's shape: imports go one way, nothing loops, ``import kit`` stays light, and the
kit never changes the process that calls it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

KIT = Path(__file__).resolve().parents[1] / "kit"

#: The only function-level imports of kit modules, each for a heavy dependency it would load.
LAZY_KIT_IMPORTS = {
    ("kit/pipeline.py", "kit.export"),  # nbconvert + nbformat, only when a page is exported
    ("kit/batch.py", "kit.export"),  # the same, warmed in each worker before it forks
    ("kit/cli.py", "kit.portfolio"),  # seaborn/matplotlib, only for `kit portfolio`
    ("kit/cli.py", "kit.widgets"),  # ipywidgets and the workbooks, only for `kit undo`
}


def _function_imports() -> list[tuple[str, str]]:
    found = []
    for path in sorted(KIT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and node.module:
                        found.append((f"kit/{path.relative_to(KIT).as_posix()}", node.module))
                    elif isinstance(node, ast.Import):
                        found += [(f"kit/{path.relative_to(KIT).as_posix()}", a.name)
                                  for a in node.names]
    return found


def test_the_layers_contract_is_kept():
    """pyproject.toml's [tool.importlinter] layers, checked by import-linter itself."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True,
                         cwd=KIT.parent, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_no_import_cycle_even_through_function_level_imports():
    graph = grimp.build_graph("kit")
    cycles = [(m, d) for m in graph.modules for d in graph.find_modules_directly_imported_by(m)
              if graph.chain_exists(importer=d, imported=m)]
    assert cycles == []


def test_function_level_imports_of_the_kit_are_only_the_heavy_ones():
    kit_lazy = {(f, m) for f, m in _function_imports() if m == "kit" or m.startswith("kit.")}
    assert kit_lazy == LAZY_KIT_IMPORTS


@pytest.mark.parametrize("module", ["kit", "kit.domain", "kit.profile", "kit.clients"])
def test_importing_the_core_loads_no_engine(module):
    """``import kit.domain`` is the domain only; the engine and notebook libraries load when a
    workbook runs, not when a module is imported."""
    code = (f"import sys, {module}; heavy = ('kit.pipeline', 'nbformat', 'nbconvert', "
            "'matplotlib', 'papermill', 'ipywidgets'); "
            "print(','.join(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_the_kit_never_changes_the_callers_environment_or_working_directory():
    """Batch-vs-live is read from the kernel (``kit.session``), never set in ``os.environ``.
    Only the zygote changes its own process's environment (it is not the caller's)."""
    writes = []
    for path in sorted(KIT.rglob("*.py")):
        if path.name == "zygote.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = None
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                target = next((t for t in targets if isinstance(t, ast.Subscript)
                               and ast.unparse(t.value) == "os.environ"), None)
            elif isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in {"os.chdir", "os.putenv", "os.environ.update", "os.environ.setdefault",
                            "os.environ.pop", "os.environ.clear", "os.unsetenv"}:
                    target = node
            if target is not None:
                writes.append(f"{path.name}:{node.lineno}")
    assert writes == []


def _errors():
    from kit.batch import BatchLocked
    from kit.clients import Problem, ProfileError
    from kit.data import DataError
    from kit.params import ParameterError
    from kit.profile_edits import Conflict
    from kit.typed_input import InputProblem
    from kit.zygote import ZygoteError

    return [
        DataError("data/orders.csv", "金額要是數字", row=12, column="金額"),
        ProfileError([Problem("clients/a/client.yaml", "goals.deadline", "期限要是日期", line=3)]),
        ParameterError(["a｜goals｜缺少 period"]),
        BatchLocked({"pid": 42, "host": "m1"}),
        Conflict("goals"),
        InputProblem("「每月預算」看不懂「abc」"),
        ZygoteError("refused"),
    ]


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_errors_survive_a_process_boundary(error):
    """A batch worker or a Dask worker sends its error back pickled: same type, message and
    fields on the other side."""
    import pickle

    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    assert vars(back) == vars(error)
