"""Workshop mode: decisions made live in JupyterLab are saved back to the client's profile.

Saving keeps the consultant's comments and key order (ruamel.yaml round-trip), writes
atomically, and validates the whole profile first, so a save never leaves an invalid or
half-written ``client.yaml``. Each section carries a version (a hash of its content when the
notebook loaded it): two tabs editing different sections both keep their edits, while a stale
tab saving over a newer edit of the same section gets :class:`Conflict`, not a silent overwrite.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML

from kit import paths
from kit.clients import PROFILE_NAME, ProfileError, _plain, problems_from_validation
from kit.i18n import t
from kit.pipeline import atomic_write
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


def prepare(slug: str, root: Path | None = None, period=None) -> list[Path]:
    """Executed copies of the client's workbooks for the period, ready to open live."""
    from kit.params import TEMPLATES
    from kit.pipeline import available_templates, run_workbook

    notebooks = []
    for name in available_templates(root):
        if TEMPLATES[name].section in ("goals", "swot", "funnel", "budget"):
            result = run_workbook(name, slug, period, root=root, engine="papermill")
            if result.notebook is not None and result.status == "ok":
                notebooks.append(result.notebook)
    return notebooks


def lab_command(notebooks: list[Path], root: Path, port: int = 8888, token: str | None = None,
                browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment for a workshop (localhost only, zh-TW UI)."""
    import os
    import sys

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
