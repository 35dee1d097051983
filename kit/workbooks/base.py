"""What every workbook shares: built from its template's parameters, language, money, display."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from kit import fmt, show
from kit.profile import ClientInfo, Model


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
        p = cls.PARAMS.model_validate(parameters)
        return cls(p.client, p.period, getattr(p, cls.SECTION))

    @property
    def lang(self) -> str:
        """Report language."""
        return self.client.language

    def money(self, value: float | None) -> str:
        """An amount in the client's currency."""
        return fmt.money(value, self.client.currency)

    def show(self, part: str) -> None:
        """Display one section: the method ``<part>_html``."""
        show.html(getattr(self, f"{part}_html")())
