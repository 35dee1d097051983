"""Many reports at once: parallel (local processes or Dask), incremental, resumable.

- **Incremental**: a manifest (``workbooks/.kit-manifest.json``) records, per client x
  template x period, a fingerprint of the template, the parameters the client's profile
  gives it, the data files those parameters name, and the kit itself. Unchanged reports
  whose HTML is still there are skipped; ``force`` reruns them; ``failed_only`` reruns only
  what failed last time.
- **One run per folder**: a lock (``workbooks/.kit-batch.lock``) keeps a second batch on the
  same output folder from redoing the work: it waits (and says who holds the lock), then
  finds the reports current and skips them; or, told not to wait, stops and says who holds it.
- **Resumable**: only the parent writes the manifest, atomically, after each report; the
  reports themselves are written atomically by :func:`kit.pipeline.run_workbook`. Kill a
  batch at any moment and run it again: what finished is skipped, the rest runs.
- **Isolated**: every report runs in its own fresh Jupyter kernel, driven by papermill; with
  the default ``zygote`` engine each worker owns a zygote that forks the kernels warm
  (:mod:`kit.zygote`), so no state from one client reaches another; a worker that dies is
  replaced and its report retried once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from kit import __version__, paths, zygote
from kit.clients import Client, ProfileError, errors, list_clients, load_client
from kit.fonts import cjk_family
from kit.i18n import consultant_lang, t
from kit.params import ParameterError, build_parameters
from kit.paths import atomic_write
from kit.pipeline import PRELOAD, RunResult, available_templates, run_workbook
from kit.preflight import CHECK_TIMEOUT, check_clients
from kit.profile import _year_month

MANIFEST = ".kit-manifest.json"
LOCK = ".kit-batch.lock"


class BatchLocked(RuntimeError):
    """Another batch holds the output folder's lock."""

    def __init__(self, holder: dict):
        self.holder = holder
        super().__init__(f"locked by {holder}")

    def __reduce__(self):  # pickles across process and Dask boundaries
        return type(self), (self.holder,)


def _holder(fd: int) -> dict:
    with contextlib.suppress(OSError, ValueError):
        return json.loads(os.pread(fd, 65536, 0).decode("utf-8") or "{}")
    return {}


@contextlib.contextmanager
def folder_lock(root: Path | None = None, wait: bool = True,
                on_wait: Callable[[dict], None] | None = None,
                folder: Path | None = None) -> Iterator[None]:
    """Hold the output folder's lock (released when the process ends, even if killed).

    Held already: wait for it (calling ``on_wait`` with who holds it) or raise BatchLocked.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): run unlocked
        yield
        return
    path = (folder or paths.workbooks_dir(root)) / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise BatchLocked(holder) from None
            if on_wait:
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(),
            "since": datetime.now().isoformat(timespec="seconds"),
            "command": " ".join(sys.argv)}, ensure_ascii=False).encode("utf-8"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays (removing it would race)


@dataclass(frozen=True)
class Job:
    """One report to make."""

    client: str
    template: str
    period: str | None = None  # YYYY-MM; None: the profile's (or the template's) default
    lang: str | None = None

    @property
    def key(self) -> str:
        """Manifest key."""
        return f"{self.client}/{self.template}/{self.period or 'default'}/{self.lang or '-'}"


@lru_cache(maxsize=1)
def kit_fingerprint() -> str:
    """The kit's version and source: a change to the kit reruns every report."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(paths.PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".yaml", ".j2", ".css", ".json") and path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _files_named(value: object) -> Iterable[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _files_named(v)
    elif isinstance(value, list):
        for v in value:
            yield from _files_named(v)
    elif isinstance(value, str) and "/" in value and value.startswith("data/"):
        yield value


def fingerprint(job: Job, root: Path | None = None) -> str | None:
    """Hash of everything a report depends on; None when the profile cannot be read."""
    try:
        client = load_client(job.client, root, job.lang)
        period = _year_month(job.period) if job.period else None
        params = build_parameters(job.template, client, period, job.lang)
    except (ProfileError, ParameterError, ValueError, KeyError, AttributeError):
        return None
    digest = hashlib.sha256(kit_fingerprint().encode())
    digest.update((paths.templates_dir(root) / f"{job.template}.ipynb").read_bytes())
    digest.update(json.dumps(params, sort_keys=True, ensure_ascii=False).encode())
    for rel in sorted(set(_files_named(params))):
        path = client.folder / rel
        digest.update(rel.encode() + (path.read_bytes() if path.is_file() else b"<missing>"))
    return digest.hexdigest()


def is_remote(location: str | Path | None) -> bool:
    """True for an fsspec URL other than a local path (``s3://…``, ``gs://…``, ``memory://…``)."""
    return isinstance(location, str) and "://" in location and not location.startswith("file://")


def _exists(target: str) -> bool:
    import fsspec

    fs, path = fsspec.core.url_to_fs(target)
    return fs.isfile(path)


class Manifest:
    """What each report was made from and how it ended; written by one process only.

    Kept beside the reports: ``workbooks/`` by default, or the ``output`` folder or fsspec URL.
    """

    def __init__(self, root: Path | None = None, output: str | None = None):
        import fsspec

        location = output or str(paths.workbooks_dir(root))
        self.location = location.rstrip("/")
        self.fs, base = fsspec.core.url_to_fs(self.location)
        self.path = f"{base}/{MANIFEST}"
        try:
            self.entries: dict[str, dict] = json.loads(self.fs.cat_file(self.path))
        except (FileNotFoundError, json.JSONDecodeError):
            self.entries = {}

    def is_current(self, job: Job, print_: str | None) -> bool:
        """True when the last run succeeded from the same inputs and its HTML still exists."""
        entry = self.entries.get(job.key)
        return bool(entry and print_ and entry.get("fingerprint") == print_
                    and entry.get("status") == "ok" and entry.get("html")
                    and _exists(entry["html"]))

    def failed(self, job: Job) -> bool:
        """True when the last run of this report did not succeed."""
        entry = self.entries.get(job.key)
        return bool(entry and entry.get("status") not in ("ok", "skipped"))

    def record(self, job: Job, result: RunResult, print_: str | None) -> None:
        """Store one result and write the manifest atomically."""
        self.entries[job.key] = {
            "fingerprint": print_, "status": result.status,
            "html": str(result.html) if result.html else None,
            "message": result.message, "seconds": round(result.seconds, 2),
            "finished": datetime.now().isoformat(timespec="seconds"),
        }
        data = json.dumps(self.entries, ensure_ascii=False, indent=1)
        if is_remote(self.location):
            self.fs.pipe_file(self.path, data.encode("utf-8"))  # one PUT: all or nothing
        else:
            atomic_write(Path(self.path), data)


def jobs_for(clients: list[str] | None, templates: list[str] | None, period: str | None,
             lang: str | None, root: Path | None = None) -> list[Job]:
    """Every client x template (all clients, all templates by default)."""
    slugs = clients or list_clients(root)
    names = templates or available_templates(root)
    return [Job(s, t, period, lang) for s in slugs for t in names]


def preflight(jobs: list[Job], root: Path | None = None,
              timeout: float | None = None) -> dict[str, RunResult]:
    """Check every client of ``jobs`` in isolation (see :mod:`kit.preflight`); the "invalid"
    result of each job whose client has an error, by job key."""
    by_lang: dict[str | None, list[str]] = {}
    for job in jobs:
        by_lang.setdefault(job.lang, []).append(job.client)
    problems = {(lang, slug): found for lang, slugs in by_lang.items()
                for slug, found in check_clients(slugs, root, lang,
                                                 timeout or CHECK_TIMEOUT).items()}
    out = {}
    for job in jobs:
        bad = errors(problems[(job.lang, job.client)])
        if bad:
            out[job.key] = RunResult(job.client, job.template, "invalid",
                                     message="\n".join(str(p) for p in bad))
    return out


def run_job(job: Job, root: str | None, timeout: int | None,
            engine: str = "papermill", output: str | None = None,
            client: Client | None = None) -> RunResult:
    """Run one job (in a worker); never raises, and leaves a log beside the report.

    ``output``: a folder or fsspec URL for the reports instead of ``workbooks/``; a remote one
    gets the report made in a local staging folder, then uploaded (the HTML last).
    ``client``: the job's client as the batch loaded and checked it (see ``run_workbook``).
    """
    start = time.perf_counter()
    root_path = Path(root) if root else None
    remote = is_remote(output)
    with contextlib.ExitStack() as stack:
        if remote:
            import tempfile

            base = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kit-out-")))
        else:
            base = Path(output) if output else paths.workbooks_dir(root_path)
        tag = f".{job.lang}" if job.lang else ""  # each language its own log, as its own report
        log = base / job.client / "logs" / f"{job.template}-{job.period or 'default'}{tag}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        # the kernel's own output (ipykernel's log lines, a crash's last words) goes to the
        # report's log, not to the consultant's terminal
        kernel_output = log.with_name(f".{log.name}.{os.getpid()}.kernel")
        try:
            period = _year_month(job.period) if job.period else None
            result = run_workbook(job.template, job.client, period, job.lang, root_path,
                                  timeout=timeout, engine=engine, workbooks=base, client=client,
                                  kernel_output=kernel_output)
        except Exception as exc:  # a bug must not stop the batch: record it as a failure
            result = RunResult(job.client, job.template, "failed",
                               message=f"{type(exc).__name__}: {exc}",
                               seconds=time.perf_counter() - start)
        stamp = datetime.now().isoformat(timespec="seconds")
        said = ""
        with contextlib.suppress(OSError):
            said = kernel_output.read_text(encoding="utf-8", errors="replace").strip()
            kernel_output.unlink()
        atomic_write(log, f"{stamp} {result.status} {result.seconds:.2f}s\n{result.message}\n"
                     + (f"\n{t('batch.kernel_said', consultant_lang())}\n{said}\n" if said else ""))
        if remote:
            assert output is not None
            result = _upload(base, output.rstrip("/"), result)
    return result


def _upload(staging: Path, url: str, result: RunResult) -> RunResult:
    """Copy a staged report to ``url`` (HTML last: its presence means the report is whole)."""
    import fsspec

    fs, base = fsspec.core.url_to_fs(url)
    files = sorted((p for p in staging.rglob("*") if p.is_file()),
                   key=lambda p: p.suffix == ".html")
    for path in files:
        fs.put_file(str(path), f"{base}/{path.relative_to(staging).as_posix()}")

    def remote(local: Path | str | None) -> str | None:
        return f"{url}/{Path(local).relative_to(staging).as_posix()}" if local else None

    if result.status == "ok" and result.notebook:
        failed = Path(str(result.notebook).replace(".ipynb", ".failed.ipynb"))
        with contextlib.suppress(FileNotFoundError):
            fs.rm_file(f"{base}/{failed.relative_to(staging).as_posix()}")
    return dataclasses.replace(result, html=remote(result.html),
                               notebook=remote(result.notebook))


#: What a batch's zygote preloads: a kernel's usual libraries and the kit's workbooks.
BATCH_PRELOAD = (*zygote.PRELOAD, *PRELOAD)


def _warm_worker(engine: str, zygote_at: tuple[str, int] | None = None,
                 wait: bool = True) -> None:
    """Once per worker: the exporter (used here) and, for the zygote engine, the zygote: the
    one at ``zygote_at`` (the parent's, shared by all its workers), else one of its own
    (``wait=False``: preloading while the worker gets on with other things)."""
    cjk_family()
    import papermill  # noqa: F401  (and nbclient: what runs every report)

    from kit.export import client_exporter  # nbconvert: warmed in the parent before it forks

    client_exporter()
    if engine == "zygote":
        if zygote_at:
            zygote.use(zygote_at)
        else:
            zygote.start(BATCH_PRELOAD, wait=wait)


def _local(todo: list[Job], root: str | None, workers: int, timeout: int | None,
           engine: str, output: str | None, done: Callable[[Job, RunResult], None],
           zygote_at: tuple[str, int] | None = None) -> None:
    """Run ``todo`` on a pool of ``workers`` processes; they fork their kernels with the
    zygote at ``zygote_at`` (waiting for it, if it is still preloading, only when they start
    a kernel), else each with one of its own."""
    pending, retried = list(todo), set()
    _warm_worker("papermill")  # what every worker needs, loaded once here and inherited
    while pending:
        batch, pending = pending, []
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker,
                                     initargs=(engine, zygote_at)) as pool:
                futures = {pool.submit(run_job, job, root, timeout, engine, output): job
                           for job in batch}
                for future in as_completed(futures):
                    job = futures[future]
                    try:
                        done(job, future.result())
                    except BrokenProcessPool:
                        if job.key in retried:
                            done(job, RunResult(job.client, job.template, "failed",
                                                message="worker process died twice"))
                        else:
                            retried.add(job.key)
                            pending.append(job)
        except BrokenProcessPool:
            continue


def _zygote_plugin(engine: str, zygote_at: tuple[str, int] | None = None):
    """A Dask worker plugin: each worker warms up once, at start, and forks its kernels with
    the batch's own zygote when it runs on the same machine (the zygote's private folder
    exists there), else with a zygote of its own."""
    from distributed import WorkerPlugin

    class ZygotePlugin(WorkerPlugin):
        name = "kit-zygote"

        def setup(self, worker) -> None:
            # the zygote's folder exists from its start; its socket only once it has preloaded
            here = (zygote_at if zygote_at and os.path.isdir(os.path.dirname(zygote_at[0]))
                    else None)
            _warm_worker(engine, here, wait=False)  # the first kernel waits for the preload

        def teardown(self, worker) -> None:
            zygote.stop()

    return ZygotePlugin()


@dataclass
class _DaskSession:
    """A Dask client whose workers are warming up (see :func:`_dask_session`)."""

    client: Any
    warming: threading.Thread


@contextlib.contextmanager
def _dask_session(address: str, workers: int, engine: str,
                  zygote_at: tuple[str, int] | None = None) -> Iterator[_DaskSession]:
    """A client of the cluster at ``address`` (``local``: a LocalCluster of ``workers``
    processes), its workers warming up in the background while this process checks inputs;
    those on this machine share the batch's zygote at ``zygote_at``."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    warming = threading.Thread(target=client.register_plugin,
                               args=(_zygote_plugin(engine, zygote_at),), daemon=True)
    warming.start()
    try:
        yield _DaskSession(client, warming)
    finally:
        warming.join()
        client.close()
        if cluster is not None:
            cluster.close()


def _checked(job: Job, root: Path | None) -> Client | None:
    """The job's client as this process checked it (kept in memory since), if it could."""
    try:
        return load_client(job.client, root, job.lang)
    except ProfileError:
        return None


def _dask(todo: list[Job], root: str | None, timeout: int | None, session: _DaskSession,
          engine: str, output: str | None, done: Callable[[Job, RunResult], None]) -> None:
    from dask.distributed import as_completed as dask_completed

    session.warming.join()
    root_path = Path(root) if root else None
    futures = {session.client.submit(run_job, job, root, timeout, engine, output,
                                     _checked(job, root_path), pure=False, retries=1):
               job for job in todo}
    for future in dask_completed(list(futures)):
        done(futures[future], future.result())


def run_jobs(
    jobs: list[Job],
    root: Path | None = None,
    workers: int | None = None,
    force: bool = False,
    failed_only: bool = False,
    timeout: int | None = 600,
    dask: str | None = None,
    engine: str | None = None,
    on_start: Callable[[list[Job], int], None] | None = None,
    on_done: Callable[[Job, RunResult], None] | None = None,
    wait: bool = True,
    on_wait: Callable[[dict], None] | None = None,
    output: str | None = None,
) -> tuple[list[RunResult], list[Job]]:
    """Run what needs running; returns (results of the jobs run, jobs skipped as current).

    ``output``: where the reports, logs and manifest go instead of ``workbooks/``: a folder
    (e.g. shared with Dask workers on other machines) or an fsspec URL (``s3://bucket/path``).
    Holds the output folder's lock throughout (see :func:`folder_lock`; for a URL, the lock
    of the local ``workbooks/`` folder, which keeps out batches on this machine only).
    """
    local = Path(output) if output and not is_remote(output) else None
    with folder_lock(root, wait, on_wait, folder=local):
        return _run_jobs(jobs, root, workers, force, failed_only, timeout, dask, engine,
                         on_start, on_done, output)


def _run_jobs(jobs: list[Job], root: Path | None, workers: int | None, force: bool,
              failed_only: bool, timeout: int | None, dask: str | None, engine: str | None,
              on_start: Callable[[list[Job], int], None] | None,
              on_done: Callable[[Job, RunResult], None] | None, output: str | None,
              ) -> tuple[list[RunResult], list[Job]]:
    engine = engine or "zygote"  # falls back to normal kernels (warning) where fork cannot
    # one worker more than cores: while one waits for its kernel's handshake or shutdown,
    # the others keep the cores busy (2 cores: 0.69 s a report against 0.77 with 2 workers
    # when a handshake took 0.27 s; about even since it takes 0.05 s)
    workers = workers or (os.cpu_count() or 1) + 1
    # the zygote preloads (seconds) while this process checks the inputs; the local workers,
    # and Dask workers on this machine, share it
    with contextlib.ExitStack() as stack:
        shared = None
        if engine == "zygote":
            if not zygote.running():
                stack.callback(zygote.stop)
            shared = zygote.start(BATCH_PRELOAD, wait=False)
        zygote_at = shared.where if shared is not None else None
        session = (stack.enter_context(_dask_session(dask, workers, engine, zygote_at))
                   if dask else None)
        return _run_checked(jobs, root, workers, force, failed_only, timeout, session, engine,
                            on_start, on_done, output, zygote_at)


def _run_checked(jobs: list[Job], root: Path | None, workers: int, force: bool,
                 failed_only: bool, timeout: int | None, dask: _DaskSession | None,
                 engine: str,
                 on_start: Callable[[list[Job], int], None] | None,
                 on_done: Callable[[Job, RunResult], None] | None, output: str | None,
                 zygote_at: tuple[str, int] | None = None,
                 ) -> tuple[list[RunResult], list[Job]]:
    manifest = Manifest(root, output)
    blocked = preflight(jobs, root)  # clients whose inputs fail never reach a kernel
    prints = {job.key: None if job.key in blocked else fingerprint(job, root) for job in jobs}
    if failed_only:
        todo = [j for j in jobs if manifest.failed(j) and j.key not in blocked]
    else:
        todo = [j for j in jobs if (force or not manifest.is_current(j, prints[j.key]))
                and j.key not in blocked]
    skipped = [j for j in jobs if j not in todo and j.key not in blocked]
    if on_start:
        on_start(todo, len(skipped))
    results: list[RunResult] = []

    def done(job: Job, result: RunResult) -> None:
        manifest.record(job, result, prints[job.key])
        results.append(result)
        if on_done:
            on_done(job, result)

    for job in jobs:
        if job.key in blocked:
            done(job, blocked[job.key])

    root_str = str(root) if root else None
    if not todo:
        return results, skipped
    if dask:
        _dask(todo, root_str, timeout, dask, engine, output, done)
    elif workers == 1:
        _warm_worker(engine)
        for job in todo:
            done(job, run_job(job, root_str, timeout, engine, output))
    else:
        _local(todo, root_str, workers, timeout, engine, output, done, zygote_at)
    return results, skipped

