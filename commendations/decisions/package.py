"""The electronic dossier package for the Ministry (Bằng khen): one ZIP per Tờ trình with the
sealed Tờ trình, the council's minutes, the list, each nominee's Báo cáo thành tích and a
manifest (every file's path, size, SHA-256, media type and the signatures it carries), so the
receiving office can check it offline with any PAdES validator and `sha256sum`.

Dossiers marked as holding state secrets are left out and named in the manifest with the reason.
The ZIP is deterministic: entries sorted, fixed timestamps and attributes, the manifest's time is
when the letter's PDFs were made, so building a letter's package twice gives the same bytes
(while its stored files and the signatures' validity stay the same)."""

import csv
import datetime
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.decisions.documents import annex_groups, council_votes
from commendations.decisions.models import SubmissionLetter
from commendations.eligibility.models import AttachmentKind
from commendations.files.spreadsheet import cell_value
from commendations.nominations.models import Nomination
from commendations.nominations.ordering import ceremony_key
from commendations.signatures.pdf_verdict import pdf_verify

SECRET_REASON = "Hồ sơ chứa bí mật nhà nước — không gửi điện tử (Nghị định 152/2025/NĐ-CP, Điều 42)"
MISSING_REPORT = "Thiếu Báo cáo thành tích"
MISSING_MINUTES = "Không có phiếu biểu quyết của Hội đồng để lập Biên bản họp"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
JSON = "application/json"
TEXT = "text/plain; charset=utf-8"
MANIFEST = "manifest.json"
# At the top of an incomplete package, so whoever opens it sees what is missing per nominee.
INCOMPLETE_PATH = "CHUA-DU-HO-SO.txt"
LETTER_PATH = "to-trinh.pdf"
MINUTES_PATH = "bien-ban-hop-hoi-dong.pdf"
LIST_PATH = "danh-sach.csv"
REPORTS_DIR = "bao-cao-thanh-tich"
FORMAT = "khenthuong-dossier/1"
# Every entry carries this time: the ZIP's bytes do not depend on when it was built.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class PackageFile:
    path: str
    media_type: str
    stored: FieldFile | None = None
    content: bytes | None = None
    nomination_id: int | None = None

    def size(self) -> int:
        return len(self.content) if self.content is not None else self.stored.size


@dataclass
class PackagePlan:
    """What the package will hold, without reading the files: the letter page shows it."""

    letter: SubmissionLetter
    files: list[PackageFile] = field(default_factory=list)
    excluded: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total_size(self) -> int:
        return sum(f.size() for f in self.files)


def _ordered(letter: SubmissionLetter) -> list[Nomination]:
    nominations = letter.nominations.select_related(
        "award_type", "campaign", "unit", "nominee_unit"
    ).prefetch_related("attachments", "nominee_unit__versions")
    return sorted(nominations, key=ceremony_key)


def _slug(text: str) -> str:
    """ASCII, lower case, words joined by "-": "Công an xã Ia Sao" -> "cong-an-xa-ia-sao"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "ho-so"


def _status(nomination: Nomination, reports: list) -> str:
    if nomination.contains_state_secrets:
        return SECRET_REASON
    return "Có hồ sơ điện tử" if reports else MISSING_REPORT


def _row_write(writer: Any, row: list[Any]) -> None:
    """A CSV row the Ministry opens in a spreadsheet: every text cell stays text (a leading
    = + - @ neutralised, as in every export: commendations/files/spreadsheet.py)."""
    writer.writerow([cell_value(cell) for cell in row])


def _list_csv(letter: SubmissionLetter, ordered: list[Nomination], status: dict[int, str]) -> bytes:
    """Danh sách: the Tờ trình's annex rows, with the vote and what the package holds."""
    profile = AuthorityProfile.for_authority(Authority.MINISTRY)
    _held, votes = council_votes(ordered)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    _row_write(
        writer,
        [
            "Nhóm",
            "STT",
            "Tên tập thể / họ và tên",
            "Cấp bậc, chức vụ, đơn vị",
            "Biểu quyết",
            "Hồ sơ điện tử",
        ],
    )
    groups = annex_groups(ordered, on=letter.date, profile=profile, rate=None)
    for group in groups:
        for row in group["rows"]:
            _row_write(
                writer,
                [
                    f"{group['numeral']}. {group['label']}",
                    row["index"],
                    row["name"],
                    row["description"],
                    votes.get(row["pk"], ""),
                    status[row["pk"]],
                ],
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def package_plan(letter: SubmissionLetter) -> PackagePlan:
    plan = PackagePlan(letter=letter)
    plan.files.append(PackageFile(LETTER_PATH, PDF, stored=letter.pdf))
    if letter.minutes_pdf:
        plan.files.append(PackageFile(MINUTES_PATH, PDF, stored=letter.minutes_pdf))
    else:
        plan.missing.append({"nomination": None, "name": "", "reason": MISSING_MINUTES})
    ordered = _ordered(letter)
    status: dict[int, str] = {}
    for index, nomination in enumerate(ordered, 1):
        reports = [
            a for a in nomination.attachments.all() if a.kind == AttachmentKind.ACHIEVEMENT_REPORT
        ]
        status[nomination.pk] = _status(nomination, reports)
        who = {"nomination": nomination.pk, "name": nomination.nominee_name}
        if nomination.contains_state_secrets:
            plan.excluded.append({**who, "reason": SECRET_REASON})
            continue
        if not reports:
            plan.missing.append({**who, "reason": MISSING_REPORT})
            continue
        folder = f"{REPORTS_DIR}/{index:03d}-{_slug(nomination.nominee_name)}"
        for attachment in sorted(reports, key=lambda a: a.pk):
            name = attachment.file.name.rsplit("/", 1)[-1]
            plan.files.append(
                PackageFile(
                    f"{folder}/{name}",
                    attachment.content_type,
                    stored=attachment.file,
                    nomination_id=nomination.pk,
                )
            )
    plan.files.append(PackageFile(LIST_PATH, CSV, content=_list_csv(letter, ordered, status)))
    if plan.missing:
        plan.files.append(PackageFile(INCOMPLETE_PATH, TEXT, content=_incomplete_note(plan)))
    plan.files.sort(key=lambda f: f.path)
    return plan


def _incomplete_note(plan: PackagePlan) -> bytes:
    """A package missing a required document says so in its own file, per nominee."""
    lines = [
        "HỒ SƠ CHƯA ĐỦ — chưa đủ điều kiện gửi Bộ Công an.",
        f"Tờ trình số {plan.letter.number}. Còn thiếu:",
        *(
            f"- {item['name'] or 'Cả hồ sơ'}: {item['reason']}."
            for item in sorted(plan.missing, key=lambda m: (m["name"], m["reason"]))
        ),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _read(item: PackageFile, *, limit: int) -> bytes:
    if item.content is not None:
        return item.content
    with item.stored.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("Gói hồ sơ vượt quá giới hạn dung lượng."))
    return data


def _signatures(content: bytes) -> list[dict[str, Any]]:
    verdict = pdf_verify(content)
    return [
        {
            "signer": s.signer,
            "organisation": s.organisation,
            "serial": s.serial,
            "issuer": s.issuer,
            "signed_at": s.signed_at.isoformat() if s.signed_at else None,
            "timestamped": s.timestamped,
            "valid": s.ok,
        }
        for s in verdict.signatures
    ]


def _entry(path: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def package_write(letter: SubmissionLetter, out: BinaryIO) -> dict[str, Any]:
    """Write the ZIP to `out`; return the manifest. Refuses (ValidationError) a package over
    DOSSIER_PACKAGE_MAX_BYTES before reading any file."""
    plan = package_plan(letter)
    limit = settings.DOSSIER_PACKAGE_MAX_BYTES
    if plan.total_size > limit:
        raise ValidationError(
            _("Gói hồ sơ %(size)s MB vượt quá giới hạn %(limit)s MB; hãy chia Tờ trình.")
            % {"size": round(plan.total_size / 2**20, 1), "limit": round(limit / 2**20, 1)}
        )
    entries: list[tuple[str, bytes]] = []
    listed: list[dict[str, Any]] = []
    budget = limit
    for item in plan.files:
        content = _read(item, limit=budget)
        budget -= len(content)
        record: dict[str, Any] = {
            "path": item.path,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "media_type": item.media_type,
        }
        if item.nomination_id is not None:
            record["nomination"] = item.nomination_id
        if item.media_type == PDF:
            record["signatures"] = _signatures(content)
        listed.append(record)
        entries.append((item.path, content))
    manifest = {
        "format": FORMAT,
        "generator": {
            "system": f"Khen thưởng — Công an tỉnh {settings.PROVINCE_NAME}",
            "generated_at": letter.documents_made_at.astimezone(datetime.UTC).isoformat(),
        },
        "submission_letter": {
            "number": letter.number,
            "date": letter.date.isoformat(),
            "signer": letter.signer.one_line,
            "sealed": letter.sealed,
        },
        "files": listed,
        "excluded": plan.excluded,
        "missing": plan.missing,
        "complete": not plan.missing,
        "check": "sha256sum -c: so từng tệp với trường sha256; chữ ký số PDF: PAdES.",
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    entries.append((MANIFEST, manifest_bytes + b"\n"))
    with zipfile.ZipFile(out, "w") as archive:
        for path, content in sorted(entries):
            archive.writestr(_entry(path), content)
    return manifest


def package_bytes(letter: SubmissionLetter) -> bytes:
    out = io.BytesIO()
    package_write(letter, out)
    return out.getvalue()


def package_filename(letter: SubmissionLetter) -> str:
    """ "…-CHUA-DU.zip" when a required document is missing: marked before it is even opened."""
    incomplete = "-CHUA-DU" if package_plan(letter).missing else ""
    return f"ho-so-dien-tu-{letter.slug}{incomplete}.zip"
