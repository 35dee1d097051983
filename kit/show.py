"""Put kit-built HTML into the notebook's output (the only module that talks to IPython)."""

from __future__ import annotations

from markupsafe import Markup

from kit.renderers import NO_MATH, displayed, render

__all__ = ["NO_MATH", "html", "show"]


def html(markup: Markup) -> None:
    """Display markup as a cell output (never typeset as mathematics); plain text is
    escaped, so only what a builder made can become markup."""
    from IPython.display import HTML, display

    display(HTML(displayed(markup)))


def show(result: object) -> None:
    """Display an analysis result through its registered view, as the result does when it
    is the last thing in a cell: ``show(book.analysis.kpis)`` in the goals workbook. A value
    with no view of its own (a plain number, a tuple of rows) is a TypeError naming it."""
    try:
        markup = render(result)
    except NotImplementedError:
        shown = [name for name in getattr(type(result), "__dataclass_fields__", {})
                 if hasattr(getattr(result, name), "_repr_html_")]
        hint = f"; these parts of it have one: {', '.join(shown)}" if shown else ""
        raise TypeError(f"{type(result).__name__} has no view to show it{hint}") from None
    html(markup)
