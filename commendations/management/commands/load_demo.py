"""Load the demo data (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from commendations.demo.loader import demo_load


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (Công an tỉnh Gia Lai, phong trào năm 2022). Chạy lại không tạo trùng."

    def handle(self, *args, **options) -> None:
        summary = demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu: {summary.created_units} đơn vị mới, "
                f"{summary.created_nominations} hồ sơ mới."
            )
        )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {settings.DEMO_PASSWORD}):")
        for username, role in summary.users:
            self.stdout.write(f"  {username:<22} {role}")
