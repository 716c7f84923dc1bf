"""The long-service reason is worded in the reader's language on the screens (the due list in
English says "years of service"), and in Vietnamese where it is stored and printed (a proposal's
achievement summary, the Tờ trình), whoever proposes."""

import datetime

from django.utils import translation

from commendations.actions.long_service import _in_documents_language
from commendations.long_service.entitlement import Entitlement
from commendations.long_service.years import Length, ServiceCount


def _entitlement(blocked: str = "") -> Entitlement:
    count = ServiceCount(
        length=Length(months=15 * 12 + 3),
        first_day=datetime.date(2010, 9, 1),
        last_day=datetime.date(2025, 11, 30),
        interrupted=Length(months=14),
        doubled=Length(),
        reached_on=datetime.date(2025, 9, 1),
    )
    return Entitlement(
        award="hccsvv2", basis="police", years=15, count=count, authority="", source="",
        verified=True, blocked=blocked,
    )  # fmt: skip


def test_the_reason_in_vietnamese_and_in_english():
    entitlement = _entitlement()
    assert entitlement.reason == (
        "phục vụ 15 năm 3 tháng (01/09/2010 – 30/11/2025, gián đoạn 1 năm 2 tháng), "
        "chưa có Huy chương CSVV hạng Nhì"
    )
    with translation.override("en"):
        assert entitlement.reason == (
            "15 years 3 months of service (01/09/2010 – 30/11/2025, interrupted for 1 year "
            "2 months), does not yet hold “Huy chương CSVV hạng Nhì”"
        )


def test_what_is_stored_is_vietnamese_whoever_proposes():
    entitlement = _entitlement()
    with translation.override("en"):
        stored = _in_documents_language(lambda: entitlement.reason)
    assert stored.startswith("phục vụ 15 năm 3 tháng")
