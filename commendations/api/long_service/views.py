"""REST API: the long-service batch — one proposal of many people (the nominations and the Tờ
trình to the Ministry), and the decision recorded when it comes back. Each is one action
(`actions.long_service`)."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.access.permissions import can_decide_any, can_forward_any
from commendations.actions.long_service import (
    long_service_decision_record,
    long_service_letters_visible_to,
    long_service_propose,
)
from commendations.api.base import ApiMixin
from commendations.api.long_service import serializers as ls_serializers
from commendations.campaigns.models import AwardAuthority
from commendations.documents.signer import Signer


def _signer(data: dict[str, Any]) -> Signer:
    return Signer(
        mode=data.get("signer_mode", ""),
        principal_title=data.get("signer_principal_title", ""),
        title=data["signer_title"],
        rank=data.get("signer_rank", ""),
        name=data["signer_name"],
    )


class LongServiceProposalViewSet(ApiMixin, viewsets.GenericViewSet):
    """Khen thưởng theo niên hạn: the office proposes (`create`), the authority's decision is
    recorded (`decision`)."""

    summaries = {
        "create": "Đề nghị khen thưởng theo niên hạn cho nhiều người",
        "decision": "Ghi quyết định khen thưởng theo niên hạn",
    }

    serializer_class = ls_serializers.ProposalRequestSerializer
    action_permissions = {"create": can_forward_any, "decision": can_decide_any}

    def get_queryset(self) -> QuerySet:
        return long_service_letters_visible_to(self.request.user)

    @extend_schema(
        request=ls_serializers.ProposalRequestSerializer,
        responses={201: ls_serializers.ProposalSerializer},
    )
    def create(self, request: Request) -> Response:
        """One nomination per person and award due (computed again from the service records),
        sent straight to the Ministry, and the Tờ trình listing them (PDF/A made in the
        request)."""
        params = ls_serializers.ProposalRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        proposal = long_service_propose(
            actor=request.user,
            year=data["year"],
            person_ids=data["people"],
            number=data["number"],
            date=data["date"],
            signer=_signer(data),
        )
        body = ls_serializers.ProposalSerializer(proposal).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ls_serializers.DecisionRequestSerializer,
        responses={201: ls_serializers.RecordedDecisionSerializer},
    )
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        """Record the decision for this Tờ trình's nominations the authority decides: issued at
        once (approved, certificates numbered), each person's honour in the history."""
        letter = self.get_object()
        params = ls_serializers.DecisionRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        decided_by = get_object_or_404(AwardAuthority, code=data["decided_by"])
        decision = long_service_decision_record(
            actor=request.user,
            letter=letter,
            decided_by=decided_by,
            number=data["number"],
            date=data["date"],
            signer=_signer(data),
            nomination_ids=data.get("nominations"),
        )
        body = {
            "id": decision.pk,
            "number": decision.number,
            "date": decision.date,
            "state": decision.state,
            "signer_name": decision.signer_name,
            "nominations": sorted(decision.nominations.values_list("pk", flat=True)),
        }
        return Response(
            ls_serializers.RecordedDecisionSerializer(body).data, status=status.HTTP_201_CREATED
        )
