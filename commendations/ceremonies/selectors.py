"""Reads: ceremonies and their certificates in the order they are called."""

from django.db.models import Count, Q, QuerySet

from commendations.ceremonies.models import Ceremony, PrintPack, PrintPackChunk
from commendations.certificates.models import Certificate
from commendations.certificates.models import CertificateState as C
from commendations.files.downloads import DOCX, PDF
from commendations.nominations.ordering import ceremony_key

# A print pack's downloads, by the kind in the URL: its file field, content type and file name
# (both the web page and the API serve them).
PRINT_PACK_FILES = {
    "pdf": ("pdf", PDF, "ban-in.pdf"),
    "zip": ("zip", "application/zip", "ban-docx.zip"),
    "docx": ("docx", DOCX, "ban-in.docx"),
}


def ceremonies_list() -> QuerySet:
    return Ceremony.objects.annotate(decision_count=Count("decisions")).order_by("-date", "-id")


def ceremony_certificates(ceremony: Ceremony) -> list[Certificate]:
    """Every certificate of the ceremony in ceremony order; annulled awards are left out of the
    print pack, the run-sheet and the MC's script."""
    certificates = list(
        Certificate.objects.filter(decision__in=ceremony.decisions.all())
        .exclude(state__in=[C.REVOKED, C.REPLACED])  # a replaced one's successor is printed
        .select_related(
            "nomination__award_type", "honour__award_type", "honour__person__unit", "decision"
        )
    )
    certificates.sort(key=lambda c: ceremony_key(c.recipient))
    return certificates


def print_pack_progress(pack: PrintPack) -> dict[str, int]:
    """The pack's chunks: how many there are and how many are converted (the progress bar)."""
    return pack.chunks.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=PrintPackChunk.Status.DONE))
    )
