"""A real tree that changes: Công an huyện Chư Păh dissolved on 01/03/2025 (its communes go to the
province, Phú Hòa inherits its work), Phú Hòa and Hòa Phú merged into the new Công an xã Chư Păh
on 01/07/2025, and Ia Ly renamed the same day."""

import datetime

import pytest

from commendations.units.models import UnitKind
from commendations.units.services import NewUnit, unit_dissolve, unit_merge, unit_rename
from tests.factories import UnitFactory

DISSOLVED = datetime.date(2025, 3, 1)
MERGED = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2023, 3, 6)
BETWEEN = datetime.date(2025, 5, 1)
AFTER = datetime.date(2026, 3, 1)


@pytest.fixture
def reorganised(db):
    province = UnitFactory(code="CAT-GL", name="Công an tỉnh Gia Lai", kind=UnitKind.PROVINCE)
    district = UnitFactory(code="CA-CHUPAH", name="Công an huyện Chư Păh", parent=province)
    phu_hoa = UnitFactory(
        code="CA-PHUHOA", name="Công an thị trấn Phú Hòa", parent=district, kind=UnitKind.COMMUNE
    )
    hoa_phu = UnitFactory(
        code="CA-HOAPHU", name="Công an xã Hòa Phú", parent=district, kind=UnitKind.COMMUNE
    )
    ia_ly = UnitFactory(
        code="CA-IALY", name="Công an thị trấn Ia Ly", parent=district, kind=UnitKind.COMMUNE
    )
    unit_dissolve(
        units=[district],
        on=DISSOLVED,
        heirs={district.pk: phu_hoa},
        document={"document_title": "Kết thúc hoạt động Công an cấp huyện"},
    )
    new = unit_merge(
        sources=[phu_hoa, hoa_phu],
        into=NewUnit(
            code="CA-XA-CHUPAH", name="Công an xã Chư Păh", kind=UnitKind.COMMUNE, parent=province
        ),
        on=MERGED,
        document={
            "document_number": "1664/NQ-UBTVQH15",
            "document_date": datetime.date(2025, 6, 16),
        },
    )
    unit_rename(unit=ia_ly, on=MERGED, name="Công an xã Ia Ly")
    for unit in (province, district, phu_hoa, hoa_phu, ia_ly):
        unit.refresh_from_db()
    return {
        "province": province,
        "district": district,
        "phu_hoa": phu_hoa,
        "hoa_phu": hoa_phu,
        "ia_ly": ia_ly,
        "new": new,
    }
