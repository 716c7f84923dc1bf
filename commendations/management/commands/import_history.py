"""Import nominees' history (titles, initiatives, discipline) from an .xlsx workbook."""

from django.core.management.base import BaseCommand, CommandError

from commendations.units.history_import import HistoryImportError, history_import


class Command(BaseCommand):
    help = (
        "Nhập lịch sử thi đua (danh hiệu, sáng kiến, kỷ luật) từ tệp Excel; "
        "lỗi một dòng thì không ghi gì."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")

    def handle(self, *args, path: str, **options) -> None:
        try:
            result = history_import(source=path)
        except HistoryImportError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập: {result.people} cá nhân, {result.honours} danh hiệu, "
                f"{result.initiatives} sáng kiến, {result.discipline} kỷ luật/điều tra/khiếu nại."
            )
        )
