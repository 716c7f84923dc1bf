from django.db import models
from django_fsm import FSMFieldMixin, State

from workflow.selectors import transition_definitions


def mermaid_for_model(model: type[models.Model]) -> str:
    field = next(f for f in model._meta.fields if isinstance(f, FSMFieldMixin))
    lines = ["stateDiagram-v2", f"    [*] --> {field.default}"]
    seen: set[tuple[str, str, str]] = set()
    for transition in transition_definitions(model):
        targets = (
            list(transition.target.allowed_states)
            if isinstance(transition.target, State)
            else [transition.target]
        )
        for target in targets:
            edge = (str(transition.source), str(target), transition.name)
            if edge not in seen:
                seen.add(edge)
                lines.append(f"    {edge[0]} --> {edge[1]}: {edge[2]}")
    return "\n".join(lines)
