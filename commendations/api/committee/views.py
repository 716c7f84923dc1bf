"""REST API: council sessions, votes, recusals and the recommendation from a session."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from commendations.access.permissions import can_forward_any, can_review_any
from commendations.actions.committee import nominations_recommend
from commendations.actions.registry import action_allowed
from commendations.api.base import ApiMixin
from commendations.api.committee import serializers as committee_serializers
from commendations.committee import services as committee_services
from commendations.committee.models import CommitteeSession
from commendations.committee.selectors import (
    committee_sessions_visible_to,
    session_board,
    session_nominations_awaiting,
)
from commendations.nominations.models import Nomination
from commendations.nominations.selectors import nominations_visible_to


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

    summaries = {
        "list": "Danh sách phiên họp Hội đồng",
        "create": "Tạo phiên họp Hội đồng",
        "retrieve": "Xem phiên họp: thành viên, phiếu và kết quả",
        "votes": "Ghi phiếu biểu quyết một hồ sơ",
        "recusals": "Ghi thành viên không tham gia biểu quyết một hồ sơ",
        "recommend": "Ghi kết quả đề nghị của phiên họp",
    }

    serializer_class = committee_serializers.CommitteeSessionSerializer
    action_permissions = {
        "list": can_review_any,
        "retrieve": can_review_any,
        "votes": can_review_any,
        "recusals": can_review_any,
        "create": can_forward_any,
        "recommend": action_allowed(Nomination, "recommend"),
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
        return committee_serializers.SessionNominationSerializer(row).data

    @extend_schema(
        parameters=[committee_serializers.SessionPageSerializer],
        responses={200: committee_serializers.CommitteeSessionDetailSerializer},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The session, its members, and for each nomination awaiting review that the caller
        may see: every member's vote or recusal, the computed tally and whether it carries
        (`?page=`: the nominations come by pages of the API's page size)."""
        session = self.get_object()
        params = committee_serializers.SessionPageSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        paginator = Paginator(
            session_nominations_awaiting(session, request.user), api_settings.PAGE_SIZE
        )
        page = paginator.get_page(params.validated_data.get("page", 1))
        session.board = session_board(session, list(page.object_list), request.user)
        session.nominations_count = paginator.count
        session.nominations_page = page.number
        session.nominations_pages = paginator.num_pages
        return Response(committee_serializers.CommitteeSessionDetailSerializer(session).data)

    @extend_schema(
        request=committee_serializers.VoteRequestSerializer,
        responses={200: committee_serializers.SessionNominationSerializer},
    )
    @action(detail=True, methods=["post"])
    def votes(self, request: Request, pk: str | None = None) -> Response:
        """The caller's own vote on one nomination (sent again, it replaces the earlier one)."""
        session = self.get_object()
        payload = committee_serializers.VoteRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        nomination = self._nomination(payload.validated_data["nomination"])
        choice = payload.validated_data["choice"]
        if choice == committee_services.VOTE_WITHDRAW:
            committee_services.vote_withdraw(
                session=session, nomination=nomination, member=request.user
            )
        else:
            committee_services.vote_cast(
                session=session, nomination=nomination, member=request.user, choice=choice
            )
        return Response(self._row(session, nomination))

    @extend_schema(
        request=committee_serializers.RecusalRequestSerializer,
        responses={200: committee_serializers.SessionNominationSerializer},
    )
    @action(detail=True, methods=["post"])
    def recusals(self, request: Request, pk: str | None = None) -> Response:
        """The caller stands aside from one nomination, or the secretary records it for a
        sitting `member`; the member's vote, if any, leaves the tally."""
        session = self.get_object()
        payload = committee_serializers.RecusalRequestSerializer(data=request.data)
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
        request=committee_serializers.SessionRecommendRequestSerializer,
        responses={200: committee_serializers.RecommendedNominationSerializer(many=True)},
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def recommend(self, request: Request, pk: str | None = None) -> Response:
        """The secretary records the session's recommendation: each nomination goes through
        `recommend` with the tally computed from the members' votes (all or none)."""
        session = self.get_object()
        payload = committee_serializers.SessionRecommendRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        ids = set(payload.validated_data["nominations"])
        chosen = list(session_nominations_awaiting(session, request.user).filter(pk__in=ids))
        if len(chosen) != len(ids):
            raise serializers.ValidationError(
                {"nominations": [_("Có hồ sơ không tồn tại hoặc không còn chờ thẩm định.")]}
            )
        done = nominations_recommend(
            session=session,
            nominations=chosen,
            actor=request.user,
            comment=payload.validated_data["comment"],
        )
        return Response(committee_serializers.RecommendedNominationSerializer(done, many=True).data)
