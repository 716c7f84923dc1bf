"""drf-spectacular post-processing (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]): the schema
lists every tag it uses with a description — new endpoints included, with no work. (Each
operation's summary is its view's own line, `summaries`: see ApiAutoSchema.get_summary.)"""

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


def postprocess_summaries_and_tags(result: dict, generator: Any, **kwargs: Any) -> dict:
    used: list[str] = []
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
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
