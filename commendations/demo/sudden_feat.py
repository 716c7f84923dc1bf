"""The demo's sudden feat (khen thưởng đột xuất): one act of bravery taken by the simplified
procedure from the proposal to an issued Giấy khen — submitted, reviewed by the designated
officer without a council session (the rule set in force says so), forwarded, decided — through
the same actions as the screens, so its history reads as a real one."""

import datetime
import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from commendations.actions.decisions import decision_issue
from commendations.actions.registry import action_run
from commendations.campaigns.models import Authority, AwardType, Campaign, NomineeKind
from commendations.decisions.services import decision_create
from commendations.eligibility.models import AttachmentKind
from commendations.nominations.attachments import attachment_add
from commendations.nominations.models import Nomination
from commendations.nominations.services import nomination_create
from commendations.units.models import Unit

NOMINEE = "Nguyễn Văn Dũng"
SUDDEN_FEATS = "Khen thưởng đột xuất"
SUMMARY = (
    "Ngày %(date)s, trong khi làm nhiệm vụ tuần tra đã dũng cảm truy đuổi, khống chế và bắt "
    "giữ đối tượng cướp giật tài sản của người dân tại phường Hội Thương, thu hồi toàn bộ "
    "tài sản trả lại cho bị hại."
)


def _blank_pdf() -> bytes:
    """The Tờ trình's stand-in: one blank page (the simplified dossier is the Tờ trình and the
    short summary, typed on the nomination)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def sudden_feat_campaign(year: int, award: AwardType) -> Campaign:
    """Sudden feats belong to no emulation movement: a frame of their own for the year."""
    campaign, _created = Campaign.objects.get_or_create(
        name=f"{SUDDEN_FEATS} năm {year}",
        year=year,
        defaults={
            "opens_on": datetime.date(year, 1, 1),
            "closes_on": datetime.date(year, 12, 31),
            "citation": "Đã có thành tích xuất sắc đột xuất trong công tác bảo đảm an ninh, "
            "trật tự",
            "description": "Khen thưởng đột xuất theo thủ tục đơn giản.",
        },
    )
    campaign.award_types.add(award)
    return campaign


def sudden_feat_demo_load(*, users: dict[str, User]) -> Nomination | None:
    """Idempotent: nothing when the demo's sudden feat is there already."""
    if Nomination.objects.filter(nominee_name=NOMINEE, simplified_procedure=True).exists():
        return None
    award = AwardType.objects.filter(code="GK-GD").first()
    unit = Unit.objects.filter(code="PV01").first()
    if award is None or unit is None:
        return None
    today = timezone.localdate()
    campaign = sudden_feat_campaign(today.year, award)
    feat_date = max(today - datetime.timedelta(days=5), campaign.opens_on)
    admin, secretary = users["admin"], users["committee_secretary"]
    director = users["director"]
    feat = nomination_create(
        actor=admin,
        campaign=campaign,
        unit=unit,
        award_type=award,
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name=NOMINEE,
        rank="Trung úy",
        position="Cán bộ Đội Cảnh sát cơ động",
        workplace=unit.name,
        gender="male",
        achievement_summary=SUMMARY % {"date": feat_date.strftime("%d/%m/%Y")},
        simplified_procedure=True,
        feat_date=feat_date,
    )
    attachment_add(
        nomination=feat,
        upload=SimpleUploadedFile("to-trinh.pdf", _blank_pdf(), content_type="application/pdf"),
        kind=AttachmentKind.COVER_LETTER,
        actor=admin,
    )
    action_run(instance=feat, name="submit", actor=admin)
    action_run(
        instance=feat,
        name="recommend_simplified",
        actor=secretary,
        comment="Thẩm định theo thủ tục đơn giản: đủ điều kiện khen thưởng đột xuất.",
    )
    action_run(instance=feat, name="forward", actor=secretary)
    decision = decision_create(
        actor=director,
        authority=Authority.PROVINCIAL_DIRECTOR,
        number=f"{feat.pk}/QĐ-CAT-PV05",
        date=today,
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[feat.pk],
    )
    decision_issue(decision=decision, actor=director)
    feat.refresh_from_db()
    return feat
