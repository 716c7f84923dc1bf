"""The daily digest of overdue items, one e-mail per user and day for the role that must act."""

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import OverdueDigest
from ..rules.deadlines import overdue
from ..selectors import nominations_visible_to


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
