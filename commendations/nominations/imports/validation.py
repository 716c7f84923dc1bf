"""A row of the sheet turned into an unsaved draft nomination, or into its errors (every column's
first cause, in one pass); then the whole file checked: duplicates within it and against the
campaign, in a fixed number of queries."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from commendations.access.permissions import can_propose_any, user_may_act_for_unit
from commendations.campaigns.models import Affiliation, AwardType, Campaign, NomineeKind
from commendations.nominations.imports.layout import BATCH, COLUMN_BY_KEY, COLUMNS, HEADERS
from commendations.nominations.imports.reading import FileRejected, cell_text, rows_read
from commendations.nominations.imports.results import ImportResult, RowError
from commendations.nominations.models import (
    LEGACY_DUPLICATE_MARK,
    Gender,
    Nomination,
    NominationState,
)
from commendations.nominations.services import nomination_normalise
from commendations.units.models import Unit

KIND_LABELS = {str(label).casefold(): value for value, label in NomineeKind.choices}
AFFILIATION_LABELS = {
    **{value: value for value in Affiliation.values},
    **{str(label).casefold(): value for value, label in Affiliation.choices},
}
GENDER_LABELS = {str(label).casefold(): value for value, label in Gender.choices}
_DATE_SHAPE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _parse_date(value: Any) -> datetime.date:
    """A date cell, or text dd/mm/yyyy. A text in the right shape that names no real day (30/02)
    is told apart from a text in the wrong shape."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    match = _DATE_SHAPE.match(text)
    if match is None:
        raise ValueError(
            _("Ngày “%(value)s” không đúng dạng dd/mm/yyyy; hãy viết như 15/08/1988.")
            % {"value": text}
        )
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        if not 1 <= month <= 12:
            reason = _("không có tháng %(month)s") % {"month": month}
        else:
            reason = _("tháng %(month)s năm %(year)s không có ngày %(day)s") % {
                "month": month,
                "year": year,
                "day": day,
            }
        raise ValueError(
            _("Ngày “%(value)s” không có thật (%(reason)s); hãy kiểm tra lại ngày sinh.")
            % {"value": text, "reason": reason}
        ) from exc


# Model fields checked by clean_fields on the candidate (no query): lengths and blanks.
_FIELD_COLUMNS = {
    "nominee_name": "nominee_name",
    "rank": "rank",
    "position": "position",
    "workplace": "workplace",
    "achievement_summary": "achievement_summary",
    "gender": "gender",
    "date_of_birth": "date_of_birth",
    "nominee_kind": "nominee_kind",
    "affiliation": "affiliation",
    "address": "address",
    "nationality": "nationality",
}
_NOT_CLEANED = [
    f.name
    for f in Nomination._meta.get_fields()
    if getattr(f, "concrete", False) and f.name not in _FIELD_COLUMNS
]


@dataclass
class _Context:
    campaign: Campaign
    actor: Any
    award_types: dict[str, AwardType]
    units: dict[str, Unit]


def _validate_row(
    row: int, values: dict[str, Any], ctx: _Context, errors: list[RowError]
) -> Nomination | None:
    """Every error of the row at once, at most one per column (the first cause found); the
    unsaved draft when there is none."""
    flagged: dict[str, str] = {}

    def error(key: str, message: str) -> None:
        if key not in flagged:
            flagged[key] = message
            errors.append(RowError(row, COLUMN_BY_KEY[key].header, message))

    for column in COLUMNS:
        if column.required and cell_text(values.get(column.key)) == "":
            error(column.key, _("Chưa nhập “%(col)s”.") % {"col": column.header})
    data: dict[str, Any] = {}
    unit_code = cell_text(values.get("unit"))
    if unit_code:
        unit = ctx.units.get(unit_code.casefold())
        if unit is None:
            error(
                "unit",
                _("Không có đơn vị mã “%(code)s”; hãy chọn mã trong danh sách thả xuống.")
                % {"code": unit_code},
            )
        elif not user_may_act_for_unit(ctx.actor, unit):
            error("unit", _("Bạn không lập hồ sơ cho đơn vị “%(name)s”.") % {"name": unit.name})
        else:
            data["unit"] = unit
    award_text = cell_text(values.get("award_type"))
    if award_text:
        award = ctx.award_types.get(award_text.casefold())
        if award is None:
            error(
                "award_type",
                _("Đợt thi đua này không xét hình thức “%(award)s”.") % {"award": award_text},
            )
        else:
            data["award_type"] = award
    kind_text = cell_text(values.get("nominee_kind"))
    if kind_text:
        kind = KIND_LABELS.get(kind_text.casefold()) or (
            kind_text if kind_text in NomineeKind.values else None
        )
        if kind is None:
            error("nominee_kind", _("Chỉ nhận “Tập thể” hoặc “Cá nhân”."))
        elif "award_type" in data and not data["award_type"].accepts(kind):
            error(
                "nominee_kind",
                _("Hình thức “%(award)s” không áp dụng cho %(kind)s.")
                % {"award": data["award_type"].name, "kind": kind_text.lower()},
            )
        else:
            data["nominee_kind"] = kind
    nominee_unit_code = cell_text(values.get("nominee_unit"))
    if nominee_unit_code:
        nominee_unit = ctx.units.get(nominee_unit_code.casefold())
        if nominee_unit is None:
            error(
                "nominee_unit",
                _("Không có đơn vị mã “%(code)s”.") % {"code": nominee_unit_code},
            )
        else:
            data["nominee_unit"] = nominee_unit
    name = cell_text(values.get("nominee_name"))
    kind = data.get("nominee_kind")
    named_by_unit = kind == NomineeKind.COLLECTIVE and (
        "nominee_unit" in data or "nominee_unit" in flagged
    )
    if not name and not named_by_unit:
        if kind == NomineeKind.INDIVIDUAL:
            error("nominee_name", _("Chưa nhập họ và tên."))
        elif kind == NomineeKind.COLLECTIVE:
            error("nominee_name", _("Chưa nhập tên tập thể (hoặc mã đơn vị được khen)."))
        else:
            error("nominee_name", _("Chưa nhập tên tập thể / họ và tên."))
    if cell_text(values.get("date_of_birth")):
        try:
            data["date_of_birth"] = _parse_date(values["date_of_birth"])
        except ValueError as exc:
            error("date_of_birth", str(exc))
    gender_text = cell_text(values.get("gender"))
    if gender_text:
        gender = GENDER_LABELS.get(gender_text.casefold())
        if gender is None:
            error("gender", _("Chỉ nhận “Nam” hoặc “Nữ”."))
        else:
            data["gender"] = gender
    affiliation_text = cell_text(values.get("affiliation"))
    if affiliation_text:
        affiliation = AFFILIATION_LABELS.get(affiliation_text.casefold())
        if affiliation is None:
            error(
                "affiliation",
                _("Chỉ nhận: %(labels)s.")
                % {"labels": ", ".join(f"“{label}”" for _v, label in Affiliation.choices)},
            )
        else:
            data["affiliation"] = affiliation
    keys = ("nominee_name", "rank", "position", "workplace", "achievement_summary")
    for key in (*keys, "address", "nationality"):
        data[key] = cell_text(values.get(key))
    # Lengths and blanks, in memory (the foreign keys were resolved from the dictionaries above).
    candidate = Nomination(campaign=ctx.campaign, created_by=ctx.actor, **data)
    if "nominee_kind" not in data:
        candidate.nominee_kind = NomineeKind.INDIVIDUAL
    nomination_normalise(candidate)
    try:
        candidate.clean_fields(exclude=[*_NOT_CLEANED, *flagged])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            if key in COLUMN_BY_KEY and key not in flagged:
                error(key, messages[0])
    # Outside the force: no rank, an address, the kind its affiliation implies, a nationality
    # for a foreigner — the model's one rule (also the web form's and the API's).
    for key, message in candidate._affiliation_errors().items():
        if key in COLUMN_BY_KEY:
            error(key, str(message))
    if flagged:
        return None
    candidate.nominee_key_refresh()
    return candidate


def nominee_keys_taken(campaign: Campaign) -> dict[str, int]:
    """The campaign's nominees (withdrawn ones aside) by key, each with its first nomination's id;
    an old duplicate's key counts as the original's."""
    existing: dict[str, int] = {}
    for pk, key in (
        campaign.nominations.exclude(state=NominationState.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", "nominee_key")
    ):
        existing.setdefault(key.split(LEGACY_DUPLICATE_MARK, 1)[0], pk)
    return existing


def nominations_validate(
    *,
    campaign: Campaign,
    upload: Any,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ImportResult, list[tuple[int, Nomination]]]:
    """Check every row (a fixed number of queries for the whole file); return the errors (by row
    and column) and the unsaved drafts ready to create."""
    result = ImportResult()
    if not can_propose_any(actor):
        raise PermissionDenied(_("Bạn không có quyền lập hồ sơ đề nghị."))
    try:
        rows = rows_read(upload, result)
    except FileRejected as exc:
        result.errors.append(RowError(None, "", str(exc)))
        return result, []
    result.rows = len(rows)
    award_types: dict[str, AwardType] = {}
    for award in campaign.award_types.all():
        award_types[award.name.casefold()] = award
        award_types[award.code.casefold()] = award
        award_types.setdefault(award.short_name.casefold(), award)
    ctx = _Context(
        campaign=campaign,
        actor=actor,
        award_types=award_types,
        units={u.code.casefold(): u for u in Unit.objects.all()},
    )
    existing = nominee_keys_taken(campaign)
    seen: dict[str, int] = {}
    ready = []
    name_header = COLUMN_BY_KEY["nominee_name"].header
    for index, (row, values) in enumerate(rows, 1):
        candidate = _validate_row(row, values, ctx, result.errors)
        if progress is not None and index % BATCH == 0:
            progress(index, len(rows))
        if candidate is None:
            continue
        key = candidate.nominee_key
        if key in seen:
            result.errors.append(
                RowError(
                    row,
                    name_header,
                    _("Trùng với dòng %(other)s trong tệp; hãy xoá một trong hai dòng.")
                    % {"other": seen[key]},
                )
            )
            continue
        seen[key] = row
        if key in existing:
            result.errors.append(
                RowError(
                    row,
                    name_header,
                    _("“%(name)s” đã có hồ sơ trong đợt thi đua này (hồ sơ số %(pk)s).")
                    % {"name": candidate.nominee_name, "pk": existing[key]},
                )
            )
            continue
        ready.append((row, candidate))
    result.errors.sort(
        key=lambda e: (e.row or 0, HEADERS.index(e.column) if e.column in HEADERS else -1)
    )
    return result, ready
