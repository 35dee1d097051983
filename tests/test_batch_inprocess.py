"""The batch's bookkeeping without kernels: jobs, fingerprints, the manifest, the lock, the
worker pool and remote output. The execution step (``run_workbook``) is replaced by a fake
that writes a small HTML page, so each test runs in well under a second or two."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import fsspec
import pytest

from kit import batch
from kit.batch import BatchLocked, Job, Manifest, fingerprint, folder_lock, jobs_for, run_jobs
from kit.pipeline import RunResult
from tests.conftest import another_batch_holding

TWO = ["mei-dessert", "urban-thread"]


@pytest.fixture
def fake_run(monkeypatch, tmp_path):
    """Replace the kernel run: write ``<template>.html`` and count the calls per job."""
    calls: list[tuple[str, str]] = []
    die_once = tmp_path / "die-once"  # exists: the next call kills its worker process

    def run_workbook(template, slug, period, lang, root, timeout=None, engine=None,
                     workbooks=None, client=None, kernel_output=None):
        try:
            die_once.unlink()  # atomic: of two workers racing here, exactly one dies
        except FileNotFoundError:
            pass
        else:
            os._exit(3)
        calls.append((slug, template))
        if slug == "urban-thread" and (tmp_path / "fail-urban").exists():
            raise RuntimeError("boom")
        out = Path(workbooks) / slug / "2026-11"
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{template}.html").write_text(f"<p>{slug} {template}</p>", encoding="utf-8")
        (out / f"{template}.ipynb").write_text("{}", encoding="utf-8")
        return RunResult(slug, template, "ok", html=out / f"{template}.html",
                         notebook=out / f"{template}.ipynb", seconds=0.5)

    monkeypatch.setattr(batch, "run_workbook", run_workbook)
    monkeypatch.setattr(batch, "_warm_worker", lambda *args: None)
    monkeypatch.setattr(batch.zygote, "start", lambda *a, **k: None)  # no kernel runs here
    return calls


def _keys(results):
    return sorted((r.client, r.template, r.status) for r in results)


def test_job_keys_and_the_job_list(root):
    assert Job("mei-dessert", "goals").key == "mei-dessert/goals/default/-"
    assert Job("mei-dessert", "goals", "2026-10", "en").key == "mei-dessert/goals/2026-10/en"
    jobs = jobs_for(None, ["goals", "report"], "2026-10", "en", root)
    assert [(j.client, j.template) for j in jobs] == [
        ("lin-hardware", "goals"), ("lin-hardware", "report"), ("mei-dessert", "goals"),
        ("mei-dessert", "report"), ("urban-thread", "goals"), ("urban-thread", "report")]
    assert {(j.period, j.lang) for j in jobs} == {("2026-10", "en")}
    # every template that has a notebook under templates/, in the kit's order
    (root / "templates" / "swot.ipynb").unlink()
    names = [j.template for j in jobs_for(["mei-dessert"], None, None, None, root)]
    assert "swot" not in names and names[0] == "goals" and len(names) == len(set(names))


def test_files_named_finds_data_paths_at_any_depth():
    params = {"a": "data/x.csv", "b": ["data/y.xlsx", {"c": "data/sub/z.csv"}],
              "d": "not/data.csv", "e": "data", "f": 3}
    assert sorted(batch._files_named(params)) == ["data/sub/z.csv", "data/x.csv",
                                                  "data/y.xlsx"]


def test_is_remote_only_for_urls_other_than_files():
    assert batch.is_remote("s3://bucket/reports")
    assert batch.is_remote("memory://x")
    assert not batch.is_remote("file:///tmp/x")
    assert not batch.is_remote("/tmp/x")
    assert not batch.is_remote(Path("/tmp/s3://x"))
    assert not batch.is_remote(None)


def test_fingerprint_follows_profile_data_and_template(root):
    job = Job("urban-thread", "ad_budget")
    first = fingerprint(job, root)
    assert first == fingerprint(job, root) and len(first) == 64
    assert fingerprint(Job("mei-dessert", "ad_budget"), root) != first
    # a data file the parameters name changes the fingerprint; one they do not, does not
    unrelated = root / "clients/urban-thread/data/unrelated.csv"
    unrelated.write_text("x\n1\n", encoding="utf-8")
    assert fingerprint(job, root) == first
    spend = root / "clients/urban-thread/data/ad_spend_2026-11.csv"
    spend.write_text(spend.read_text(encoding="utf-8") + "2026-11-21,Facebook,3000,6\n", "utf-8")
    second = fingerprint(job, root)
    assert second != first
    tpl = root / "templates/ad_budget.ipynb"
    before = fingerprint(job, root)
    tpl.write_text(tpl.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint(job, root) != before
    # an unreadable profile or period has no fingerprint (the job is never "current")
    assert fingerprint(Job("urban-thread", "ad_budget", "2026-13"), root) is None
    assert fingerprint(Job("nobody", "goals"), root) is None
    spend.unlink()  # a data file the profile names is gone: the profile no longer loads
    assert fingerprint(job, root) is None


def test_manifest_records_and_judges_current_and_failed(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    job, other = Job("a", "goals"), Job("b", "goals")
    manifest = Manifest(output=str(folder))
    assert manifest.entries == {} and not manifest.is_current(job, "p1")
    html = folder / "goals.html"
    html.write_text("x", encoding="utf-8")
    manifest.record(job, RunResult("a", "goals", "ok", html=html, seconds=1.234), "p1")
    manifest.record(other, RunResult("b", "goals", "failed", message="bad"), "p2")
    again = Manifest(output=str(folder))  # read back from disk
    assert again.entries[job.key]["seconds"] == 1.23
    assert again.entries[other.key]["message"] == "bad"
    assert again.is_current(job, "p1")
    assert not again.is_current(job, "p2")  # inputs changed
    assert not again.is_current(job, None)  # profile unreadable now
    assert not again.is_current(other, "p2")  # last run failed
    assert again.failed(other) and not again.failed(job)
    assert not again.failed(Job("c", "goals"))  # never ran: not "failed"
    html.unlink()
    assert not again.is_current(job, "p1")  # the report was deleted
    (folder / batch.MANIFEST).write_text("{broken", encoding="utf-8")
    assert Manifest(output=str(folder)).entries == {}  # a torn manifest: start afresh


def test_manifest_on_a_remote_filesystem_is_one_put():
    url = "memory://kit-test-manifest/reports"
    fs = fsspec.filesystem("memory")
    fs.pipe_file("/kit-test-manifest/reports/mei/goals.html", b"<p>x</p>")
    manifest = Manifest(output=url + "/")
    assert manifest.location == url
    job = Job("mei", "goals")
    manifest.record(job, RunResult("mei", "goals", "ok",
                                   html=f"{url}/mei/goals.html"), "p")
    stored = json.loads(fs.cat_file("/kit-test-manifest/reports/.kit-manifest.json"))
    assert stored[job.key]["html"] == f"{url}/mei/goals.html"
    assert Manifest(output=url).is_current(job, "p")
    fs.rm("/kit-test-manifest", recursive=True)


def test_lock_says_who_holds_it_or_waits_for_it(root):
    assert pickle.loads(pickle.dumps(BatchLocked({"pid": 7}))).holder == {"pid": 7}
    with folder_lock(root), pytest.raises(BatchLocked) as caught, folder_lock(root, wait=False):
        pass
    holder = caught.value.holder
    assert holder["pid"] == os.getpid() and holder["host"] and holder["since"]

    told = []
    with another_batch_holding(root) as release:

        def on_wait(who):
            told.append(who)
            release.set()  # the holder finishes while we wait

        with folder_lock(root, on_wait=on_wait):
            assert told and told[0]["pid"] == os.getpid()
            now = json.loads((root / "workbooks" / batch.LOCK).read_text(encoding="utf-8"))
            assert now["pid"] == os.getpid()


def test_run_jobs_is_incremental_forced_and_failed_only(root, fake_run, tmp_path):
    jobs = jobs_for(TWO, ["goals"], None, None, root)
    started = []
    results, skipped = run_jobs(jobs, root, workers=1,
                                on_start=lambda todo, n: started.append((len(todo), n)))
    assert _keys(results) == [("mei-dessert", "goals", "ok"), ("urban-thread", "goals", "ok")]
    assert skipped == [] and started == [(2, 0)]
    log = root / "workbooks/mei-dessert/logs/goals-default.log"
    assert log.read_text(encoding="utf-8").split("\n")[0].endswith(" ok 0.50s")
    # nothing changed: nothing runs
    assert run_jobs(jobs, root, workers=1) == ([], jobs)
    # a changed profile reruns only that client's report
    profile = root / "clients/mei-dessert/client.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("target: 3000",
                                                                   "target: 2800"), "utf-8")
    fake_run.clear()
    results, skipped = run_jobs(jobs, root, workers=1)
    assert fake_run == [("mei-dessert", "goals")] and skipped == [jobs[1]]
    # a failure is recorded (never raised); --failed reruns it alone; --force reruns all
    (tmp_path / "fail-urban").touch()
    results, _ = run_jobs(jobs, root, workers=1, force=True)
    failed = [r for r in results if r.status == "failed"]
    assert [r.client for r in failed] == ["urban-thread"]
    assert failed[0].message == "RuntimeError: boom"
    (tmp_path / "fail-urban").unlink()
    fake_run.clear()
    results, skipped = run_jobs(jobs, root, workers=1, failed_only=True)
    assert fake_run == [("urban-thread", "goals")] and skipped == [jobs[0]]
    manifest = json.loads((root / "workbooks" / batch.MANIFEST).read_text("utf-8"))
    assert {k: e["status"] for k, e in manifest.items()} == {
        "mei-dessert/goals/default/-": "ok", "urban-thread/goals/default/-": "ok"}


def test_a_client_with_errors_never_reaches_a_worker(root, fake_run):
    profile = root / "clients/mei-dessert/client.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "baseline: 180\n", "baseline: 一百八\n"), encoding="utf-8")
    results, skipped = run_jobs(jobs_for(TWO, ["goals"], None, None, root), root, workers=1)
    assert fake_run == [("urban-thread", "goals")]
    invalid = next(r for r in results if r.client == "mei-dessert")
    assert invalid.status == "invalid" and "goals.goals[1].baseline" in invalid.message
    assert skipped == []


def test_worker_pool_replaces_a_dead_worker_and_retries_once(root, fake_run, tmp_path):
    jobs = jobs_for(TWO, ["goals"], None, None, root)
    (tmp_path / "die-once").touch()  # the first report kills its worker
    done = []
    results, _ = run_jobs(jobs, root, workers=2, on_done=lambda j, r: done.append(j.key))
    assert _keys(results) == [("mei-dessert", "goals", "ok"), ("urban-thread", "goals", "ok")]
    assert sorted(done) == sorted(j.key for j in jobs)
    assert not (tmp_path / "die-once").exists()


def test_a_worker_that_dies_twice_is_a_failure(root, monkeypatch):
    monkeypatch.setattr(batch, "_warm_worker", lambda *args: None)
    monkeypatch.setattr(batch.zygote, "start", lambda *a, **k: None)  # no kernel runs here
    monkeypatch.setattr(batch, "run_workbook", lambda *a, **k: os._exit(3))
    results, _ = run_jobs([Job("mei-dessert", "goals")], root, workers=2)
    assert [(r.status, r.message) for r in results] == [("failed", "worker process died twice")]


def test_remote_output_is_staged_then_uploaded_html_last(root, fake_run, monkeypatch):
    url = "memory://kit-test-upload/reports"
    fs = fsspec.filesystem("memory")
    # a failed notebook from an earlier run is removed once the report succeeds
    fs.pipe_file("/kit-test-upload/reports/mei-dessert/2026-11/goals.failed.ipynb", b"{}")
    order = []
    put = fs.put_file
    monkeypatch.setattr(type(fs), "put_file",
                        lambda self, lpath, rpath, **kw: (order.append(Path(rpath).name),
                                                          put(lpath, rpath, **kw))[1])
    result = batch.run_job(Job("mei-dessert", "goals"), str(root), 60, output=url + "/")
    assert result.status == "ok"
    assert result.html == f"{url}/mei-dessert/2026-11/goals.html"
    assert result.notebook == f"{url}/mei-dessert/2026-11/goals.ipynb"
    assert order[-1] == "goals.html" and "goals-default.log" in order
    assert fs.cat_file("/kit-test-upload/reports/mei-dessert/2026-11/goals.html") == \
        b"<p>mei-dessert goals</p>"
    assert not fs.exists("/kit-test-upload/reports/mei-dessert/2026-11/goals.failed.ipynb")
    assert not (root / "workbooks").exists()  # nothing left in the local folder
    fs.rm("/kit-test-upload", recursive=True)


def test_run_job_in_an_output_folder_and_with_a_bad_period(root, fake_run, tmp_path):
    out = tmp_path / "shared"
    result = batch.run_job(Job("mei-dessert", "goals"), str(root), 60, output=str(out))
    assert result.html == out / "mei-dessert/2026-11/goals.html"
    assert (out / "mei-dessert/logs/goals-default.log").is_file()
    bad = batch.run_job(Job("mei-dessert", "goals", "2026-13"), str(root), 60)
    assert (bad.status, bad.message) == ("failed", "PydanticCustomError: expected a year-month like 2026-11")
    assert "failed" in (root / "workbooks/mei-dessert/logs/goals-2026-13.log").read_text("utf-8")
