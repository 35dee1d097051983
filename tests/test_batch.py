"""Batch runs: parallel, incremental, --failed, resumable after a kill, Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kit import batch
from kit.batch import Job, Manifest, jobs_for, run_jobs

pytestmark = pytest.mark.slow  # kernels, browsers or whole batches

TWO = ["mei-dessert", "urban-thread"]


def _keys(results):
    return sorted((r.client, r.template, r.status) for r in results)


def test_parallel_then_incremental_then_changed_inputs(root):
    jobs = jobs_for(TWO, ["goals", "ad_budget"], None, None, root)
    results, skipped = run_jobs(jobs, root, workers=2)
    assert _keys(results) == [("mei-dessert", "ad_budget", "ok"), ("mei-dessert", "goals", "ok"),
                              ("urban-thread", "ad_budget", "ok"),
                              ("urban-thread", "goals", "ok")]
    assert skipped == []
    # nothing changed: everything is skipped, nothing runs
    results, skipped = run_jobs(jobs, root, workers=2)
    assert results == [] and len(skipped) == 4
    # a data file changes: only the report that reads it runs again
    spend = root / "clients/urban-thread/data/ad_spend_2026-11.csv"
    spend.write_text(spend.read_text(encoding="utf-8") + "2026-11-21,Facebook,3000,6\n", "utf-8")
    results, skipped = run_jobs(jobs, root, workers=2)
    assert _keys(results) == [("urban-thread", "ad_budget", "ok")] and len(skipped) == 3
    # the profile changes: only that client's affected report runs
    profile = root / "clients/mei-dessert/client.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("target: 3000", "target: 2800"),
                       "utf-8")
    results, _ = run_jobs(jobs, root, workers=1)
    assert _keys(results) == [("mei-dessert", "goals", "ok")]
    # --force reruns everything
    results, _ = run_jobs(jobs, root, workers=2, force=True)
    assert len(results) == 4
    manifest = json.loads((root / "workbooks" / ".kit-manifest.json").read_text("utf-8"))
    assert {e["status"] for e in manifest.values()} == {"ok"}
    log = root / "workbooks/mei-dessert/logs/goals-default.log"
    assert " ok " in log.read_text(encoding="utf-8")


def _zygotes() -> list:
    import psutil

    def forked_from_zygote(proc) -> bool:  # a kernel: forked, so it keeps the zygote's argv
        return "kit.zygote" in " ".join(proc.cmdline())

    found = []
    for proc in psutil.Process().children(recursive=True):
        try:
            if forked_from_zygote(proc) and not forked_from_zygote(proc.parent()):
                found.append(proc.pid)
        except psutil.Error:
            continue
    return found


def test_workers_share_one_zygote_that_ends_with_the_batch(root):
    """One zygote preloads for the whole batch (not one per worker), and nothing of it is
    left once the batch returns."""
    seen = []
    jobs = jobs_for(TWO, ["goals", "funnel"], None, None, root)
    results, _ = run_jobs(jobs, root, workers=3, on_done=lambda job, r: seen.append(_zygotes()))
    assert [r.status for r in results] == ["ok"] * 4
    assert len(seen) == 4 and all(len(pids) == 1 for pids in seen)
    assert len({pid for pids in seen for pid in pids}) == 1
    assert _zygotes() == []


def test_what_a_kernel_itself_prints_goes_to_the_reports_log_not_the_terminal(root, capfd):
    """ipykernel's own log lines (e.g. jupyter_client's interrupt before every shutdown makes
    some kernels log a KeyboardInterrupt) belong with the report, not in the batch's output."""
    from tests.conftest import insert_cell

    insert_cell(root, "funnel", "get_ipython().kernel.log.error('the kernel says hello')")
    results, _ = run_jobs(jobs_for(["mei-dessert"], ["funnel"], None, None, root), root,
                          workers=1)
    assert [r.status for r in results] == ["ok"]
    log = (root / "workbooks/mei-dessert/logs/funnel-default.log").read_text(encoding="utf-8")
    assert log.startswith(f"{log[:19]} ok ")
    assert "[IPKernelApp] ERROR | the kernel says hello" in log.split("\n", 2)[2]
    assert "the kernel says hello" not in capfd.readouterr().err
    assert not list((root / "workbooks/mei-dessert/logs").glob(".*"))  # no scratch file left
    page = results[0].html.read_text(encoding="utf-8")
    assert "the kernel says hello" not in page


def test_failed_only_reruns_what_failed(root):
    jobs = jobs_for(TWO, ["funnel"], None, None, root)
    path = root / "clients/mei-dessert/data/line_funnel.csv"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("1150", "oops"), encoding="utf-8")
    results, _ = run_jobs(jobs, root, workers=2)
    assert _keys(results) == [("mei-dessert", "funnel", "invalid"),
                              ("urban-thread", "funnel", "ok")]
    assert Manifest(root).failed(Job("mei-dessert", "funnel"))
    path.write_text(good, encoding="utf-8")
    results, _ = run_jobs(jobs, root, workers=2, failed_only=True)
    assert _keys(results) == [("mei-dessert", "funnel", "ok")]


_REAL_RUN_JOB = batch.run_job


def _dies_once(job, root_str, timeout, *args):
    marker = Path(os.environ["KIT_TEST_MARKER"])
    if job.client == "mei-dessert" and not marker.exists():
        marker.write_text("x")
        os._exit(3)  # a segfault-like death: no exception, no result
    return _REAL_RUN_JOB(job, root_str, timeout, *args)


def test_a_dead_worker_is_replaced_and_its_report_retried(root, monkeypatch, tmp_path):
    marker = tmp_path / "died-once"
    monkeypatch.setenv("KIT_TEST_MARKER", str(marker))
    monkeypatch.setattr(batch, "run_job", _dies_once)
    results, _ = run_jobs(jobs_for(TWO, ["funnel"], None, None, root), root, workers=2)
    assert _keys(results) == [("mei-dessert", "funnel", "ok"), ("urban-thread", "funnel", "ok")]
    assert marker.exists()


def test_killed_batch_finishes_on_rerun(root):
    env = {**os.environ, "KIT_HOME": str(root), "KIT_LANG": "en"}
    cmd = [sys.executable, "-m", "kit.cli", "batch", "--jobs", "1", "--templates",
           "goals,funnel,swot", "--clients", ",".join(TWO)]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    manifest = root / "workbooks" / ".kit-manifest.json"
    deadline = time.time() + 120
    while time.time() < deadline and not manifest.exists():
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)  # the batch and its kernels, mid-run
    proc.wait()
    done_before = set(json.loads(manifest.read_text("utf-8")))
    assert 1 <= len(done_before) < 6
    leftovers = [p for p in (root / "workbooks").rglob("*.html") if not p.stat().st_size]
    assert leftovers == []
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unchanged since the last run" in result.stdout
    for slug in TWO:
        for name in ("goals", "funnel", "swot"):
            assert (root / "workbooks" / slug / "2026-11" / f"{name}.html").is_file()
    partials = [p.name for p in (root / "workbooks").rglob("*") if ".partial" in p.name]
    assert partials == [] or all(p.endswith(".partial.ipynb") for p in partials)


def test_dask_local_cluster_gives_the_same_results(root):
    pytest.importorskip("dask.distributed")
    jobs = jobs_for(TWO, ["funnel"], None, None, root)
    results, _ = run_jobs(jobs, root, workers=2, dask="local")
    assert _keys(results) == [("mei-dessert", "funnel", "ok"), ("urban-thread", "funnel", "ok")]
    entries = Manifest(root).entries
    assert sorted(entries) == sorted(j.key for j in jobs)
    assert Path(entries[jobs[0].key]["html"]).is_file()
    results, skipped = run_jobs(jobs, root, workers=2)  # the same manifest serves both
    assert results == [] and len(skipped) == 2


def test_a_second_batch_on_the_same_folder_waits_or_says_who_holds_it(root):
    from kit.batch import BatchLocked, folder_lock

    jobs = jobs_for(TWO[:1], ["goals"], None, None, root)
    html = root / "workbooks" / TWO[0] / "2026-11" / "goals.html"
    env = {**os.environ, "KIT_HOME": str(root), "KIT_LANG": "en"}
    cmd = [sys.executable, "-m", "kit.cli", "batch", "--clients", TWO[0], "--templates", "goals"]
    with folder_lock(root):
        with pytest.raises(BatchLocked) as caught:
            run_jobs(jobs, root, workers=1, wait=False)
        assert caught.value.holder["pid"] == os.getpid()
        refused = subprocess.run([*cmd, "--no-wait"], env=env, capture_output=True, text=True,
                                 timeout=120)
        assert refused.returncode == 1
        assert f"process {os.getpid()}" in refused.stderr
        assert "writing to this folder" in refused.stderr
        waiting = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        time.sleep(4)
        assert waiting.poll() is None and not html.exists()  # waits for the lock
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, out + err
    assert f"process {os.getpid()}" in err and "waiting for it" in err
    assert html.is_file()
    # the lock is free again, and a later run finds the report current
    assert run_jobs(jobs, root, workers=1, wait=False) == ([], jobs)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_workers_write_through_fsspec_to_a_shared_folder_and_to_s3(root, tmp_path,
                                                                        monkeypatch):
    """Workers on other machines need no shared workbooks/: reports, logs and the manifest go
    to a shared folder or an S3 bucket (a local S3-compatible server here)."""
    pytest.importorskip("s3fs")
    moto_server = pytest.importorskip("moto.server")
    import fsspec
    from dask.distributed import LocalCluster

    endpoint = f"http://127.0.0.1:{_free_port()}"
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1",
                                            port=int(endpoint.rsplit(":", 1)[1]), verbose=False)
    server.start()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("FSSPEC_S3_ENDPOINT_URL", endpoint)  # read by the workers' fsspec
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
    s3 = fsspec.filesystem("s3", skip_instance_cache=True)
    s3.mkdir("reports")
    jobs = jobs_for(TWO, ["funnel"], None, None, root)
    shared = tmp_path / "shared"
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            address = cluster.scheduler_address
            results, _ = run_jobs(jobs, root, dask=address, output=str(shared))
            assert _keys(results) == [("mei-dessert", "funnel", "ok"),
                                      ("urban-thread", "funnel", "ok")]
            assert (shared / "mei-dessert/2026-11/funnel.html").is_file()
            assert (shared / "mei-dessert/logs/funnel-default.log").is_file()
            assert set(json.loads((shared / ".kit-manifest.json").read_text("utf-8"))) == {
                j.key for j in jobs}
            assert not (root / "workbooks" / "mei-dessert").exists()

            url = "s3://reports/2026-11"
            results, _ = run_jobs(jobs, root, dask=address, output=url)
            assert _keys(results) == [("mei-dessert", "funnel", "ok"),
                                      ("urban-thread", "funnel", "ok")]
            s3.invalidate_cache()
            for slug in TWO:
                page = s3.cat_file(f"reports/2026-11/{slug}/2026-11/funnel.html").decode()
                assert "<html" in page
                assert s3.isfile(f"reports/2026-11/{slug}/2026-11/funnel.ipynb")
                assert s3.isfile(f"reports/2026-11/{slug}/logs/funnel-default.log")
            manifest = json.loads(s3.cat_file("reports/2026-11/.kit-manifest.json"))
            assert all(e["html"].startswith(url) for e in manifest.values())
            # the manifest in the bucket serves the next run: nothing to redo
            results, skipped = run_jobs(jobs, root, dask=address, output=url)
            assert results == [] and len(skipped) == 2
    finally:
        server.stop()
