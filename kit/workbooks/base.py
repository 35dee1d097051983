"""What every workbook shares: built from its template's parameters, language, money, display."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from markupsafe import Markup

from kit import blocks, fmt, glossary, session, show
from kit.analysis.context import client_file
from kit.clients import load_client
from kit.i18n import t
from kit.params import TEMPLATES, build_parameters
from kit.profile import ClientInfo, Model


def current_parameters(model: type[Model], injected: dict[str, Any]) -> dict[str, Any]:
    """``injected`` with every section re-read from ``clients/<slug>/client.yaml`` now."""
    info = injected.get("client") or {}
    slug = info.get("slug") if isinstance(info, dict) else None
    name = next((n for n, spec in TEMPLATES.items() if spec.params is model), None)
    if not slug or name is None:
        return injected
    fresh = build_parameters(name, load_client(slug), injected.get("period"),
                             lang=info.get("language"))
    return {**injected, **fresh}


@dataclass(frozen=True)
class Book:
    """A workbook for one client and period; subclasses name their parameter model/section."""

    client: ClientInfo
    period: date
    section: Any

    PARAMS: ClassVar[type[Model]]
    SECTION: ClassVar[str]

    @classmethod
    def from_params(cls, **parameters: object):
        """Build from the template's parameters, validated against the template's model."""
        p = cls.params(parameters)
        return cls(p.client, p.period, getattr(p, cls.SECTION))

    @classmethod
    def params(cls, parameters: dict[str, Any]) -> Any:
        """The template's parameters, validated. In a live workshop (a Jupyter server started
        the kernel) the client's profile is read from disk now, so a re-run shows what was
        saved; the injected parameters only name the client, period and language. Batch runs
        use exactly the parameters they were given (reproducible)."""
        if session.live():
            parameters = current_parameters(cls.PARAMS, parameters)
        return cls.PARAMS.model_validate(parameters)

    @property
    def lang(self) -> str:
        """Report language."""
        return self.client.language

    def data_path(self, relative: str) -> Path:
        """A data file of this client (see :func:`kit.analysis.context.client_file`)."""
        return client_file(self.client, relative)

    def money(self, value: float | None) -> str:
        """An amount in the client's currency."""
        return fmt.money(value, self.client.currency)

    #: Terms every glossary of this workbook lists, linked or not.
    GLOSSARY_TERMS: ClassVar[tuple[str, ...]] = ()

    @cached_property
    def terms_seen(self) -> set[str]:
        """Jargon linked so far in this workbook's output (the glossary lists them)."""
        return set()

    @cached_property
    def terms_present(self) -> set[str]:
        """The workbook's own glossary words (any of their names) met on the page so far."""
        return set()

    def render(self, part: str) -> Markup:
        """One section's HTML with its jargon explainable where it is met."""
        markup = getattr(self, f"{part}_html")()
        if part == "glossary":
            return markup
        text = re.sub(r"<[^>]+>", " ", markup)
        for word in self.GLOSSARY_TERMS:
            item = glossary.entry(word, self.lang)
            if item and (item.name in text or word in text):
                self.terms_present.add(word)
        return blocks.linkify(markup, self.lang, self.terms_seen)

    def glossary_html(self) -> Markup:
        """Plain-language explanations of exactly the terms this page uses (none: no glossary)."""
        words = [w for w in self.GLOSSARY_TERMS if w in self.terms_present]
        words += sorted(self.terms_seen)
        return blocks.glossary(words, self.lang, t("glossary.title", self.lang))

    def show(self, part: str) -> None:
        """Display one section: the method ``<part>_html``, jargon linked."""
        show.html(self.render(part))
