"""The approvers' pages: queues, drafting and issuing decisions, annulling, the documents."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from commendations.access.permissions import (
    can_decide_as_director,
    can_decide_as_ministry,
    can_forward_any,
    can_issue_decision,
)
from commendations.actions import decisions as decision_actions
from commendations.actions import letters as letter_actions
from commendations.actions.certificates import revocation_create
from commendations.actions.registry import action_allowed, action_for, action_run
from commendations.campaigns.models import Authority, AuthorityProfile, NomineeKind
from commendations.certificates.models import Certificate, CertificateState, Revocation
from commendations.certificates.selectors import decision_revocations
from commendations.decisions import documents as decisions_documents
from commendations.decisions import package as dossier_package
from commendations.decisions import services as decision_services
from commendations.decisions.models import Decision, DecisionState, SignatureState
from commendations.decisions.selectors import (
    decision_pdf_unavailable_reason,
    decision_prize_unverified,
    decisions_visible_to,
    submission_letters_visible_to,
)
from commendations.files.downloads import docx_response, stored_file_response
from commendations.nominations.models import NominationState
from commendations.nominations.selectors import (
    nominations_for_submission_letter,
    nominations_search,
    nominations_visible_to,
)
from commendations.web.certificates.views import decision_certificates_context
from commendations.web.confirm import decision_delete_confirmation, decision_issue_confirmation
from commendations.web.decisions.forms import (
    DecisionForm,
    MinistryDecisionForm,
    PaperOriginalForm,
    RevocationForm,
    SealForm,
    SignedPdfForm,
    SubmissionLetterForm,
)
from commendations.web.http import permission_required_by
from commendations.web.lists import paginate, paginate_with_deadlines
from commendations.web.nominations.views import forward_queue_page
from commendations.web.refusals import form_errors_as_messages, run_service


def _counted(kinds: list[str]) -> str:
    """ "11 tập thể và 9 cá nhân" on the screen, worded in the reader's language (the documents
    keep the Vietnamese of documents.layout.count_words)."""
    collectives = sum(1 for k in kinds if k == NomineeKind.COLLECTIVE)
    individuals = len(kinds) - collectives
    parts = []
    if collectives:
        parts.append(ngettext("%(n)s tập thể", "%(n)s tập thể", collectives) % {"n": collectives})
    if individuals:
        parts.append(ngettext("%(n)s cá nhân", "%(n)s cá nhân", individuals) % {"n": individuals})
    return _(" và ").join(parts)


@login_required
def decision_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The Quyết định as Word, drafted from the template: the Director's preview before issuing."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    content = decisions_documents.decision_document(decision)
    return docx_response(content, f"quyet-dinh-{decision.number.replace('/', '-')}.docx")


@login_required
@permission_required_by(can_forward_any)
@require_POST
def submission_letter(request: HttpRequest) -> HttpResponse:
    """The Tờ trình to the Ministry for the ticked recommended nominations."""
    candidates = nominations_for_submission_letter(request.user)
    form = SubmissionLetterForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("forward_queue")
    chosen = list(candidates.filter(pk__in=form.cleaned_data["ids"]))
    content = decisions_documents.submission_letter(chosen, **form.letter_kwargs())
    return docx_response(content, "to-trinh-bang-khen.docx")


@login_required
def decision_scan(request: HttpRequest, pk: int) -> FileResponse:
    """The Ministry decision's scan, only to users who may see the decision."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    return stored_file_response(
        decision.scan,
        filename=f"quyet-dinh-{decision.number.replace('/', '-')}.pdf",
        content_type="application/pdf",
    )


def _pending(request: HttpRequest, state: str):
    return nominations_search(request.user, state=state, sort="unit").filter(decision__isnull=True)


@login_required
@permission_required_by(can_decide_as_director)
def director_queue(request: HttpRequest) -> HttpResponse:
    """Giấy khen awaiting the Director: tick some, fill the decision's number/date/signer."""
    pending = _pending(request, NominationState.AWAITING_DIRECTOR)
    if request.method == "POST":
        form = DecisionForm(request.POST, choices=pending.values_list("pk", flat=True))
        if form.is_valid():
            data = form.cleaned_data
            ok, decision = run_service(
                request,
                lambda: decision_services.decision_create(
                    actor=request.user,
                    authority=Authority.PROVINCIAL_DIRECTOR,
                    nomination_ids=data["ids"],
                    **form.service_kwargs(),
                ),
                form=form,
            )
            if ok:
                messages.success(request, _("Đã lập dự thảo quyết định. Xem lại rồi ban hành."))
                return redirect(decision)
        status = 400
    else:
        form = DecisionForm(
            choices=[],
            initial={"signer_title": _("GIÁM ĐỐC"), "signer_name": request.user.get_full_name()},
        )
        status = 200
    return render(
        request,
        "commendations/decision_queue.html",
        {
            "page": paginate_with_deadlines(request, pending),
            "form": form,
            "selected": set(form.data.getlist("ids")) if form.is_bound else set(),
            "title": _("Giấy khen chờ Giám đốc quyết định"),
            "ministry": False,
        },
        status=status,
    )


@login_required
@permission_required_by(can_decide_as_ministry)
def ministry_queue(request: HttpRequest) -> HttpResponse:
    """Bằng khen forwarded to the Ministry: record its decision (with the scan) or decline."""
    pending = _pending(request, NominationState.AWAITING_MINISTRY)
    if request.method == "POST":
        form = MinistryDecisionForm(
            request.POST, request.FILES, choices=pending.values_list("pk", flat=True)
        )
        if form.is_valid():
            data = form.cleaned_data
            ok, decision = run_service(
                request,
                lambda: decision_actions.decision_record_issued(
                    actor=request.user,
                    authority=Authority.MINISTRY,
                    nomination_ids=data["ids"],
                    scan=data["scan"],
                    **form.service_kwargs(),
                ),
                form=form,
            )
            if ok:
                messages.success(
                    request, _("Đã ghi nhận quyết định của Bộ; các hồ sơ đã được khen thưởng.")
                )
                return redirect(decision)
        status = 400
    else:
        form = MinistryDecisionForm(choices=[])
        status = 200
    return render(
        request,
        "commendations/decision_queue.html",
        {
            "page": paginate_with_deadlines(request, pending),
            "form": form,
            "selected": set(form.data.getlist("ids")) if form.is_bound else set(),
            "title": _("Bằng khen chờ Quyết định của Bộ Công an"),
            "ministry": True,
        },
        status=status,
    )


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    annulled = Revocation.objects.filter(decision=OuterRef("pk"), certificate__isnull=True)
    decisions = (
        decisions_visible_to(request.user)
        .annotate(nomination_count=Count("nominations"), annulled=Exists(annulled))
        .order_by("-date", "-id")
    )
    state = request.GET.get("state", "")
    if state in DecisionState.values:  # the home page's cards open the list filtered
        decisions = decisions.filter(state=state)
    return render(
        request,
        "commendations/decision_list.html",
        {"page": paginate(request, decisions), "state": state},
    )


def _pdf_filename(decision, *, signed: bool) -> str:
    suffix = "-da-ky-so" if signed else ""
    return f"quyet-dinh-{decision.number.replace('/', '-')}{suffix}.pdf"


@login_required
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The issued decision as PDF/A with the seal, or the signer's signed one once there is one;
    only to users who may see the decision."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    stored = decision.served_pdf
    if not stored:
        raise Http404(decision_pdf_unavailable_reason(decision))
    signed = decision.signature_state in (SignatureState.SIGNED, SignatureState.SEALED)
    return stored_file_response(
        stored, filename=_pdf_filename(decision, signed=signed), content_type="application/pdf"
    )


@login_required
@require_POST
def decision_signed_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the PDF the signer signed with their own token: checked, then the decision is
    "Đã ký số"; a refused file re-renders the page with the reasons."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    if not can_issue_decision(decision, request.user):
        raise PermissionDenied(_("Chỉ cấp có thẩm quyền ban hành quyết định mới được ký số."))
    form = SignedPdfForm(request.POST, request.FILES)
    if form.is_valid():
        ok, _signed = run_service(
            request,
            lambda: decision_actions.decision_sign(
                decision=decision,
                actor=request.user,
                pdf_bytes=form.cleaned_data["file"],
                comment=form.cleaned_data["comment"],
            ),
            form=form,
        )
        if ok:
            messages.success(request, _("Đã nhận bản quyết định có chữ ký số của người ký."))
            return redirect(decision)
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)  # as it is now
    context = _decision_context(request, decision, signed_pdf_form=form)
    return render(request, "commendations/decision_detail.html", context, status=400)


@login_required
@require_POST
def decision_sign_on_paper(request: HttpRequest, pk: int) -> HttpResponse:
    """The signer signed the paper original by hand: record it with its scan; for a paper
    original recorded without one, attach the scan."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    if not can_issue_decision(decision, request.user):
        raise PermissionDenied(_("Chỉ cấp có thẩm quyền ban hành quyết định mới ghi nhận được."))
    form = PaperOriginalForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data

        def call():
            return decision_actions.decision_paper_original(
                decision=decision, actor=request.user, scan=data["scan"], comment=data["comment"]
            )

        ok, _done = run_service(request, call, form=form)
        if ok:
            messages.success(request, _("Đã ghi nhận bản gốc giấy của quyết định."))
            return redirect(decision)
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    context = _decision_context(request, decision, paper_form=form)
    return render(request, "commendations/decision_detail.html", context, status=400)


@login_required
@require_POST
@permission_required_by(action_allowed(Decision, "seal"))
def decision_seal(request: HttpRequest, pk: int) -> HttpResponse:
    """The văn thư applies the organisation's seal after the signer signed; then the
    certificates are made."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    form = SealForm(request.POST)
    if form.is_valid():
        ok, _sealed = run_service(
            request,
            lambda: action_run(
                instance=decision,
                name="seal",
                actor=request.user,
                comment=form.cleaned_data["comment"],
                expected_state=request.POST.get("expected_state") or None,
            ),
        )
        if ok:
            messages.success(
                request,
                _("Đã đóng dấu của cơ quan; Bằng khen/Giấy khen đang được tạo."),
            )
    return redirect(decision)


def _decision_context(
    request: HttpRequest, decision, revoke_form=None, signed_pdf_form=None, paper_form=None
) -> dict:
    nominations = list(
        nominations_visible_to(request.user)
        .filter(decision=decision)
        .order_by("unit__path", "nominee_name")
    )
    whole, by_nomination = decision_revocations(decision)
    for nomination in nominations:
        nomination.revocation = whole or by_nomination.get(nomination.pk)
    can_revoke = (
        decision.state == DecisionState.ISSUED
        and whole is None
        and can_issue_decision(decision, request.user)
    )
    if can_revoke and revoke_form is None:
        revoke_form = RevocationForm(certificates=_revocable(decision))
    return {
        "decision": decision,
        "authority_title": AuthorityProfile.for_authority(decision.authority).title,
        "nominations": nominations,
        # "11 tập thể và 9 cá nhân", as the Quyết định says it, in the reader's language.
        "nominee_count_words": _counted([n.nominee_kind for n in nominations]),
        "can_issue": decision.is_draft and can_issue_decision(decision, request.user),
        "prize_unverified": decision_prize_unverified(decision) if decision.is_draft else [],
        "revocation": whole,
        "revoke_form": revoke_form if can_revoke else None,
        "pdf_unavailable": "" if decision.served_pdf else decision_pdf_unavailable_reason(decision),
        # a refused upload's form is shown with its errors, whatever the decision became
        "signed_pdf_form": signed_pdf_form
        or (
            SignedPdfForm()
            if decision.pdf_ready
            and decision.signature_state == SignatureState.UNSIGNED
            and can_issue_decision(decision, request.user)
            else None
        ),
        # the paper path: the signer signed by hand (its scan), or the scan of a paper original
        # recorded without one
        "paper_form": paper_form
        or (
            PaperOriginalForm()
            if decision.state == DecisionState.ISSUED
            and (
                (decision.signature_state == SignatureState.UNSIGNED and decision.pdf_status)
                or (decision.signature_state == SignatureState.PAPER and not decision.scan)
            )
            and can_issue_decision(decision, request.user)
            else None
        ),
        "can_seal": action_for(Decision, "seal").allowed(request.user, decision)
        and decision.state == DecisionState.ISSUED
        and decision.signature_state in (SignatureState.SIGNED, SignatureState.PAPER)
        and not decision.entered_after_the_fact,
        **decision_certificates_context(request, decision),
    }


def _revocable(decision):
    """The decision's certificates in force whose award has not been annulled yet (a replaced
    certificate is represented by its re-issue, which holds the nomination)."""
    return (
        Certificate.objects.filter(decision=decision, revocation__isnull=True)
        .exclude(state__in=[CertificateState.REPLACED, CertificateState.REVOKED])
        .select_related("nomination")
        .order_by("serial")
    )


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision with its list (the annex) as it will be printed, and the issue button."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    return render(
        request, "commendations/decision_detail.html", _decision_context(request, decision)
    )


@login_required
@require_POST
def decision_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Annul the whole decision or one award: the first POST shows what will be annulled and
    asks to confirm; the confirmed POST calls the audited service."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    if not can_issue_decision(decision, request.user):
        raise PermissionDenied(_("Chỉ cấp đã ra quyết định mới được thu hồi, hủy bỏ."))
    form = RevocationForm(request.POST, certificates=_revocable(decision))
    if form.is_valid():
        data = form.cleaned_data
        if not data["confirmed"]:
            return render(
                request,
                "commendations/decision_revoke_confirm.html",
                {"decision": decision, "form": form, "certificate": data["certificate"]},
            )
        ok, _revocation = run_service(
            request,
            lambda: revocation_create(
                decision=decision,
                certificate=data["certificate"],
                reason=data["reason"],
                actor=request.user,
            ),
            form=form,
        )
        if ok:
            if data["certificate"] is None:
                messages.success(request, _("Đã hủy bỏ toàn bộ quyết định."))
            else:
                messages.success(
                    request,
                    _("Đã thu hồi khen thưởng của “%(name)s”.")
                    % {"name": data["certificate"].recipient_name},
                )
            return redirect(decision)
    context = _decision_context(request, decision, revoke_form=form)
    return render(request, "commendations/decision_detail.html", context, status=400)


@login_required
@require_POST
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issuing approves every listed award and numbers it: the first POST shows what will
    happen and asks to confirm; the confirmed one issues."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    if request.POST.get("confirmed") != "True" and decision.is_draft:
        return render(
            request, "commendations/confirm_action.html", decision_issue_confirmation(decision)
        )
    ok, _issued = run_service(
        request, lambda: decision_actions.decision_issue(decision=decision, actor=request.user)
    )
    if ok:
        messages.success(
            request, _("Đã ban hành quyết định; các hồ sơ trong danh sách đã được khen thưởng.")
        )
    return redirect(decision)


@login_required
@require_POST
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft decision: the first POST names what happens and asks to confirm."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    if not can_issue_decision(decision, request.user):
        raise PermissionDenied(_("Chỉ cấp có thẩm quyền của quyết định mới được xóa dự thảo."))
    if not decision.is_draft:
        messages.error(request, _("Quyết định đã ban hành không xóa được; chỉ thu hồi, hủy bỏ."))
        return redirect(decision)
    if request.POST.get("confirmed") != "True":
        return render(
            request, "commendations/confirm_action.html", decision_delete_confirmation(decision)
        )
    ok, count = run_service(
        request, lambda: decision_services.decision_delete(decision=decision, actor=request.user)
    )
    if not ok:
        return redirect(decision)
    messages.success(
        request,
        _("Đã xóa dự thảo quyết định; %(count)s hồ sơ trở lại danh sách chờ quyết định.")
        % {"count": count},
    )
    return redirect("director_queue")


# --- the Tờ trình as a record and the electronic dossier package for the Ministry -------------


@login_required
@permission_required_by(can_forward_any)
@require_POST
def submission_letter_create(request: HttpRequest) -> HttpResponse:
    """ "Lập Tờ trình và trình" on the forward page: the numbered, dated, sealed Tờ trình is
    stored and the nominations it lists are forwarded, in one action; a refusal (an incomplete
    dossier named per nominee, a bad number…) re-renders the page with what was typed and ticked."""
    candidates = nominations_for_submission_letter(request.user)
    form = SubmissionLetterForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return forward_queue_page(request, status=400)
    kwargs = form.letter_kwargs()
    ok, done = run_service(
        request,
        lambda: letter_actions.submission_letter_submit(
            actor=request.user,
            nomination_ids=form.cleaned_data["ids"],
            number=kwargs["number"],
            date=kwargs["date"],
            signer=kwargs["signer"],
            comment=form.cleaned_data["comment"],
        ),
    )
    if not ok:  # the refusal is a message; the page keeps what was typed and ticked
        return forward_queue_page(request, status=400)
    letter, forwarded = done
    messages.success(
        request,
        _("Đã lập %(letter)s và trình %(count)s hồ sơ lên %(authority)s.")
        % {"letter": letter, "count": len(forwarded), "authority": letter.recipient},
    )
    if not letter.sealed:
        messages.warning(
            request, _("Con dấu điện tử chưa được cấu hình nên bản PDF của Tờ trình chưa ký số.")
        )
    return redirect(letter)


@require_GET
@login_required
@permission_required_by(can_forward_any)
def submission_letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter, what its package holds, and what it leaves out (and why) before download."""
    letter = get_object_or_404(submission_letters_visible_to(request.user), pk=pk)
    plan = dossier_package.package_plan(letter)
    return render(
        request,
        "commendations/submission_letter_detail.html",
        {
            "letter": letter,
            "plan": plan,
            "nominations": sorted(letter.nominations.all(), key=lambda n: n.nominee_name),
        },
    )


@require_GET
@login_required
@permission_required_by(can_forward_any)
def submission_letter_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    letter = get_object_or_404(submission_letters_visible_to(request.user), pk=pk)
    return stored_file_response(
        letter.pdf, filename=f"to-trinh-{letter.slug}.pdf", content_type="application/pdf"
    )


@require_GET
@login_required
@permission_required_by(can_forward_any)
def submission_letter_package(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The ZIP for the Ministry (built from the stored files, the same bytes every time)."""
    letter = get_object_or_404(submission_letters_visible_to(request.user), pk=pk)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    ok, _manifest = run_service(request, lambda: dossier_package.package_write(letter, out))
    if not ok:
        out.close()
        return redirect(letter)
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=dossier_package.package_filename(letter),
        content_type="application/zip",
    )
