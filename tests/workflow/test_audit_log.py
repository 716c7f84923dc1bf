import pytest
from django.db import DatabaseError, connection, transaction

from commendations.actions.registry import action_run
from tests.factories import NominationFactory
from workflow.models import AuditLogImmutable, TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(campaign, district, officer):
    nomination = NominationFactory(campaign=campaign, unit=district)
    action_run(instance=nomination, name="submit", actor=officer)
    return TransitionLog.objects.get()


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(log):
    log.comment = "sửa lịch sử"
    with pytest.raises(AuditLogImmutable):
        log.save()
    with pytest.raises(AuditLogImmutable):
        log.delete()
    with pytest.raises(AuditLogImmutable):
        TransitionLog.objects.filter(pk=log.pk).update(comment="x")
    with pytest.raises(AuditLogImmutable):
        TransitionLog.objects.all().delete()


def test_database_trigger_rejects_raw_updates(log, postgres_only):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE workflow_transitionlog SET comment = 'x' WHERE id = %s", [log.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM workflow_transitionlog WHERE id = %s", [log.pk])
    assert TransitionLog.objects.get(pk=log.pk).comment == ""


def test_admin_offers_no_way_to_edit_the_audit_trail(log, admin_client):
    assert admin_client.get(f"/admin/workflow/transitionlog/{log.pk}/change/").status_code == 200
    response = admin_client.post(
        f"/admin/workflow/transitionlog/{log.pk}/change/", {"comment": "x"}
    )
    assert response.status_code == 403
    assert admin_client.post(f"/admin/workflow/transitionlog/{log.pk}/delete/").status_code == 403
