"""drf-spectacular post-processing (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]): every
operation gets a summary (the first sentence of its description, else its name), and the
schema lists every tag it uses with a description — new endpoints included, with no work."""

import re
from collections import Counter
from typing import Any

TAG_DESCRIPTIONS = {
    "auth": "Tokens: POST a username and password, then send `Authorization: Bearer <token>`.",
    "me": "Who the caller is: id, name, units, roles, capabilities.",
    "users": "Active users by role (seating a committee session).",
    "units": "The unit registry, as it stood on a day.",
    "campaigns": "Emulation campaigns.",
    "award-types": "Award types and the authority deciding them.",
    "nominations": "Nominations, their dossier, transitions, Excel import and export.",
    "imports": "Excel imports running in the background.",
    "committee-sessions": "Council sessions: members, votes, recusals, recommendation.",
    "decisions": "Decisions: drafting, issuing, documents, certificates' progress, revocation.",
    "submission-letters": "Submission letters (Tờ trình) to the Ministry.",
    "certificates": "Certificates: files, PDF/A, marking printed or presented, retry.",
    "replacements": "Replacement (cấp đổi, cấp lại) requests.",
    "ceremonies": "Ceremonies and their print packs.",
    "print-packs": "A ceremony's print pack and its files.",
    "notifications": "The caller's notifications.",
    "statistics": "The dashboard's numbers.",
    "verify": "Public verification of a certificate (no login).",
}
SENTENCE_END = re.compile(r"(?<=\.)\s")
SUMMARY_MAX = 100


VERBS = (
    ("_partial_update", "update"),
    ("_update", "replace"),
    ("_destroy", "delete"),
    ("_retrieve", "get"),
    ("_list", "list"),
    ("_create", "create"),
)


def _from_operation_id(operation_id: str) -> str:
    for suffix, verb in VERBS:
        if operation_id.endswith(suffix):
            words = operation_id.removesuffix(suffix).replace("_", " ")
            return f"{words[:1].upper()}{words[1:]}: {verb}"
    words = operation_id.replace("_", " ")
    return words[:1].upper() + words[1:]


def _summary(operation: dict[str, Any], shared: bool) -> str:
    """The description's first sentence, unless several operations share the description (a
    viewset's docstring): then what the operation does, from its id."""
    description = " ".join((operation.get("description") or "").split())
    if description and not shared:
        first = SENTENCE_END.split(description, maxsplit=1)[0].rstrip(".:;")
        if len(first) <= SUMMARY_MAX:
            return first
        return first[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"
    return _from_operation_id(operation.get("operationId", ""))


def postprocess_summaries_and_tags(result: dict, generator: Any, **kwargs: Any) -> dict:
    used: list[str] = []
    operations = [
        operation
        for item in result.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    descriptions = Counter(operation.get("description", "") for operation in operations)
    for operation in operations:
        description = operation.get("description", "")
        operation.setdefault("summary", _summary(operation, descriptions[description] > 1))
        for tag in operation.get("tags", []):
            if tag not in used:
                used.append(tag)
    listed = {tag["name"] for tag in result.get("tags", [])}
    result.setdefault("tags", [])
    for tag in sorted(used):
        if tag not in listed:
            entry = {"name": tag}
            if tag in TAG_DESCRIPTIONS:
                entry["description"] = TAG_DESCRIPTIONS[tag]
            result["tags"].append(entry)
    return result
