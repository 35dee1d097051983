"""The ``kit`` command: validate profiles, run one workbook, batch many, run the demo."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from pydantic import TypeAdapter, ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kit import fmt, paths, profile_edits
from kit.batch import BatchLocked, jobs_for, run_jobs
from kit.clients import ProfileError, errors, list_clients
from kit.i18n import consultant_lang, t
from kit.narrative import sync_template
from kit.params import ParameterError
from kit.pdf import to_pdf
from kit.pipeline import RunResult, execute_notebook, run_workbook
from kit.preflight import check_clients
from kit.profile import YearMonth
from kit.workshop import lab_command, prepare

app = typer.Typer(help="Workbook toolkit for marketing consultants.", no_args_is_help=True,
                  pretty_exceptions_show_locals=False,
                  add_completion=False)
out = Console(soft_wrap=True, markup=False, highlight=False)  # text is text; paths unbroken
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)

LangOpt = Annotated[str | None, typer.Option("--lang", help="zh-TW or en (default: the client's)")]
PeriodOpt = Annotated[str | None, typer.Option("--period", help="Month to report, e.g. 2026-11")]


def _period(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return TypeAdapter(YearMonth).validate_python(value)
    except ValidationError as exc:
        err.print(f"--period: {t('val.period', consultant_lang(), input=value)}")
        raise typer.Exit(2) from exc


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


@app.command()
def validate(
    slug: Annotated[str | None, typer.Argument(help="Client id; all clients if omitted")] = None,
    lang: LangOpt = None,
) -> None:
    """Check client profiles and every file their workbooks read (data files, logo); print
    one line per problem; exit 1 if any problem is more than a warning."""
    slugs = [slug] if slug else list_clients()
    checked = check_clients(slugs, lang=lang)  # each client in its own process, time-limited
    problems = [p for s in slugs for p in checked[s]]
    for problem in problems:
        typer.echo(str(problem))  # plain, unwrapped: one line per problem
    msg_lang = lang or consultant_lang()
    bad = errors(problems)
    if len(bad) < len(problems):
        err.print(t("val.warnings", msg_lang, n=len(problems) - len(bad)))
    if bad:
        err.print(t("val.problems", msg_lang, n=len(bad)))
        raise typer.Exit(1)
    out.print(t("val.ok", msg_lang, n=len(slugs)))


def _report(results: list[RunResult], lang: str) -> int:
    done = [r for r in results if r.status == "ok"]
    bad = [r for r in results if not r.ok]
    if bad:
        table = Table(title=t("run.summary_failed", lang, n=len(bad)), show_lines=True)
        for col in ("client", "template", "status", "message"):
            table.add_column(col, overflow="fold")
        for r in bad:
            table.add_row(r.client, r.template, r.status, r.message)
        err.print(table)
    out.print(t("run.ok", lang, n=len(done)))
    if done:
        out.print(t("run.where", lang))
        for r in done:
            typer.echo(f"  {r.html}")
    return 1 if bad else 0


@app.command()
def run(
    template: Annotated[str, typer.Argument(help="Template name, e.g. goals")],
    client: Annotated[str, typer.Option("--client", "-c", help="Client id (folder name)")],
    period: PeriodOpt = None,
    lang: LangOpt = None,
) -> None:
    """Run one template for one client and export its HTML report."""
    result = run_workbook(template, client, _period(period), lang)
    raise typer.Exit(_report([result], lang or consultant_lang()))


def _batch(clients: list[str] | None, templates: list[str] | None, period: date | None,
           lang: str | None, jobs: int | None = None, force: bool = False,
           failed: bool = False, dask: str | None = None, timeout: int = 600,
           wait: bool = True, output: str | None = None) -> int:
    msg_lang = lang or consultant_lang()
    todo = jobs_for(clients, templates, f"{period:%Y-%m}" if period else None, lang)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(t("batch.checking", msg_lang), total=None)

        def start(run: list, skipped: int) -> None:
            progress.update(task, total=len(run), completed=0,
                            description=t("batch.running", msg_lang, n=len(run),
                                          skipped=skipped))

        def done(job, result: RunResult) -> None:
            progress.update(task, advance=1, description=f"{job.client} · {job.template}")

        def waiting(holder: dict) -> None:
            err.print(t("batch.locked_wait", msg_lang, **_holder_text(holder)),
                      markup=False, soft_wrap=True)

        try:
            results, skipped = run_jobs(todo, workers=jobs, force=force, failed_only=failed,
                                        dask=dask, timeout=timeout, on_start=start,
                                        on_done=done, wait=wait, on_wait=waiting,
                                        output=output)
        except BatchLocked as exc:
            err.print(t("batch.locked", msg_lang, **_holder_text(exc.holder)),
                      markup=False, soft_wrap=True)
            return 1
    if skipped:
        out.print(t("batch.skipped", msg_lang, n=len(skipped)))
    return _report(results, msg_lang)


def _holder_text(holder: dict) -> dict:
    return {"pid": holder.get("pid", "?"), "host": holder.get("host", "?"),
            "since": holder.get("since", "?")}


@app.command()
def batch(
    clients: Annotated[str | None, typer.Option(help="Comma-separated client ids")] = None,
    templates: Annotated[str | None, typer.Option(help="Comma-separated templates")] = None,
    period: PeriodOpt = None,
    lang: LangOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Parallel reports "
                                             "(default: one more than the cores)")] = None,
    force: Annotated[bool, typer.Option(help="Rerun reports whose inputs did not change")] = False,
    failed: Annotated[bool, typer.Option(help="Rerun only what failed last time")] = False,
    dask: Annotated[str | None, typer.Option(help="'local' for a Dask LocalCluster, or a "
                                             "scheduler address like tcp://host:8786")] = None,
    timeout: Annotated[int, typer.Option(help="Seconds a cell may run")] = 600,
    wait: Annotated[bool, typer.Option(help="If another batch is writing to the same "
                                       "folder, wait for it (--no-wait: stop)")] = True,
    output: Annotated[str | None, typer.Option(
        help="Where reports go instead of workbooks/: a folder or a URL like "
             "s3://bucket/reports (fsspec)")] = None,
) -> None:
    """Run every client x template in parallel; unchanged reports are skipped, failures
    are summarised and never stop the rest; rerun after a crash to finish the job."""
    raise typer.Exit(_batch(_split(clients), _split(templates), _period(period), lang, jobs,
                            force, failed, dask, timeout, wait, output))


def _name_values(args: list[str]) -> list[tuple[str, str]]:
    """``-p NAME VALUE`` pairs (papermill's syntax; click cannot declare it as an option)."""
    pairs, rest = [], list(args)
    while rest:
        flag = rest.pop(0)
        if flag not in ("-p", "--parameters") or len(rest) < 2:
            raise typer.BadParameter(f"{flag!r}: expected -p NAME VALUE")
        pairs.append((rest.pop(0), rest.pop(0)))
    return pairs


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def execute(
    ctx: typer.Context,
    input_path: Annotated[Path, typer.Argument(help="Notebook to run", exists=True,
                                               dir_okay=False)],
    output_path: Annotated[Path, typer.Argument(help="Where to write the executed notebook")],
    parameters_file: Annotated[list[Path] | None, typer.Option(
        "--parameters-file", "-f", help="YAML file of parameters (repeatable)")] = None,
    cwd: Annotated[Path | None, typer.Option(help="Working directory of the kernel")] = None,
    execution_timeout: Annotated[float | None, typer.Option(
        help="Seconds a cell may run")] = None,
    engine: Annotated[str, typer.Option(help="zygote (forked warm kernels) or papermill")] = (
        "zygote"),
) -> None:
    """Execute any notebook like `papermill INPUT OUTPUT [-p NAME VALUE]...`: parameters
    injected after the `parameters` cell, errors marked in the output notebook, exit status 1
    on a failed cell."""
    from nbclient.exceptions import DeadKernelError
    from papermill.cli import _resolve_type
    from papermill.exceptions import PapermillExecutionError
    from papermill.iorw import read_yaml_file

    values: dict = {}
    for path in parameters_file or []:
        values.update(read_yaml_file(str(path)) or {})
    for name, value in _name_values(ctx.args):
        values[name] = _resolve_type(value)
    msg_lang = consultant_lang()
    try:
        execute_notebook(input_path, output_path, values, cwd, execution_timeout, engine)
    except PapermillExecutionError as exc:
        err.print(t("execute.failed", msg_lang, cell=exc.exec_count or exc.cell_index + 1,
                    error=f"{exc.ename}: {exc.evalue}".strip(), notebook=output_path),
                  markup=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    except TimeoutError as exc:
        err.print(t("execute.timeout", msg_lang, seconds=execution_timeout,
                    notebook=output_path), markup=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    except DeadKernelError as exc:
        err.print(t("execute.dead", msg_lang, error=str(exc)), markup=False, soft_wrap=True)
        raise typer.Exit(138) from exc  # papermill's exit status for a dead kernel


@app.command()
def pdf(
    pages: Annotated[list[Path], typer.Argument(help="HTML reports to print")],
) -> None:
    """Print HTML reports to PDF (A4) with headless Chromium, beside each HTML file."""
    for path in to_pdf(pages):
        typer.echo(str(path))


@app.command("sync-templates")
def sync_templates() -> None:
    """Write each template's chapter text (its narrative Markdown cells) from the zh-TW
    catalogue, where a template and the catalogue differ."""
    lang = consultant_lang()
    changed = [path for path in sorted(paths.templates_dir().glob("*.ipynb"))
               if sync_template(path)]
    for path in changed:
        out.print(t("templates.synced", lang, template=path.stem))
    if not changed:
        out.print(t("templates.in_sync", lang))


@app.command()
def portfolio(period: PeriodOpt = None, lang: LangOpt = None) -> None:
    """Consultant-only overview of every client's KPIs and traffic lights (from snapshots)."""
    from kit.portfolio import write_portfolio  # draws charts: seaborn loads only when asked

    typer.echo(str(write_portfolio(period=_period(period), lang=lang or consultant_lang())))


@app.command()
def workshop(
    client: Annotated[str, typer.Argument(help="Client id (folder name)")],
    period: PeriodOpt = None,
    port: Annotated[int, typer.Option(help="Local port for JupyterLab")] = 8888,
    browser: Annotated[bool, typer.Option(help="Open a browser window")] = True,
) -> None:
    """Prepare the client's workbooks and open them live in JupyterLab (localhost only)."""
    root = paths.project_root()
    try:
        notebooks = prepare(client, root, _period(period))
    except (ProfileError, ParameterError) as exc:
        for line in getattr(exc, "problems", []):
            typer.echo(str(line))
        notebooks = []
    if not notebooks:
        err.print(t("workshop.nothing", consultant_lang(), client=client))
        raise typer.Exit(1)
    cmd, env = lab_command(notebooks, root, port, browser=browser)
    raise typer.Exit(subprocess.call(cmd, env=env, cwd=root))


@app.command()
def undo(
    client: Annotated[str, typer.Argument(help="Client id (folder name)")],
    save: Annotated[int | None, typer.Option(help="Number of the save to undo (default: "
                                             "the last one not undone)")] = None,
    show: Annotated[bool, typer.Option("--list", help="List the workshop's saves")] = False,
) -> None:
    """Undo a workshop save (or list them): the fields it changed go back, unless someone
    changed them again since (then nothing is overwritten and they are named)."""
    from kit.widgets import path_label, show_value  # ipywidgets and the workbooks' charts

    lang = consultant_lang()
    if show:
        for entry in profile_edits.history(client):
            what = fmt.join((
                f"{path_label(tuple(c['path']), {}, lang)} "
                f"{show_value(c['old'], tuple(c['path']), lang)} → "
                f"{show_value(c['new'], tuple(c['path']), lang)}" for c in entry["changes"]),
                lang, "semicolon")
            typer.echo(f"{entry['n']}  {entry['time']}  {entry['section']}  {what}")
        return
    result = profile_edits.undo(client, save)
    for c in result.changes:
        typer.echo(t("workshop.undone_field", lang, field=path_label(c.path, {}, lang),
                     old=show_value(c.old, c.path, lang), new=show_value(c.new, c.path, lang)))
    for c in result.conflicts:
        err.print(t("workshop.undo_kept", lang, field=path_label(c.path, {}, lang),
                    value=show_value(c.theirs, c.path, lang)))
    if not result.changes and not result.conflicts:
        err.print(t("workshop.nothing_to_undo", lang))
    raise typer.Exit(1 if result.conflicts else 0)


@app.command()
def demo(lang: LangOpt = None) -> None:
    """Generate every sample client's reports into workbooks/ and print where they are."""
    root: Path = paths.project_root()
    out.print(f"{paths.clients_dir(root)} → {paths.workbooks_dir(root)}", markup=False)
    raise typer.Exit(_batch(None, None, None, lang))


if __name__ == "__main__":
    app()
