"""Hand a dissolved unit's open nominations and officers' accounts to its heir (audited)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from commendations.nominations.handover import handover_apply, handover_plan, units_to_hand_over
from commendations.units.models import Unit
from workflow.actors import SYSTEM


class Command(BaseCommand):
    help = (
        "Chuyển hồ sơ đang xử lý và tài khoản cán bộ của đơn vị đã giải thể/sáp nhập sang đơn vị "
        "kế thừa. Không có --apply: chỉ xem trước."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("codes", nargs="*", help="mã đơn vị (mặc định: mọi đơn vị còn việc)")
        parser.add_argument("--apply", action="store_true")
        parser.add_argument("--comment", default="")

    def handle(self, *args, codes: list[str], apply: bool, comment: str, **options) -> None:
        if codes:
            units = list(Unit.objects.filter(code__in=codes))
            missing = set(codes) - {u.code for u in units}
            if missing:
                raise CommandError(f"Không có đơn vị: {', '.join(sorted(missing))}")
            plans = [handover_plan(unit) for unit in units]
        else:
            plans = units_to_hand_over()
        if not plans:
            self.stdout.write("Không có gì cần chuyển giao.")
        for plan in plans:
            if apply:
                try:
                    plan = handover_apply(
                        unit=plan.unit, actor=SYSTEM, comment=comment or "unit_handover"
                    )
                except ValidationError as exc:
                    raise CommandError("\n".join(exc.messages)) from exc
            for line in plan.lines():
                self.stdout.write(line)
        if plans and not apply:
            self.stdout.write("Xem trước: chưa chuyển gì. Thêm --apply để thực hiện.")
