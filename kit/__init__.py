"""kit: the workbook toolkit for marketing consultants.

The public surface is small: load a client, run a workbook, export its HTML. Everything
else (domain formulas, charts, the CLI) is reached through its own module.
"""

from kit.clients import Client, ProfileError, list_clients, load_client, validate_client
from kit.pipeline import RunResult, run_batch, run_workbook

__version__ = "0.1.0"

__all__ = [
    "Client",
    "ProfileError",
    "RunResult",
    "__version__",
    "list_clients",
    "load_client",
    "run_batch",
    "run_workbook",
    "validate_client",
]
