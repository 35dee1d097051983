"""What a client-facing report must pass, as functions the tests call (no ../shared needed)."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
FORBIDDEN = (
    "Traceback (most recent call last)",
    'data-mime-type="application/vnd.jupyter.stderr"',
    "Loading widget",
    "Error rendering widget",
    "NameError",
    "KeyError",
    "ValueError:",
)
PATH_LEAKS = ("/root/", "/home/", "/Users/", "C:\\Users", "site-packages", "/tmp/")


def report_problems(html: str, max_kb: int = 1536, forbid: tuple[str, ...] = ()) -> list[str]:
    """Every reason this HTML is not fit for a client; empty when it is."""
    problems = []
    size_kb = len(html.encode()) / 1024
    if size_kb > max_kb:
        problems.append(f"size {size_kb:.0f}KB > {max_kb}KB")
    if re.search(r'class="[^"]*(jp-CodeMirrorEditor|highlight hl-ipython|input_area)', html) \
            or "In&nbsp;[" in html:
        problems.append("input (code) cells are present")
    problems += [f"contains {bad!r}" for bad in FORBIDDEN if bad in html]
    if not CJK.search(html):
        problems.append("no Traditional Chinese text at all")
    external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)=["\']((?:https?:)?//[^"\']+)', html)
    if external:
        problems.append(f"loads external resources, e.g. {external[0][:80]}")
    problems += [f"leaks a local path ({leak})" for leak in PATH_LEAKS if leak in html]
    problems += [f"contains forbidden text {text!r}" for text in forbid if text in html]
    return problems
