"""Sign a PDF the way the signer's own token software does, for the demo walkthrough: download
the issued decision's PDF, sign it here with var/demo-pki/director.p12, upload the result on the
decision page. In an office the signer uses the government CA's software and token instead."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commendations.demo.pki import pdf_sign_as_person


class Command(BaseCommand):
    help = "Ký số cá nhân một tệp PDF bằng tệp PKCS#12 (mô phỏng phần mềm ký của người ký)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="tệp PDF cần ký")
        parser.add_argument("target", help="tệp PDF đã ký (ghi ra)")
        parser.add_argument("--p12", default="var/demo-pki/director.p12")
        parser.add_argument("--password-file", default="var/demo-pki/director.password")

    def handle(self, *args, **options) -> None:
        try:
            pdf = Path(options["source"]).read_bytes()
            pkcs12_data = Path(options["p12"]).read_bytes()
            password = Path(options["password_file"]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp: {exc}") from exc
        if not pdf.startswith(b"%PDF-"):
            raise CommandError("Tệp nguồn không phải PDF.")
        try:
            signed = pdf_sign_as_person(pdf, pkcs12_data=pkcs12_data, password=password.encode())
        except Exception as exc:  # pyHanko's errors for a bad PDF or key
            raise CommandError(f"Không ký được: {exc}") from exc
        Path(options["target"]).write_bytes(signed)
        self.stdout.write(self.style.SUCCESS(f"Đã ký: {options['target']}"))
