"""Put kit-built HTML into the notebook's output (the only module that talks to IPython)."""

from __future__ import annotations


def html(markup: str) -> None:
    """Display an HTML string as a cell output."""
    from IPython.display import HTML, display

    display(HTML(markup))
