"""Roles are Django groups holding model permissions. Transitions check permissions (and the
unit scope), never group names, so an administrator can shape roles in the admin."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Cán bộ đơn vị")
    COMMITTEE_MEMBER = "committee_member", _("Thành viên Hội đồng TĐKT")
    COMMITTEE_SECRETARY = "committee_secretary", _("Thư ký Hội đồng (Thường trực)")
    PROVINCIAL_DIRECTOR = "provincial_director", _("Giám đốc Công an tỉnh")
    MINISTRY = "ministry", _("Bộ Công an / tiếp nhận Quyết định của Bộ")
    CLERK = "clerk", _("Văn thư")
    ADMIN = "admin", _("Quản trị hệ thống")


# codename -> human name; declared on Nomination.Meta.permissions
PERMISSIONS = {
    "propose_nomination": _("Lập, sửa, gửi, rút hồ sơ đề nghị của đơn vị mình"),
    "review_nomination": _("Thẩm định hồ sơ tại Hội đồng (trả lại, không đề nghị, đề nghị)"),
    "forward_nomination": _("Chuyển hồ sơ lên cấp quyết định (Thường trực Hội đồng)"),
    "decide_director": _("Quyết định khen thưởng của Giám đốc Công an tỉnh"),
    "decide_ministry": _("Ghi nhận Quyết định khen thưởng của Bộ trưởng Bộ Công an"),
    "manage_certificates": _("In, cấp phát Bằng khen/Giấy khen"),
    "view_all_nominations": _("Xem hồ sơ của mọi đơn vị"),
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.UNIT_OFFICER: ["propose_nomination"],
    Role.COMMITTEE_MEMBER: ["review_nomination", "view_all_nominations"],
    Role.COMMITTEE_SECRETARY: ["review_nomination", "forward_nomination", "view_all_nominations"],
    Role.PROVINCIAL_DIRECTOR: ["decide_director", "view_all_nominations"],
    Role.MINISTRY: ["decide_ministry", "view_all_nominations"],
    Role.CLERK: ["manage_certificates", "view_all_nominations"],
    Role.ADMIN: list(PERMISSIONS),
}


def roles_ensure() -> None:
    """Create the role groups with their permissions (idempotent; runs after every migrate)."""
    content_type = ContentType.objects.get_by_natural_key("commendations", "nomination")
    permissions = {
        p.codename: p
        for p in Permission.objects.filter(content_type=content_type, codename__in=PERMISSIONS)
    }
    if len(permissions) < len(PERMISSIONS):  # before the first migration created them
        return
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*(permissions[c] for c in codenames))


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._role_cache = cached
    return cached
