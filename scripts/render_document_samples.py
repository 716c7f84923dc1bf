"""Render the demo's documents to PNG pages in docs/documents/ (so a person can look at them):
the Quyết định (draft and issued) with its annex, the Tờ trình, a Giấy khen of each kind, a Bằng
khen, the overlay on a pre-printed blank, the ceremony run-sheet and MC script.

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
    # imported once Django is set up (a script, not a module of the project)
    from commendations.demo.samples import demo_documents
    from commendations.documents.libreoffice import docx_to_pdf

    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    samples = demo_documents()
    pdfs = docx_to_pdf(samples.documents)
    pdfs.update(samples.pdfs)
    for name, content in pdfs.items():
        pdf = Path(media) / f"{name}.pdf"
        pdf.write_bytes(content)
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(OUT / name)], check=True)
        print("rendered", name)
    shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
