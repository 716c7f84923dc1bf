"""The demo's 2025 reorganisation: the 2022 campaign was loaded on the old tree (districts); this
applies the shipped file of 2025 events (commendations/units/data/gia_lai_2025.yaml, demo data)
and hands the dissolved units' open work and accounts to their heirs, audited as the system. The
open campaign then runs on the new tree: no district to consolidate through. Idempotent."""

from commendations.nominations.handover import handover_apply, units_to_hand_over
from commendations.units.reorganisation import (
    GIA_LAI_2025,
    reorganisation_apply,
    reorganisation_load,
)
from workflow.actors import SYSTEM

HANDOVER_COMMENT = "Sắp xếp tổ chức năm 2025: chuyển giao cho đơn vị kế thừa (dữ liệu minh họa)."


def demo_reorganise() -> None:
    reorganisation_apply(data=reorganisation_load(GIA_LAI_2025))
    for plan in units_to_hand_over():
        handover_apply(unit=plan.unit, actor=SYSTEM, comment=HANDOVER_COMMENT)
