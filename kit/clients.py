"""Loading and validating client profiles: one clear line per problem, in the user's language.

YAML is read with ruamel.yaml's round-trip loader, which is safe (it never builds arbitrary
Python objects) and remembers line numbers, so each problem names file, line and field.
Hostile documents are refused before they are built: a profile larger than
:data:`MAX_PROFILE_BYTES`, or one using aliases (``*name``, the "billion laughs" expansion),
gets one message naming the line.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from kit import paths
from kit.checks import profile_checks
from kit.i18n import consultant_lang, normalise_lang, t
from kit.profile import ClientProfile

PROFILE_NAME = "client.yaml"
MAX_PROFILE_BYTES = 256 * 1024  # the samples are under 10 KB


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where, which field, what is expected."""

    file: str
    field: str
    message: str
    line: int | None = None
    level: str = "error"  # or "warning": shown, but the client still runs

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}{self.message}"


class ProfileError(Exception):
    """A client profile could not be loaded; ``problems`` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):  # pickles across process and Dask boundaries
        return type(self), (self.problems,)


@dataclass(frozen=True)
class Client:
    """A loaded, valid client: its id, folder and profile."""

    slug: str
    folder: Path
    profile: ClientProfile


def list_clients(root: Path | None = None) -> list[str]:
    """Slugs of every folder under clients/ that holds a client.yaml, sorted."""
    base = paths.clients_dir(root)
    if not base.is_dir():
        return []
    return sorted(p.parent.name for p in base.glob(f"*/{PROFILE_NAME}"))


def _plain(node: Any) -> Any:
    """ruamel's commented containers and scalar subclasses -> plain Python."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def _line_of(doc: Any, loc: tuple) -> int | None:
    """1-based line of the deepest part of ``loc`` that exists in the YAML document."""
    line, node = None, doc
    for part in loc:
        try:
            if isinstance(node, dict) and part in node:
                line = node.lc.key(part)[0] + 1
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0] + 1
            else:
                break
            node = node[part]
        except (AttributeError, KeyError, TypeError, IndexError):
            break
    return line


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_KEYS = {
    "missing": "val.missing",
    "extra_forbidden": "val.extra",
    "float_parsing": "val.number",
    "float_type": "val.number",
    "int_parsing": "val.integer",
    "int_type": "val.integer",
    "int_from_float": "val.integer",
    "string_type": "val.text",
    "list_type": "val.list",
    "model_type": "val.mapping",
    "dict_type": "val.mapping",
    "model_attributes_type": "val.mapping",
    "date_parsing": "val.date",
    "date_type": "val.date",
    "date_from_datetime_parsing": "val.date",
    "date_from_datetime_inexact": "val.date",
    "literal_error": "val.choice",
    "greater_than_equal": "val.min",
    "greater_than": "val.gt",
    "less_than_equal": "val.max",
    "string_too_short": "val.nonempty",
    "too_short": "val.nonempty",
    "kit_colour": "val.colour",
    "kit_rate": "val.rate",
    "kit_relpath": "val.relpath",
    "kit_margin": "val.margin",
    "kit_period": "val.period",
}


def explain(error: dict, lang: str) -> str:
    """One pydantic error as a sentence for a consultant."""
    key = _TYPE_KEYS.get(error["type"])
    if key is None:
        return error["msg"]
    ctx = error.get("ctx") or {}
    raw = error.get("input")
    shown = "" if isinstance(raw, dict | list) else str(raw)
    limit = ctx.get("ge", ctx.get("gt", ctx.get("le", "")))
    if isinstance(limit, int | float):
        limit = f"{limit:g}"
    choices = re.split(r", | or ", str(ctx.get("expected", "")).replace("'", ""))
    expected = ("、" if lang == "zh-TW" else ", ").join(c for c in choices if c)
    return t(key, lang, input=shown, limit=limit, expected=expected)


def problems_from_validation(
    exc: ValidationError, file: str, lang: str, doc: Any = None, prefix: tuple = ()
) -> list[Problem]:
    """Turn a pydantic ValidationError into Problems (with YAML lines when ``doc`` is given)."""
    out = []
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        out.append(Problem(file, _field_path(loc), explain(err, lang), _line_of(doc, loc)))
    return out


def _cross_checks(
    profile: ClientProfile, folder: Path, file: str, lang: str, doc: Any
) -> list[Problem]:
    """Checks that span fields or files (see :mod:`kit.checks`), as Problems with lines."""
    out = []
    for loc, msg, *rest in profile_checks(profile, folder, lang):
        level = rest[0] if rest else "error"
        if level == "warning":
            msg = t("val.warning", lang) + msg
        out.append(Problem(file, _field_path(loc), msg, _line_of(doc, loc), level))
    return out


def _first_alias(text: str) -> tuple[str, int] | None:
    """(name, line) of the first YAML alias in ``text``: parsing events never expands them."""
    from ruamel.yaml.events import AliasEvent

    for event in YAML(typ="safe", pure=True).parse(text):
        if isinstance(event, AliasEvent):
            return str(event.anchor), event.start_mark.line + 1
    return None


def _read(
    slug: str, root: Path | None, lang: str | None
) -> tuple[ClientProfile | None, list[Problem]]:
    root = root or paths.project_root()
    msg_lang = normalise_lang(lang) if lang else consultant_lang()
    if not paths.is_plain_slug(slug):
        return None, [Problem(f"clients/{slug}", "", t("val.slug", msg_lang, slug=slug))]
    path = paths.clients_dir(root) / slug / PROFILE_NAME
    rel = f"clients/{slug}/{PROFILE_NAME}"
    if not path.is_file():
        return None, [Problem(rel, "", t("val.no_client", msg_lang, slug=slug, path=rel))]
    if not path.resolve().is_relative_to(path.parent.resolve()):  # a link to another file
        return None, [Problem(rel, "", t("data.outside", msg_lang))]
    if path.stat().st_size > MAX_PROFILE_BYTES:
        return None, [Problem(rel, "", t("val.yaml_size", msg_lang,
                                         kb=MAX_PROFILE_BYTES // 1024))]
    try:
        text = path.read_text(encoding="utf-8")
        alias = _first_alias(text)
        if alias is not None:
            return None, [Problem(rel, "", t("val.yaml_alias", msg_lang, name=alias[0]),
                                  alias[1])]
        doc = YAML(typ="rt").load(text)
    except UnicodeDecodeError:
        return None, [Problem(rel, "", t("data.encoding", msg_lang))]
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        return None, [Problem(rel, "", t("val.yaml", msg_lang, line=line, problem=exc.problem))]
    if not isinstance(doc, dict):
        return None, [Problem(rel, "", t("val.not_mapping", msg_lang))]
    if not lang and "KIT_LANG" not in os.environ:
        client_part = doc.get("client")
        if isinstance(client_part, dict):
            msg_lang = normalise_lang(str(client_part.get("language") or ""))
    try:
        profile = ClientProfile.model_validate(_plain(doc))
    except ValidationError as exc:
        return None, problems_from_validation(exc, rel, msg_lang, doc)
    problems = _cross_checks(profile, path.parent, rel, msg_lang, doc)
    return (None if errors(problems) else profile), problems


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a client (warnings aside)."""
    return [p for p in problems if p.level == "error"]


def validate_client(slug: str, root: Path | None = None, lang: str | None = None) -> list[Problem]:
    """Every problem with one client's profile and files, warnings included (empty list when
    all is well)."""
    return _read(slug, root, lang)[1]


#: Folders of a client that its profile never reads: what the kit writes there itself.
_WRITTEN_BY_KIT = ("snapshots",)
#: Per client folder and language: the folder's state when it was read, and what was read.
_READ: dict[tuple[str, str | None, str | None],
            tuple[tuple[object, ...], tuple[ClientProfile | None, list[Problem]]]] = {}


def _folder_state(folder: Path) -> tuple[tuple[str, str, int, int, int], ...]:
    """Every file the profile may read, with what changes when it is rewritten (a save
    replaces the file: new inode and time), so an unchanged folder is recognised cheaply."""
    state = []
    for dirpath, dirnames, filenames in os.walk(folder):
        if dirpath == str(folder):
            dirnames[:] = [d for d in dirnames if d not in _WRITTEN_BY_KIT]
        for name in filenames:
            with contextlib.suppress(OSError):
                st = os.stat(os.path.join(dirpath, name))
                state.append((dirpath, name, st.st_ino, st.st_mtime_ns, st.st_size))
    return tuple(sorted(state))


def _folder_key(slug: str, folder: Path) -> tuple[object, ...]:
    if not paths.is_plain_slug(slug):
        return ()
    profile = folder / PROFILE_NAME  # edited by hand, maybe twice within one clock tick
    small = profile.is_file() and profile.stat().st_size <= MAX_PROFILE_BYTES
    return _folder_state(folder), hashlib.sha256(profile.read_bytes()).digest() if small else None


def load_client(slug: str, root: Path | None = None, lang: str | None = None) -> Client:
    """Load and validate ``clients/<slug>/client.yaml`` and every file it names; raise
    ProfileError if anything is wrong (warnings do not stop it).

    Reading, validating and cross-checking a profile costs a tenth of a second, and a batch
    asks for the same client once per template: while no file in the client's folder has
    changed, the checked profile is reused (a copy: callers may change theirs).
    """
    folder = paths.clients_dir(root) / slug
    key, state = (str(folder), lang, os.environ.get("KIT_LANG")), _folder_key(slug, folder)
    if key not in _READ or _READ[key][0] != state:
        _READ[key] = state, _read(slug, root, lang)
    profile, problems = _READ[key][1]
    if errors(problems) or profile is None:
        raise ProfileError(errors(problems))
    return Client(slug, folder, profile.model_copy(deep=True))
