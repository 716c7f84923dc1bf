"""Examples in the schema, built from each body's own schema (so they cannot drift from it) and
one vocabulary of what the server's data look like: a commune police unit of Gia Lai after the
2025 reorganisation, a captain nominated for the director's Giấy khen, decision 125/QĐ-CAT.

Every request body and every JSON answer gets one example (a page of a list is a page of one
row); a download, which has no JSON to show, gets the error it answers most (404 for an
object's file, 403 for an export). A string property needs a value here — `VALUES` by
property name, `BY_COMPONENT` where a name means different things in different components —
else `missing_values()` names it and tests/api/test_schema_examples.py fails, so no
placeholder ever reaches the schema.
`postprocess_examples` (a SPECTACULAR_SETTINGS hook) writes them in."""

from typing import Any

from commendations.access.permissions import Capability

ISO_DATE = "2026-03-14"
ISO_DATETIME = "2026-03-14T09:30:00+07:00"
BASE = "https://khenthuong.congan.gialai.gov.vn"

# By property name, wherever it appears (unless BY_COMPONENT says otherwise).
VALUES: dict[str, Any] = {
    "achievement_summary": "Chủ trì phát hiện, triệt phá 2 ổ nhóm tội phạm ma túy trên địa bàn xã.",
    "actor": "officer",
    "address": "",
    "applicant": "Nguyễn Văn Hùng",
    "award": "Giấy khen của Giám đốc Công an tỉnh",
    "award_type_name": "Chiến sĩ thi đua cơ sở",
    "choice_label": "Tán thành",
    "certificate_registry_number": "CN-2026-0012",
    "citation": "Đã có thành tích xuất sắc trong phong trào thi đua Vì an ninh Tổ quốc năm 2026",
    "column": "Họ và tên",
    "comment": "Hồ sơ đầy đủ, đúng quy định.",
    "confirmation_reason": "",
    "confirmed_by": "",
    "content_type": "application/pdf",
    "created_by": "secretary",
    "decided_by": "Giám đốc Công an tỉnh Gia Lai",
    "decision_number": "125/QĐ-CAT",
    "detail": "Không tìm thấy.",
    "document_number": "1664/NQ-UBTVQH15",
    "ministry_certificate_number": "4517/CSTĐ-BCA",
    "document_title": "Sắp xếp đơn vị hành chính cấp xã của tỉnh Gia Lai năm 2025",
    "docx_url": None,
    "download_url": f"{BASE}/api/v1/certificates/311/download/",
    "ends_at": "11:00",
    "error": "",
    "excluded": "",
    "file": "bao-cao-thanh-tich.pdf",
    "form": "comment",
    "full_name": "Nguyễn Văn Hùng",
    "issuer": "Cục Chứng thực số và Bảo mật thông tin — Ban Cơ yếu Chính phủ",
    "kind_label": "Hồ sơ chờ xử lý",
    "legal_reference": "Điều 24 Luật Thi đua, khen thưởng 2022",
    "line": "Mời Đại tá Nguyễn Ngọc Sơn, Giám đốc Công an tỉnh, lên trao Giấy khen.",
    "member": "Trần Thị Lan",
    "message": "Đồng chí có 3 hồ sơ chờ xử lý.",
    "minutes_sha256": "9f2c1d7e4b0a6f3e8d5c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e",
    "nationality": "",
    "next": None,
    "nominee_name": "Nguyễn Văn Hùng",
    "note": "",
    "number": "125/QĐ-CAT",
    "organisation": "Công an tỉnh Gia Lai",
    "original_name": "bao-cao-thanh-tich.pdf",
    "password": "matkhau-cua-dong-chi",
    "path": "CAT-GL/CA-XA-CHUPAH",
    "pdf_sha256": "3b8e5f1a2c4d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f",
    "pdf_status": "ready",
    "pdf_url": None,
    "place": "Hội trường Công an tỉnh Gia Lai",
    "position": "Trưởng Công an xã",
    "posthumous_receiver": "",
    "predecessors": "Công an thị trấn Phú Hòa, Công an xã Hòa Phú",
    "prefix": "k7Qm2xZp",
    "previous": None,
    "rank": "Đại úy",
    "reason": "Bản gốc bị hư hỏng do thiên tai.",
    "recipient": "Đại úy Nguyễn Văn Hùng",
    "recognised_by": "Hội đồng sáng kiến Công an tỉnh Gia Lai",
    "recusal_reason": "",
    "reference": "125/QĐ-CAT",
    "registry_number": "GK-2026-0001",
    "registry_prefix": "",
    "replaced_by_path": "",
    "replacement_note": "",
    "revoked_by": "director",
    "revoked_reason": "",
    "rule_set": "Giấy khen của Giám đốc Công an tỉnh (từ 01/01/2024)",
    "seal": "Công an tỉnh Gia Lai",
    "serial": "540346B3F1A2C9E1",
    "share_percent": "100.0",
    "short_name": "Giấy khen GĐ",
    "signature_state": "unsigned",
    "signed_by": "",
    "signed_organisation": "",
    "signed_pdf_sha256": "",
    "sealed_pdf_sha256": "",
    "signed_serial": "",
    "signer": "Nguyễn Ngọc Sơn",
    "signer_name": "Nguyễn Ngọc Sơn",
    "signer_principal_title": "GIÁM ĐỐC",
    "signer_rank": "Đại tá",
    "signer_title": "GIÁM ĐỐC",
    "stage": "submitted",
    "starts_at": "08:00",
    "state_label": "Dự thảo",
    "state_secrets_note": "",
    "nominee_alias": "",
    "subject_kind": "person",
    "summary": "Đã tạo 12 hồ sơ; 1 dòng lỗi.",
    "text": "Hoàn thành tốt nhiệm vụ, có thành tích được cơ quan có thẩm quyền công nhận.",
    "token": "k7Qm2xZpR4tV9wY1bC3dE5fG7hJ9kL2mN4pQ6rS8tU0",
    "url": "/nominations/1024/",
    "username": "officer",
    "verification_url": "https://khenthuong.congan.gialai.gov.vn/xac-minh/MzEx.ZyQ1kA.c2lnbmF0dXJl/",
    "workplace": "Công an xã Chư Păh, tỉnh Gia Lai",
    # numbers, booleans and objects worth more than the type's default
    "campaign": 3,
    "unit": 12,
    "award_type": 5,
    "nomination": 1024,
    "decision": 57,
    "person": 88,
    "certificate": 311,
    "ceremony": 9,
    "chair": 8,
    "secretary": 9,
    "parent": 1,
    "member_id": 7,
    "count": 1,
    "year": 2026,
    "group_size": 10,
    "quorum": 5,
    "percent": 100,
    "votes_for": 6,
    "votes_against": 0,
    "votes_abstain": 1,
    "present": 7,
    "members": [7, 8, 9],
    "nominations": [1024],
    "nomination_ids": [1024],
    "decisions": [57],
    "decision_ids": [57],
    "certificates": [311],
    "ids": [1024],
    "award_types": [3, 5],
    "accepted_kinds": ["individual", "collective"],
    "permissions": [Capability.PROPOSE.value],
    "signer_heading": ["CÔNG AN TỈNH GIA LAI"],
    "missing": [],
    "messages": [],
    "fields": {},
    "chunks": {"total": 2, "done": 2},
    "date_of_birth": "1990-05-20",
    "feat_date": None,
    "valid_to": None,
    "available": 3,
    "limit": 10,
    "approval_rate": 0.8,
    "days": 4.5,
    "contains_state_secrets": False,
    "posthumous": False,
    "simplified_procedure": False,
    "revoked": False,
    "replaced": False,
    "recused": False,
    "automatic": False,
}

VALUES.update(
    {
        "unit_name": "Công an xã Chư Păh",
        "person_name": "Nguyễn Văn Hùng",
        "excluded_reason": "",
        "submission_number": "12/TTr-CAX",
        "council_minutes": "Biên bản họp Hội đồng Thi đua - Khen thưởng ngày 10/12/2026",
        "other_path": "",
        "other_description": "",
    }
)

# Where a property's name means something else in this component (names without the
# `Patched` prefix and `Request` suffix of the split components).
BY_COMPONENT: dict[str, dict[str, Any]] = {
    "AffiliationCount": {"affiliation": "force", "label": "Trong lực lượng Công an"},
    "ApiToken": {"name": "Phần mềm tích hợp của Phòng Tổ chức cán bộ"},
    "AwardAuthority": {"code": "GD-CAT", "name": "Giám đốc Công an tỉnh"},
    "AwardType": {"code": "GK-GD", "name": "Giấy khen của Giám đốc Công an tỉnh"},
    "AwardTypeCount": {"code": "GK-GD", "name": "Giấy khen của Giám đốc Công an tỉnh"},
    "Campaign": {
        "code": "VANTQ-2026",
        "name": "Phong trào thi đua Vì an ninh Tổ quốc năm 2026",
        "opens_on": "2026-01-02",
        "closes_on": "2026-11-30",
    },
    "Ceremony": {"name": "Lễ trao tặng danh hiệu thi đua năm 2026", "date": "2026-03-26"},
    "Certificate": {
        "id": 311,
        "state": "rendered",
        "error": "",
        "nomination": 1024,
        "honour": None,
    },
    "CommitteeSession": {"title": "Phiên họp Hội đồng Thi đua - Khen thưởng tháng 3/2026"},
    "CommitteeSessionDetail": {"title": "Phiên họp Hội đồng Thi đua - Khen thưởng tháng 3/2026"},
    "Decision": {
        "id": 57,
        "authority": "PROVINCIAL_DIRECTOR",
        "signer_mode": "KT.",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "place": "Gia Lai",
        "state": "draft",
        "issued_at": None,
        "pdf_ready": False,
        "pdf_status": "",
        "sealed": False,
        "signed_at": None,
        "registry_first_number": None,
    },
    "DueAwardType": {
        "code": "CSTD-CAND",
        "name": "Chiến sĩ thi đua Công an nhân dân",
        "category": "emulation_title",
    },
    "DueEntry": {
        "reason": "3 năm liền Chiến sĩ thi đua cơ sở (2023, 2024, 2025).",
        "person": {"id": 88, "name": "Nguyễn Văn Hùng"},
        "unit": {"id": 12, "name": "Công an xã Chư Păh"},
    },
    "EligibilityRow": {
        "code": "cstdcs-3-nam",
        "label": "3 năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở",
        "reason": "Đạt: 2023, 2024, 2025.",
    },
    "EligibilityConfirmRequest": {"reason": "Đã đối chiếu quyết định 98/QĐ-CAT năm 2024."},
    "Error": {"code": "not_found"},
    "Evidence": {"year": 2025, "award_type": "Chiến sĩ thi đua cơ sở", "decision": "98/QĐ-CAT"},
    "Funnel": {"label": "Đã trình"},
    "History": {"transition": "submit", "source": "draft", "target": "submitted"},
    "Honour": {"award_type": "CSTDCS", "decided_on": "2025-12-20"},
    "ImportAccepted": {"id": 18, "status": "pending", "url": "/api/v1/imports/18/"},
    "ImportRowError": {"message": "Chưa nhập “Họ và tên”.", "row": 7},
    "Initiative": {
        "title": "Ứng dụng tra cứu lý lịch trên thiết bị di động",
        "recognised_on": "2025-11-05",
        "decision_number": "77/QĐ-CAT",
    },
    "KindCount": {"kind": "individual", "label": "Cá nhân"},
    "Lineage": {"code": "CA-XA-CHUPAH", "name": "Công an xã Chư Păh"},
    "LineageStep": {"code": "CA-PHUHOA", "name": "Công an thị trấn Phú Hòa"},
    "Me": {"name": "Nguyễn Văn Hùng"},
    "MemberVote": {"choice": "for"},
    "Named": {"name": "Nguyễn Văn Hùng"},
    "Nomination": {
        "id": 1024,
        "nominee_kind": "individual",
        "nominee_unit": None,
        "gender": "male",
        "state": "draft",
        "decision": None,
        "feat_date": None,
        "votes_for": None,
        "votes_against": None,
        "votes_abstain": None,
        "submitted_at": None,
        "decided_at": None,
    },
    "NominationImport": {"original_name": "danh-sach-de-nghi.xlsx"},
    "ImportRequest": {"file": "danh-sach-de-nghi.xlsx"},
    "PdfCheck": {"file": "giay-khen-GK-2026-0001.pdf"},
    "Notification": {"code": "waiting"},
    "Person": {"code": "CB-0427"},
    "AnnexGroup": {"award_type": "Chiến sĩ tiên tiến", "unit": "Công an xã Chư Păh"},
    "AnnexPerson": {"code": "CB-0427"},
    "PaperOriginalUpload": {"scan": "quyet-dinh-125-ban-goc.pdf", "comment": ""},
    "Proposed": {"award_type": "HC-CSVV3", "state": "awaiting_director"},
    "RatingList": {"state": "draft"},
    "RatingRow": {
        "award_type": "CSTDCS",
        "subject_name": "Nguyễn Văn Hùng",
        "unit_name": None,
    },
    "RecordedDecision": {"state": "issued"},
    "Registration": {"award_type": "CSTDCS"},
    "RegistrationTitleCount": {"award_type": "CSTDCS"},
    "TitleCell": {"award_type": "CSTDCS", "unit_code": "CAX-CHUPAH"},
    "TitleTotal": {"award_type": "CSTDCS"},
    "TitleCapUse": {
        "percent": "15.00",
        "base_award_type": "CSTT",
        "source": "Nghị định 91/2017/NĐ-CP, Điều 8",
        "message": "Chiến sĩ thi đua cơ sở: 2 trên tối đa 2 (15 % của 19)",
    },
    "Presenter": {"title": "Giám đốc Công an tỉnh", "name": "Nguyễn Ngọc Sơn", "rank": "Đại tá"},
    "PrintPack": {
        "state": "done",
        "pdf_url": f"{BASE}/api/v1/print-packs/4/pdf/",
        "zip_url": f"{BASE}/api/v1/print-packs/4/zip/",
        "docx_url": None,
        "certificate_count": 24,
        "page_count": 24,
        "note": "",
        "error": "",
    },
    "RecommendedNomination": {"id": 1024, "state": "recommended", "votes_for": 6},
    "ReplacementRequest": {"evidence": None, "new_certificate": None, "state": "requested"},
    "SessionNomination": {
        "nomination": {
            "id": 1024,
            "nominee_name": "Nguyễn Văn Hùng",
            "unit": 12,
            "award_type": 5,
            "state": "submitted",
        },
    },
    "SessionTally": {"votes_for": 6, "recused": []},
    "RecusalRequest": {"reason": "Là người thân của người được đề nghị."},
    "RecusedMember": {"reason": "Là người thân của người được đề nghị."},
    "ReplacementCreate": {"evidence": "bien-ban-xac-nhan.pdf"},
    "ReplacementDecision": {"comment": "Đủ căn cứ cấp lại."},
    "Revocation": {"reason": "Phát hiện khai man thành tích (Kết luận thanh tra số 12/KL)."},
    "RevocationRequest": {
        "reason": "Phát hiện khai man thành tích (Kết luận thanh tra số 12/KL).",
        "certificate": None,
    },
    "ServiceRecord": {"valid_from": "2025-07-01", "note": ""},
    "SessionMember": {"username": "member", "name": "Trần Thị Lan"},
    "SessionRecommendRequest": {"comment": "Hội đồng thống nhất đề nghị."},
    "SignedPdfUpload": {"file": "quyet-dinh-125-da-ky.pdf", "comment": ""},
    "State": {"state": "submitted"},
    "StateCount": {"state": "submitted", "label": "Đã trình"},
    "StepDays": {"transition": "submit", "label": "Trình"},
    "SubmissionLetter": {"number": "45/TTr-CAT", "excluded": [], "missing": []},
    "SubmissionLetterRequest": {"number": "45/TTr-CAT", "date": ISO_DATE},
    "Token": {"expires_at": "2026-04-13T09:30:00+07:00"},
    "TokenRequest": {"name": "Phần mềm tích hợp của Phòng Tổ chức cán bộ"},
    "Transition": {"name": "submit", "label": "Trình hồ sơ"},
    "TransitionRequest": {"comment": "", "expected_state": "draft"},
    "Unit": {"code": "CA-XA-CHUPAH", "name": "Công an xã Chư Păh", "kind": "commune"},
    "UnitBrief": {"code": "CA-XA-CHUPAH", "name": "Công an xã Chư Păh"},
    "UnitCount": {"code": "CA-XA-CHUPAH", "name": "Công an xã Chư Păh", "kind": "commune"},
    "UnitEvent": {"kind": "merge", "date": "2025-07-01", "document_date": "2025-06-16"},
    "UserBrief": {"username": "member", "name": "Trần Thị Lan"},
    "VerificationResult": {"decision_date": ISO_DATE},
}

# The errors shown on the operations whose success has no JSON to show: an object's file is
# most often not there (404); an export or a template, not the caller's to take (403).
NOT_FOUND = {"code": "not_found", "detail": "Không tìm thấy."}
DENIED = {"code": "permission_denied", "detail": "Bạn không có quyền thực hiện thao tác này."}

_missing: set[tuple[str, str]] = set()


def missing_values() -> set[tuple[str, str]]:
    """(component, property) pairs whose string had no value in the vocabulary."""
    return set(_missing)


def _overrides(component: str) -> dict[str, Any]:
    """BY_COMPONENT's entry: the component's own name first (`ReplacementRequest` is a
    response), then without the split's `Patched` prefix and `Request` suffix."""
    name = component.removeprefix("Patched")
    for key in (component, name, name.removesuffix("Request")):
        if key in BY_COMPONENT:
            return BY_COMPONENT[key]
    return {}


def _resolve(schema: dict, components: dict) -> tuple[dict, str | None]:
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[1]
        return components[name], name
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], components)
    if "oneOf" in schema:
        return _resolve(schema["oneOf"][0], components)
    return schema, None


def _scalar(schema: dict, component: str, name: str) -> Any:
    kind = schema.get("type")
    if "enum" in schema:
        values = [v for v in schema["enum"] if v not in ("", None)]
        return values[0] if values else schema["enum"][0]
    if kind == "boolean":
        return True
    if kind == "integer":
        low = schema.get("minimum", 1)
        return max(low, 1) if name == "id" or name.endswith("_id") else max(low, 2)
    if kind == "number":
        return 1.5
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date":
            return ISO_DATE
        if fmt == "date-time":
            return ISO_DATETIME
        _missing.add((component, name))
        return name
    if kind == "object":
        return {}
    return None


def _fits(value: Any, resolved: dict, schema: dict, components: dict) -> bool:
    """Whether the vocabulary's value has this property's shape (`member` is a name in one
    component and an id in another)."""
    if value is None:
        return bool(resolved.get("nullable") or schema.get("nullable"))
    if "enum" in resolved:
        return value in resolved["enum"]
    kind = resolved.get("type") or ("object" if "properties" in resolved else None)
    expected = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "array": list,
        "object": dict,
    }.get(kind or "")
    if expected is None:
        return True
    if kind == "integer" and isinstance(value, bool):
        return False
    if kind == "array" and value and "properties" in _resolve(resolved["items"], components)[0]:
        return all(isinstance(row, dict) for row in value)
    return isinstance(value, expected)


def example_value(
    schema: dict, components: dict, component: str = "", name: str = "", depth: int = 0
) -> Any:
    """An example of `schema`: the vocabulary's value for the property `name` of `component`,
    else one built from the schema itself (objects property by property, lists of one)."""
    resolved, ref_name = _resolve(schema, components)
    overrides = _overrides(component)
    for vocabulary in (overrides, VALUES):
        if name in vocabulary and _fits(vocabulary[name], resolved, schema, components):
            return vocabulary[name]
    if depth > 8:
        return None
    if resolved.get("type") == "array":
        return [example_value(resolved["items"], components, component, "", depth + 1)]
    if "properties" in resolved:
        within = ref_name or component
        return {
            prop: example_value(sub, components, within, prop, depth + 1)
            for prop, sub in resolved["properties"].items()
        }
    if "enum" in resolved or "type" in resolved:
        return _scalar(resolved, ref_name or component, name)
    return None


def _pagination(value: dict) -> dict:
    """A page of one row says so (`count` 1, no next or previous page)."""
    if {"count", "next", "previous", "results"} <= set(value):
        value.update(count=1, next=None, previous=None)
    return value


def _set_example(media: dict, value: Any) -> None:
    if "example" not in media and "examples" not in media:
        media["examples"] = {"vi-du": {"summary": "Ví dụ", "value": value}}


def postprocess_examples(result: dict, generator: Any = None, **kwargs: Any) -> dict:
    _missing.clear()
    components = result.get("components", {}).get("schemas", {})
    for path, item in result.get("paths", {}).items():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            shown = False
            for media in operation.get("requestBody", {}).get("content", {}).values():
                if "schema" in media:
                    _set_example(media, example_value(media["schema"], components))
                    shown = True
            for code, response in operation["responses"].items():
                if not code.startswith("2"):
                    continue
                for media_type, media in response.get("content", {}).items():
                    if media_type == "application/json" and "schema" in media:
                        value = example_value(media["schema"], components)
                        if isinstance(value, dict):
                            value = _pagination(value)
                        _set_example(media, value)
                        shown = True
            if not shown:  # a file or nothing: the error it answers most
                code, error = ("404", NOT_FOUND) if "{" in path else ("403", DENIED)
                content = operation["responses"].get(code, {}).get("content", {})
                for media in content.values():
                    _set_example(media, dict(error))
    return result
