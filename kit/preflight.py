"""Check many clients before any kernel starts, each in its own process with a time limit.

A hostile or broken ``client.yaml`` (or a data file that makes a reader crawl) costs only its
own client: the check runs in a child process, and a child that takes longer than the limit
is killed and reported, while the other clients' checks carry on.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path

from kit import importers, inputs
from kit.clients import PROFILE_NAME, Problem, validate_client
from kit.i18n import consultant_lang, normalise_lang, t

CHECK_TIMEOUT = 120.0  # seconds per client: the samples take well under one


def _child(conn: Connection, slug: str, root: Path | None, lang: str | None) -> None:
    try:
        conn.send(validate_client(slug, root, lang))
    except BaseException as exc:  # anything unexpected is one line for this client only
        rel = f"clients/{slug}/{PROFILE_NAME}"
        conn.send([Problem(rel, "", t("val.crashed", lang or consultant_lang(),
                                      problem=f"{type(exc).__name__}: {exc}"))])
    finally:
        conn.close()


def _context() -> mp.context.BaseContext:
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def check_clients(slugs: list[str], root: Path | None = None, lang: str | None = None,
                  timeout: float = CHECK_TIMEOUT, workers: int | None = None
                  ) -> dict[str, list[Problem]]:
    """Every problem (warnings included) of each client, checked in isolation: {slug: problems}
    in the order given. A check over ``timeout`` seconds is stopped and reported."""
    ctx = _context()
    if ctx.get_start_method() == "fork":  # import the readers and load the font once, before
        # forking: every child starts warm
        inputs.undrawable(importers.__name__ + "字")
    workers = max(1, workers or os.cpu_count() or 1)
    msg_lang = normalise_lang(lang) if lang else consultant_lang()
    slugs = list(dict.fromkeys(slugs))
    pending = list(slugs)
    running: dict[Connection, tuple[str, mp.process.BaseProcess, float]] = {}
    results: dict[str, list[Problem]] = {}
    while pending or running:
        while pending and len(running) < workers:
            slug = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(child, slug, root, lang), daemon=True)
            proc.start()
            child.close()
            running[parent] = (slug, proc, time.monotonic())
        for conn in wait(list(running), timeout=0.05):
            slug, proc, _ = running.pop(conn)
            try:
                results[slug] = conn.recv()
            except (EOFError, OSError):  # the child died without a word (killed, out of memory)
                proc.join()  # reaped first: its exit code is known only then
                rel = f"clients/{slug}/{PROFILE_NAME}"
                results[slug] = [Problem(rel, "", t("val.crashed", msg_lang,
                                                    problem=f"exit {proc.exitcode}"))]
            conn.close()
            proc.join()
        now = time.monotonic()
        for conn, (slug, proc, started) in list(running.items()):
            if now - started > timeout:
                proc.kill()
                proc.join()
                conn.close()
                del running[conn]
                rel = f"clients/{slug}/{PROFILE_NAME}"
                results[slug] = [Problem(rel, "", t("val.timeout", msg_lang,
                                                    seconds=f"{timeout:g}"))]
    return {slug: results[slug] for slug in slugs}
