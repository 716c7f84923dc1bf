"""The years of service at their edges, without a database: an interruption, a doubled period,
the day a threshold is reached, and the words of the reason."""

import datetime

from commendations.long_service.years import Length, Period, months_add, service_count

D = datetime.date


def test_one_continuous_period_is_counted_in_calendar_years_and_months():
    count = service_count([Period(D(2010, 9, 1), None)], as_of=D(2025, 11, 30), doubles=False)
    assert count.length == Length(15 * 12 + 3, 0)
    assert count.words() == "phục vụ 15 năm 3 tháng (01/09/2010 – 30/11/2025)"


def test_the_threshold_is_reached_on_the_last_day_of_the_tenth_year_not_before():
    periods = [Period(D(2015, 9, 1), None)]
    on_the_day = service_count(periods, as_of=D(2025, 8, 31), doubles=False, threshold_years=10)
    day_before = service_count(periods, as_of=D(2025, 8, 30), doubles=False, threshold_years=10)
    assert on_the_day.length == Length(120, 0)
    assert day_before.length == Length(119, 30)
    assert day_before.length.months < 120 <= on_the_day.length.months
    assert on_the_day.reached_on == day_before.reached_on == D(2025, 8, 31)


def test_an_interruption_is_not_counted_and_is_said():
    periods = [
        Period(D(2005, 3, 1), D(2008, 3, 1)),  # 3 years
        Period(D(2009, 5, 1), None),  # after 1 year 2 months away
    ]
    count = service_count(periods, as_of=D(2020, 4, 30), doubles=False, threshold_years=15)
    assert count.interrupted == Length(14, 0)
    assert count.length == Length(3 * 12 + 11 * 12, 0)  # 3 + 11 years
    assert "gián đoạn 1 năm 2 tháng" in count.words()
    # 15 years from 01/03/2005 plus the 14 months away: complete after 30/04/2021.
    assert count.reached_on == D(2021, 4, 30)


def test_a_doubled_period_counts_twice_only_when_the_rule_says_so():
    periods = [
        Period(D(2015, 1, 1), D(2018, 1, 1), counts_double=True),  # 3 years, worth 6
        Period(D(2018, 1, 1), None),
    ]
    doubled = service_count(periods, as_of=D(2021, 12, 31), doubles=True, threshold_years=10)
    plain = service_count(periods, as_of=D(2021, 12, 31), doubles=False, threshold_years=10)
    assert doubled.length == Length(10 * 12, 0)
    assert plain.length == Length(7 * 12, 0)
    assert doubled.doubled == Length(36, 0) and plain.doubled == Length()
    assert "trong đó 3 năm ở địa bàn đặc biệt khó khăn được tính gấp đôi" in doubled.words()
    assert doubled.reached_on == D(2021, 12, 31)


def test_a_period_after_the_reference_day_is_not_counted():
    periods = [Period(D(2030, 1, 1), None)]
    count = service_count(periods, as_of=D(2025, 12, 31), doubles=False)
    assert count.length == Length() and count.last_day is None


def test_months_are_added_with_the_day_clamped_to_the_month():
    assert months_add(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert months_add(D(2023, 12, 15), 1) == D(2024, 1, 15)
    assert Length.between(D(2024, 1, 31), D(2024, 3, 1)) == Length(1, 1)
