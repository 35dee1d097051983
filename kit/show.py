"""Put kit-built HTML into the notebook's output (the only module that talks to IPython)."""

from __future__ import annotations

from markupsafe import Markup

#: MathJax (JupyterLab, nbconvert) skips elements with these classes: "NT$1,200 … NT$800"
#: is money, never mathematics (tex2jax_ignore for MathJax 2/3, mathjax_ignore for 3/4).
NO_MATH = "tex2jax_ignore mathjax_ignore"


def html(markup: Markup) -> None:
    """Display markup as a cell output (never typeset as mathematics); plain text is
    escaped, so only what a builder made can become markup."""
    from IPython.display import HTML, display

    display(HTML(Markup("<div class='{}'>{}</div>").format(NO_MATH, markup)))
