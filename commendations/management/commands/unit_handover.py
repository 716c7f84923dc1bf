"""Hand a dissolved unit's open work (nominations, the consolidation waiting on it, rating lists
not decided, registrations) and its officers' accounts to its heir (audited). With
`--dissolve-into HEIR --on DATE` it first records the dissolution, then hands over, in one
transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commendations.nominations.handover import (
    HandoverPlan,
    handover_apply,
    handover_plan,
    unit_dissolve_with_handover,
    units_to_hand_over,
)
from commendations.units.models import Unit
from workflow.actors import SYSTEM


class _Preview(Exception):
    """Rolls a previewed dissolution back."""


def _date(text: str) -> datetime.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: {text} (dd/mm/yyyy)")


class Command(BaseCommand):
    help = (
        "Chuyển việc đang xử lý (hồ sơ, hồ sơ chờ tổng hợp, danh sách đề nghị danh hiệu chưa có "
        "quyết định, đăng ký thi đua) và tài khoản cán bộ của đơn vị đã giải thể/sáp nhập sang "
        "đơn vị kế thừa. --dissolve-into MÃ --on NGÀY: ghi nhận giải thể rồi chuyển giao. "
        "Không có --apply: chỉ xem trước."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("codes", nargs="*", help="mã đơn vị (mặc định: mọi đơn vị còn việc)")
        parser.add_argument("--apply", action="store_true")
        parser.add_argument("--comment", default="")
        parser.add_argument("--dissolve-into", default="", help="mã đơn vị kế thừa")
        parser.add_argument("--on", default="", help="ngày giải thể (dd/mm/yyyy)")
        parser.add_argument("--document", default="", help="số văn bản giải thể")

    def handle(self, *args, codes: list[str], apply: bool, comment: str, **options) -> None:
        units = []
        if codes:
            units = list(Unit.objects.filter(code__in=codes))
            missing = set(codes) - {u.code for u in units}
            if missing:
                raise CommandError(f"Không có đơn vị: {', '.join(sorted(missing))}")
        comment = comment or "unit_handover"
        if options["dissolve_into"]:
            self._dissolve(units, apply=apply, comment=comment, **options)
            return
        plans = [handover_plan(unit) for unit in units] if units else units_to_hand_over()
        if not plans:
            self.stdout.write("Không có gì cần chuyển giao.")
        for plan in plans:
            if apply:
                try:
                    plan = handover_apply(unit=plan.unit, actor=SYSTEM, comment=comment)
                except ValidationError as exc:
                    raise CommandError("\n".join(exc.messages)) from exc
            self._report(plan, applied=apply)
        if plans and not apply:
            self.stdout.write("Xem trước: chưa chuyển gì. Thêm --apply để thực hiện.")

    def _dissolve(self, units: list[Unit], *, apply: bool, comment: str, **options) -> None:
        if len(units) != 1 or not options["on"]:
            raise CommandError("--dissolve-into cần đúng một mã đơn vị và --on NGÀY.")
        heir = Unit.objects.filter(code=options["dissolve_into"]).first()
        if heir is None:
            raise CommandError(f"Không có đơn vị: {options['dissolve_into']}")
        document = {"document_number": options["document"]} if options["document"] else None
        try:
            with transaction.atomic():
                plan = unit_dissolve_with_handover(
                    unit=units[0],
                    successor=heir,
                    on=_date(options["on"]),
                    actor=SYSTEM,
                    document=document,
                    comment=comment,
                )
                self._report(plan, applied=apply)
                if not apply:
                    raise _Preview
        except _Preview:
            self.stdout.write(
                "Xem trước: chưa giải thể, chưa chuyển gì. Thêm --apply để thực hiện."
            )
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc

    def _report(self, plan: HandoverPlan, *, applied: bool) -> None:
        for line in plan.lines():
            self.stdout.write(line)
        if applied and plan.heir is not None:
            self.stdout.write(plan.summary())
