"""The import sheet: its name, its columns (in order) and the limits on what is read. The template
writes this layout, the reader checks it and the validator maps its columns to nomination fields."""

from dataclasses import dataclass

BATCH = 500  # rows per INSERT, and how often a running import reports its progress
EXTRA_COLUMNS = 8  # a few note columns after the template's are tolerated (and ignored)

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
HEADER_ROW = 1
EXAMPLE_MARK = "Ví dụ"
SHEET = "Danh sách đề nghị"
LISTS_SHEET = "Danh mục"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False


COLUMNS = [
    Column("number", "STT", 6),
    Column("unit", "Mã đơn vị đề nghị", 16, required=True),
    Column("award_type", "Hình thức khen thưởng", 34, required=True),
    Column("nominee_kind", "Đối tượng", 12, required=True),
    Column("nominee_name", "Tên tập thể / Họ và tên", 40),
    Column("nominee_unit", "Mã đơn vị được khen (tập thể)", 18),
    Column("rank", "Cấp bậc", 12),
    Column("position", "Chức vụ", 28),
    Column("workplace", "Đơn vị công tác / nơi cư trú", 36),
    Column("date_of_birth", "Ngày sinh (dd/mm/yyyy)", 14),
    Column("gender", "Giới tính", 10),
    Column("achievement_summary", "Tóm tắt thành tích", 60, required=True),
    # People outside the force (citizens, households, village security groups, organisations,
    # foreigners): blank means in the force. Last, so a list made on the older template (without
    # them) is still read.
    Column("affiliation", "Thuộc lực lượng", 24),
    Column("address", "Địa chỉ (ngoài lực lượng)", 36),
    Column("nationality", "Quốc tịch (người nước ngoài)", 16),
]
OPTIONAL_TAIL = ("affiliation", "address", "nationality")
HEADERS = [c.header for c in COLUMNS]
# The header of the template before the columns of people outside the force.
LEGACY_HEADERS = [c.header for c in COLUMNS if c.key not in OPTIONAL_TAIL]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
