"""REST API v1. Every object comes from the selectors (unit scoping in one place: another unit's
nomination is a 404 on every verb); every write calls a service."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404 as drf_get_object_or_404
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from workflow.services import available_transitions, history, transition_perform

from .. import documents
from ..models import (
    AwardType,
    Campaign,
    Ceremony,
    Certificate,
    CommitteeSession,
    Nomination,
    PrintPack,
    Unit,
)
from ..permissions import can_manage_certificates, has_perm
from ..rules.selectors import nomination_rules_context
from ..selectors import (
    certificates_of_decision,
    committee_sessions_visible_to,
    decisions_visible_to,
    nominations_search,
    nominations_visible_to,
    session_board,
    session_nominations_awaiting,
)
from ..services import certificates as certificate_services
from ..services import committee as committee_services
from ..services import excel_export, excel_import
from ..services.decisions import decision_issue
from ..services.eligibility import eligibility_confirm, nominee_link_set
from ..stats import campaign_statistics
from . import serializers as s
from .schema import ApiAutoSchema, ImportErrorSerializer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PACK_FILES = {
    "pdf": ("application/pdf", "ban-in.pdf"),
    "zip": ("application/zip", "ban-docx.zip"),
    "docx": (DOCX, "ban-in.docx"),
}


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ApiMixin:
    schema = ApiAutoSchema()
    # action -> the permissions of which one is needed, checked before the request body is read
    # (403, not a 400 that would tell a role without the right which fields to send)
    action_permissions: dict[str, tuple[str, ...]] = {}

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)  # type: ignore[misc]
        needed = self.action_permissions.get(getattr(self, "action", None) or "")
        if needed and not any(has_perm(request.user, codename) for codename in needed):
            self.permission_denied(request)  # type: ignore[attr-defined]


class TokenView(ApiMixin, APIView):
    """Exchange a username and password for a token: then send `Authorization: Token <token>`."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(request=s.TokenRequestSerializer, responses={200: s.TokenSerializer})
    def post(self, request: Request) -> Response:
        serializer = s.TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class UnitViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Unit.objects.order_by("path")
    serializer_class = s.UnitSerializer


class CampaignViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Campaign.objects.prefetch_related("award_types").order_by("-year", "name")
    serializer_class = s.CampaignSerializer


class AwardTypeViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    queryset = AwardType.objects.order_by("sort_order", "code")
    serializer_class = s.AwardTypeSerializer


@extend_schema(parameters=[s.NominationFilterSerializer])
class NominationViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.NominationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {
        action_name: ("propose_nomination",)
        for action_name in (
            "create",
            "partial_update",
            "attachments",
            "import_",
            "import_template",
            "nominee_link",
        )
    } | {"eligibility_confirm": ("review_nomination",)}

    def get_queryset(self) -> QuerySet:
        if self.action not in ("list", "export"):
            return nominations_visible_to(self.request.user).order_by("-created_at", "-id")
        filters = s.NominationFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        params = dict(filters.validated_data)
        unit = None
        if "unit" in params:
            unit = Unit.objects.filter(pk=params.pop("unit")).first()
            if unit is None:
                return nominations_visible_to(self.request.user).none()
        return nominations_search(
            self.request.user,
            campaign=params.get("campaign"),
            unit=unit,
            award_type=params.get("award_type"),
            nominee_kind=params.get("nominee_kind", ""),
            state=params.get("state", ""),
            q=params.get("search", ""),
        )

    @extend_schema(parameters=[s.NominationFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": s.AttachmentSerializer},
        responses={201: s.AttachmentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        serializer = s.AttachmentSerializer(
            data=request.data, context={"request": request, "nomination": nomination}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.TransitionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def transitions(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        data = [
            {
                "name": t.name,
                "label": t.label,
                "comment_required": t.comment_required,
                "form": t.form,
            }
            for t in available_transitions(nomination, request.user)
        ]
        return Response(s.TransitionSerializer(data, many=True).data)

    @extend_schema(
        request=s.TransitionRequestSerializer,
        responses={200: s.StateSerializer},
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, pattern="^[a-z_]+$")],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"transitions/(?P<name>[a-z_]+)",
        url_name="transition",
    )
    def transition(self, request: Request, pk: str | None = None, name: str = "") -> Response:
        nomination = self.get_object()
        payload = s.TransitionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        nomination = transition_perform(
            instance=nomination,
            name=name,
            actor=request.user,
            comment=payload.validated_data.get("comment", ""),
            expected_state=payload.validated_data.get("expected_state"),
        )
        return Response({"id": nomination.pk, "state": nomination.state})

    @extend_schema(responses={200: s.EligibilitySerializer})
    @action(detail=True, methods=["get"], pagination_class=None)
    def eligibility(self, request: Request, pk: str | None = None) -> Response:
        """Each condition of the rule set in force: met / not_met / unknown, with the reason."""
        context = nomination_rules_context(self.get_object())
        rule_set = context["rule_set"]
        return Response(
            s.EligibilitySerializer(
                {
                    "rule_set": rule_set.name if rule_set else None,
                    "legal_reference": rule_set.legal_reference if rule_set else "",
                    "conditions": context["rows"],
                    "quota": context["quota"],
                }
            ).data
        )

    @extend_schema(
        request=s.EligibilityConfirmRequestSerializer,
        responses={200: s.EligibilitySerializer},
        parameters=[
            OpenApiParameter("code", str, OpenApiParameter.PATH, pattern="^[-a-zA-Z0-9_]+$")
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"eligibility/(?P<code>[-a-zA-Z0-9_]+)/confirm",
        url_name="eligibility-confirm",
        pagination_class=None,
    )
    def eligibility_confirm(
        self, request: Request, pk: str | None = None, code: str = ""
    ) -> Response:
        """A committee member confirms a condition reported `unknown`, with the grounds (the
        web's confirmation form; audited). Answers the conditions as they now stand."""
        nomination = self.get_object()
        payload = s.EligibilityConfirmRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        eligibility_confirm(
            nomination=nomination,
            code=code,
            actor=request.user,
            reason=payload.validated_data["reason"],
        )
        return self.eligibility(request, pk)

    @extend_schema(request=s.NomineeLinkSerializer, responses={200: s.NomineeLinkSerializer})
    @action(detail=True, methods=["post"], url_path="nominee-link", url_name="nominee-link")
    def nominee_link(self, request: Request, pk: str | None = None) -> Response:
        """Link an individual nomination (draft or returned) to a person of the history; sent
        again, it replaces the person."""
        nomination = self.get_object()
        payload = s.NomineeLinkSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        link = nominee_link_set(
            nomination=nomination, person=payload.validated_data["person"], actor=request.user
        )
        return Response(s.NomineeLinkSerializer(link).data)

    @extend_schema(responses={200: s.HistorySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        return Response(s.HistorySerializer(history(nomination), many=True).data)

    @extend_schema(
        parameters=[s.NominationFilterSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request: Request) -> HttpResponse:
        """The filtered list as an Excel workbook."""
        return xlsx_response(
            excel_export.nominations_xlsx(self.get_queryset()), "danh-sach-ho-so.xlsx"
        )

    @extend_schema(
        parameters=[s.TemplateRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    @action(detail=False, methods=["get"], url_path="import-template", pagination_class=None)
    def import_template(self, request: Request) -> HttpResponse:
        params = s.TemplateRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        content = excel_import.import_template_build(campaign=campaign, user=request.user)
        return xlsx_response(content, "mau-nhap-ho-so.xlsx")

    @extend_schema(
        request={"multipart/form-data": s.ImportRequestSerializer},
        responses={201: s.ImportResultSerializer, 400: ImportErrorSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
        url_name="import",
    )
    def import_(self, request: Request) -> Response:
        """All or nothing: 201 with the new drafts, or 400 with every error by row and column."""
        payload = s.ImportRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = excel_import.nominations_import(
            campaign=payload.validated_data["campaign"],
            upload=payload.validated_data["file"],
            actor=request.user,
        )
        if not result.ok:
            return Response(
                {
                    "code": "validation_error",
                    "detail": result.summary,
                    "errors": [e.as_dict() for e in result.errors],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {"created": len(result.created), "ids": [n.pk for n in result.created]},
            status=status.HTTP_201_CREATED,
        )


class DecisionViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.DecisionSerializer
    action_permissions = {"create": ("decide_director", "decide_ministry")}

    def get_queryset(self) -> QuerySet:
        return decisions_visible_to(self.request.user).prefetch_related("nominations")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["visible_nominations"] = nominations_visible_to(self.request.user)
        return context

    @extend_schema(request=None, responses={200: s.StateSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Approve every nomination of the decision (all or none)."""
        decision = decision_issue(decision=self.get_object(), actor=request.user)
        return Response({"id": decision.pk, "state": decision.state})

    @extend_schema(
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def annex(self, request: Request, pk: str | None = None) -> HttpResponse:
        """Danh sách kèm theo Quyết định, as .xlsx."""
        decision = self.get_object()
        return xlsx_response(
            excel_export.decision_annex_xlsx(decision), f"danh-sach-kem-theo-qd-{decision.pk}.xlsx"
        )

    @extend_schema(responses={200: s.ProgressSerializer})
    @action(detail=True, methods=["get"], pagination_class=None)
    def progress(self, request: Request, pk: str | None = None) -> Response:
        """Certificate rendering: poll until `finished`."""
        progress = certificate_services.decision_progress(self.get_object())
        return Response(s.ProgressSerializer(progress).data)

    @extend_schema(responses={200: s.CertificateSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def certificates(self, request: Request, pk: str | None = None) -> Response:
        certificates = certificates_of_decision(self.get_object())
        return Response(
            s.CertificateSerializer(certificates, many=True, context={"request": request}).data
        )

    @extend_schema(request=None, responses={202: s.ProgressSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="certificates/generate",
        url_name="certificates-generate",
    )
    def certificates_generate(self, request: Request, pk: str | None = None) -> Response:
        """Number any certificate still missing and (re)start rendering; safe to call twice."""
        decision = self.get_object()
        certificate_services.certificates_generate(decision=decision, actor=request.user)
        progress = certificate_services.decision_progress(decision)
        return Response(s.ProgressSerializer(progress).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description=".docx")}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def document(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The Quyết định as Word, with its annex table."""
        decision = self.get_object()
        response = HttpResponse(documents.decision_document(decision), content_type=DOCX)
        name = decision.number.replace("/", "-")
        response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{pk}.docx"'
        response["X-Decision-Number"] = name.encode("ascii", "ignore").decode()
        return response


class CertificateDownloadView(ApiMixin, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description=".docx")},
    )
    def get(self, request: Request, pk: str) -> FileResponse:
        certificate = drf_get_object_or_404(
            Certificate.objects.filter(decision__in=decisions_visible_to(request.user)), pk=pk
        )
        if not certificate.file:
            raise Http404
        return FileResponse(
            certificate.file.open("rb"),
            as_attachment=True,
            filename=f"{certificate.registry_number}.docx",
            content_type=DOCX,
        )


def _clerk_only(user: Any) -> bool:
    return can_manage_certificates(None, user)


class CeremonyViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Ceremonies and their print packs: the clerk's (văn thư) work."""

    serializer_class = s.CeremonySerializer
    action_permissions = {"create": ("manage_certificates",)}

    def get_queryset(self) -> QuerySet:
        if not _clerk_only(self.request.user):
            return Ceremony.objects.none()
        return Ceremony.objects.prefetch_related("decisions").order_by("-date", "-id")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["visible_decisions"] = decisions_visible_to(self.request.user)
        return context

    @extend_schema(request=None, responses={202: s.PrintPackSerializer})
    @action(detail=True, methods=["post"], url_path="print-pack", url_name="print-pack")
    def print_pack(self, request: Request, pk: str | None = None) -> Response:
        """Start building the print pack (PDF in ceremony order + ZIP); poll /print-packs/{id}/."""
        pack = certificate_services.print_pack_request(
            ceremony=self.get_object(), actor=request.user
        )
        return Response(
            s.PrintPackSerializer(pack, context={"request": request}).data,
            status=status.HTTP_202_ACCEPTED,
        )


class PrintPackViewSet(ApiMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.PrintPackSerializer

    def get_queryset(self) -> QuerySet:
        if not _clerk_only(self.request.user):
            return PrintPack.objects.none()
        return PrintPack.objects.all()

    @extend_schema(
        operation_id="print_packs_download",
        parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(PACK_FILES))],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="pdf, zip or docx"
            )
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"(?P<kind>pdf|zip|docx)",
        url_name="download",
        pagination_class=None,
    )
    def download(self, request: Request, pk: str | None = None, kind: str = "") -> FileResponse:
        pack = self.get_object()
        stored = getattr(pack, kind, None)
        if pack.status != PrintPack.Status.DONE or not stored:
            raise Http404
        content_type, filename = PACK_FILES[kind]
        return FileResponse(
            stored.open("rb"),
            as_attachment=True,
            filename=f"le-{pack.ceremony_id}-{filename}",
            content_type=content_type,
        )


class StatisticsView(ApiMixin, APIView):
    """The dashboard's numbers (the same selector as the web page)."""

    @extend_schema(
        parameters=[s.StatisticsRequestSerializer], responses={200: s.StatisticsSerializer}
    )
    def get(self, request: Request) -> Response:
        params = s.StatisticsRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        stats = campaign_statistics(campaign=campaign, user=request.user)
        return Response(s.StatisticsSerializer(stats).data)


class StatisticsExportView(ApiMixin, APIView):
    @extend_schema(
        parameters=[s.StatisticsRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    def get(self, request: Request) -> HttpResponse:
        params = s.StatisticsRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        stats = campaign_statistics(campaign=campaign, user=request.user)
        return xlsx_response(excel_export.statistics_xlsx(stats), f"thong-ke-{campaign.pk}.xlsx")


class CertificateViewSet(
    ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Certificates of the nominations the user may see, with `verification_url`."""

    serializer_class = s.CertificateSerializer

    def get_queryset(self) -> QuerySet:
        return (
            Certificate.objects.filter(nomination__in=nominations_visible_to(self.request.user))
            .select_related("nomination", "decision")
            .order_by("authority", "year", "serial")
        )


REVIEW = ("review_nomination",)
FORWARD = ("forward_nomination",)


class CommitteeSessionViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The committee's sessions: each member votes (or stands aside) per nomination, the tally
    is computed from those votes, and the secretary records the recommendation from it. The
    secretary sees every session, a member the sessions they sit in."""

    serializer_class = s.CommitteeSessionSerializer
    action_permissions = {
        "list": REVIEW,
        "retrieve": REVIEW,
        "votes": REVIEW,
        "recusals": REVIEW,
        "create": FORWARD,
        "recommend": FORWARD,
    }

    def get_queryset(self) -> QuerySet:
        members = get_user_model().objects.order_by("first_name", "last_name", "username")
        return (
            committee_sessions_visible_to(self.request.user)
            .prefetch_related(Prefetch("members", queryset=members))
            .order_by("-held_on", "-id")
        )

    def _nomination(self, nomination_id: int) -> Nomination:
        nomination = nominations_visible_to(self.request.user).filter(pk=nomination_id).first()
        if nomination is None:
            raise serializers.ValidationError({"nomination": [_("Không tìm thấy hồ sơ.")]})
        return nomination

    def _row(self, session: CommitteeSession, nomination: Nomination) -> dict[str, Any]:
        row = session_board(session, [nomination], self.request.user)[0]
        return s.SessionNominationSerializer(row).data

    @extend_schema(
        parameters=[s.SessionPageSerializer],
        responses={200: s.CommitteeSessionDetailSerializer},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The session, its members, and for each nomination awaiting review that the caller
        may see: every member's vote or recusal, the computed tally and whether it carries
        (`?page=`: the nominations come by pages of the API's page size)."""
        session = self.get_object()
        params = s.SessionPageSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        paginator = Paginator(
            session_nominations_awaiting(session, request.user), api_settings.PAGE_SIZE
        )
        page = paginator.get_page(params.validated_data.get("page", 1))
        session.board = session_board(session, list(page.object_list), request.user)
        session.nominations_count = paginator.count
        session.nominations_page = page.number
        session.nominations_pages = paginator.num_pages
        return Response(s.CommitteeSessionDetailSerializer(session).data)

    @extend_schema(request=s.VoteRequestSerializer, responses={200: s.SessionNominationSerializer})
    @action(detail=True, methods=["post"])
    def votes(self, request: Request, pk: str | None = None) -> Response:
        """The caller's own vote on one nomination (sent again, it replaces the earlier one)."""
        session = self.get_object()
        payload = s.VoteRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        nomination = self._nomination(payload.validated_data["nomination"])
        committee_services.vote_cast(
            session=session,
            nomination=nomination,
            member=request.user,
            choice=payload.validated_data["choice"],
        )
        return Response(self._row(session, nomination))

    @extend_schema(
        request=s.RecusalRequestSerializer, responses={200: s.SessionNominationSerializer}
    )
    @action(detail=True, methods=["post"])
    def recusals(self, request: Request, pk: str | None = None) -> Response:
        """The caller stands aside from one nomination, or the secretary records it for a
        sitting `member`; the member's vote, if any, leaves the tally."""
        session = self.get_object()
        payload = s.RecusalRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        nomination = self._nomination(payload.validated_data["nomination"])
        member = request.user
        if "member" in payload.validated_data:
            member = session.members.filter(pk=payload.validated_data["member"]).first()
            if member is None:
                raise serializers.ValidationError({"member": [_("Người này không dự phiên họp.")]})
        committee_services.recusal_declare(
            session=session,
            nomination=nomination,
            member=member,
            reason=payload.validated_data["reason"],
            actor=request.user,
        )
        return Response(self._row(session, nomination))

    @extend_schema(
        request=s.SessionRecommendRequestSerializer,
        responses={200: s.RecommendedNominationSerializer(many=True)},
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def recommend(self, request: Request, pk: str | None = None) -> Response:
        """The secretary records the session's recommendation: each nomination goes through
        `recommend` with the tally computed from the members' votes (all or none)."""
        session = self.get_object()
        payload = s.SessionRecommendRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        ids = set(payload.validated_data["nominations"])
        chosen = list(session_nominations_awaiting(session, request.user).filter(pk__in=ids))
        if len(chosen) != len(ids):
            raise serializers.ValidationError(
                {"nominations": [_("Có hồ sơ không tồn tại hoặc không còn chờ thẩm định.")]}
            )
        done = committee_services.session_recommend(
            session=session,
            nominations=chosen,
            actor=request.user,
            comment=payload.validated_data["comment"],
        )
        return Response(s.RecommendedNominationSerializer(done, many=True).data)
