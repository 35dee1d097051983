"""Edits of a client's profile: decisions made live are merged into ``client.yaml``.

Saving keeps the consultant's comments and key order (ruamel.yaml round-trip), writes
atomically, and validates the whole profile first, so a save never leaves an invalid or
half-written ``client.yaml``. Each section carries a version (a hash of its content when the
notebook loaded it): two tabs editing different sections both keep their edits, while a stale
tab saving over a newer edit of the same section gets :class:`Conflict`, not a silent overwrite.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import io
import json
import math
import re
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML

from kit import paths
from kit.clients import (
    PROFILE_NAME,
    ProfileError,
    _cross_checks,
    _plain,
    errors,
    problems_from_validation,
)
from kit.i18n import t
from kit.paths import atomic_write
from kit.profile import ClientProfile


class Conflict(Exception):
    """The section changed on disk since this notebook loaded it."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the consultant's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout the profiles are written in
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _profile_path(slug: str, root: Path | None) -> Path:
    if not paths.is_plain_slug(slug):
        raise ProfileError([])
    return paths.clients_dir(root) / slug / PROFILE_NAME


def section_version(slug: str, section: str, root: Path | None = None) -> str:
    """A short hash of one section as it is on disk now."""
    doc = _yaml().load(_profile_path(slug, root).read_text(encoding="utf-8"))
    return _hash(doc.get(section))


def _hash(node: Any) -> str:
    text = json.dumps(_plain(node), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@contextmanager
def _locked(path: Path):
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _merge(node: Any, value: Any) -> Any:
    """Write ``value`` into the round-trip ``node`` in place where possible (keeps comments)."""
    if isinstance(node, Mapping) and isinstance(value, Mapping):
        for key, item in value.items():
            node[key] = _merge(node[key], item) if key in node else item
        return node
    if isinstance(node, list) and isinstance(value, list):
        for i, item in enumerate(value):
            if i < len(node):
                node[i] = _merge(node[i], item)
            else:
                node.append(item)
        del node[len(value):]
        return node
    return value


_EMPTY = (None, "", [], {})


def _changes(old: Any, new: Any) -> Any:
    """Only what differs: a widget may send a whole section with defaults filled in, and
    defaults the consultant never wrote must not appear in their file."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out = {}
        for key, value in new.items():
            if key not in old:
                if value not in _EMPTY:
                    out[key] = value
            elif old[key] != value:
                out[key] = _changes(old[key], value)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [_changes(o, n) if o != n else {} if isinstance(o, Mapping) else o
                for o, n in zip(old, new, strict=True)]
    return new


def save_section(slug: str, section: str, changes: Mapping[str, Any], base_version: str,
                 root: Path | None = None, lang: str | None = None) -> str:
    """Apply ``changes`` to ``section`` of the client's profile; return its new version.

    Raises :class:`Conflict` if the section changed since ``base_version``, and
    :class:`kit.clients.ProfileError` if the result would not be a valid profile (nothing is
    written then).
    """
    path = _profile_path(slug, root)
    rel = f"clients/{slug}/{PROFILE_NAME}"
    with _locked(path):
        yaml = _yaml()
        doc = yaml.load(path.read_text(encoding="utf-8"))
        if _hash(doc.get(section)) != base_version:
            raise Conflict(t("workshop.conflict", lang, section=section))
        if section in doc:
            doc[section] = _merge(doc[section], _changes(_plain(doc[section]), dict(changes)))
        else:
            doc[section] = dict(changes)
        try:
            ClientProfile.model_validate(_plain(doc))
        except ValidationError as exc:
            raise ProfileError(problems_from_validation(exc, rel, lang or "zh-TW", doc)) from exc
        buffer = io.StringIO()
        yaml.dump(doc, buffer)
        atomic_write(path, buffer.getvalue())
        return _hash(doc[section])



# --- three-way merge saves ---------------------------------------------------------------
#
# The editors work on a section as the model reads it (``model_dump(mode="json")``: rates as
# fractions, dates as ISO strings). A save compares three versions of each field the consultant
# changed in this session: what the editor loaded (or last wrote), what is on disk now
# (``theirs``) and what the editor holds (``mine``). Only those fields are written, in the
# notation already used in the file; a field changed on disk and here differently is a
# :class:`FieldConflict`, never overwritten.

FieldPath = tuple[str | int, ...]
#: The value :func:`get_path` returns for a field the section does not have.
MISSING = object()
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class FieldConflict:
    """A field changed on disk by someone else and here too: both values, for a choice."""

    path: FieldPath
    theirs: Any
    mine: Any


@dataclass(frozen=True)
class Change:
    """One field written: its path in the section, the value before and after."""

    path: FieldPath
    old: Any
    new: Any


@dataclass
class SaveResult:
    """What a save did: the fields written and the conflicts left for the consultant."""

    changes: list[Change] = field(default_factory=list)
    conflicts: list[FieldConflict] = field(default_factory=list)
    entry: int | None = None  # the history entry of this save (None: nothing written)


def same(a: Any, b: Any) -> bool:
    """Equal as decisions: 0.1 + 0.2 and 0.3 are the same rate, 3500 and 3500.0 the same."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, Mapping) and isinstance(b, Mapping):  # a missing key is an empty one
        return all(same(a[k], b[k]) if k in a and k in b else
                   (a.get(k) if k in a else b.get(k)) in _EMPTY for k in {*a, *b})
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def field_diff(old: Any, new: Any, path: FieldPath = ()) -> list[FieldPath]:
    """The paths of the leaves that differ (a list whose length changed is one leaf)."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out: list[FieldPath] = []
        for key in new:
            if key in old:
                out += field_diff(old[key], new[key], (*path, key))
            elif new[key] not in _EMPTY:
                out.append((*path, key))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [p for i, (o, n) in enumerate(zip(old, new, strict=True))
                for p in field_diff(o, n, (*path, i))]
    return [] if same(old, new) else [path]


def get_path(node: Any, path: FieldPath, default: Any = MISSING) -> Any:
    """The value at ``path`` or ``default``."""
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return default
    return node


def set_path(node: Any, path: FieldPath, value: Any) -> None:
    """Set the value at ``path`` (parents must exist)."""
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def percent_text(value: float, sign: str = "%") -> str:
    """A rate as the consultant writes it: 0.035 -> ``3.5%``."""
    return f"{round(value * 100, 6):.6f}".rstrip("0").rstrip(".") + sign


def _is_percent(raw: Any) -> bool:
    return isinstance(raw, str) and raw.strip().endswith(("%", "％"))


def in_notation(raw: Any, value: Any, percent: bool = False) -> Any:
    """``value`` (as the model reads it) written the way ``raw`` was: "3%" stays a percent
    string, 3000 stays an integer, a date stays a date, a number without float noise."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        if _is_percent(raw) or (raw is MISSING and percent):
            sign = "％" if isinstance(raw, str) and raw.strip().endswith("％") else "%"
            return percent_text(float(value), sign)
        if float(value).is_integer() and not (isinstance(raw, float) and raw.is_integer()):
            return int(value)  # 3500.0 -> 3500; a file that says 3.0 keeps its decimal
        return float(f"{value:.10g}")  # no float noise: 0.1 + 0.2 -> 0.3
    if isinstance(value, str) and _ISO_DAY.match(value) and (
            isinstance(raw, date) or raw is MISSING or raw is None):
        return date.fromisoformat(value)
    return value


#: Fields that hold a rate (the model reads "3%" as 0.03): a new one is written as a percent.
_RATE_FIELDS = {"cvr", "ctr", "share", "to_order", "gross_margin", "what_if_points"}
_AB_RATES = {"baseline", "lift", "power", "alpha"}


def is_rate(path: FieldPath) -> bool:
    """True if the field at ``path`` (inside a section) is a rate."""
    if not path or isinstance(path[-1], int):
        return False
    last = path[-1]
    return last in _RATE_FIELDS or "benchmarks" in path[:-1] or (
        len(path) > 1 and path[-2] == "ab" and last in _AB_RATES)


def _write(raw_parent: Any, key: Any, theirs: Any, mine: Any, path: FieldPath) -> None:
    """Write ``mine`` at ``raw_parent[key]`` (``path`` in the section) keeping what is there:
    mappings and lists in place (comments, order, flow style), scalars in the file's
    notation."""
    raw = raw_parent[key] if _has(raw_parent, key) else MISSING
    if isinstance(raw, Mapping) and isinstance(mine, Mapping):
        for k, v in mine.items():
            t_v = theirs.get(k, MISSING) if isinstance(theirs, Mapping) else MISSING
            if t_v is not MISSING and same(t_v, v):
                continue
            if k not in raw and v in _EMPTY:
                continue
            _write(raw, k, t_v, v, (*path, k))
        return
    if isinstance(raw, list) and isinstance(mine, list):
        theirs_list = theirs if isinstance(theirs, list) else []
        for i, item in enumerate(mine):
            t_i = theirs_list[i] if i < len(theirs_list) else MISSING
            if i < len(raw):
                _write(raw, i, t_i, item, (*path, i))
            else:
                raw.append(_new_node(item, raw, (*path, i)))
        del raw[len(mine):]
        return
    if raw is MISSING:
        raw_parent[key] = _new_node(mine, raw_parent, path)
        return
    if mine is None and isinstance(raw_parent, Mapping):
        del raw_parent[key]  # emptied: the field goes, as if never written (not "null")
        return
    raw_parent[key] = in_notation(raw, mine)


def _has(node: Any, key: Any) -> bool:
    if isinstance(node, Mapping):
        return key in node
    return isinstance(node, list) and isinstance(key, int) and key < len(node)


def _new_node(value: Any, like: Any, path: FieldPath) -> Any:
    """A new value for ``path``: mappings without empty defaults and in the style of their
    neighbours, rates as percentages, dates as dates."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            if v not in _EMPTY:
                node[k] = _new_node(v, None, (*path, k))
        neighbours = [x for x in like if isinstance(x, CommentedMap)] \
            if isinstance(like, list) else []
        if neighbours and neighbours[-1].fa.flow_style():
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        return CommentedSeq(_new_node(v, value, (*path, i)) for i, v in enumerate(value))
    return in_notation(MISSING, value, is_rate(path))


def _load(path: Path) -> tuple[YAML, Any, ClientProfile]:
    yaml = _yaml()
    doc = yaml.load(path.read_text(encoding="utf-8"))
    return yaml, doc, ClientProfile.model_validate(_plain(doc))


def read_section(slug: str, section: str, root: Path | None = None) -> dict:
    """The section as the model reads it from disk now (what an editor starts from)."""
    _, _, profile = _load(_profile_path(slug, root))
    return getattr(profile, section).model_dump(mode="json")


def merge_save(slug: str, section: str, known: Mapping[FieldPath, Any],
               mine: Mapping[str, Any], root: Path | None = None, lang: str | None = None,
               what: str = "save") -> SaveResult:
    """Write the fields of ``mine`` listed in ``known`` (path -> the value this editor last
    saw there) where the file still holds that value; report the others as conflicts.

    Nothing else in the file changes. Raises :class:`kit.clients.ProfileError` (nothing
    written) if the result would not be a valid profile.
    """
    path = _profile_path(slug, root)
    rel = f"clients/{slug}/{PROFILE_NAME}"
    result = SaveResult()
    with _locked(path):
        yaml, doc, profile = _load(path)
        before_text = path.read_text(encoding="utf-8")
        theirs = getattr(profile, section).model_dump(mode="json")
        for fpath, seen in known.items():
            want = get_path(mine, fpath)
            now = get_path(theirs, fpath)
            if want is MISSING or (now is not MISSING and same(now, want)):
                continue  # not an editor field, or the file already says so
            untouched = (now is MISSING and seen is MISSING) or (
                now is not MISSING and seen is not MISSING and same(now, seen))
            parent_there = get_path(theirs, fpath[:-1]) is not MISSING
            if not untouched or not parent_there:
                result.conflicts.append(FieldConflict(fpath, None if now is MISSING else now,
                                                      want))
                continue
            parent = get_path(doc[section], fpath[:-1])
            _write(parent, fpath[-1], now, want, fpath)
            result.changes.append(Change(fpath, None if now is MISSING else now, want))
        if not result.changes:
            return result
        after = getattr(_check(profile, doc, path, rel, lang or "zh-TW"), section)
        after_section = after.model_dump(mode="json") if after is not None else {}
        result.changes = [Change(c.path, c.old, _none(get_path(after_section, c.path)))
                          for c in result.changes]  # as the model reads it back
        buffer = io.StringIO()
        yaml.dump(doc, buffer)
        result.entry = _record(path, before_text, section, what, result.changes)
        atomic_write(path, buffer.getvalue())
    return result


def _none(value: Any) -> Any:
    return None if value is MISSING else value


def _check(before: ClientProfile, doc: Any, path: Path, rel: str, lang: str) -> ClientProfile:
    """``doc`` as a profile; ProfileError if it is not valid or fails a check (shares adding
    up to 100%, files named…) that the file before the save passed."""
    try:
        after = ClientProfile.model_validate(_plain(doc))
    except ValidationError as exc:
        raise ProfileError(problems_from_validation(exc, rel, lang, doc)) from exc
    known = {(p.field, p.message) for p in errors(_cross_checks(before, path.parent, rel, lang,
                                                                doc))}
    new = [p for p in errors(_cross_checks(after, path.parent, rel, lang, doc))
           if (p.field, p.message) not in known]
    if new:
        raise ProfileError(new)
    return after


# --- history: every save undoable -------------------------------------------------------

HISTORY = ".history"


def history_dir(slug: str, root: Path | None = None) -> Path:
    """``clients/<slug>/.history/``: the file before each save and a log of what changed."""
    return _profile_path(slug, root).parent / HISTORY


def _record(path: Path, before: str, section: str, what: str, changes: list[Change]) -> int:
    folder = path.parent / HISTORY
    folder.mkdir(exist_ok=True)
    log = folder / "log.jsonl"
    n = len(log.read_text(encoding="utf-8").splitlines()) + 1 if log.exists() else 1
    (folder / f"{n:04d}-before.yaml").write_text(before, encoding="utf-8")
    entry = {"n": n, "time": datetime.now(UTC).isoformat(timespec="seconds"),
             "section": section, "what": what,
             "changes": [{"path": list(c.path), "old": c.old, "new": c.new} for c in changes]}
    with log.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
    return n


def history(slug: str, root: Path | None = None) -> list[dict]:
    """Every save of this client, oldest first (``n``, ``time``, ``section``, ``changes``)."""
    log = history_dir(slug, root) / "log.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]


def undo(slug: str, n: int | None = None, root: Path | None = None,
         lang: str | None = None) -> SaveResult:
    """Put the fields save ``n`` (default: the last one not undone) changed back, by the same
    merge: a field changed again since is a conflict, not overwritten."""
    entries = history(slug, root)
    undone = {e.get("undoes") for e in entries}
    candidates = [e for e in entries if e.get("undoes") is None and e["n"] not in undone]
    entry = next((e for e in entries if e["n"] == n), None) if n is not None else (
        candidates[-1] if candidates else None)
    if entry is None:
        return SaveResult()
    section = entry["section"]
    current = read_section(slug, section, root)
    mine = copy.deepcopy(current)
    known: dict[FieldPath, Any] = {}
    for c in entry["changes"]:
        fpath = tuple(c["path"])
        known[fpath] = c["new"]
        _force_path(mine, fpath, c["old"])
    result = merge_save(slug, section, known, mine, root, lang, what=f"undo {entry['n']}")
    if result.entry is not None:
        _mark_undo(slug, root, result.entry, entry["n"])
    return result


def _force_path(node: Any, path: FieldPath, value: Any) -> None:
    for key in path[:-1]:
        node = node[key]
    if isinstance(node, list) and isinstance(path[-1], int) and path[-1] >= len(node):
        return
    node[path[-1]] = value


def _mark_undo(slug: str, root: Path | None, entry: int, undoes: int) -> None:
    log = history_dir(slug, root) / "log.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    if last["n"] == entry:
        last["undoes"] = undoes
        lines[-1] = json.dumps(last, ensure_ascii=False, default=str)
        log.write_text("\n".join(lines) + "\n", encoding="utf-8")
