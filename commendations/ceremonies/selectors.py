"""Reads: ceremonies and their certificates in the order they are called."""

from django.db.models import Count, Q, QuerySet

from commendations.ceremonies.models import Ceremony, PrintPack, PrintPackChunk
from commendations.certificates.models import Certificate
from commendations.certificates.models import CertificateState as C
from commendations.nominations.ordering import ceremony_key


def ceremonies_list() -> QuerySet:
    return Ceremony.objects.annotate(decision_count=Count("decisions")).order_by("-date", "-id")


def ceremony_certificates(ceremony: Ceremony) -> list[Certificate]:
    """Every certificate of the ceremony in ceremony order; annulled awards are left out of the
    print pack, the run-sheet and the MC's script."""
    certificates = list(
        Certificate.objects.filter(decision__in=ceremony.decisions.all())
        .exclude(state__in=[C.REVOKED, C.REPLACED])  # a replaced one's successor is printed
        .select_related("nomination__award_type", "decision")
    )
    certificates.sort(key=lambda c: ceremony_key(c.nomination))
    return certificates


def print_pack_progress(pack: PrintPack) -> dict[str, int]:
    """The pack's chunks: how many there are and how many are converted (the progress bar)."""
    return pack.chunks.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=PrintPackChunk.Status.DONE))
    )
