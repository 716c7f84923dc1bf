"""Who is told what: notifications on a nomination's transitions and an issued decision, the
e-mails (sent after commit) and the daily digest of overdue items."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import Capability
from commendations.decisions.models import Decision
from commendations.nominations.deadlines import overdue
from commendations.nominations.models import Nomination
from commendations.nominations.models import NominationState as S
from commendations.nominations.selectors import (
    designated_reviewer_ids,
    nominations_visible_to,
    secret_nomination_involves,
)
from commendations.notifications.models import (
    Notification,
    NotificationCode,
    NotificationKind,
    OverdueDigest,
    decision_params,
)

EMAIL_TASK = "commendations.notifications.tasks.notifications_email_send"


def overdue_digest_send(*, day: datetime.date | None = None) -> int:
    """Send each user the overdue items their role must act on. Returns the e-mails sent.
    Safe to run twice a day: a (user, day) row is written in the same transaction as the send."""
    day = day or timezone.localdate()
    items = overdue(today=day)
    by_role: dict[str, list] = defaultdict(list)
    for nomination, deadline in items:
        for role in deadline.roles:
            by_role[role].append((nomination, deadline))
    sent = 0
    users = (
        User.objects.filter(is_active=True, groups__name__in=list(by_role))
        .exclude(email="")
        .distinct()
        .prefetch_related("groups")
    )
    for user in users:
        roles = {g.name for g in user.groups.all()}
        visible = set(nominations_visible_to(user).values_list("pk", flat=True))
        mine = {}
        for role in roles:
            for nomination, deadline in by_role.get(role, []):
                if nomination.pk in visible:
                    mine[nomination.pk] = (nomination, deadline)
        if not mine:
            continue
        rows = sorted(mine.values(), key=lambda row: (row[1].due_on, row[0].pk))
        try:
            with transaction.atomic():
                OverdueDigest.objects.create(user=user, day=day, items=len(rows))
                body = render_to_string(
                    "commendations/rules/overdue_digest.txt",
                    {"user": user, "rows": rows, "day": day},
                )
                send_mail(
                    _("[Khen thưởng] %(count)s hồ sơ quá hạn xử lý ngày %(day)s")
                    % {"count": len(rows), "day": day.strftime("%d/%m/%Y")},
                    body,
                    None,
                    [user.email],
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent


# Which permission's holders must act when a nomination reaches a state.
QUEUE_PERMISSION_BY_STATE = {
    S.SUBMITTED: Capability.REVIEW,
    S.RECOMMENDED: Capability.FORWARD,
    S.AWAITING_DIRECTOR: Capability.DECIDE_DIRECTOR,
    S.AWAITING_MINISTRY: Capability.DECIDE_MINISTRY,
}
# Which outcome the nomination's author hears about.
AUTHOR_KIND_BY_STATE = {
    S.RETURNED: NotificationKind.RETURNED,
    S.REJECTED: NotificationKind.REJECTED,
    S.DECLINED: NotificationKind.DECLINED,
    S.APPROVED: NotificationKind.APPROVED,
}


def users_with_permission(codename: str) -> QuerySet:
    """Active users holding a permission through a group or directly (superusers excluded: the
    administrator does not work the queues)."""
    condition = Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename)
    return (
        get_user_model()
        .objects.filter(condition, is_active=True, is_superuser=False)
        .distinct()
        .order_by("pk")
    )


def _enqueue_emails(ids: list[int]) -> None:
    if not ids:
        return
    transaction.on_commit(lambda: current_app.tasks[EMAIL_TASK].delay(ids))


@transaction.atomic
def notifications_create(
    *,
    recipients: Iterable[Any],
    kind: str,
    code: str = "",
    params: dict[str, Any] | None = None,
    message: str = "",
    url: str = "",
    exclude: Any = None,
    nomination: Nomination | None = None,
) -> list[Notification]:
    """One row per recipient (bulk), e-mailed after commit. `exclude` is the actor: nobody is
    told about what they did themselves. What it says: `code` and `params` (worded when shown,
    in the reader's language); `message`, a fixed sentence, only where no code fits."""
    exclude_pk = getattr(exclude, "pk", None)
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            code=code,
            params=params or {},
            message=message[:500],
            url=url,
            nomination=nomination,
        )
        for user in recipients
        if user.pk != exclude_pk
    ]
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created if n.pk is not None]
    if len(ids) != len(created):  # backends that do not return ids from bulk inserts
        ids = list(
            Notification.objects.filter(
                recipient__in=[n.recipient for n in created],
                code=code,
                message=message[:500],
                url=url,
                emailed_at__isnull=True,
            ).values_list("pk", flat=True)
        )
    _enqueue_emails(ids)
    return created


def notifications_for_transitions(
    *, nominations: Sequence[Nomination], actor: Any = None
) -> list[Notification]:
    """The nominations have just moved to their current states: tell whoever must act next and
    tell each author about an outcome — one query per kind of recipient, one INSERT for all
    (the e-mails leave after commit). The "waiting for you" notices of their previous step are
    marked done."""
    if not nominations:
        return []
    notifications_steps_done(nominations=nominations)
    exclude_pk = getattr(actor, "pk", None)
    holders: dict[str, list[Any]] = {}
    told = [n for n in nominations if n.created_by_id and n.state in AUTHOR_KIND_BY_STATE]
    authors = get_user_model().objects.in_bulk({n.created_by_id for n in told})
    rows: list[Notification] = []
    designated = designated_reviewer_ids(nominations)
    for nomination in nominations:
        url = nomination.get_absolute_url()
        state = S(nomination.state)
        codename = QUEUE_PERMISSION_BY_STATE.get(state)
        if codename:
            if codename not in holders:
                holders[codename] = list(users_with_permission(codename))
            params = {
                "name": nomination.nominee_name,
                "unit": nomination.unit.name,
                "state": state.value,
            }
            rows += [
                Notification(
                    recipient=user,
                    kind=NotificationKind.QUEUE,
                    code=NotificationCode.WAITING,
                    params=params,
                    url=url,
                    nomination=nomination,
                )
                for user in holders[codename]
                if user.pk != exclude_pk
                and secret_nomination_involves(nomination, user, designated)
            ]
        author = authors.get(nomination.created_by_id)
        kind = AUTHOR_KIND_BY_STATE.get(state)
        if kind and author is not None and author.pk != exclude_pk:
            rows.append(
                Notification(
                    recipient=author,
                    kind=kind,
                    code=NotificationCode.OUTCOME,
                    params={"name": nomination.nominee_name, "state": state.value},
                    url=url,
                )
            )
    created = Notification.objects.bulk_create(rows, batch_size=500)
    _enqueue_emails([n.pk for n in created if n.pk is not None])
    return created


def notifications_steps_done(*, nominations: Sequence[Nomination]) -> int:
    """The nominations moved on: the "waiting for you" notifications about their previous step
    are over, so they are marked done (the home page shows them as done, not as still
    waiting). One UPDATE."""
    return Notification.objects.filter(
        nomination__in=[n.pk for n in nominations],
        kind=NotificationKind.QUEUE,
        done_at__isnull=True,
    ).update(done_at=timezone.now())


def notifications_for_decision_issued(
    *, decision: Decision, nominations: Sequence[Nomination], actor: Any
) -> None:
    """The decision was issued: the authors of the approved nominations hear of it (in bulk),
    and the clerks get the decision in their queue for printing."""
    url = decision.get_absolute_url()
    rows = []
    user_model = get_user_model()
    authors = user_model.objects.in_bulk({n.created_by_id for n in nominations if n.created_by_id})
    for nomination in nominations:
        author = authors.get(nomination.created_by_id)
        if author is None or author.pk == getattr(actor, "pk", None):
            continue
        rows.append(
            Notification(
                recipient=author,
                kind=NotificationKind.APPROVED,
                code=NotificationCode.AWARDED,
                params={"name": nomination.nominee_name, **decision_params(decision)},
                url=nomination.get_absolute_url(),
            )
        )
    rows += [
        Notification(
            recipient=clerk,
            kind=NotificationKind.DECISION,
            code=NotificationCode.DECISION_ISSUED,
            params={"count": len(nominations), **decision_params(decision)},
            url=url,
        )
        for clerk in users_with_permission(Capability.MANAGE_CERTIFICATES)
    ]
    created = Notification.objects.bulk_create(rows, batch_size=500)
    _enqueue_emails([n.pk for n in created if n.pk is not None])


@transaction.atomic
def notifications_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def notifications_email_send(*, ids: Iterable[int]) -> int:
    """Send each notification's e-mail once: the row is claimed (emailed_at set) in the same
    transaction as the send, so a retried task never mails twice."""
    sent = 0
    for pk in sorted(set(ids)):
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if notification is None or not notification.recipient.email:
                continue
            link = notification.url
            base = settings.PUBLIC_BASE_URL  # the same base as the QR verification links
            if link and base:
                link = base.rstrip("/") + link
            body = notification.text + (f"\n\n{link}" if link else "")
            send_mail(
                subject=_("[Khen thưởng] %(kind)s") % {"kind": notification.get_kind_display()},
                message=body,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent
