"""The council's minutes are a valid biên bản: dated the meeting's day, its start and end time
and place, who chaired and who kept the minutes, members present and absent by name and title,
the vote and the result per nominee, the conclusion, the secretary's and the chair's signature
blocks, no reference to the Tờ trình written later; the council's name on one header line."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from docx import Document

from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.committee.models import CommitteeSession
from commendations.committee.services import committee_session_create
from commendations.decisions.minutes import _session_record, council_minutes, minutes_context
from commendations.demo.loader import demo_load
from commendations.nominations.models import Nomination, NominationState

pytestmark = pytest.mark.django_db


@pytest.fixture
def forwarded():
    demo_load()
    return list(
        Nomination.objects.filter(state=NominationState.AWAITING_MINISTRY, decision__isnull=True)
        .select_related("award_type", "campaign", "nominee_unit")
        .order_by("pk")
    )


def test_the_minutes_record_the_meeting(forwarded):
    context = minutes_context(forwarded)
    session = CommitteeSession.objects.get(title="Phiên họp Hội đồng TĐKT tháng 12/2022")
    assert context["date_line"].endswith("ngày 20 tháng 12 năm 2022")
    (record,) = context["sessions"]
    assert (
        "08 giờ 00 phút" in record["opening"] and "ngày 20 tháng 12 năm 2022" in record["opening"]
    )
    assert "Phòng họp số 1, Công an tỉnh Gia Lai" in record["opening"]
    assert "11 giờ 30 phút" in record["closing"]
    assert record["chair_line"] == (
        "Chủ trì: đồng chí Trần Văn Long, Trưởng phòng Tham mưu, Phó Chủ tịch Hội đồng."
    )
    assert record["secretary_line"].startswith("Thư ký: đồng chí Phạm Thu Trang, ")
    # every member present by name and title, none a title alone or an abbreviation
    assert len(record["present"]) == session.members.count() == 8
    for line in record["present"]:
        assert re.match(r"đồng chí [^,]+, \S", line), line
        assert "Ủy viên" not in line and "QLHC" not in line and "PV05" not in line
    assert record["absent_line"] == "Thành viên vắng mặt: không."
    assert len(record["rows"]) == len(forwarded)
    for row in record["rows"]:
        assert row["result"] in ("Đề nghị", "Không đề nghị")
        assert row["votes_for"] + row["votes_against"] + row["votes_abstain"] > 0
    assert record["conclusion"].startswith("Kết luận: Hội đồng thống nhất đề nghị tặng Bằng khen")
    assert (context["secretary_name"], context["chair_name"]) == ("Phạm Thu Trang", "Trần Văn Long")


def test_an_absent_member_is_named_with_the_title(forwarded):
    secretary = User.objects.get(username="committee_secretary")
    present = [User.objects.get(username=u) for u in ("committee_member", "committee_secretary")]
    session = committee_session_create(
        campaign=forwarded[0].campaign,
        held_on=datetime.date(2022, 12, 27),
        title="Phiên họp bổ sung",
        members=present,
        actor=secretary,
        chair=present[0],
        secretary=present[1],
    )
    record = _session_record(
        session, [], profile=AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    )
    assert "đồng chí Trần Văn Long, Trưởng phòng Tham mưu" in record["absent_line"]


def test_the_chair_and_the_secretary_must_sit_in_the_session(forwarded):
    secretary = User.objects.get(username="committee_secretary")
    member = User.objects.get(username="committee_member")
    outsider = User.objects.get(username="uy_vien_pc08")
    with pytest.raises(ValidationError) as error:
        committee_session_create(
            campaign=forwarded[0].campaign,
            held_on=datetime.date(2022, 12, 27),
            title="Phiên họp",
            members=[member, secretary],
            actor=secretary,
            chair=outsider,
        )
    assert "chair" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        committee_session_create(
            campaign=forwarded[0].campaign,
            held_on=datetime.date(2022, 12, 27),
            title="Phiên họp",
            members=[member, secretary],
            actor=secretary,
            starts_at=datetime.time(10, 0),
            ends_at=datetime.time(9, 0),
        )
    assert "ends_at" in error.value.message_dict


def test_the_rendered_minutes_have_two_signature_blocks_and_no_letter(forwarded):
    document = Document(io.BytesIO(council_minutes(forwarded)))
    text = "\n".join(
        "".join(node for node in paragraph.itertext()) for paragraph in document.element.body
    )
    assert "Tờ trình" not in text
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text
    assert "Phạm Thu Trang" in text and "Trần Văn Long" in text
    assert "Kết luận:" in text and "Thành viên vắng mặt" in text
    signer_table = document.tables[-1]
    left, right = (cell.text for cell in signer_table.rows[0].cells)
    assert "THƯ KÝ" in left and "Phạm Thu Trang" in left
    assert "CHỦ TRÌ" in right and "Trần Văn Long" in right
    # the council's name at 12 pt (fits the 79 mm column on one line)
    header = document.tables[0].rows[0].cells[0]
    council = next(p for p in header.paragraphs if "HỘI ĐỒNG THI ĐUA" in p.text)
    assert all(run.font.size.pt <= 12 for run in council.runs if run.text.strip())
