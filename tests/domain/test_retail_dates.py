from datetime import date

from kit.domain import retail_dates


def test_weeks_start_on_monday():
    weeks = retail_dates.weeks(date(2026, 11, 1), 3)  # a Sunday
    assert weeks == [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9)]
    assert all(w.weekday() == 0 for w in weeks)


def test_retail_dates_in_range_and_lunar_dates_move():
    found = retail_dates.retail_dates(date(2026, 11, 1), date(2027, 2, 28))
    assert [k for _, k in found] == ["double_11", "double_12", "year_end", "lunar_new_year",
                                     "valentines"]
    assert retail_dates.RETAIL_DATES[2026]["lunar_new_year"] == date(2026, 2, 17)
    assert retail_dates.RETAIL_DATES[2027]["mid_autumn"] == date(2027, 9, 15)


def test_gaps_are_funded_channels_without_content():
    weeks = retail_dates.weeks(date(2026, 11, 2), 2)
    items = [(date(2026, 11, 4), "LINE"), (date(2026, 11, 10), "Instagram")]
    assert retail_dates.gaps(items, ["LINE", "Instagram"], weeks) == [
        (date(2026, 11, 2), "Instagram"), (date(2026, 11, 9), "LINE")]
