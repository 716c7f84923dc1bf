"""What a person is told about a signed PDF: the check's codes in Vietnamese, one line per
signature (valid or not, who signed, when, the chain), for the pages and the API."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from commendations.signatures import pdf_check
from commendations.signatures.keys import trust_roots_der
from commendations.signatures.sandbox import CheckFailed, pdf_check_bounded

MESSAGES = {
    pdf_check.NO_SIGNATURE: _("Tệp không có chữ ký số."),
    pdf_check.UNREADABLE: _("Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF)."),
    pdf_check.ALTERED: _("Nội dung đã bị thay đổi sau khi ký: chữ ký không còn khớp với tài liệu."),
    pdf_check.BAD_SIGNATURE: _("Chữ ký số không hợp lệ."),
    pdf_check.UNTRUSTED: _(
        "Chứng thư của người ký không do tổ chức cấp chứng thư được tin cậy cấp "
        "(không thuộc chứng thư gốc đã cấu hình)."
    ),
    pdf_check.EXPIRED: _("Chứng thư của người ký đã hết hạn hoặc chưa có hiệu lực."),
    pdf_check.REVOKED: _("Chứng thư của người ký đã bị thu hồi."),
    pdf_check.MODIFIED_AFTER: _(
        "Tài liệu đã bị sửa sau khi ký (thêm trang hoặc nội dung không phải chữ ký số)."
    ),
    pdf_check.NOT_OUR_DOCUMENT: _(
        "Tệp không phải văn bản hệ thống đã ban hành (nội dung khác bản lưu)."
    ),
    pdf_check.NOT_COVERED: _("Không có chữ ký số hợp lệ nào bao trùm toàn bộ văn bản đã ban hành."),
    pdf_check.TOO_COMPLEX: _(
        "Tệp có cấu trúc bất thường (quá nhiều trường, chữ ký, phiên bản hoặc nội dung thêm "
        "vào sau bản gốc): không kiểm tra. Hãy gửi đúng bản PDF đã nhận."
    ),
    "check_failed": _(
        "Không kiểm tra được tệp này (quá lớn khi giải nén hoặc quá lâu); hãy gửi bản PDF gốc."
    ),
}


@dataclass(frozen=True)
class SignatureLine:
    field: str
    signer: str
    organisation: str
    serial: str
    issuer: str
    signed_at: datetime.datetime | None
    timestamped: bool
    ok: bool
    problems: list[str]
    not_after: str = ""  # the signer's certificate's end of validity (ISO 8601)


def messages_of(codes: list[str]) -> list[str]:
    """The check's codes in words (also for codes stored with a certificate's PDF)."""
    return [str(MESSAGES.get(code, code)) for code in codes]


@dataclass(frozen=True)
class PdfVerdict:
    ok: bool
    sha256: str
    signatures: list[SignatureLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        """Every problem, the file's and each signature's, once."""
        codes = list(self.problems)
        for line in self.signatures:
            codes += [code for code in line.problems if code not in codes]
        return codes

    @property
    def messages(self) -> list[str]:
        return messages_of(self.codes)

    def as_dict(self) -> dict:
        """Plain data (JSON): what a certificate keeps of its own PDF's check."""
        return {
            "valid": self.ok,
            "sha256": self.sha256,
            "problems": self.codes,
            "signatures": [
                {
                    "signer": s.signer,
                    "organisation": s.organisation,
                    "serial": s.serial,
                    "issuer": s.issuer,
                    "not_after": s.not_after,
                    "signed_at": s.signed_at.isoformat() if s.signed_at else "",
                    "timestamped": s.timestamped,
                    "valid": s.ok,
                    "problems": s.problems,
                }
                for s in self.signatures
            ],
        }

    @classmethod
    def from_report(cls, report: dict) -> "PdfVerdict":
        lines = [
            SignatureLine(
                field=s["field"],
                signer=s["signer"]["common_name"] or s["signer"]["subject"],
                organisation=s["signer"]["organisation"],
                serial=s["signer"]["serial"],
                issuer=s["signer"]["issuer"],
                signed_at=_time(s["timestamp"] or s["signed_at"]),
                timestamped=bool(s["timestamp"]),
                ok=s["ok"],
                problems=s["problems"],
                not_after=s["signer"]["not_after"],
            )
            for s in report["signatures"]
        ]
        return cls(
            ok=report["ok"], sha256=report["sha256"], signatures=lines, problems=report["problems"]
        )


def _time(value: str) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def pdf_verify(
    pdf: bytes,
    *,
    original: bytes | None = None,
    seconds: int | None = None,
    memory: int | None = None,
    max_appended: int | None = None,
) -> PdfVerdict:
    """Check `pdf` (bounded child process); with `original`, also that it is that file plus
    signatures only (and at most `max_appended` bytes of them)."""
    try:
        report = pdf_check_bounded(
            pdf, original=original, seconds=seconds, memory=memory, max_appended=max_appended
        )
    except CheckFailed:
        return PdfVerdict(ok=False, sha256="", problems=["check_failed"])
    return PdfVerdict.from_report(report)


def pdf_verify_own(pdf: bytes, *, roots_der: list[bytes] | None = None) -> PdfVerdict:
    """Check a PDF we have just made and sealed ourselves (trusted input: in this process);
    `roots_der` when checking many (trust_roots_der() read once)."""
    roots = trust_roots_der() if roots_der is None else roots_der
    return PdfVerdict.from_report(pdf_check.pdf_check(pdf, roots_der=roots))
