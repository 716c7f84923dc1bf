"""The confirmation page of an action that cannot be undone: what it is about, what will happen,
and the same POST again with `confirmed`. Plain HTML, so it works without JavaScript."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _


def confirmation_context(
    *,
    title: str,
    subject: str,
    subject_url: str,
    consequence: str,
    action_url: str,
    button: str,
    fields: dict[str, Any],
    cancel: str,
    style: str = "danger",
) -> dict[str, Any]:
    """Context of commendations/confirm_action.html: `fields` are posted back unchanged."""
    return {
        "title": title,
        "subject": subject,
        "subject_url": subject_url,
        "consequence": consequence,
        "action_url": action_url,
        "button": button,
        "fields": {k: "" if v is None else str(v) for k, v in fields.items()},
        "cancel": cancel,
        "style": style,
    }


def nomination_confirmation(nomination: Any, transition: Any, data: dict[str, Any]) -> dict:
    """Confirm a nomination's transition (withdraw after submission, reject, decline)."""
    return confirmation_context(
        title=_("Xác nhận: %(label)s") % {"label": transition.label},
        subject=nomination.nominee_name,
        subject_url=nomination.get_absolute_url(),
        consequence=transition.confirm,
        action_url=reverse("nomination_transition", args=[nomination.pk, transition.name]),
        button=_("Xác nhận: %(label)s") % {"label": transition.label},
        fields={"comment": data.get("comment", ""), "expected_state": data["expected_state"]},
        cancel=_("Quay lại, không thực hiện"),
        style="danger" if "danger" in transition.style else "primary",
    )


def decision_issue_confirmation(decision: Any) -> dict:
    """Confirm issuing a decision: how many awards it approves and numbers at once."""
    count = decision.nominations.count()
    return confirmation_context(
        title=_("Xác nhận ban hành Quyết định"),
        subject=str(decision),
        subject_url=decision.get_absolute_url(),
        consequence=_(
            "%(count)s khen thưởng sẽ được phê duyệt, cấp số vào sổ và báo cho các đơn vị. Sau "
            "khi ban hành không sửa được danh sách; chỉ hủy bỏ được bằng thủ tục thu hồi."
        )
        % {"count": count},
        action_url=reverse("decision_issue", args=[decision.pk]),
        button=_("Ban hành: phê duyệt %(count)s khen thưởng") % {"count": count},
        fields={},
        cancel=_("Quay lại, chưa ban hành"),
        style="success",
    )


def decision_delete_confirmation(decision: Any) -> dict:
    """Confirm deleting a draft decision: its nominations go back to the queue."""
    count = decision.nominations.count()
    return confirmation_context(
        title=_("Xác nhận xóa dự thảo quyết định"),
        subject=str(decision),
        subject_url=decision.get_absolute_url(),
        consequence=_(
            "Dự thảo sẽ bị xóa; %(count)s hồ sơ trong danh sách trở lại danh sách chờ quyết "
            "định để lập dự thảo khác."
        )
        % {"count": count},
        action_url=reverse("decision_delete", args=[decision.pk]),
        button=_("Xóa dự thảo"),
        fields={},
        cancel=_("Quay lại, không xóa"),
    )


def bulk_confirmation(
    *,
    title: str,
    nominations: list[Any],
    consequence: str,
    action_url: str,
    back_url: str,
    button: str,
    comment: str,
    style: str = "primary",
) -> dict:
    """Confirm an action on many ticked nominations at once: it names them, says what happens,
    and posts the same ticks again with `confirmed`."""
    context = confirmation_context(
        title=title,
        subject=_("%(count)s hồ sơ đã chọn") % {"count": len(nominations)},
        subject_url=back_url,
        consequence=consequence,
        action_url=action_url,
        button=button,
        fields={"comment": comment},
        cancel=_("Quay lại, chưa thực hiện"),
        style=style,
    )
    context["nominations"] = nominations
    return context


def forward_confirmation(nominations: list[Any], *, comment: str) -> dict:
    """Confirm forwarding the ticked nominations: how many go to the Ministry and how many to
    the Director."""
    to_ministry = sum(1 for n in nominations if n.award_type.authority == "MINISTRY")
    return bulk_confirmation(
        title=_("Xác nhận trình %(count)s hồ sơ") % {"count": len(nominations)},
        nominations=nominations,
        consequence=_(
            "%(ministry)s hồ sơ Bằng khen được trình Bộ Công an, %(director)s hồ sơ Giấy khen "
            "được trình Giám đốc Công an tỉnh; sau khi trình, hồ sơ rời danh sách chờ trình."
        )
        % {"ministry": to_ministry, "director": len(nominations) - to_ministry},
        action_url=reverse("forward_bulk"),
        back_url=reverse("forward_queue"),
        button=_("Trình %(count)s hồ sơ") % {"count": len(nominations)},
        comment=comment,
    )


def recommend_confirmation(session: Any, nominations: list[Any], *, comment: str) -> dict:
    """Confirm recording the council's recommendation for the ticked nominations."""
    return bulk_confirmation(
        title=_("Xác nhận Hội đồng đề nghị khen thưởng %(count)s hồ sơ")
        % {"count": len(nominations)},
        nominations=nominations,
        consequence=_(
            "Kết quả biểu quyết của từng hồ sơ được ghi lại như đã tính; sau khi ghi nhận, "
            "các thành viên không đổi được phiếu cho các hồ sơ này."
        ),
        action_url=reverse("committee_session_recommend", args=[session.pk]),
        back_url=reverse("committee_session_detail", args=[session.pk]),
        button=_("Đề nghị khen thưởng %(count)s hồ sơ") % {"count": len(nominations)},
        comment=comment,
        style="success",
    )
