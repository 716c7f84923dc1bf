from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflow.services import available_transitions, transition_perform

from ..forms import AttachmentForm, NominationForm, ReviewFilterForm, TransitionForm
from ..models import Attachment, CommitteeSession, Nomination
from ..permissions import can_propose, can_recommend, can_review
from ..rules.deadlines import flag_overdue, with_entered_at
from ..rules.selectors import nomination_rules_context
from ..selectors import (
    nomination_history,
    nomination_revocation,
    nomination_sessions,
    nominations_search,
    nominations_visible_to,
    units_of,
)
from ..services.attachments import attachment_add
from ..services.nominations import nomination_save
from .actions import conflict_message, run_service

PAGE_SIZE = 25
# Transitions that need the committee's vote tally ("recommend"): done from a session page.
SESSION_FORM = "session"


def paginate(request: HttpRequest, queryset):  # noqa: ANN001, ANN201
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def paginate_with_deadlines(request: HttpRequest, queryset):  # noqa: ANN001, ANN201
    """A queue's page with each row's step deadline and overdue flag (constant queries)."""
    page = paginate(request, with_entered_at(queryset))
    page.object_list = list(page.object_list)
    flag_overdue(page.object_list)
    return page


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
def nomination_list(request: HttpRequest) -> HttpResponse:
    """A unit officer's nominations (their unit and the units below), by campaign and state."""
    form = ReviewFilterForm(request.GET or None)
    form.fields["unit"].queryset = units_of(request.user)
    filters = form.filters() if request.GET else {}
    page = paginate(request, nominations_search(request.user, **filters))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "commendations/nomination_list.html",
        {"filter_form": form, "page": page, "query": query.urlencode()},
    )


def _units_for_form(request: HttpRequest):  # noqa: ANN202
    return units_of(request.user)


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
def nomination_create(request: HttpRequest) -> HttpResponse:
    units = _units_for_form(request)
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            ok, nomination = run_service(
                request,
                lambda: nomination_save(
                    actor=request.user,
                    fields=form.service_fields(creating=True),
                    attachments=form.attachments(),
                ),
                form=form,
            )
            if ok:
                messages.success(
                    request, _("Đã lưu hồ sơ dự thảo. Kiểm tra lại rồi bấm “Gửi hồ sơ”.")
                )
                return redirect(nomination)
    else:
        initial = {"nominee_kind": "collective", "unit": units.first()}
        initial.update(request.GET.dict())  # the campaign switch re-renders with what was typed
        form = NominationForm(initial=initial, units=units)
    return render(request, "commendations/nomination_form.html", {"form": form, "nomination": None})


@login_required
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    if not can_propose(nomination, request.user):
        raise PermissionDenied(_("Bạn không có quyền sửa hồ sơ này."))
    if not nomination.is_editable:
        messages.error(request, _("Chỉ sửa được hồ sơ ở trạng thái dự thảo hoặc bị trả lại."))
        return redirect(nomination)
    units = _units_for_form(request)
    if request.method == "POST":
        form = NominationForm(
            request.POST,
            request.FILES,
            units=units,
            editing=True,
            initial={"campaign": nomination.campaign, "unit": nomination.unit},
        )
        if form.is_valid():
            ok, saved = run_service(
                request,
                lambda: nomination_save(
                    actor=request.user,
                    nomination=nomination,
                    fields=form.service_fields(creating=False),
                    attachments=form.attachments(),
                ),
                form=form,
            )
            if ok:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect(saved)
    else:
        initial = {
            name: getattr(nomination, name)
            for name in NominationForm.base_fields
            if hasattr(nomination, name) and name not in ("attachment",)
        }
        initial.update(request.GET.dict())
        form = NominationForm(initial=initial, units=units, editing=True)
    return render(
        request, "commendations/nomination_form.html", {"form": form, "nomination": nomination}
    )


def _history_with_sessions(nomination: Nomination) -> list:
    history = nomination_history(nomination)
    ids = {e.data.get("session") for e in history if isinstance(e.data, dict)} - {None}
    sessions = {s.pk: s for s in CommitteeSession.objects.filter(pk__in=ids)} if ids else {}
    for entry in history:
        data = entry.data if isinstance(entry.data, dict) else {}
        entry.session = sessions.get(data.get("session"))
    return history


def _awaits_the_committee(nomination: Nomination) -> bool:
    """Whether the state machine would let the committee recommend it now, whoever asks: every
    reviewer (members vote, the secretary records) is shown the way to the session, though only
    the secretary holds the transition itself."""
    return any(
        t.custom.get("form") == SESSION_FORM for t in nomination.get_available_state_transitions()
    )


def _detail_context(request: HttpRequest, nomination: Nomination, **extra) -> dict:  # noqa: ANN003
    offered = available_transitions(nomination, request.user)
    # The committee's recommendation is not a button here: the web records it from a session,
    # with the tally computed from the members' votes.
    transitions = [t for t in offered if t.form != SESSION_FORM]
    forms = extra.pop("forms", {})
    for transition in transitions:
        forms.setdefault(
            transition.name, TransitionForm(initial={"expected_state": nomination.state})
        )
    recommend_here = _awaits_the_committee(nomination) and can_review(nomination, request.user)
    return {
        **nomination_rules_context(nomination, request.user),
        "nomination": nomination,
        "attachments": list(nomination.attachments.select_related("uploaded_by")),
        "history": _history_with_sessions(nomination),
        "actions": [(t, forms[t.name]) for t in transitions],
        "can_edit": nomination.is_editable and can_propose(nomination, request.user),
        "attachment_form": extra.pop("attachment_form", None) or AttachmentForm(),
        "sessions": nomination_sessions(nomination, request.user),
        "recommend_in_session": recommend_here,
        "can_create_session": recommend_here and can_recommend(nomination, request.user),
        "revocation": nomination_revocation(nomination),
        **extra,
    }


@login_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    return render(
        request, "commendations/nomination_detail.html", _detail_context(request, nomination)
    )


@login_required
@require_POST
def nomination_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Every action button posts here; what may be done is asked from the state machine."""
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    offered = available_transitions(nomination, request.user)
    allowed = {t.name: t for t in offered}
    form = TransitionForm(request.POST)
    if name not in allowed:
        expected = request.POST.get("expected_state")
        if expected and expected != nomination.state:
            messages.error(request, conflict_message())
        else:
            messages.error(request, _("Bạn không thể thực hiện thao tác này với hồ sơ lúc này."))
        return redirect(nomination)
    if form.is_valid():
        ok, _result = run_service(
            request,
            lambda: transition_perform(
                instance=nomination,
                name=name,
                actor=request.user,
                comment=form.cleaned_data["comment"],
                expected_state=form.cleaned_data["expected_state"],
            ),
            # A transition with no button on this page (the committee's recommendation) has no
            # form to show errors on: its refusal, said by the model, becomes a message.
            form=form if allowed[name].form != SESSION_FORM else None,
        )
        if ok:
            messages.success(
                request,
                _("Đã thực hiện “%(label)s”: hồ sơ chuyển sang “%(state)s”.")
                % {"label": allowed[name].label, "state": nomination.get_state_display()},
            )
            return redirect(nomination)
        if not form.errors:  # a conflict or refusal: already a message; show the fresh state
            return redirect(nomination)
    nomination.refresh_from_db()
    context = _detail_context(request, nomination, forms={name: form}, open_action=name)
    return render(request, "commendations/nomination_detail.html", context, status=400)


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        ok, _attachment = run_service(
            request,
            lambda: attachment_add(
                nomination=nomination,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                actor=request.user,
            ),
            form=form,
        )
        if ok:
            messages.success(request, _("Đã thêm tài liệu."))
            return redirect(nomination)
    context = _detail_context(request, nomination, attachment_form=form)
    return render(request, "commendations/nomination_detail.html", context, status=400)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Files are never served from MEDIA_URL: only to users who may see the nomination."""
    attachment = get_object_or_404(
        Attachment.objects.filter(nomination__in=nominations_visible_to(request.user)), pk=pk
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
