"""The renderer registry: how an analysis result finds the view that draws it.

Results (:mod:`kit.analysis`) are computed below the views in the layers contract, so they
cannot import them. Instead each view module registers its renderers here with
``@renders(ResultType)`` (a :func:`functools.singledispatch` function keyed by the result's
type), and a result's ``_repr_html_`` (:class:`Rendered`) asks :func:`render` for its markup.
Importing :mod:`kit.views` (every workbook does) fills the registry; a result whose view is
not imported displays as its plain ``repr``.

The language, currency and brand colour a view needs travel inside the result
(``kit.analysis.context.Context``), so ``display(result)`` needs nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch
from typing import Any, TypeVar

from markupsafe import Markup

#: MathJax (JupyterLab, nbconvert) skips elements with these classes: "NT$1,200 … NT$800"
#: is money, never mathematics (tex2jax_ignore for MathJax 2/3, mathjax_ignore for 3/4).
NO_MATH = "tex2jax_ignore mathjax_ignore"

F = TypeVar("F", bound=Callable[..., Markup])


@singledispatch
def render(result: object) -> Markup:
    """The registered view of ``result`` (NotImplementedError when none is registered)."""
    raise NotImplementedError(f"no view registered for {type(result).__name__}")


def renders(kind: type[Any]) -> Callable[[F], F]:
    """Register the decorated view function as the renderer of results of type ``kind``."""
    def register(view: F) -> F:
        render.register(kind, view)
        return view
    return register


def displayed(markup: Markup) -> Markup:
    """Markup as a notebook output: wrapped so it is never typeset as mathematics."""
    return Markup("<div class='{}'>{}</div>").format(NO_MATH, markup)


class Rendered:
    """A result that displays itself in a notebook through its registered view."""

    __slots__ = ()

    def _repr_html_(self) -> str | None:
        try:
            markup = render(self)
        except NotImplementedError:
            return None
        return str(displayed(markup))
