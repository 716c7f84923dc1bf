"""Writes of the year-end rating list while a unit drafts it (the list, its rows, the Excel
import), and the checks the actions run at each stage (exclusions, caps). The transitions
themselves are in `commendations.actions.annual_titles`."""

import datetime
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import (
    can_propose_any,
    can_propose_rating_list,
    can_register_for_unit,
)
from commendations.annual_titles.models import (
    Rating,
    RatingList,
    RatingListState,
    RatingRow,
    Registration,
)
from commendations.annual_titles.selectors import CapUse, cap_uses, row_exclusions
from commendations.campaigns.models import AuthorityLevel, AwardCategory, AwardType
from commendations.events import AuditEventKind
from commendations.files import safe as safe_files
from commendations.units.models import Initiative, Person, Unit
from workflow.services import audit_event_record, audit_events_record_bulk


def _may_edit(actor: Any, rating_list: RatingList) -> None:
    if not can_propose_rating_list(rating_list, actor):
        raise PermissionDenied(_("Bạn không có quyền lập danh sách của đơn vị này."))
    if rating_list.state != RatingListState.DRAFT:
        raise ValidationError(_("Danh sách đã trình, không sửa được."))


def _locked(rating_list: RatingList) -> RatingList:
    """The list's row locked (a row added waits for a submission under way, then finds the list
    no longer a draft)."""
    return RatingList.objects.select_for_update().select_related("unit").get(pk=rating_list.pk)


def _audit(actor: Any, rating_list: RatingList, what: str, **data: Any) -> None:
    audit_event_record(
        kind=AuditEventKind.RATING_LIST_CHANGED,
        subject=rating_list,
        actor=actor,
        data={"what": what, **data},
    )


def titles_for_rating(*, collective: bool | None = None) -> list[AwardType]:
    """The titles a unit's year-end list proposes: the emulation titles decided at the province
    (the higher ones go up as nominations) — the individual ones (Chiến sĩ tiên tiến, Chiến sĩ
    thi đua cơ sở) and the collective ones (Đơn vị tiên tiến, Đơn vị quyết thắng), as the
    catalogue's `decided_by` says. `collective` picks one kind."""
    titles = AwardType.objects.filter(
        category=AwardCategory.EMULATION_TITLE,
        decided_by__level__in=(AuthorityLevel.UNIT_HEAD, AuthorityLevel.PROVINCIAL_DIRECTOR),
    )
    if collective is True:
        titles = titles.filter(accepts_collective=True)
    elif collective is False:
        titles = titles.filter(accepts_individual=True)
    else:
        titles = titles.filter(Q(accepts_individual=True) | Q(accepts_collective=True))
    return list(titles.order_by("sort_order", "code"))


@transaction.atomic
def rating_list_create(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    submission_number: str = "",
    submission_date: datetime.date | None = None,
    council_minutes: str = "",
    note: str = "",
) -> RatingList:
    rating_list = RatingList(
        unit=unit,
        year=year,
        submission_number=submission_number.strip(),
        submission_date=submission_date,
        council_minutes=council_minutes.strip(),
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if not can_propose_any(actor) or not can_propose_rating_list(rating_list, actor):
        raise PermissionDenied(_("Bạn không có quyền lập danh sách của đơn vị này."))
    rating_list.full_clean(exclude=["created_by", "decision", "state"])
    rating_list.save()
    _audit(actor, rating_list, "created")
    return rating_list


@transaction.atomic
def rating_list_update(*, actor: Any, rating_list: RatingList, **fields: Any) -> RatingList:
    """The Tờ trình and minutes references of a draft."""
    locked = _locked(rating_list)
    _may_edit(actor, locked)
    allowed = {"submission_number", "submission_date", "council_minutes", "note"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(_("Trường “%(name)s” không sửa được.") % {"name": name})
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean(exclude=["created_by", "decision", "state"])
    locked.save(update_fields=sorted(fields))
    _audit(actor, locked, "updated", fields=sorted(fields))
    return locked


def _row_check(
    rating_list: RatingList,
    award_type: AwardType,
    *,
    person: Person | None = None,
    unit: Unit | None = None,
) -> dict[str, str]:
    """An officer of the list's unit (or a unit below it) for an individual title, or the
    list's unit (or a unit within it) for a collective title; never both, never neither."""
    errors = {}
    if (person is None) == (unit is None):
        errors["person"] = _("Chọn một cán bộ hoặc một tập thể (không chọn cả hai).")
        return errors
    if person is not None and (
        person.unit_id is None or not person.unit.is_within(rating_list.unit)
    ):
        errors["person"] = _("“%(name)s” không thuộc đơn vị %(unit)s.") % {
            "name": person.full_name,
            "unit": rating_list.unit.name,
        }
    if unit is not None and not unit.is_within(rating_list.unit):
        errors["unit"] = _("“%(name)s” không phải đơn vị %(unit)s hoặc đơn vị trực thuộc.") % {
            "name": unit.name,
            "unit": rating_list.unit.name,
        }
    if award_type.pk not in {t.pk for t in titles_for_rating()}:
        errors["award_type"] = _("“%(award)s” không xét theo danh sách cuối năm.") % {
            "award": award_type.name
        }
    elif person is not None and not award_type.accepts_individual:
        errors["award_type"] = _("“%(award)s” là danh hiệu tập thể, không xét cho cá nhân.") % {
            "award": award_type.name
        }
    elif unit is not None and not award_type.accepts_collective:
        errors["award_type"] = _("“%(award)s” là danh hiệu cá nhân, không xét cho tập thể.") % {
            "award": award_type.name
        }
    return errors


def _initiative_check(initiative: Initiative | None, person: Person) -> None:
    if initiative is None:
        return
    if initiative.person_id != person.pk:
        raise ValidationError({"initiative": _("Sáng kiến không phải của cán bộ này.")})
    if initiative.used_for_id is not None:
        raise ValidationError(
            {"initiative": _("Sáng kiến “%(title)s” đã được dùng.") % {"title": initiative.title}}
        )


@transaction.atomic
def rating_row_add(
    *,
    actor: Any,
    rating_list: RatingList,
    award_type: AwardType,
    rating: str,
    person: Person | None = None,
    unit: Unit | None = None,
    initiative: Initiative | None = None,
) -> RatingRow:
    """One officer (`person`) or one collective (`unit`) proposed for one title; excluded at
    once (reason kept) when the rating, a discipline in the year (an officer), a missing
    registration or the title already held bars it."""
    locked = _locked(rating_list)
    _may_edit(actor, locked)
    errors = _row_check(locked, award_type, person=person, unit=unit)
    if rating not in Rating.values:
        errors["rating"] = _("Xếp loại không hợp lệ.")
    if initiative is not None and person is None:
        errors["initiative"] = _("Sáng kiến chỉ kèm theo đề nghị của cá nhân.")
    if errors:
        raise ValidationError(errors)
    if person is not None:
        _initiative_check(initiative, person)
    row = RatingRow(
        rating_list=locked,
        person=person,
        unit=unit,
        award_type=award_type,
        rating=rating,
        initiative=initiative,
    )
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("“%(name)s” đã có trong danh sách với danh hiệu này.") % {"name": row.subject_name}
        ) from exc
    row.excluded_reason = row_exclusions([row], locked.year)[row.pk]
    if row.excluded_reason:
        row.save(update_fields=["excluded_reason"])
    _audit(
        actor,
        locked,
        "row_added",
        row=row.pk,
        person=person.pk if person else None,
        unit=unit.pk if unit else None,
        award_type=award_type.code,
    )
    return row


@transaction.atomic
def rating_row_remove(*, actor: Any, row: RatingRow) -> None:
    locked = _locked(row.rating_list)
    _may_edit(actor, locked)
    _audit(
        actor,
        locked,
        "row_removed",
        person=row.person_id,
        unit=row.unit_id,
        award_type=row.award_type_id,
    )
    row.delete()


def exclusions_refresh(rows: Sequence[RatingRow], year: int) -> int:
    """Recompute the rows' exclusion reasons (a discipline recorded since, a title recorded by
    another list) and write the changed ones in one UPDATE. Returns how many rows remain
    proposed."""
    reasons = row_exclusions(list(rows), year)
    changed = []
    for row in rows:
        if row.excluded_reason != reasons[row.pk]:
            row.excluded_reason = reasons[row.pk]
            changed.append(row)
    if changed:
        RatingRow.objects.bulk_update(changed, ["excluded_reason"])
    return sum(1 for row in rows if not row.excluded_reason)


def unit_locks_take(unit_ids: Iterable[int]) -> None:
    """The caps' locks: the units' rows, FOR UPDATE, in primary-key order, taken before the
    lists' rows, so two lists of one unit sent up at once are counted one after the other."""
    list(
        Unit.objects.select_for_update()
        .filter(pk__in=sorted(set(unit_ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def caps_check(
    *, lists: Sequence[RatingList], counted_states: Iterable[str]
) -> dict[int, list[CapUse]]:
    """Refuse when a unit would exceed a cap in force, naming the numbers ("Chiến sĩ thi đua cơ
    sở: 4 trên tối đa 3 (15 % của 20)"); otherwise the uses, per unit, for the audit rows. The
    caller holds the units' locks."""
    by_year: dict[int, list[RatingList]] = {}
    for rating_list in lists:
        by_year.setdefault(rating_list.year, []).append(rating_list)
    uses: dict[int, list[CapUse]] = {}
    for year, year_lists in by_year.items():
        uses.update(
            cap_uses(
                unit_ids=[rl.unit_id for rl in year_lists],
                year=year,
                counted_states=counted_states,
                list_ids=[rl.pk for rl in year_lists],
            )
        )
    names = {rl.unit_id: rl.unit.name for rl in lists}
    problems = [
        _("Đơn vị “%(unit)s” vượt tỷ lệ — %(message)s.")
        % {"unit": names[unit_id], "message": use.message}
        for unit_id, unit_uses in uses.items()
        for use in unit_uses
        if use.exceeded
    ]
    if problems:
        raise ValidationError(problems, code="cap_exceeded")
    return uses


# --- registration at the start of the year --------------------------------------------------


@transaction.atomic
def registration_add(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    award_type: AwardType,
    person: Person | None = None,
) -> Registration:
    """An officer of `unit` (or the unit itself, without `person`) registers for a title."""
    if not can_register_for_unit(unit, actor):
        raise PermissionDenied(_("Bạn không có quyền đăng ký thi đua cho đơn vị này."))
    errors = {}
    if award_type.category != AwardCategory.EMULATION_TITLE:
        errors["award_type"] = _("Chỉ đăng ký danh hiệu thi đua.")
    elif person is None and not award_type.accepts_collective:
        errors["award_type"] = _("Danh hiệu này không dành cho tập thể.")
    elif person is not None and not award_type.accepts_individual:
        errors["award_type"] = _("Danh hiệu này không dành cho cá nhân.")
    if person is not None and (person.unit_id is None or not person.unit.is_within(unit)):
        errors["person"] = _("“%(name)s” không thuộc đơn vị %(unit)s.") % {
            "name": person.full_name,
            "unit": unit.name,
        }
    if errors:
        raise ValidationError(errors)
    registration = Registration(
        unit=unit,
        year=year,
        person=person,
        award_type=award_type,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    registration.full_clean(exclude=["created_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise ValidationError(_("Đã đăng ký danh hiệu này trong năm.")) from exc
    audit_event_record(
        kind=AuditEventKind.REGISTRATION_RECORDED,
        subject=registration,
        actor=actor,
        data={"year": year, "award_type": award_type.code, "person": person.pk if person else None},
    )
    return registration


# --- the Excel import of registrations --------------------------------------------------------

REGISTRATION_HEADERS = ("Mã đơn vị", "Mã cán bộ", "Họ và tên", "Danh hiệu đăng ký")
REGISTRATION_REQUIRED = ("Mã cán bộ", "Danh hiệu đăng ký")
REGISTRATION_LIMITS = safe_files.SheetLimits(rows=5_001, columns=8, cells=40_000)
REGISTRATION_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class RegistrationImport:
    """What an import did: the registrations it made, and how many lines were already
    registered (importing the same workbook twice adds nothing)."""

    created: list[Registration] = field(default_factory=list)
    existing: int = 0


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def _registration_lines(source: Any) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header and the non-empty lines of the first sheet, read under the bounded reader.
    Formulas are read as the text typed (never evaluated), and refused line by line."""
    try:
        workbook = safe_files.xlsx_open(
            source, limits=REGISTRATION_LIMITS, max_bytes=REGISTRATION_MAX_BYTES, data_only=False
        )
        iterator = workbook.rows(workbook.sheet(workbook.sheetnames[0]))
        _number, header = next(iterator, (1, ()))
        headers = [_text(h) for h in header]
        canonical = {h.casefold(): h for h in REGISTRATION_HEADERS}
        headers = [canonical.get(h.casefold(), h) for h in headers]
        lines = [
            (number, dict(zip(headers, values, strict=False)))
            for number, values in iterator
            if not all(_text(v) == "" for v in values)
        ]
    except safe_files.UnsafeFile as exc:
        raise ValidationError([str(exc)], code="file") from exc
    return headers, lines


@transaction.atomic
def registrations_import(
    *, actor: Any, unit: Unit, year: int, source: str | Path | IO[bytes]
) -> RegistrationImport:
    """Registrations of `unit` (and of the units below it) for `year` from a workbook: first
    sheet, headers "Mã đơn vị" (optional: a unit below `unit`; empty: `unit`), "Mã cán bộ" (empty:
    the unit itself, as a collective), "Họ và tên" (optional, checked against the code), "Danh hiệu
    đăng ký" (code or name; a line without it is an officer not registering, skipped). All or
    nothing, every bad line named; a line already registered is counted, not repeated. A fixed
    number of queries whatever the number of lines (one audit event per registration made, in
    one INSERT)."""
    if not can_register_for_unit(unit, actor):
        raise PermissionDenied(_("Bạn không có quyền đăng ký thi đua cho đơn vị này."))
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    headers, lines = _registration_lines(source)
    missing = [h for h in REGISTRATION_REQUIRED if h not in headers]
    if missing:
        raise ValidationError(
            [
                _("Thiếu cột: %(columns)s (dòng đầu là tiêu đề: %(headers)s).")
                % {"columns": ", ".join(missing), "headers": " | ".join(REGISTRATION_HEADERS)}
            ],
            code="columns",
        )
    if not lines:
        raise ValidationError([_("Tệp không có dòng dữ liệu nào.")], code="empty")
    today = timezone.localdate()
    titles = list(AwardType.objects.filter(category=AwardCategory.EMULATION_TITLE))
    title_by_text = {t.code.casefold(): t for t in titles} | {
        unicodedata.normalize("NFC", t.name).casefold(): t for t in titles
    }
    people = {
        p.code: p
        for p in Person.objects.filter(
            code__in={_text(line.get("Mã cán bộ")) for _n, line in lines}
        ).select_related("unit")
    }
    units = {
        u.code: u
        for u in Unit.objects.filter(code__in={_text(line.get("Mã đơn vị")) for _n, line in lines})
    }
    errors: list[str] = []
    wanted: dict[tuple[int, int, int], Registration] = {}  # (unit or 0, person or 0, title)
    for number, line in lines:
        problems = [
            _("ô “%(column)s” chứa công thức; hãy dán giá trị.") % {"column": column}
            for column, value in line.items()
            if isinstance(value, str) and value.strip()[:1] == "="
        ]
        if problems:
            errors.append(
                _("Dòng %(row)s: %(problems)s") % {"row": number, "problems": " ".join(problems)}
            )
            continue
        title_text = _text(line.get("Danh hiệu đăng ký"))
        if not title_text:
            continue  # an officer of the prefilled template who does not register
        code, unit_code = _text(line.get("Mã cán bộ")), _text(line.get("Mã đơn vị"))
        line_unit = unit
        if unit_code:
            line_unit = units.get(unit_code)
            if line_unit is None:
                problems.append(_("không có đơn vị mã “%(code)s”.") % {"code": unit_code})
            elif not line_unit.is_in_force(today) or not line_unit.is_within(unit):
                problems.append(
                    _("đơn vị “%(name)s” không thuộc %(unit)s (theo tổ chức hiện hành).")
                    % {"name": line_unit.name, "unit": unit.name}
                )
                line_unit = None
        person = people.get(code) if code else None
        if code and person is None:
            problems.append(_("mã cán bộ “%(code)s” không có.") % {"code": code})
        elif person is not None and line_unit is not None:
            if person.unit_id is None or not person.unit.is_within(line_unit):
                problems.append(
                    _("“%(name)s” không thuộc đơn vị %(unit)s.")
                    % {"name": person.full_name, "unit": line_unit.name}
                )
            name = _text(line.get("Họ và tên"))
            if name and name.casefold() != _text(person.full_name).casefold():
                problems.append(
                    _("mã cán bộ “%(code)s” là “%(name)s”, không phải “%(typed)s”.")
                    % {"code": code, "name": person.full_name, "typed": name}
                )
        award_type = title_by_text.get(title_text.casefold())
        if award_type is None:
            problems.append(_("“%(value)s” không phải danh hiệu thi đua.") % {"value": title_text})
        elif code and not award_type.accepts_individual:
            problems.append(
                _("danh hiệu “%(award)s” không dành cho cá nhân.") % {"award": award_type.name}
            )
        elif not code and not award_type.accepts_collective:
            problems.append(
                _("danh hiệu “%(award)s” không dành cho tập thể (thiếu mã cán bộ?).")
                % {"award": award_type.name}
            )
        if problems:
            errors.append(
                _("Dòng %(row)s: %(problems)s") % {"row": number, "problems": " ".join(problems)}
            )
            continue
        key = (0 if person else line_unit.pk, person.pk if person else 0, award_type.pk)
        wanted.setdefault(
            key,
            Registration(
                unit=line_unit,
                year=year,
                person=person,
                award_type=award_type,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            ),
        )
    if errors:
        raise ValidationError(errors, code="rows")
    existing = Registration.objects.filter(year=year).filter(
        Q(person_id__in={k[1] for k in wanted if k[1]})
        | Q(person__isnull=True, unit_id__in={k[0] for k in wanted if k[0]})
    )
    already = {
        (0 if person_id else unit_id, person_id or 0, award_type_id)
        for unit_id, person_id, award_type_id in existing.values_list(
            "unit_id", "person_id", "award_type_id"
        )
    }
    new = [r for key, r in wanted.items() if key not in already]
    try:
        with transaction.atomic():
            created = Registration.objects.bulk_create(new, batch_size=1000)
    except IntegrityError as exc:  # registered meanwhile by someone else
        raise ValidationError(
            [_("Có đăng ký vừa được ghi cùng lúc; hãy nhập lại tệp.")], code="conflict"
        ) from exc
    audit_events_record_bulk(
        kind=AuditEventKind.REGISTRATION_RECORDED,
        subjects=created,
        actor=actor,
        data_of=lambda r: {
            "year": year,
            "award_type": r.award_type.code,
            "person": r.person_id,
            "import": True,
        },
    )
    return RegistrationImport(created=created, existing=len(wanted) - len(new))


# --- the Excel import of a list ------------------------------------------------------------

MAX_BYTES = 5 * 1024 * 1024
SHEET_LIMITS = safe_files.SheetLimits(rows=5_001, columns=12, cells=60_000)
HEADERS = ("Mã cán bộ", "Họ và tên", "Mã đơn vị", "Tên đơn vị", "Danh hiệu", "Xếp loại")
REQUIRED_HEADERS = ("Mã cán bộ", "Danh hiệu", "Xếp loại")


def _choice(value: Any, choices: Iterable[tuple[str, str]]) -> str | None:
    text = str(value or "").strip().lower()
    for key, label in choices:
        if text in {str(key).lower(), str(label).lower()}:
            return key
    return None


def _cell_text(line: dict[str, Any], column: str) -> str:
    return str(line.get(column) or "").strip()


@transaction.atomic
def rating_rows_import(
    *, actor: Any, rating_list: RatingList, source: str | Path | IO[bytes]
) -> list[RatingRow]:
    """Rows from a workbook (first sheet; headers in any order: "Mã cán bộ", "Họ và tên",
    "Danh hiệu" (code or name), "Xếp loại" (as written in the choices), and for a collective
    "Mã đơn vị" or "Tên đơn vị"): a line with an officer code is that officer's; a line with no
    officer code but a unit code (or a unit name) is that collective's — the list's unit or a
    unit within it. All or nothing: every bad line is named. The rows of the officers and
    collectives in the workbook replace theirs on the list. A fixed number of queries for any
    number of lines."""
    locked = _locked(rating_list)
    _may_edit(actor, locked)
    try:
        workbook = safe_files.xlsx_open(
            source, limits=SHEET_LIMITS, max_bytes=MAX_BYTES, data_only=True
        )
        iterator = workbook.rows(workbook.sheet(workbook.sheetnames[0]))
        _number, header = next(iterator, (1, ()))
        headers = [str(h or "").strip() for h in header]
        lines = [
            (number, dict(zip(headers, values, strict=False)))
            for number, values in iterator
            if not all(v in (None, "") for v in values)
        ]
    except safe_files.UnsafeFile as exc:
        raise ValidationError([str(exc)]) from exc
    missing = [h for h in REQUIRED_HEADERS if h not in headers]
    if missing:
        raise ValidationError(
            [_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)}], code="columns"
        )
    titles = titles_for_rating()
    by_pk = {t.pk: t for t in titles}
    title_choices = [(t.pk, t.code) for t in titles] + [(t.pk, t.name) for t in titles]
    codes = {_cell_text(line, "Mã cán bộ") for _n, line in lines} - {""}
    people = {
        p.code: p
        for p in Person.objects.filter(code__in=codes).select_related("unit")
        if p.unit_id is not None
    }
    unit_codes = {_cell_text(line, "Mã đơn vị") for _n, line in lines} - {""}
    unit_names = {_cell_text(line, "Tên đơn vị").lower() for _n, line in lines} - {""}
    units_by_code: dict[str, Unit] = {}
    units_by_name: dict[str, list[Unit]] = {}
    if unit_codes or unit_names:
        for unit in Unit.objects.subtree_of(locked.unit).filter(
            Q(code__in=unit_codes)
            | Q(name__in={_cell_text(line, "Tên đơn vị") for _n, line in lines})
        ):
            units_by_code[unit.code] = unit
            units_by_name.setdefault(unit.name.lower(), []).append(unit)
    errors: list[str] = []
    wanted: dict[tuple[str, int, int], RatingRow] = {}
    for number, line in lines:
        code = _cell_text(line, "Mã cán bộ")
        unit_code, unit_name = _cell_text(line, "Mã đơn vị"), _cell_text(line, "Tên đơn vị")
        person = people.get(code) if code else None
        unit = None
        award_type_id = _choice(line.get("Danh hiệu"), title_choices)
        rating = _choice(line.get("Xếp loại"), Rating.choices)
        problems = []
        if code:
            if person is None:
                problems.append(_("không có cán bộ mã “%(code)s”.") % {"code": code})
            elif not person.unit.is_within(locked.unit):
                problems.append(
                    _("“%(name)s” không thuộc đơn vị %(unit)s.")
                    % {"name": person.full_name, "unit": locked.unit.name}
                )
        elif unit_code:
            unit = units_by_code.get(unit_code)
            if unit is None:
                problems.append(
                    _("không có đơn vị mã “%(code)s” thuộc %(unit)s.")
                    % {"code": unit_code, "unit": locked.unit.name}
                )
        elif unit_name:
            found = units_by_name.get(unit_name.lower(), [])
            if len(found) == 1:
                unit = found[0]
            else:
                problems.append(
                    (
                        _("có nhiều đơn vị tên “%(name)s”, hãy ghi mã đơn vị.")
                        if found
                        else _("không có đơn vị tên “%(name)s” thuộc %(unit)s.")
                    )
                    % {"name": unit_name, "unit": locked.unit.name}
                )
        else:
            problems.append(_("cần mã cán bộ, hoặc mã / tên đơn vị với danh hiệu tập thể."))
        if award_type_id is None:
            problems.append(
                _("danh hiệu “%(value)s” không xét theo danh sách cuối năm.")
                % {"value": line.get("Danh hiệu") or ""}
            )
        elif person is not None and not by_pk[award_type_id].accepts_individual:
            problems.append(
                _("“%(award)s” là danh hiệu tập thể, không xét cho cá nhân.")
                % {"award": by_pk[award_type_id].name}
            )
        elif unit is not None and not by_pk[award_type_id].accepts_collective:
            problems.append(
                _("“%(award)s” là danh hiệu cá nhân, không xét cho tập thể.")
                % {"award": by_pk[award_type_id].name}
            )
        if rating is None:
            problems.append(
                _("xếp loại “%(value)s” không hợp lệ.") % {"value": line.get("Xếp loại") or ""}
            )
        if problems:
            errors.append(
                _("Dòng %(row)s: %(problems)s") % {"row": number, "problems": " ".join(problems)}
            )
            continue
        row = RatingRow(
            rating_list=locked, person=person, unit=unit, award_type_id=award_type_id, rating=rating
        )
        wanted[(*row.subject_key, award_type_id)] = row
    if errors:
        raise ValidationError(errors, code="rows")
    person_ids = {k[1] for k in wanted if k[0] == "person"}
    unit_ids = {k[1] for k in wanted if k[0] == "unit"}
    subjects = Q(person_id__in=person_ids) | Q(person__isnull=True, unit_id__in=unit_ids)
    RatingRow.objects.filter(subjects, rating_list=locked).delete()
    rows = RatingRow.objects.bulk_create(list(wanted.values()), batch_size=1000)
    if rows and rows[0].pk is None:  # a backend that does not return keys
        rows = list(RatingRow.objects.filter(subjects, rating_list=locked))
    exclusions_refresh(rows, locked.year)
    _audit(actor, locked, "imported", rows=len(rows))
    return rows
