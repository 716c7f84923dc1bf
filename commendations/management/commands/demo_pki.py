"""The demo's digital-signature setup: a small CA of its own, the organisation's seal and the
Director's personal certificate under var/demo-pki (never committed), and its root trusted.
`make run` runs it and points SIGNING_PKCS12_PATH at the seal. Real offices configure the
government CA's certificates instead (docs/signatures.md)."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from commendations.demo.first_login import FULL_NAMES
from commendations.demo.pki import demo_pki_ensure
from commendations.signatures.models import TrustRoot
from commendations.signatures.services import trust_root_add

DEMO_ROOT_NAME = "Khen thưởng Demo Root CA (chỉ dùng cho dữ liệu mẫu)"


class Command(BaseCommand):
    help = "Tạo chứng thư số mẫu (CA mẫu, con dấu điện tử, chứng thư của Giám đốc) cho bản demo."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "demo-pki"))

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Chứng thư mẫu chỉ dùng cho bản demo (DEBUG=1); cơ quan dùng chứng thư thật."
            )
        pki, created = demo_pki_ensure(
            Path(options["dir"]),
            organisation=f"Công an tỉnh {settings.PROVINCE_NAME}",
            person=" ".join(FULL_NAMES["director"]),  # who signs the demo's decisions
            password=secrets.token_urlsafe(18),
        )
        if not TrustRoot.objects.filter(name=DEMO_ROOT_NAME, active=True).exists():
            trust_root_add(name=DEMO_ROOT_NAME, pem=pki.root_pem.decode(), actor=None)
        verb = "Đã tạo" if created else "Đã có"
        self.stdout.write(f"{verb} chứng thư mẫu trong {pki.directory}:")
        self.stdout.write(
            f"  con dấu điện tử: {pki.seal_path} (mật khẩu: {pki.seal_password_path})"
        )
        self.stdout.write(
            f"  chứng thư của Giám đốc (ký cá nhân): {pki.person_path} "
            f"(mật khẩu: {pki.person_password_path})"
        )
