"""Where the code runs: a live workshop kernel, or a batch run.

A kernel that Jupyter Server started for a person carries ``JPY_SESSION_NAME`` (the
notebook's path) in its environment; papermill, nbclient and the kit's batch kernels do not
(:class:`kit.zygote.BatchKernelManager` never passes it on, even when a batch is started from a
notebook). The kit only reads this; nothing in the kit sets it.
"""

from __future__ import annotations

import os
import sys


def live() -> bool:
    """True in a kernel that a Jupyter server started for a front end; False in batch runs."""
    if not os.environ.get("JPY_SESSION_NAME"):
        return False
    ipython = sys.modules.get("IPython")  # never imported here: a kernel has it already
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and getattr(shell, "kernel", None) is not None
