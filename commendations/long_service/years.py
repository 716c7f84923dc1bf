"""The years of service, counted from plain values (no query): a pure function of the periods, the
reference day and the rule. Why it is shaped this way:

- a period is [start, end) like every dated row (`validity.py`); the service is counted up to and
  including the reference day, so 01/09/2010 – 30/11/2025 is exactly 15 years 3 months;
- the periods are laid end to end on a virtual line starting on the first day (an interruption is
  simply not counted; a doubled period is laid twice), and the length is the calendar difference
  between the first day and the end of that line: one continuous period is counted exactly, in
  calendar years and months, with no "30 days make a month" rounding;
- the day a threshold is reached is found on the same line, projecting the period still open
  beyond the reference day (who becomes due later in the year)."""

import datetime
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ONE_DAY = datetime.timedelta(days=1)


def months_add(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole calendar months, the day clamped to the month's last (31/01 + 1 = 28/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - ONE_DAY).day
    return datetime.date(year, month, min(day.day, last))


@dataclass(frozen=True, order=True)
class Length:
    """A length of service in whole calendar months and the days left over."""

    months: int = 0
    days: int = 0

    @classmethod
    def between(cls, start: datetime.date, end: datetime.date) -> "Length":
        """The calendar length of [start, end)."""
        if end <= start:
            return cls()
        months = (end.year - start.year) * 12 + end.month - start.month
        while months > 0 and months_add(start, months) > end:
            months -= 1
        return cls(months, (end - months_add(start, months)).days)

    def after(self, day: datetime.date) -> datetime.date:
        return months_add(day, self.months) + datetime.timedelta(days=self.days)

    @property
    def years(self) -> int:
        return self.months // 12

    def words(self) -> str:
        """ "15 năm 3 tháng", "11 tháng 5 ngày"; days are shown only below a year."""
        years, months = divmod(self.months, 12)
        parts = []
        if years:
            parts.append(ngettext("%(n)d năm", "%(n)d năm", years) % {"n": years})
        if months:
            parts.append(ngettext("%(n)d tháng", "%(n)d tháng", months) % {"n": months})
        if self.days and not years:
            parts.append(ngettext("%(n)d ngày", "%(n)d ngày", self.days) % {"n": self.days})
        return " ".join(parts) or ngettext("%(n)d ngày", "%(n)d ngày", 0) % {"n": 0}


@dataclass(frozen=True)
class Period:
    """One service record as plain values: [start, end), end None while still so."""

    start: datetime.date
    end: datetime.date | None
    counts_double: bool = False


@dataclass(frozen=True)
class ServiceCount:
    """What was counted, for the reason in words."""

    length: Length
    first_day: datetime.date | None
    last_day: datetime.date | None
    interrupted: Length
    doubled: Length
    reached_on: datetime.date | None

    def words(self) -> str:
        """ "phục vụ 15 năm 3 tháng (01/09/2010 – 30/11/2025, …)"."""
        if self.first_day is None or self.last_day is None:
            return _("chưa có thời gian phục vụ")
        details = [f"{self.first_day:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"]
        if self.interrupted != Length():
            details.append(_("gián đoạn %(length)s") % {"length": self.interrupted.words()})
        if self.doubled != Length():
            details.append(
                _("trong đó %(length)s ở địa bàn đặc biệt khó khăn được tính gấp đôi")
                % {"length": self.doubled.words()}
            )
        return _("phục vụ %(length)s (%(details)s)") % {
            "length": self.length.words(),
            "details": ", ".join(details),
        }


def service_count(
    periods: list[Period],
    *,
    as_of: datetime.date,
    doubles: bool,
    threshold_years: int | None = None,
) -> ServiceCount:
    """The service in `periods` up to and including `as_of`; `doubles`: the rule counts a period
    marked `counts_double` twice. `threshold_years`: also the day that many years are reached
    (None if never, the open period projected forward)."""
    ordered = sorted(periods, key=lambda p: p.start)
    end_exclusive = as_of + ONE_DAY
    first = ordered[0].start if ordered else None
    line = first
    interrupted = doubled = Length()
    previous_end: datetime.date | None = None
    last_day = None
    target = months_add(first, 12 * threshold_years) if first and threshold_years else None
    reached_on = None
    for period in ordered:
        factor = 2 if doubles and period.counts_double else 1
        if reached_on is None and target is not None:
            reached_on = _reached_within(period, line, factor, target)
        if period.start >= end_exclusive:
            continue
        end = min(period.end or end_exclusive, end_exclusive)
        if previous_end is not None and period.start > previous_end:
            interrupted = _sum(interrupted, Length.between(previous_end, period.start))
        piece = Length.between(period.start, end)
        for _copy in range(factor):
            line = piece.after(line)
        if factor == 2:
            doubled = _sum(doubled, piece)
        previous_end = max(previous_end or end, end)
        last_day = max(last_day or end - ONE_DAY, end - ONE_DAY)
    length = Length.between(first, line) if first else Length()
    return ServiceCount(length, first, last_day, interrupted, doubled, reached_on)


def _reached_within(
    period: Period, line: datetime.date, factor: int, target: datetime.date
) -> datetime.date | None:
    """The real day on which the virtual line reaches `target` inside `period`, if it does. The
    line at the start of the period is `line` (the periods before it, end to end)."""
    remaining = (target - line).days
    if remaining <= 0:
        return period.start
    reached = period.start + datetime.timedelta(days=math.ceil(remaining / factor))
    if period.end is not None and reached > period.end:
        return None
    # `reached` is the first day no longer needed: the threshold is complete at its start, i.e.
    # after serving through the day before, which is when the count (through `as_of`) shows it.
    return reached - ONE_DAY


def _sum(a: Length, b: Length) -> Length:
    """Two lengths added (days carried at 30 a month: only used for the words of a detail)."""
    months, days = a.months + b.months, a.days + b.days
    return Length(months + days // 30, days % 30)
