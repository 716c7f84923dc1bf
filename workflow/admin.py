from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from workflow.exceptions import WorkflowError
from workflow.models import AuditEvent, TransitionLog
from workflow.selectors import available_transitions, history

# The transitions' default `form`: a comment is all they need, so the admin can offer a button.
COMMENT_FORM = "comment"


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited, not even by an administrator."""

    list_display = (
        "at",
        "content_type",
        "object_id",
        "transition",
        "source_state",
        "target_state",
        "actor",
        "comment",
    )
    list_filter = ("content_type", "transition", "target_state")
    search_fields = ("comment", "actor__username")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only, like the transitions: named events are part of the audit trail."""

    list_display = ("at", "content_type", "object_id", "kind", "actor", "system", "comment")
    list_filter = ("content_type", "kind")
    search_fields = ("comment", "actor__username")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TransitionAdminMixin(admin.ModelAdmin):
    """Transitions as buttons on the change form (never an editable state field). A button posts
    `_transition`; the mixin fires it through `transition_run` — the application's registry of
    actions, set by the subclass, the same dispatch as every other entry point — with the
    comment only, and shows the action's own refusal as a message. A transition that declares a
    form other than a comment (the committee's recommendation, from a session) gets no button
    here: it needs what this form cannot give, and its action says so if posted."""

    change_form_template = "admin/workflow/change_form_transitions.html"
    # (instance=, name=, actor=, comment=, expected_state=) -> the instance
    transition_run: Callable[..., Any]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "state")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None and request.method == "POST" and "_transition" in request.POST:
            name = request.POST["_transition"]
            try:
                self.transition_run(
                    instance=obj,
                    name=name,
                    actor=request.user,
                    comment=request.POST.get("_comment", ""),
                    expected_state=request.POST.get("_expected_state") or None,
                )
                messages.success(request, f"{obj}: {obj.get_state_display()}")
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
            except (WorkflowError, PermissionDenied) as exc:
                messages.error(request, str(exc))
            return redirect(request.path)
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["available_transitions"] = [
                t for t in available_transitions(obj, request.user) if t.form == COMMENT_FORM
            ]
            extra_context["transition_history"] = history(obj)
        return super().changeform_view(request, object_id, form_url, extra_context)
