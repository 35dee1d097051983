"""kit: the workbook toolkit for marketing consultants.

The public surface is small: load a client, run a workbook, export its HTML. Everything
else (domain formulas, charts, the CLI) is reached through its own module. ``import kit``
loads nothing else: the names below are imported on first use, so ``import kit.domain``
stays as light as the domain itself.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Client": "kit.clients",
    "ProfileError": "kit.clients",
    "list_clients": "kit.clients",
    "load_client": "kit.clients",
    "validate_client": "kit.clients",
    "RunResult": "kit.pipeline",
    "run_batch": "kit.pipeline",
    "run_workbook": "kit.pipeline",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:
    from kit.clients import Client as Client
    from kit.clients import ProfileError as ProfileError
    from kit.clients import list_clients as list_clients
    from kit.clients import load_client as load_client
    from kit.clients import validate_client as validate_client
    from kit.pipeline import RunResult as RunResult
    from kit.pipeline import run_batch as run_batch
    from kit.pipeline import run_workbook as run_workbook


def __getattr__(name: str) -> Any:
    """``kit.load_client`` and the other public names, imported when first asked for."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
