"""Render the demo's documents to PNG pages in docs/documents/ (so a person can look at them):
the Quyết định (draft and issued) with its annex, the Tờ trình, a Giấy khen of each kind, a Bằng
khen, a re-issued Giấy khen (cấp lại), the overlay on a pre-printed blank, the ceremony run-sheet
and MC script, and this year's demo decision as signed by the Director and then sealed by the
văn thư (quyet-dinh-dong-dau: made in a second throw-away database with a throw-away CA, since
the 2023 decision is a paper original and is never sealed with today's time).

    PYTHONPATH=. DATABASE_URL=sqlite:////tmp/s.sqlite3 python scripts/render_document_samples.py

Uses a throw-away database (it migrates and loads the demo into it) and LibreOffice + pdftoppm.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "documents"


def sealed_decision(out: Path) -> None:
    """In this process's own database: the demo with a CA of its own, so its current decision
    goes through issue → the Director's signature → the văn thư's seal; its sealed PDF to
    `out`."""
    from django.conf import settings

    from commendations.decisions.models import Decision
    from commendations.demo import first_login
    from commendations.demo.loader import demo_load
    from commendations.demo.pki import demo_pki_ensure
    from commendations.signatures.services import trust_root_add

    pki_dir = Path(tempfile.mkdtemp(prefix="khenthuong-samples-pki-"))
    pki, _created = demo_pki_ensure(
        pki_dir,
        organisation=f"Công an tỉnh {settings.PROVINCE_NAME}",
        person="Rah Lan Chung",
        password="mau-thu",
    )
    settings.SIGNING_PKCS12_PATH = str(pki.seal_path)
    settings.SIGNING_PKCS12_PASSWORD_FILE = str(pki.seal_password_path)
    settings.ARCHIVE_PDFS_ENABLED = True
    trust_root_add(name="Samples Root CA", pem=pki.root_pem.decode(), actor=None)
    first_login.DEMO_PKI = pki_dir
    demo_load()
    decision = Decision.objects.get(number=first_login.CURRENT_DECISION_NUMBER)
    with decision.sealed_pdf.open("rb") as handle:
        out.write_bytes(handle.read())
    shutil.rmtree(pki_dir, ignore_errors=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/khenthuong-samples.sqlite3")
    sys.path.insert(0, str(ROOT))
    media = tempfile.mkdtemp(prefix="khenthuong-samples-media-")
    os.environ["MEDIA_ROOT"] = media
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = media
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and Path(database["NAME"]).exists():
        Path(database["NAME"]).unlink()
    call_command("migrate", verbosity=0)
    if len(sys.argv) == 3 and sys.argv[1] == "--sealed-decision":
        sealed_decision(Path(sys.argv[2]))
        return
    # imported once Django is set up (a script, not a module of the project)
    from commendations.demo.samples import demo_documents
    from commendations.documents.libreoffice import docx_to_pdf

    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    samples = demo_documents()
    pdfs = docx_to_pdf(samples.documents)
    pdfs.update(samples.pdfs)
    sealed = Path(media) / "sealed.pdf"
    env = {**os.environ, "DATABASE_URL": "sqlite:////tmp/khenthuong-samples-sealed.sqlite3"}
    env["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="khenthuong-samples-media-")
    subprocess.run(
        [sys.executable, __file__, "--sealed-decision", str(sealed)], check=True, env=env
    )
    pdfs["quyet-dinh-dong-dau"] = sealed.read_bytes()
    for name, content in pdfs.items():
        pdf = Path(media) / f"{name}.pdf"
        pdf.write_bytes(content)
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(OUT / name)], check=True)
        print("rendered", name)
    shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
