"""Import a filled .xlsx template as draft nominations (all or nothing), acting as a user."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from commendations.campaigns.models import Campaign
from commendations.nominations.imports.jobs import nominations_import
from commendations.nominations.imports.template import import_template_build


class Command(BaseCommand):
    help = "Nhập danh sách đề nghị khen thưởng từ tệp Excel theo mẫu (tất cả hoặc không gì cả)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .xlsx file (or the template to write)")
        parser.add_argument("--campaign", type=int, required=True, help="campaign id")
        parser.add_argument("--user", required=True, help="username of the unit officer")
        parser.add_argument(
            "--template", action="store_true", help="write the blank template to FILE instead"
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            campaign = Campaign.objects.get(pk=options["campaign"])
        except Campaign.DoesNotExist as exc:
            raise CommandError(f"Không có đợt thi đua số {options['campaign']}.") from exc
        try:
            user = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Không có người dùng “{options['user']}”.") from exc
        path: Path = options["file"]  # type: ignore[assignment]
        if options["template"]:
            path.write_bytes(import_template_build(campaign=campaign, user=user))
            self.stdout.write(f"Đã ghi tệp mẫu {path}")
            return
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        try:
            with path.open("rb") as handle:
                result = nominations_import(campaign=campaign, upload=handle, actor=user)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        if not result.ok:
            for error in result.errors:
                where = f"dòng {error.row}" if error.row else "tệp"
                column = f", cột “{error.column}”" if error.column else ""
                self.stderr.write(f"{where}{column}: {error.message}")
            raise CommandError(result.summary)
        self.stdout.write(self.style.SUCCESS(result.summary))
