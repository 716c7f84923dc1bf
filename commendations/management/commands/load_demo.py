"""Load the demo data (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from commendations.demo.loader import demo_load


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (Công an tỉnh Gia Lai, phong trào năm 2022). Chạy lại không tạo trùng."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--as-at-the-conference",
            action="store_true",
            help="Bỏ phần dành cho lần đăng nhập đầu (quyết định đã ban hành, buổi lễ): giữ đúng "
            "18 Giấy khen và 10 Bằng khen chờ quyết định như tại hội nghị.",
        )

    def handle(self, *args, **options) -> None:
        summary = demo_load(first_login=not options["as_at_the_conference"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu: {summary.created_units} đơn vị mới, "
                f"{summary.created_nominations} hồ sơ mới."
            )
        )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {settings.DEMO_PASSWORD}):")
        for username, role in summary.users:
            self.stdout.write(f"  {username:<22} {role}")
