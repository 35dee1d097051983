"""The client profile schema (``clients/<slug>/client.yaml``) as pydantic models.

The same models are the typed parameters of the templates (see :mod:`kit.params`), so what
``kit validate`` accepts is exactly what a template can run on.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")


def _colour(value: object) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise PydanticCustomError("kit_colour", "expected a colour like #1F5F8B")
    return value.upper()


def _year_month(value: object) -> date:
    """'2026-11' (or a date, or '2026-11-01') -> the first day of that month."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    if isinstance(value, str):
        m = _YEAR_MONTH.match(value.strip())
        if m and 1 <= int(m.group(2)) <= 12:
            return date(int(m.group(1)), int(m.group(2)), 1)
        try:
            return date.fromisoformat(value.strip()).replace(day=1)
        except ValueError:
            pass
    raise PydanticCustomError("kit_period", "expected a year-month like 2026-11")


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


Colour = Annotated[str, BeforeValidator(_colour)]
YearMonth = Annotated[date, BeforeValidator(_year_month)]
Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
Amount = Annotated[float, Field(ge=0)]


class Model(BaseModel):
    """Base: unknown keys are errors (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ClientInfo(Model):
    """Who the client is and how their reports look."""

    name: Text
    industry: Text
    language: Literal["zh-TW", "en"] = "zh-TW"
    currency: Literal["TWD", "USD", "HKD", "JPY", "CNY", "EUR"] = "TWD"
    brand_colour: Colour = "#1F5F8B"
    logo: str | None = None


class Contact(Model):
    """One person to talk to, and how to reach them."""

    name: Text
    role: str = ""
    reach: str = ""


class Brief(Model):
    """The collaboration brief (seed 000): who we talk to, why, what success is, how we report."""

    audience: Text
    background: Text
    success: Text
    cadence: Literal["weekly", "biweekly", "monthly"] = "monthly"
    cadence_note: str = ""
    channels: list[Text] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)


class GoalSpec(Model):
    """A goal as the owner said it, plus the structured fields that make it SMART."""

    text: Text
    metric: str | None = None
    unit: str = ""
    baseline: Amount | None = None
    target: Amount | None = None
    deadline: date | None = None
    owner: str | None = None
    why: str | None = None
    history: list[Amount] = Field(default_factory=list)


class GoalsSection(Model):
    """Section ``goals`` of the profile: brief, goals, and notes that never reach the client."""

    brief: Brief
    goals: list[GoalSpec] = Field(min_length=1)
    consultant_notes: str = ""


class ClientProfile(Model):
    """The whole ``client.yaml``."""

    client: ClientInfo
    period: YearMonth
    goals: GoalsSection | None = None
