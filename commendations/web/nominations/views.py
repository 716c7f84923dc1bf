"""The nomination pages: lists, the form, the detail with its actions, attachments, the review
and forwarding queues, consolidation, the Excel import."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commendations.access.permissions import (
    can_forward_any,
    can_propose,
    can_propose_any,
    can_recommend,
    can_review,
    can_review_any,
)
from commendations.access.selectors import units_of
from commendations.actions.nominations import (
    nomination_import_submit,
    nomination_return_from_consolidation,
    nominations_consolidate,
    nominations_forward,
)
from commendations.actions.registry import action_allowed, action_run
from commendations.campaigns.models import Campaign
from commendations.certificates.selectors import nomination_revocation
from commendations.committee.models import CommitteeSession
from commendations.committee.selectors import committee_sessions_visible_to, nomination_sessions
from commendations.decisions.selectors import submission_letters_visible_to
from commendations.eligibility.models import AttachmentKind
from commendations.eligibility.selectors import nomination_rules_context
from commendations.files.downloads import stored_file_response, xlsx_response
from commendations.nominations.attachments import attachment_add
from commendations.nominations.consolidation import can_consolidate
from commendations.nominations.deadlines import feat_deadline_of
from commendations.nominations.imports.jobs import nomination_import_start
from commendations.nominations.imports.selectors import (
    READY_CHECK_MAX,
    drafts_ready_to_submit,
    import_drafts,
    next_steps,
)
from commendations.nominations.imports.template import import_template_build
from commendations.nominations.models import Attachment, Nomination, NominationState
from commendations.nominations.pending import (
    pending_as_attachments,
    pending_upload_keep,
    pending_uploads_discard,
    pending_uploads_of,
)
from commendations.nominations.selectors import (
    consolidation_queue,
    nomination_history,
    nomination_imports_of,
    nominations_search,
    nominations_visible_to,
)
from commendations.nominations.services import nomination_save, secret_dossier_view_record
from commendations.web.confirm import forward_confirmation, nomination_confirmation
from commendations.web.http import permission_required_by
from commendations.web.lists import paginate, paginate_with_deadlines, search_state
from commendations.web.nominations.forms import (
    AttachmentForm,
    BulkForwardForm,
    ConsolidateForm,
    ImportForm,
    NominationForm,
    ReturnForm,
    ReviewFilterForm,
    TransitionForm,
)
from commendations.web.refusals import conflict_message, form_errors_as_messages, run_service
from workflow.selectors import available_transitions


def _form_errors_to_messages(request: HttpRequest, form) -> None:
    form_errors_as_messages(request, form)


@login_required
@permission_required_by(can_propose_any)
def consolidation_list(request: HttpRequest) -> HttpResponse:
    """The nominations waiting for my unit to consolidate, one block per campaign."""
    waiting = consolidation_queue(request.user)
    campaigns = [
        {"campaign": campaign, "nominations": list(items)}
        for campaign, items in groupby(waiting, key=lambda n: n.campaign)
    ]
    return render(
        request,
        "commendations/consolidation_list.html",
        {"campaigns": campaigns, "count": len(waiting)},
    )


@login_required
@permission_required_by(can_propose_any)
@require_POST
def consolidation_forward(request: HttpRequest) -> HttpResponse:
    """ "Tổng hợp và chuyển lên": every waiting nomination of the campaign, or the ticked ones."""
    candidates = nominations_visible_to(request.user).filter(
        state=NominationState.AWAITING_CONSOLIDATION
    )
    form = ConsolidateForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if not form.is_valid():
        _form_errors_to_messages(request, form)
        return redirect("consolidation_list")
    data = form.cleaned_data
    ok, count = run_service(
        request,
        lambda: nominations_consolidate(
            campaign=data["campaign"],
            actor=request.user,
            comment=data["comment"],
            ids=data["ids"] if data["scope"] == "selected" else None,
        ),
    )
    if ok:
        if count:
            messages.success(
                request,
                _("Đã tổng hợp và chuyển lên %(count)s hồ sơ.") % {"count": count},
            )
        else:
            messages.info(request, _("Không có hồ sơ nào chờ đơn vị tổng hợp trong đợt này."))
    return redirect("consolidation_list")


@login_required
@permission_required_by(can_propose_any)
@require_POST
def consolidation_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Return one nomination to the unit that proposed it, with the reason."""
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _form_errors_to_messages(request, form)
        return redirect("consolidation_list")
    if not can_consolidate(nomination, request.user):
        messages.error(request, _("Hồ sơ này không chờ đơn vị của đồng chí tổng hợp."))
        return redirect("consolidation_list")
    ok, _result = run_service(
        request,
        lambda: nomination_return_from_consolidation(
            nomination=nomination,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_state=NominationState.AWAITING_CONSOLIDATION,
        ),
    )
    if ok:
        messages.success(
            request,
            _("Đã trả lại “%(name)s” cho đơn vị đề nghị.") % {"name": nomination.nominee_name},
        )
    return redirect("consolidation_list")


@login_required
@permission_required_by(can_propose_any)
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a filled template: the file is stored and imported by a worker; the next page
    follows its progress."""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            ok, job = run_service(
                request,
                lambda: nomination_import_start(
                    campaign=form.cleaned_data["campaign"],
                    upload=form.cleaned_data["file"],
                    actor=request.user,
                ),
                form=form,
            )
            if ok:
                return redirect("excel_import_status", pk=job.pk)
    else:
        form = ImportForm(initial={"campaign": Campaign.objects.order_by("-year").first()})
    return render(
        request,
        "commendations/excel/import.html",
        {
            "form": form,
            "campaigns": Campaign.objects.order_by("-year", "name"),
            "recent": nomination_imports_of(request.user)[:5],
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required_by(can_propose_any)
@require_GET
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's progress (polled by htmx, or reloaded without JavaScript), then its row errors
    or the drafts created with what comes next."""
    job = get_object_or_404(nomination_imports_of(request.user), pk=pk)
    if request.htmx and job.is_finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    if request.htmx:
        return render(request, "commendations/excel/import_progress.html", {"job": job})
    drafts = import_drafts(job) if job.is_done else []
    ready = drafts_ready_to_submit(drafts, request.user) if len(drafts) <= READY_CHECK_MAX else None
    return render(
        request,
        "commendations/excel/import_status.html",
        {
            "job": job,
            "drafts": drafts,
            "ready": ready,
            "next_steps": next_steps(drafts, ready) if drafts else "",
        },
        status=400 if job.is_finished and not job.is_done else 200,
    )


@login_required
@permission_required_by(can_propose_any)
@require_POST
def import_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit every complete draft of an import at once."""
    job = get_object_or_404(nomination_imports_of(request.user), pk=pk)
    ok, count = run_service(request, lambda: nomination_import_submit(job=job, actor=request.user))
    if ok:
        messages.success(request, _("Đã gửi %(n)s hồ sơ.") % {"n": count})
    return redirect("excel_import_status", pk=job.pk)


@login_required
@permission_required_by(can_propose_any)
@require_GET
def import_template(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    content = import_template_build(campaign=campaign, user=request.user)
    return xlsx_response(content, f"mau-nhap-ho-so-{campaign.year}.xlsx")


# Transitions that need the committee's vote tally ("recommend"): done from a session page.
SESSION_FORM = "session"


@login_required
@permission_required_by(can_propose_any)
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
        {
            "filter_form": form,
            "page": page,
            "query": query.urlencode(),
            "search": search_state(request.GET),
        },
    )


def _units_for_form(request: HttpRequest):
    return units_of(request.user)


@login_required
@permission_required_by(can_propose_any)
def nomination_create(request: HttpRequest) -> HttpResponse:
    units = _units_for_form(request)
    kept: list = []
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, units=units)
        nomination, kept = _nomination_form_save(request, form)
        if nomination is not None:
            messages.success(request, _("Đã lưu hồ sơ dự thảo. Kiểm tra lại rồi bấm “Gửi hồ sơ”."))
            return redirect(nomination)
    else:
        initial = {"nominee_kind": "collective", "unit": units.first()}
        initial.update(request.GET.dict())
        form = NominationForm(initial=initial, units=units)
    return render(
        request,
        "commendations/nomination_form.html",
        {"form": form, "nomination": None, "kept": kept},
    )


def _nomination_form_save(
    request: HttpRequest, form: NominationForm, nomination: Nomination | None = None
) -> tuple[Nomination | None, list]:
    """Save the form with its files and those kept from a refused attempt; when refused, keep
    the files just chosen (pending uploads) so the user does not choose them again."""
    kept = pending_uploads_of(tokens=request.POST.getlist("pending"), owner=request.user)
    if form.is_valid():
        ok, saved = run_service(
            request,
            lambda: nomination_save(
                actor=request.user,
                nomination=nomination,
                fields=form.service_fields(creating=nomination is None),
                attachments=form.attachments() + pending_as_attachments(kept),
            ),
            form=form,
        )
        if ok:
            pending_uploads_discard(kept)
            return saved, []
    for name, kind in form.file_fields():
        upload = request.FILES.get(name)
        if upload is None or form.errors.get(name):
            continue
        try:
            kept.append(pending_upload_keep(upload=upload, kind=kind, owner=request.user))
        except ValidationError as exc:
            form.add_error(name if name in form.fields else None, exc)
    return None, kept


@login_required
@permission_required_by(can_propose_any)
@require_GET
def nomination_form_fields(request: HttpRequest) -> HttpResponse:
    """htmx: the fields that depend on the campaign and the award (the award types offered,
    one file input per required document), re-rendered in place: nothing else is touched."""
    form = NominationForm(initial=request.GET.dict(), units=_units_for_form(request))
    return render(
        request,
        "commendations/partials/nomination_dependent.html",
        {"form": form, "part": request.GET.get("part", "")},
    )


@login_required
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    if not can_propose(nomination, request.user):
        raise PermissionDenied(_("Bạn không có quyền sửa hồ sơ này."))
    if not nomination.is_editable:
        messages.error(request, _("Chỉ sửa được hồ sơ ở trạng thái dự thảo hoặc bị trả lại."))
        return redirect(nomination)
    units = _units_for_form(request)
    kept: list = []
    if request.method == "POST":
        form = NominationForm(
            request.POST,
            request.FILES,
            units=units,
            editing=True,
            initial={"campaign": nomination.campaign, "unit": nomination.unit},
        )
        saved, kept = _nomination_form_save(request, form, nomination)
        if saved is not None:
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
        request,
        "commendations/nomination_form.html",
        {"form": form, "nomination": nomination, "kept": kept},
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


# The add-document menu offers first what the dossier still lacks (issue #27 §10), the
# achievement report first; evidence when every kind is there (it may come in several files).
ATTACH_FIRST = (
    AttachmentKind.ACHIEVEMENT_REPORT,
    AttachmentKind.COVER_LETTER,
    AttachmentKind.MEETING_MINUTES,
    AttachmentKind.EVIDENCE,
)


def _kind_not_attached(attachments: list) -> str:
    attached = {a.kind for a in attachments}
    return next((k for k in ATTACH_FIRST if k not in attached), AttachmentKind.EVIDENCE)


def _detail_context(request: HttpRequest, nomination: Nomination, **extra) -> dict:
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
    attachments = list(nomination.attachments.select_related("uploaded_by"))
    return {
        **nomination_rules_context(nomination, request.user),
        "nomination": nomination,
        "attachments": attachments,
        "history": _history_with_sessions(nomination),
        "actions": [(t, forms[t.name]) for t in transitions if t.name != "restore"],
        "can_undo_withdraw": any(t.name == "restore" for t in transitions),
        "can_edit": nomination.is_editable and can_propose(nomination, request.user),
        "attachment_form": extra.pop("attachment_form", None)
        or AttachmentForm(initial={"kind": _kind_not_attached(attachments)}),
        "sessions": nomination_sessions(nomination, request.user),
        "recommend_in_session": recommend_here,
        "can_create_session": recommend_here and can_recommend(nomination, request.user),
        "revocation": nomination_revocation(nomination),
        "feat_deadline": feat_deadline_of(nomination),
        **extra,
    }


@login_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    secret_dossier_view_record(nomination=nomination, actor=request.user, what="page")
    context = _detail_context(request, nomination, **_refused_action_form(request, nomination))
    return render(request, "commendations/nomination_detail.html", context)


REFUSED_ACTION_KEY = "refused-action:%s"


def _refused_action_keep(request: HttpRequest, nomination: Nomination, name: str, form) -> None:
    """What the refused form said and held, for the nomination's page to show once."""
    request.session[REFUSED_ACTION_KEY % nomination.pk] = {
        "name": name,
        "data": {k: form.data.get(k, "") for k in ("comment", "expected_state")},
        "errors": {field: list(errors) for field, errors in form.errors.items()},
    }


def _refused_action_form(request: HttpRequest, nomination: Nomination) -> dict:
    """The refused action's form, bound to what was typed, with its errors (once)."""
    kept = request.session.pop(REFUSED_ACTION_KEY % nomination.pk, None)
    if not kept:
        return {}
    form = TransitionForm(kept["data"])
    form.is_valid()
    for field, errors in kept["errors"].items():
        for error in errors:
            if error not in form.errors.get(field, []):
                form.add_error(None if field == "__all__" else field, error)
    return {"forms": {kept["name"]: form}, "open_action": kept["name"]}


@login_required
@require_http_methods(["GET", "POST"])
def nomination_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Every action button posts here; what may be done is asked from the state machine. A
    refused action leads back to the nomination's page (the form open, what was typed kept), so
    the address bar never shows /do/…/; opening the address directly does the same."""
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    if request.method != "POST":
        return redirect(nomination)
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
        chosen = allowed[name]
        if chosen.needs_confirmation(nomination.state) and not form.cleaned_data["confirmed"]:
            return render(
                request,
                "commendations/confirm_action.html",
                nomination_confirmation(nomination, chosen, form.cleaned_data),
            )
        ok, _result = run_service(
            request,
            lambda: action_run(
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
            if nomination.withdrawal_undoable:
                messages.info(
                    request,
                    _("Rút nhầm? Bấm “Hoàn tác” trên trang hồ sơ trước %(until)s.")
                    % {"until": localtime(nomination.undo_withdraw_until).strftime("%H:%M")},
                )
            return redirect(nomination)
        if not form.errors:  # a conflict or refusal: already a message; show the fresh state
            return redirect(nomination)
    _refused_action_keep(request, nomination, name, form)
    return redirect(nomination)


@login_required
@permission_required_by(can_propose_any)
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
        Attachment.objects.filter(
            nomination__in=nominations_visible_to(request.user)
        ).select_related("nomination"),
        pk=pk,
    )
    secret_dossier_view_record(
        nomination=attachment.nomination, actor=request.user, what=f"attachment:{attachment.pk}"
    )
    return stored_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def _review_page(request: HttpRequest) -> dict:
    data = request.GET.copy()
    if not request.GET:
        data["state"] = NominationState.SUBMITTED
    form = ReviewFilterForm(data)
    filters = form.filters()
    filters.setdefault("sort", "-submitted")
    filters["sort"] = filters["sort"] or "-submitted"
    page = paginate_with_deadlines(
        request, nominations_search(request.user, simplified_first=True, **filters)
    )
    query = data.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page": page,
        "query": query.urlencode(),
        "search": search_state(request.GET),
        "sessions": list(committee_sessions_visible_to(request.user)[:5]),
        "can_create_session": can_forward_any(request.user),
    }


@login_required
@permission_required_by(can_review_any)
def review_queue(request: HttpRequest) -> HttpResponse:
    """The committee's queue: filters, search by name, sort, pagination. Votes and the
    recommendation are recorded in a session (views/committee.py), the tally computed."""
    return render(request, "commendations/review_queue.html", _review_page(request))


@login_required
@permission_required_by(can_forward_any)
def forward_queue(request: HttpRequest) -> HttpResponse:
    """The secretary's list of recommended nominations, to forward to the deciding authority."""
    return forward_queue_page(request)


def forward_queue_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    """The forward page; after a refused POST (a Tờ trình), with what was typed and ticked."""
    nominations = nominations_search(request.user, state=NominationState.RECOMMENDED, sort="unit")
    posted = request.POST if request.method == "POST" else {}
    return render(
        request,
        "commendations/forward_queue.html",
        {
            "page": paginate_with_deadlines(request, nominations),
            "form": BulkForwardForm(choices=[]),
            "letters": submission_letters_visible_to(request.user)[:10],
            "posted": posted,
            "ticked": {str(pk) for pk in posted.getlist("ids")} if posted else set(),
            "signer_modes": ["KT.", "TM.", "Q.", "TL.", "TUQ."],
        },
        status=status,
    )


@login_required
@permission_required_by(action_allowed(Nomination, "forward"))
@require_POST
def forward_bulk(request: HttpRequest) -> HttpResponse:
    candidates = nominations_visible_to(request.user).filter(state=NominationState.RECOMMENDED)
    form = BulkForwardForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if form.is_valid():
        chosen = list(
            candidates.filter(pk__in=form.cleaned_data["ids"])
            .select_related("award_type", "unit")
            .order_by("unit__path", "nominee_name")
        )
        if request.POST.get("confirmed") != "True":
            return render(
                request,
                "commendations/confirm_action.html",
                forward_confirmation(chosen, comment=form.cleaned_data["comment"]),
            )
        ok, done = run_service(
            request,
            lambda: nominations_forward(
                nominations=chosen,
                actor=request.user,
                comment=form.cleaned_data["comment"],
                expected_state=NominationState.RECOMMENDED,
            ),
        )
        if ok:
            messages.success(
                request, _("Đã trình %(count)s hồ sơ lên cấp có thẩm quyền.") % {"count": len(done)}
            )
    else:
        form_errors_as_messages(request, form)
    return redirect("forward_queue")
