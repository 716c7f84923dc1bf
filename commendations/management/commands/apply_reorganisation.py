"""Apply a file of dated unit events (create, rename, move, merge, split, dissolve)."""

from django.core.management.base import BaseCommand, CommandError

from commendations.units.reorganisation import (
    ReorganisationError,
    reorganisation_apply,
    reorganisation_load,
)


class Command(BaseCommand):
    help = (
        "Áp dụng tệp YAML các sự kiện tổ chức đơn vị (thành lập, đổi tên, chuyển, hợp nhất, "
        "chia tách, giải thể), tất cả hoặc không; --dry-run chỉ in những gì sẽ thay đổi."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path: str, dry_run: bool, **options) -> None:
        try:
            report = reorganisation_apply(data=reorganisation_load(path), dry_run=dry_run)
        except (OSError, ReorganisationError) as exc:
            message = "\n".join(getattr(exc, "messages", [str(exc)]))
            raise CommandError(message) from exc
        title = "Sẽ thay đổi (chạy thử, chưa ghi gì):" if dry_run else "Đã áp dụng:"
        self.stdout.write(title)
        for line in report.units_created:
            self.stdout.write(f"  + đơn vị có sẵn trước các sự kiện: {line}")
        for line in report.applied:
            self.stdout.write(f"  {line}")
        for line in report.skipped:
            self.stdout.write(f"  = đã áp dụng trước đây: {line}")
        if not dry_run and report.applied:
            self.stdout.write(
                "Chuyển giao hồ sơ và tài khoản của đơn vị đã giải thể: "
                "python manage.py unit_handover (xem trước), --apply để thực hiện."
            )
