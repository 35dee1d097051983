"""Put kit-built HTML into the notebook's output (the only module that talks to IPython)."""

from __future__ import annotations

#: MathJax (JupyterLab, nbconvert) skips elements with these classes: "NT$1,200 … NT$800"
#: is money, never mathematics (tex2jax_ignore for MathJax 2/3, mathjax_ignore for 3/4).
NO_MATH = "tex2jax_ignore mathjax_ignore"


def html(markup: str) -> None:
    """Display an HTML string as a cell output (never typeset as mathematics)."""
    from IPython.display import HTML, display

    display(HTML(f"<div class='{NO_MATH}'>{markup}</div>"))
