"""Where things live. One place, so tests and the CLI can point the kit elsewhere.

The project root is found from $KIT_HOME, else the current directory if it holds
``clients/``, else the repository this package was installed from (editable installs).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
NBCONVERT_TEMPLATES = PACKAGE_DIR / "nbconvert"
SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def project_root() -> Path:
    """The folder that holds clients/, templates/ and workbooks/."""
    env = os.environ.get("KIT_HOME")
    if env:
        return Path(env).resolve()
    cwd = Path.cwd()
    if (cwd / "clients").is_dir() and (cwd / "templates").is_dir():
        return cwd
    return PACKAGE_DIR.parent


def clients_dir(root: Path | None = None) -> Path:
    """clients/ under the project root."""
    return (root or project_root()) / "clients"


def templates_dir(root: Path | None = None) -> Path:
    """templates/ under the project root."""
    return (root or project_root()) / "templates"


def workbooks_dir(root: Path | None = None) -> Path:
    """workbooks/ (generated output) under the project root."""
    return (root or project_root()) / "workbooks"


def is_plain_slug(slug: str) -> bool:
    """A client id must be a plain folder name: no '..', no slashes, no hidden names."""
    return bool(SLUG_RE.match(slug or ""))


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
