"""What every API view shares: the schema with its error shapes, permissions checked per
action before the request body is read, and the conventions that keep an integration in step
without code in each view:

- `ETag` on a single object's answer, and `If-Match` on a write to it: 412 when the object has
  changed since the client read it (the ETag is a digest of the object's representation);
- `Idempotency-Key` on a POST: the same key from the same user on the same path replays the
  first answer (`Idempotent-Replayed: true`) for API_IDEMPOTENCY_TTL seconds, kept in the
  cache; the same key with another body is a 422;
- `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset` on every answer (and
  `Retry-After` on a 429) from the throttles (DEFAULT_THROTTLE_CLASSES)."""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.utils.encoders import JSONEncoder

from commendations.api.schema import ApiAutoSchema
from commendations.api.serializers import TransitionSerializer
from workflow.selectors import available_transitions

WRITES = ("PUT", "PATCH", "DELETE", "POST")
IDEMPOTENCY_HEADER = "HTTP_IDEMPOTENCY_KEY"
IDEMPOTENCY_KEY_MAX = 255


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = "The object changed since it was read (If-Match)."


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = "This Idempotency-Key was used with another request."


class IdempotencyInProgress(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_in_progress"
    default_detail = "A request with this Idempotency-Key is still running."


class _Replay(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


def etag_of(data: Any) -> str:
    body = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False)
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


def _if_match_tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


class ApiMixin:
    schema = ApiAutoSchema()
    # action -> the predicate `user -> bool` it needs, checked before the request body is read
    # (403, not a 400 that would tell a role without the right which fields to send): a
    # capability of `access.permissions` or, for an action that fires one transition, its
    # registered action's (`actions.registry.action_allowed`) — the web pages' gates.
    action_permissions: dict[str, Callable[[Any], bool]] = {}
    # The schema's summary of each operation, one line in Vietnamese, keyed by action (a
    # viewset), method (an APIView) or "<action>.<method>" (ApiAutoSchema.get_summary).
    summaries: dict[str, str] = {}
    # The schema's description of an operation the view inherits (a mixin's list, retrieve,
    # create…) and so has no docstring of its own; same keys as `summaries`.
    descriptions: dict[str, str] = {}

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)  # type: ignore[misc]
        allowed = self.action_permissions.get(getattr(self, "action", None) or "")
        if allowed is not None and not allowed(request.user):
            self.permission_denied(request)  # type: ignore[attr-defined]

    def paginated(self, rows: Any, serializer_class: type, **kwargs: Any) -> Response:
        """A sub-collection (a nomination's history, a decision's certificates) answered like
        every list: one page of `rows` in `{count, next, previous, results}`, `page` and
        `page_size` as anywhere else; its order is its own (no `ordering`)."""
        page = self.paginate_queryset(rows)  # type: ignore[attr-defined]
        data = serializer_class(page, many=True, **kwargs).data
        return self.get_paginated_response(data)  # type: ignore[attr-defined]

    def transitions_page(self, instance: Any) -> Response:
        """What the caller may do with `instance` now (its transitions' names, labels, whether a
        comment is required, the form each takes), as a page."""
        data = [
            {"name": t.name, "label": t.label, "comment_required": t.comment_required,
             "form": t.form}
            for t in available_transitions(instance, self.request.user)  # type: ignore[attr-defined]
        ]  # fmt: skip
        return self.paginated(data, TransitionSerializer)

    # --- ETag / If-Match -------------------------------------------------------------------

    def _representation(self, instance: Any) -> Any:
        """The object as its GET answers it: what the ETag digests."""
        action = getattr(self, "action", None)
        self.action = "retrieve"
        try:
            serializer_class = self.get_serializer_class()  # type: ignore[attr-defined]
        except AssertionError:  # no serializer_class
            return None
        finally:
            self.action = action
        return serializer_class(instance, context=self.get_serializer_context()).data  # type: ignore[attr-defined]

    def get_object(self) -> Any:
        instance = super().get_object()  # type: ignore[misc]
        request = self.request  # type: ignore[attr-defined]
        if_match = request.META.get("HTTP_IF_MATCH")
        if request.method in WRITES and if_match and if_match.strip() != "*":
            representation = self._representation(instance)
            if representation is not None and etag_of(representation) not in _if_match_tags(
                if_match
            ):
                raise PreconditionFailed(
                    _("Đối tượng đã thay đổi từ lần đọc trước (If-Match): đọc lại rồi gửi lại.")
                )
        return instance

    # --- throttles, kept for their headers --------------------------------------------------

    def check_throttles(self, request: Request) -> None:
        self._throttles_seen = []
        waits = []
        for throttle in self.get_throttles():  # type: ignore[attr-defined]
            self._throttles_seen.append(throttle)
            if not throttle.allow_request(request, self):
                waits.append(throttle.wait())
        if waits:
            self.throttled(request, max((w for w in waits if w is not None), default=None))  # type: ignore[attr-defined]

    def _rate_limit_headers(self, response: Response) -> None:
        best: tuple[int, int, int] | None = None
        for throttle in getattr(self, "_throttles_seen", []):
            if not isinstance(throttle, SimpleRateThrottle) or throttle.rate is None:
                continue
            history = getattr(throttle, "history", None)
            if history is None:
                continue
            limit, duration = throttle.num_requests, throttle.duration
            remaining = max(0, limit - len(history))
            reset = int(duration - (throttle.now - history[-1])) if history else duration
            if best is None or remaining < best[1]:
                best = (limit, remaining, max(reset, 0))
        if best is not None:
            response["RateLimit-Limit"] = str(best[0])
            response["RateLimit-Remaining"] = str(best[1])
            response["RateLimit-Reset"] = str(best[2])
        if (
            response.status_code == status.HTTP_429_TOO_MANY_REQUESTS
            and "Retry-After" not in response
        ):
            response["Retry-After"] = str(best[2] if best else 60)

    # --- Idempotency-Key --------------------------------------------------------------------

    def _idempotency_cache_key(self, request: Request) -> str | None:
        key = request.META.get(IDEMPOTENCY_HEADER)
        if request.method != "POST" or not key or not request.user.is_authenticated:
            return None
        if len(key) > IDEMPOTENCY_KEY_MAX:
            raise exceptions.ValidationError({"Idempotency-Key": [_("Tối đa 255 ký tự.")]})
        digest = hashlib.sha256(f"{request.user.pk}\0{request.path}\0{key}".encode()).hexdigest()
        return f"api-idempotency:{digest}"

    def _request_fingerprint(self, request: Request) -> str:
        try:
            body = request._request.body
        except RawPostDataException:  # a multipart body already read (CSRF): its fields
            body = repr(
                sorted(
                    (name, getattr(value, "name", value), getattr(value, "size", None))
                    for name, value in request.data.items()
                )
            ).encode()
        return hashlib.sha256(body).hexdigest()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        cache_key = self._idempotency_cache_key(request)
        self._idempotency = None
        if cache_key is None:
            return
        fingerprint = self._request_fingerprint(request)
        stored = cache.get(cache_key)
        if stored is not None:
            if stored.get("fingerprint") != fingerprint:
                raise IdempotencyKeyReused(_("Idempotency-Key này đã dùng cho một yêu cầu khác."))
            if stored.get("pending"):
                raise IdempotencyInProgress(_("Yêu cầu với Idempotency-Key này đang được xử lý."))
            replay = Response(stored["data"], status=stored["status"])
            replay["Idempotent-Replayed"] = "true"
            raise _Replay(replay)
        if not cache.add(
            cache_key, {"fingerprint": fingerprint, "pending": True}, settings.API_IDEMPOTENCY_TTL
        ):
            raise IdempotencyInProgress(_("Yêu cầu với Idempotency-Key này đang được xử lý."))
        self._idempotency = (cache_key, fingerprint)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, _Replay):
            return exc.response
        return super().handle_exception(exc)  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        idempotency = getattr(self, "_idempotency", None)
        if idempotency is not None:
            cache_key, fingerprint = idempotency
            if 200 <= response.status_code < 300 and isinstance(response, Response):
                cache.set(
                    cache_key,
                    {"fingerprint": fingerprint, "status": response.status_code,
                     "data": response.data},
                    settings.API_IDEMPOTENCY_TTL,
                )  # fmt: skip
            else:  # a refused request may be sent again with the same key
                cache.delete(cache_key)
            self._idempotency = None
        if (
            request.method in ("GET", "HEAD", "PUT", "PATCH")
            and response.status_code == status.HTTP_200_OK
            and isinstance(response, Response)
            and isinstance(response.data, dict)
            and (getattr(self, "lookup_url_kwarg", None) or "pk") in kwargs
            and getattr(self, "action", None) in ("retrieve", "update", "partial_update")
        ):
            response["ETag"] = etag_of(response.data)
        self._rate_limit_headers(response)
        return response
