import math
from datetime import date

import pytest

from kit.domain import kpi
from kit.domain.months import months_between


def test_months_between_counts_calendar_months():
    assert months_between(date(2026, 11, 1), date(2027, 5, 31)) == 6
    assert months_between(date(2026, 11, 1), date(2026, 11, 30)) == 0


def test_required_monthly_rate_is_compound():
    # 100 -> 121 in 2 months is exactly +10% a month (100 x 1.1 x 1.1)
    assert kpi.required_monthly_rate(100, 121, 2) == pytest.approx(0.10)
    # +30% over 6 months: 1.3 ** (1/6) - 1 = 4.4698%
    assert kpi.required_monthly_rate(4200, 5460, 6) == pytest.approx(0.044698, abs=1e-6)
    # a falling target gives a negative rate: 560 -> 450 in 3 months
    assert kpi.required_monthly_rate(560, 450, 3) == pytest.approx((450 / 560) ** (1 / 3) - 1)


@pytest.mark.parametrize("args", [(0, 100, 6), (100, 120, 0), (100, 0, 6), (100, 120, -2)])
def test_required_rate_undefined_is_nan(args):
    assert math.isnan(kpi.required_monthly_rate(*args))


def test_historical_monthly_rate():
    assert kpi.historical_monthly_rate([100, 110, 121]) == pytest.approx(0.10)
    assert math.isnan(kpi.historical_monthly_rate([100]))
    assert math.isnan(kpi.historical_monthly_rate(None))


@pytest.mark.parametrize(
    ("required", "historical", "flag"),
    [
        (0.10, 0.10, "realistic"),
        (0.12, 0.10, "stretch"),  # 2 points above the past pace, within the 5-point margin
        (0.20, 0.10, "unrealistic"),
        (0.03, -0.02, "stretch"),  # a falling past pace counts as 0, so +3% is a stretch
        (-0.05, -0.06, "realistic"),  # falling faster in the past than needed now
        (-0.03, 0.01, "stretch"),
        (-0.07, 0.02, "unrealistic"),
        (0.04, math.nan, "no_history"),
        (math.nan, 0.05, "unknown"),
    ],
)
def test_achievability_flags(required, historical, flag):
    assert kpi.achievability(required, historical) == flag


def test_monthly_path():
    assert kpi.monthly_path(100, 0.1, 2) == pytest.approx([100, 110, 121])
    assert kpi.monthly_path(100, math.nan, 2) == []


def test_kpi_plan_table():
    plan = kpi.kpi_plan([
        kpi.Kpi("訂單", 100, 121, date(2026, 11, 1), date(2027, 1, 31), "筆", (90, 95, 100)),
        kpi.Kpi("新指標", 0, 50, date(2026, 11, 1), date(2027, 1, 31)),
    ])
    first = plan.iloc[0]
    assert first["months"] == 2
    assert first["change"] == pytest.approx(0.21)
    assert first["required_rate"] == pytest.approx(0.10)
    assert first["historical_rate"] == pytest.approx((100 / 90) ** 0.5 - 1)
    assert first["flag"] == "stretch"  # needs 10%/month, history 5.4%/month
    assert plan.iloc[1]["flag"] == "unknown"
    assert math.isnan(plan.iloc[1]["required_rate"])
