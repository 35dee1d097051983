import math
from datetime import date

import pytest

from kit.domain import findings, progress
from kit.domain.months import next_month


def test_progress_and_expected_progress_hand_computed():
    assert progress.progress(4380, 4200, 5460) == pytest.approx(180 / 1260)
    assert progress.progress(567, 560, 450) == pytest.approx(-7 / 110)  # a falling target
    assert math.isnan(progress.progress(10, 10, 10))
    # 100 -> 121 over 2 months is +10%/month: after one month it should be 110
    assert progress.expected_value(100, 121, date(2026, 8, 1), date(2026, 10, 31),
                                 date(2026, 9, 1)) == pytest.approx(110)


@pytest.mark.parametrize(("actual", "expected", "status"),
                         [(0.5, 0.5, "on_track"), (0.46, 0.5, "on_track"), (0.4, 0.5, "at_risk"),
                          (0.3, 0.5, "off_track"), (0.0, 0.0, "on_track"), (-0.1, 0.0, "at_risk"),
                          (math.nan, 0.5, "unknown")])
def test_traffic_light_bands(actual, expected, status):
    assert progress.status(actual, expected) == status


def test_projection_and_changes():
    # 100 -> 121 in 2 months (+10%/month), 2 more months to the deadline: 146.41
    assert progress.projection(100, 121, date(2026, 8, 1), date(2026, 10, 1),
                             date(2026, 12, 31)) == pytest.approx(146.41)
    assert progress.change(110, 100) == pytest.approx(0.1)
    assert math.isnan(progress.change(110, None))


def test_kpi_status_from_a_series():
    series = {date(2026, 8, 1): 100, date(2026, 9, 1): 104, date(2026, 10, 1): 108,
              date(2025, 10, 1): 90}
    s = progress.kpi_status("訂單", 100, 121, date(2026, 8, 1), date(2026, 10, 31),
                          date(2026, 10, 1), series)
    assert s.actual == 108 and s.expected == pytest.approx(121)
    assert s.progress == pytest.approx(8 / 21) and s.expected_progress == pytest.approx(1)
    assert s.status == "off_track"
    assert s.vs_previous == pytest.approx(108 / 104 - 1)
    assert s.vs_last_year == pytest.approx(108 / 90 - 1)


def test_findings_creative_fatigue_landing_page_and_break_even():
    before = {"spend": 1000, "impressions": 100000, "clicks": 1000, "results": 20, "value": 30000}
    fatigue = {"spend": 1000, "impressions": 100000, "clicks": 800, "results": 16, "value": 20000}
    got = findings.ad_findings("Meta", fatigue, before, break_even_roas=2.5)
    # CPA 50 -> 62.5 (+25%), CTR 1% -> 0.8% (-20%); ROAS 20 > 2.5 so no break-even finding
    assert [(f.code, round(f.params["cpa"], 3)) for f in got] == [("finding.fatigue", 0.25)]
    landing = {"spend": 1000, "impressions": 100000, "clicks": 1000, "results": 15, "value": 2000}
    got = findings.ad_findings("Google", landing, before, break_even_roas=2.5)
    assert [f.code for f in got] == ["finding.landing", "finding.below_break_even"]
    better = {"spend": 1000, "impressions": 100000, "clicks": 1000, "results": 25, "value": 30000}
    assert findings.ad_findings("Meta", better, before)[0].code == "finding.cpa_down"


def test_next_month_wraps_the_year():
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert next_month(date(2026, 10, 15)) == date(2026, 11, 1)
