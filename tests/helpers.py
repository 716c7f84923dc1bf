"""Drive a nomination to a state through the real transitions (so the audit trail is real)."""

from workflow.services import transition_perform

PATHS = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return_for_changes"],
    "withdrawn": ["withdraw"],
    "rejected": ["submit", "reject"],
    "recommended": ["submit", "recommend"],
    "awaiting": ["submit", "recommend", "forward"],
}
VOTES = {"votes_for": 7, "votes_against": 1, "votes_abstain": 1}


def advance(nomination, to: str, *, officer, member, secretary):  # noqa: ANN001, ANN201
    for step in PATHS[to]:
        actor = {"submit": officer, "withdraw": officer, "forward": secretary}.get(step, member)
        params = VOTES if step == "recommend" else {}
        comment = "Lý do" if step in {"return_for_changes", "reject"} else ""
        transition_perform(instance=nomination, name=step, actor=actor, comment=comment, **params)
    return nomination
