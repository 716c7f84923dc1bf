"""The long-service batch: one proposal of many people from the due list (a Tờ trình with its
annex), the decision recorded when it comes back, the medals' certificates in a ceremony's print
pack — each one action, and each costs the same number of queries for 10 people as for 339 (one
small province's ceremony)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.actions.long_service import (
    long_service_decision_record,
    long_service_propose,
)
from commendations.campaigns.models import AwardAuthority, AwardType
from commendations.ceremonies.services import ceremony_create, print_pack_request
from commendations.certificates.models import Certificate, CertificateState
from commendations.documents.signer import Signer
from commendations.long_service.selectors import long_service_due
from commendations.nominations.models import Nomination, NominationState
from commendations.units.models import HonourRecord, Person
from workflow.models import TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("letters_without_libreoffice")]

D = datetime.date
FEW, MANY = 10, 339
SIGNER = Signer(mode="KT.", principal_title="GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Trần Văn B")
PRESIDENT = Signer(title="CHỦ TỊCH NƯỚC", name="Lương Cường")


def _statements(captured: CaptureQueriesContext) -> int:
    """The statements the code sends. SQLite limits the parameters of one statement, so Django
    splits one bulk INSERT (or bulk UPDATE … CASE) of 339 rows into several; those consecutive
    parts of one statement count once (on PostgreSQL they are one statement already)."""
    count, previous = 0, None
    for query in captured.captured_queries:
        sql = query["sql"]
        head = None
        if sql.startswith("INSERT"):
            head = sql.split(" VALUES ", 1)[0]
        elif sql.startswith("UPDATE") and " CASE WHEN " in sql:
            head = sql.split(" CASE WHEN ", 1)[0]
        if head is None or head != previous:
            count += 1
        previous = head
    return count


def _queries(action) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = action()
    return _statements(captured), result


def _propose(secretary, ids, number):
    return long_service_propose(
        actor=secretary, year=2025, person_ids=ids, number=number, date=D(2025, 9, 1), signer=SIGNER
    )


def _president():
    return AwardType.objects.select_related("decided_by").get(code="HC-CSVV2").decided_by


def test_one_proposal_of_many_people_goes_straight_to_the_ministry(due_people, secretary):
    ids = due_people(3)
    proposal = _propose(secretary, ids, "12/TTr-CAT-PV05")
    nominations = list(Nomination.objects.filter(campaign__year=2025).select_related("award_type"))
    assert len(nominations) == 3
    assert {n.state for n in nominations} == {NominationState.AWAITING_MINISTRY}
    assert {n.award_type.code for n in nominations} == {"HC-CSVV2"}
    assert nominations[0].achievement_summary.startswith("phục vụ 15 năm")
    assert set(proposal.letter.nominations.values_list("pk", flat=True)) == {
        n.pk for n in nominations
    }
    logs = TransitionLog.objects.filter(transition="propose_to_authority")
    assert logs.count() == 3
    # Not proposed twice.
    with pytest.raises(ValidationError):
        _propose(secretary, ids[:1], "13/TTr-CAT-PV05")


def test_only_the_office_proposes_and_only_people_who_are_due(due_people, officer, secretary):
    with pytest.raises(PermissionDenied):
        _propose(officer, due_people(1), "1/TTr-CAT-PV05")
    young = due_people(1, since=D(2020, 1, 1))
    with pytest.raises(ValidationError) as refused:
        _propose(secretary, young, "2/TTr-CAT-PV05")
    assert "chưa đến hạn" in str(refused.value)
    assert not Nomination.objects.exists()


def test_recording_the_decision_approves_numbers_and_writes_the_history(
    due_people, secretary, ministry
):
    ids = due_people(4)
    proposal = _propose(secretary, ids, "12/TTr-CAT-PV05")
    granted = [n.pk for n in proposal.nominations[:3]]
    decision = long_service_decision_record(
        actor=ministry,
        letter=proposal.letter,
        decided_by=_president(),
        number="1234/QĐ-CTN",
        date=D(2025, 11, 20),
        signer=PRESIDENT,
        nomination_ids=granted,
    )
    assert decision.state == "issued"
    assert set(
        Nomination.objects.filter(state=NominationState.APPROVED).values_list("pk", flat=True)
    ) == set(granted)
    assert Certificate.objects.filter(decision=decision).count() == 3
    honours = HonourRecord.objects.filter(reference="1234/QĐ-CTN")
    assert honours.count() == 3
    assert {h.decided_by for h in honours} == {_president().name}
    # Who has it is no longer due; the one left out still is.
    still_due = {e.person.pk for e in long_service_due(year=2025)}
    assert still_due == set(ids) - {
        n.nominee_link.person.pk for n in Nomination.objects.filter(pk__in=granted)
    }


def test_the_wrong_authority_is_refused(due_people, secretary, ministry):
    proposal = _propose(secretary, due_people(2), "12/TTr-CAT-PV05")
    minister = AwardAuthority.objects.get(award_types__code="KNC-BVANTQ")
    with pytest.raises(ValidationError):
        long_service_decision_record(
            actor=ministry,
            letter=proposal.letter,
            decided_by=minister,
            number="5/QĐ-BCA",
            date=D(2025, 11, 20),
            signer=PRESIDENT,
        )
    with pytest.raises(PermissionDenied):
        long_service_decision_record(
            actor=secretary,
            letter=proposal.letter,
            decided_by=_president(),
            number="5/QĐ-CTN",
            date=D(2025, 11, 20),
            signer=PRESIDENT,
        )


def test_339_people_cost_the_queries_of_10_at_every_step(due_people, secretary, ministry, clerk):
    # A first round fills the per-process caches (permissions, content types, the campaign).
    warm = _propose(secretary, due_people(1), "1/TTr-CAT-PV05")
    few_ids, many_ids = due_people(FEW), due_people(MANY)

    def listed(ids):
        return lambda: long_service_due(year=2025, people=Person.objects.filter(pk__in=ids))

    list_few, due_few = _queries(listed(few_ids))
    list_many, due_many = _queries(listed(many_ids))
    assert (len(due_few), len(due_many)) == (FEW, MANY)
    assert list_many == list_few

    propose_few, few = _queries(lambda: _propose(secretary, few_ids, "2/TTr-CAT-PV05"))
    propose_many, many = _queries(lambda: _propose(secretary, many_ids, "3/TTr-CAT-PV05"))
    assert len(many.nominations) == MANY
    assert propose_many == propose_few

    def record(proposal, number):
        return lambda: long_service_decision_record(
            actor=ministry,
            letter=proposal.letter,
            decided_by=_president(),
            number=number,
            date=D(2025, 11, 20),
            signer=PRESIDENT,
        )

    decision_warm = record(warm, "1/QĐ-CTN")()
    record_few, decision_few = _queries(record(few, "2/QĐ-CTN"))
    record_many, decision_many = _queries(record(many, "3/QĐ-CTN"))
    assert Certificate.objects.filter(decision=decision_many).count() == MANY
    assert record_many == record_few

    # The worker renders the certificates (elsewhere); then the print pack is one request.
    Certificate.objects.update(state=CertificateState.RENDERED)

    def pack(decision, name):
        def run():
            ceremony = ceremony_create(
                actor=clerk,
                name=name,
                date=D(2025, 12, 19),
                place="Hội trường",
                decisions=[decision],
            )
            return print_pack_request(ceremony=ceremony, actor=clerk)

        return run

    pack(decision_warm, "Lễ trao 1")()
    pack_few, few_pack = _queries(pack(decision_few, "Lễ trao 10"))
    pack_many, many_pack = _queries(pack(decision_many, "Lễ trao 339"))
    assert (few_pack.certificate_count, many_pack.certificate_count) == (FEW, MANY)
    assert pack_many == pack_few


def test_a_letter_of_several_medals_names_each_and_groups_its_list_by_medal(due_people, secretary):
    from commendations.decisions.documents import submission_context

    second_class = due_people(2)  # 15 years: hạng Nhì
    third_class = due_people(1, since=D(2015, 9, 1))  # 10 years: hạng Ba
    proposal = _propose(secretary, second_class + third_class, "13/TTr-CAT-PV05")
    nominations = list(proposal.letter.nominations.select_related("award_type", "campaign"))
    context = submission_context(nominations, number="13/TTr-CAT-PV05", signer=SIGNER)
    names = {n.award_type.name for n in nominations}
    assert len(names) == 2
    for name in names:
        assert name in context["award_name"]  # "xét, tặng … cho" names every medal proposed
    assert {g["label"] for g in context["groups"]} == names
    by_label = {g["label"]: g for g in context["groups"]}
    assert [g["numeral"] for g in context["groups"]] == ["I", "II"]
    assert sorted(len(g["rows"]) for g in by_label.values()) == [1, 2]
    for group in context["groups"]:
        assert [row["index"] for row in group["rows"]] == list(range(1, len(group["rows"]) + 1))
