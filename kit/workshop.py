"""Workshop mode: the client's workbooks opened live in JupyterLab, editors beside them.

``prepare`` writes the workshop copies of the workbooks (parameters readable, code collapsed,
consultant-only cells out); ``lab_command`` starts JupyterLab on them. Saving what is decided
lives in :mod:`kit.profile_edits`.
"""

from __future__ import annotations

import os
import pprint
import re
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from kit import paths
from kit.batch import Job, Manifest, fingerprint
from kit.clients import PROFILE_NAME, load_client
from kit.i18n import t
from kit.narrative import localise
from kit.params import TEMPLATES, applies_to, build_parameters
from kit.paths import atomic_write
from kit.pipeline import available_templates, output_dir

_CJK = re.compile(r"[\u3400-\u9fff]")


#: Sections with a live editor: their workbooks are the ones a workshop opens.
WORKSHOP_SECTIONS = ("goals", "swot", "funnel", "budget", "plan")
WORKSHOP_DIR = "workshop"


def prepare(slug: str, root: Path | None = None, period=None) -> list[Path]:
    """The client's workbooks for the period, ready to open live, without running a kernel.

    Each is the template with the client's parameters injected (readable, not escaped), the
    code cells collapsed and the consultant-only cells left out; where the batch's executed
    notebook is current (same inputs, same kit) its outputs come along, so the page is full
    before anyone presses run. The copies go to ``workbooks/<slug>/<YYYY-MM>/workshop/``:
    the batch's own notebooks are never touched.
    """
    import nbformat  # heavy (JSON schema validation): only when a workshop starts

    client = load_client(slug, root)
    notebooks = []
    for name in available_templates(root):
        if TEMPLATES[name].section not in WORKSHOP_SECTIONS or not applies_to(name, client):
            continue
        params = build_parameters(name, client, period)
        the_period = date.fromisoformat(params["period"])
        batch = _current_batch(slug, name, period, root, output_dir(slug, the_period, root))
        if batch is not None:
            nb = nbformat.read(batch, as_version=4)
        else:
            from papermill.iorw import load_notebook_node
            from papermill.parameterize import parameterize_notebook

            template = paths.templates_dir(root) / f"{name}.ipynb"
            nb = parameterize_notebook(load_notebook_node(str(template)), params,
                                       kernel_name="python3", language="python")
            localise(nb, params["client"].get("language"))
        workshop_view(nb, params, slug)
        out = output_dir(slug, the_period, root) / WORKSHOP_DIR / f"{name}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, nbformat.writes(nb))
        notebooks.append(out)
    return notebooks


def _current_batch(slug: str, name: str, period, root: Path | None, folder: Path) -> Path | None:
    """The batch's executed notebook for this workbook if it was made from the same inputs."""
    executed = folder / f"{name}.ipynb"
    if not executed.is_file():
        return None
    job = Job(slug, name, f"{period:%Y-%m}" if period else None)
    print_ = fingerprint(job, root)
    return executed if Manifest(root).is_current(job, print_) else None


def readable_parameters(params: Mapping[str, Any], slug: str, lang: str) -> str:
    """The parameters cell as people can read it: Chinese as Chinese, ``None`` as ``None``
    only where Python needs it, one name per line."""
    lines = [f"# {t('workshop.params_note', lang, file=f'clients/{slug}/{PROFILE_NAME}')}"]
    for key, value in params.items():
        lines.append(f"{key} = {pprint.pformat(value, width=96, sort_dicts=False)}")
    return "\n".join(lines) + "\n"


def workshop_view(nb: Any, params: Mapping[str, Any], slug: str) -> None:
    """In place: code collapsed, consultant-only cells out, parameters readable, an intro."""
    from nbformat.v4 import new_markdown_cell

    lang = (params.get("client") or {}).get("language")
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "consultant-only" in tags or "parameters" in tags:
            continue  # the template's demo parameters: the injected cell below replaces them
        if "injected-parameters" in tags:
            cell.source = readable_parameters(params, slug, lang)
        if cell.cell_type == "code":
            first = cell.source.lstrip().split("\n", 1)[0]
            if not (first.startswith("#") and _CJK.search(first)):
                # a collapsed cell still shows its first line: make it one in the client's words
                cell.source = f"# {t('workshop.code_note', lang)}\n{cell.source}"
            jupyter = dict(cell.metadata.get("jupyter", {}))
            jupyter["source_hidden"] = True  # JupyterLab shows the outputs, not the code
            cell.metadata["jupyter"] = jupyter
        cells.append(cell)
    intro = new_markdown_cell(t("workshop.intro", lang))
    intro.metadata["tags"] = ["workshop-intro"]
    nb.cells = [intro, *cells]
    nb.metadata.setdefault("kit", {})["workshop"] = True


def lab_command(notebooks: list[Path], root: Path, port: int = 8888, token: str | None = None,
                browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment for a workshop (localhost only, zh-TW UI)."""
    settings = root / "workbooks" / ".jupyterlab-settings"
    plugin = settings / "@jupyterlab" / "translation-extension"
    plugin.mkdir(parents=True, exist_ok=True)
    (plugin / "plugin.jupyterlab-settings").write_text('{"locale": "zh_TW"}', encoding="utf-8")
    news = settings / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True, exist_ok=True)  # no "get notified about Jupyter news?" pop-up
    (news / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8")
    cmd = [sys.executable, "-m", "jupyterlab", "--ip", "127.0.0.1", "--port", str(port),
           f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
           "--ServerApp.port_retries=0"]
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    if not browser:
        cmd.append("--no-browser")
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    if notebooks:  # open the first workbook; the others sit beside it in the file browser
        cmd.append(f"--ServerApp.default_url=/lab/tree/{notebooks[0].relative_to(root)}")
    env = dict(os.environ)
    env["KIT_HOME"] = str(root)
    return cmd, env
