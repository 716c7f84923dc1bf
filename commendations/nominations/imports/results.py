"""What an import reports: every error by row and column, the drafts created, and one summary."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from commendations.nominations.models import Nomination


@dataclass
class RowError:
    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    created: list[Nomination] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        if self.ok:
            return _("Đã nhập %(n)s hồ sơ dự thảo.") % {"n": len(self.created)}
        rows = len({e.row for e in self.errors if e.row})
        if not rows:
            return _("Không nhập hồ sơ nào: %(error)s") % {"error": self.errors[0].message}
        return _(
            "Không nhập hồ sơ nào: %(n)s lỗi ở %(rows)s dòng. Tất cả lỗi đều được liệt kê dưới "
            "đây; hãy sửa hết rồi tải lên lại."
        ) % {"n": len(self.errors), "rows": rows}
