"""Run templates for clients: validate, execute with papermill, export HTML, write atomically.

Layout of the output: ``workbooks/<slug>/<YYYY-MM>/<template>.ipynb`` (for the consultant)
and ``<template>.html`` (for the client). A failed run keeps ``<template>.failed.ipynb`` for
inspection and never touches the last good HTML. A report in another language than the
client's own sits beside it: ``<template>.en.html``, ``<template>.en.ipynb`` (and its own
snapshot), so the English copy never replaces what the owner was sent.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kit import fmt, paths
from kit.clients import Client, ProfileError, list_clients, load_client
from kit.data import DataError
from kit.i18n import consultant_lang, t
from kit.inputs import check_logo
from kit.narrative import localise
from kit.params import (
    TEMPLATES,
    ParameterError,
    applies_to,
    build_parameters,
)
from kit.paths import atomic_write
from kit.zygote import BatchKernelManager, StockBatchKernelManager


@dataclass(frozen=True)
class RunResult:
    """What happened to one client x template."""

    client: str
    template: str
    status: str  # ok | failed | invalid | skipped
    html: Path | str | None = None  # a str: an fsspec URL (batch output elsewhere)
    notebook: Path | str | None = None
    message: str = ""
    seconds: float = 0.0
    executed: float = 0.0  # of which: in papermill (kernel start, cells, shutdown)

    @property
    def ok(self) -> bool:
        """True when the report was produced (or there was nothing to produce)."""
        return self.status in ("ok", "skipped")


NUMBERS_MIME = "application/vnd.kit.numbers+json"
SNAPSHOTS = "snapshots"


def kit_numbers(notebook: Any) -> dict[str, Any] | None:
    """The numbers a template published for the kit (see ``ReportBook.publish_numbers``)."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if NUMBERS_MIME in data:
                return dict(data[NUMBERS_MIME])
    return None


def lang_suffix(lang: str, own: str) -> str:
    """``""`` for the client's own language, else ``".<lang>"`` (``report.en.html``)."""
    return "" if lang == own else f".{lang}"


def keep_snapshot(folder: Path, template: str, period: date, page: str, numbers: dict[str, Any],
                  suffix: str = "") -> Path:
    """Keep what the owner was sent: ``clients/<slug>/snapshots/<YYYY-MM>/<template>.html``
    and the numbers behind it (``<template>.json``), so later months compare against it.
    ``suffix``: the language tag of a report in another language (``report.en.json``)."""
    target = folder / SNAPSHOTS / f"{period:%Y-%m}"
    atomic_write(target / f"{template}{suffix}.html", page)
    atomic_write(target / f"{template}{suffix}.json",
                 json.dumps(numbers, ensure_ascii=False, indent=1, default=str))
    return target


def available_templates(root: Path | None = None) -> list[str]:
    """Templates the kit knows that exist as notebooks under templates/."""
    base = paths.templates_dir(root)
    return [name for name in TEMPLATES if (base / f"{name}.ipynb").is_file()]


def output_dir(slug: str, period: date, root: Path | None = None,
               workbooks: Path | None = None) -> Path:
    """workbooks/<slug>/<YYYY-MM>/ (or under ``workbooks``)."""
    return (workbooks or paths.workbooks_dir(root)) / slug / f"{period:%Y-%m}"


ENGINES = ("zygote", "papermill")
# what a batch zygote imports once for every report: the kernel's usual libraries and the
# kit's workbooks (discovered, not listed), then the font and catalogues their charts open;
# reports' own imports are then mostly cached
PRELOAD = ("kit.workbooks.*", "kit.workbooks:warm")


def check_against_notebook(
    template_path: Path, parameters: dict[str, Any], client: str, lang: str | None = None
) -> list[str]:
    """Unknown and missing keys between ``parameters`` and the notebook's parameters cell."""
    import papermill

    declared = set(papermill.inspect_notebook(str(template_path)))
    given = set(parameters)
    name = template_path.stem
    return [t("param.unknown", lang, client=client, template=name, key=k)
            for k in sorted(given - declared)] + [
        t("param.missing", lang, client=client, template=name, key=k)
        for k in sorted(declared - given)]


def kernel_manager(engine: str, kernel_output: Path | None = None) -> type:
    """The kernel manager papermill gets: zygote-forked or spawned kernels, batch environment;
    ``kernel_output``: a file for the kernel process's own output (see
    ``BatchKernelManager.kernel_output``), else it shares this process's."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: {', '.join(ENGINES)}")
    base = BatchKernelManager if engine == "zygote" else StockBatchKernelManager
    if kernel_output is None:
        return base
    return type(base.__name__, (base,), {"kernel_output": str(kernel_output)})


def _execute(template_path: Path, out_path: Path, parameters: dict[str, Any], cwd: Path,
             timeout: int | None = None, engine: str = "papermill",
             kernel_output: Path | None = None) -> Any:
    """Run the template with papermill; the executed notebook (also written to ``out_path``)."""
    import papermill

    return papermill.execute_notebook(
        str(template_path), str(out_path), parameters=parameters, kernel_name="python3",
        progress_bar=False, log_output=False, cwd=str(cwd), execution_timeout=timeout,
        kernel_manager_class=kernel_manager(engine, kernel_output),
        request_save_on_cell_execute=False,  # the partial notebook is written once, at the end
        # the kernel's own start-up chatter (e.g. ipykernel's TCP notice) is not the user's concern
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )


def execute_notebook(input_path: str | Path, output_path: str | Path,
                     parameters: dict[str, Any] | None = None, cwd: str | Path | None = None,
                     execution_timeout: float | None = None, engine: str = "zygote",
                     **kwargs):
    """``papermill.execute_notebook`` for any notebook, its Python kernels forked by a zygote.

    Same parameters cell injection, error markers and exceptions as papermill (a failing cell
    raises ``PapermillExecutionError``); a notebook for another language gets its own kernel.
    """
    import nbformat
    import papermill

    nb = nbformat.read(str(input_path), as_version=4)
    language = (nb.metadata.get("kernelspec", {}).get("language")
                or nb.metadata.get("language_info", {}).get("name") or "python")
    options: dict[str, Any] = {"progress_bar": False, **kwargs}
    if language == "python":
        options["kernel_manager_class"] = kernel_manager(engine)
    return papermill.execute_notebook(
        str(input_path), str(output_path), parameters=parameters or {},
        cwd=str(cwd) if cwd else None, execution_timeout=execution_timeout, **options)


def _shown(path: Path, root: Path | None) -> Path:
    """``path`` relative to the project root when it is inside it."""
    try:
        return path.relative_to(paths.workbooks_dir(root).parent)
    except ValueError:
        return path


def run_workbook(
    template: str,
    slug: str,
    period: date | None = None,
    lang: str | None = None,
    root: Path | None = None,
    prepared: date | None = None,
    timeout: int | None = None,
    engine: str = "papermill",
    workbooks: Path | None = None,
    client: Client | None = None,
    kernel_output: Path | None = None,
) -> RunResult:
    """Execute one template for one client and export its client-facing HTML.

    Outputs go to ``workbooks/<slug>/<YYYY-MM>/`` (``workbooks``: another folder for them).
    ``client``: the client's profile, loaded and checked already (a batch ships it to its Dask
    workers, which would otherwise read and check it again). ``kernel_output``: a file for
    what the kernel process itself prints (a batch keeps it in the report's log).

    Never raises for a bad profile or a failing cell: the result says what happened.
    """
    start = time.perf_counter()
    msg_lang = lang or consultant_lang()
    tpl_path = paths.templates_dir(root) / f"{template}.ipynb"
    if template not in TEMPLATES or not tpl_path.is_file():
        msg = t("param.no_template", msg_lang, template=template,
                available=", ".join(available_templates(root)))
        return RunResult(slug, template, "invalid", message=msg)
    try:
        client = client if client is not None and client.slug == slug else load_client(
            slug, root, lang)
    except ProfileError as exc:
        return RunResult(slug, template, "invalid", message=str(exc))
    if not applies_to(template, client):
        section = TEMPLATES[template].section
        return RunResult(slug, template, "skipped", message=f"no '{section}' section")
    try:
        parameters = build_parameters(template, client, period, lang)
    except ParameterError as exc:
        return RunResult(slug, template, "invalid", message=str(exc))
    problems = check_against_notebook(tpl_path, parameters, slug, msg_lang)
    if problems:
        return RunResult(slug, template, "invalid", message="\n".join(problems))

    info = client.profile.client.model_copy(update={"language": parameters["client"]["language"]})
    the_period = date.fromisoformat(parameters["period"])
    out_dir = output_dir(slug, the_period, root, workbooks)
    out_dir.mkdir(parents=True, exist_ok=True)
    # the client's own language keeps the plain names; another language gets its own files
    name = template + lang_suffix(info.language, client.profile.client.language)
    final_nb, final_html = out_dir / f"{name}.ipynb", out_dir / f"{name}.html"
    failed_nb = out_dir / f"{name}.failed.ipynb"
    partial = out_dir / f".{name}.{os.getpid()}.partial.ipynb"

    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    executing = time.perf_counter()
    try:
        notebook = _execute(tpl_path, partial, parameters, client.folder, timeout, engine,
                            kernel_output)
    except (TimeoutError, DeadKernelError) as exc:  # a cell ran too long, or the kernel died
        partial.unlink(missing_ok=True)
        return RunResult(slug, template, "failed", message=f"{type(exc).__name__}: {exc}",
                         seconds=time.perf_counter() - start)
    except PapermillExecutionError as exc:
        os.replace(partial, failed_nb)
        error = f"{exc.ename}: {exc.evalue}".strip()
        msg = t("run.failed_cell", msg_lang, client=slug, template=template,
                cell=exc.exec_count or exc.cell_index + 1, error=error,
                notebook=_shown(failed_nb, root))
        return RunResult(slug, template, "failed", notebook=failed_nb, message=msg,
                         seconds=time.perf_counter() - start)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

    executed = time.perf_counter() - executing
    # the narrative in the report's language (Markdown runs no code: the same after the run)
    localised = localise(notebook, info.language)

    logo = None
    if info.logo:  # checked by load_client; resolved again here, inside the client's folder
        try:
            logo = check_logo(client.folder, info.logo, msg_lang)
        except DataError:
            logo = None
    title = t(TEMPLATES[template].title, info.language,
              month=fmt.month(the_period, info.language))
    from kit.export import export_html  # nbconvert: loaded when a page is exported

    page = export_html(notebook, info, the_period, title, logo=logo, prepared=prepared)
    atomic_write(final_html, page)
    if localised:  # the consultant's copy reads in the report's language too
        import nbformat

        atomic_write(final_nb, nbformat.writes(notebook))
        partial.unlink()
    else:
        os.replace(partial, final_nb)
    failed_nb.unlink(missing_ok=True)
    numbers = kit_numbers(notebook)
    if numbers is not None:
        keep_snapshot(client.folder, template, the_period, page, {**numbers,
                      "lang": info.language}, name[len(template):])
    return RunResult(slug, template, "ok", html=final_html, notebook=final_nb,
                     seconds=time.perf_counter() - start, executed=executed)


def run_batch(
    clients: Iterable[str] | None = None,
    templates: Iterable[str] | None = None,
    period: date | None = None,
    lang: str | None = None,
    root: Path | None = None,
    on_result: Callable[[RunResult], None] | None = None,
) -> list[RunResult]:
    """Run every client x template in turn; one failure never stops the rest."""
    slugs = list(clients) if clients else list_clients(root)
    names = list(templates) if templates else available_templates(root)
    results = []
    for slug in slugs:
        for name in names:
            result = run_workbook(name, slug, period, lang, root)
            results.append(result)
            if on_result:
                on_result(result)
    return results
