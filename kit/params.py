"""Templates are functions with signatures: each template's parameters as a pydantic model.

``build_parameters`` turns a client profile into the JSON-ready dict papermill injects (the
pipeline compares it with the template's ``parameters`` cell before any kernel starts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pydantic import Field, ValidationError

from kit.clients import Client, explain
from kit.domain.smart import levers_in
from kit.i18n import t
from kit.profile import (
    BudgetSection,
    ClientInfo,
    ClientProfile,
    CustomersSection,
    ExportFile,
    FunnelSection,
    GoalsSection,
    Model,
    PlanSection,
    ReportSection,
    SwotSection,
    YearMonth,
)


class GoalsParams(Model):
    """Parameters of ``templates/goals.ipynb``: the goals and the metric ids the client's
    strategies, funnel and ad budget point at (a goal on one of them is relevant)."""

    client: ClientInfo
    period: YearMonth
    goals: GoalsSection
    levers: list[str] = Field(default_factory=list)


class SwotParams(Model):
    """Parameters of ``templates/swot.ipynb``: the SWOT section and the KPIs it may cite."""

    client: ClientInfo
    period: YearMonth
    swot: SwotSection
    kpis: list[str] = Field(default_factory=list)


class FunnelParams(Model):
    """Parameters of ``templates/funnel.ipynb``."""

    client: ClientInfo
    period: YearMonth
    funnel: FunnelSection


class BudgetParams(Model):
    """Parameters of ``templates/ad_budget.ipynb``."""

    client: ClientInfo
    period: YearMonth
    budget: BudgetSection


class ReportParams(Model):
    """Parameters of ``templates/report.ipynb``: the month's report against the goals."""

    client: ClientInfo
    period: YearMonth
    report: ReportSection
    goals: GoalsSection | None = None
    budget: BudgetSection | None = None
    plan: PlanSection | None = None


class CustomersParams(Model):
    """Parameters of ``templates/customers.ipynb``: the customers section and the ad exports
    (from the report section) that CAC is computed from."""

    client: ClientInfo
    period: YearMonth
    customers: CustomersSection
    ad_exports: list[ExportFile] = Field(default_factory=list)


class PlanParams(Model):
    """Parameters of ``templates/plan.ipynb``: the plan, the channels the budget funds and
    the funnel whose counts the journey map may use."""

    client: ClientInfo
    period: YearMonth
    plan: PlanSection
    funded: list[str] = Field(default_factory=list)
    funnel: FunnelSection | None = None


def _plan_extra(profile: ClientProfile) -> dict:
    out: dict = {"funded": [c.name for c in profile.budget.channels] if profile.budget else []}
    if profile.funnel is not None:
        out["funnel"] = profile.funnel.model_dump(mode="json")
    return out


#: Metrics an ad budget works through: a client who funds ads has chosen these levers.
AD_LEVERS = ("cpa", "roas", "cvr", "ctr", "cpc")


def _goal_levers(profile: ClientProfile) -> dict:
    texts = [s.kpi for s in profile.swot.strategies] if profile.swot else []
    if profile.funnel is not None:
        texts += list(profile.funnel.stages)
    levers = set(levers_in(texts))
    if profile.budget is not None and profile.budget.channels:
        levers.update(AD_LEVERS)
    return {"levers": sorted(levers)}


def _ad_exports(profile: ClientProfile) -> dict:
    exports = profile.report.exports if profile.report else []
    return {"ad_exports": [e.model_dump(mode="json") for e in exports
                           if e.kind in ("meta", "google")]}


def _kpis(profile: ClientProfile) -> dict:
    goals = profile.goals.goals if profile.goals else []
    return {"kpis": [g.metric for g in goals if g.metric]}


def _report_extra(profile: ClientProfile) -> dict:
    return {name: getattr(profile, name).model_dump(mode="json")
            for name in ("goals", "budget", "plan") if getattr(profile, name) is not None}


@dataclass(frozen=True)
class TemplateSpec:
    """A template's signature: its parameter model, the profile section it needs, extra
    parameters taken from other sections, and the month it covers by default."""

    params: type[Model]
    section: str
    title: str  # the catalogue key of the workbook's title
    extra: Callable[[ClientProfile], dict] | None = None
    default_period: Callable[[ClientProfile], date | None] | None = None


TEMPLATES: dict[str, TemplateSpec] = {
    "goals": TemplateSpec(GoalsParams, "goals", "goals.title", _goal_levers),
    "swot": TemplateSpec(SwotParams, "swot", "swot.title", _kpis),
    "funnel": TemplateSpec(FunnelParams, "funnel", "funnel.title"),
    "ad_budget": TemplateSpec(BudgetParams, "budget", "budget.title"),
    "customers": TemplateSpec(CustomersParams, "customers", "customers.title", _ad_exports),
    "report": TemplateSpec(ReportParams, "report", "report.title", _report_extra,
                           lambda profile: profile.report.period),
    "plan": TemplateSpec(PlanParams, "plan", "plan.title", _plan_extra),
}


class ParameterError(Exception):
    """Parameters do not fit a template; ``problems`` holds one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))

    def __reduce__(self):  # pickles across process and Dask boundaries
        return type(self), (self.problems,)


def applies_to(template: str, client: Client) -> bool:
    """True if the client's profile has the section the template needs."""
    return getattr(client.profile, TEMPLATES[template].section, None) is not None


def build_parameters(
    template: str, client: Client, period=None, lang: str | None = None
) -> dict:
    """The template's parameters for one client, validated and JSON-ready."""
    spec = TEMPLATES[template]
    profile = client.profile
    info = profile.client.model_copy(update={"slug": client.slug})
    if lang:
        info = info.model_copy(update={"language": lang})
    default = spec.default_period(profile) if spec.default_period else None
    raw = {
        "client": info.model_dump(mode="json"),
        "period": period or default or profile.period,
        spec.section: getattr(profile, spec.section).model_dump(mode="json"),
        **(spec.extra(profile) if spec.extra else {}),
    }
    msg_lang = info.language
    try:
        params = spec.params.model_validate(raw)
    except ValidationError as exc:
        problems = [
            t("param.invalid", msg_lang, client=client.slug, template=template,
              key=".".join(str(p) for p in e["loc"]), problem=explain(e, msg_lang))
            for e in exc.errors()
        ]
        raise ParameterError(problems) from exc
    return params.model_dump(mode="json")
