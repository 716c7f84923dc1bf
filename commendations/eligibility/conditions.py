"""Eligibility conditions: small named checks a rule set switches on by code.

Each check looks at a nomination and the nominee's history and answers met / not met / unknown
with a reason in Vietnamese. "Unknown" means the records do not let the system decide: a reviewer
must confirm it explicitly (services.eligibility.eligibility_confirm), and that is audited.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commendations.eligibility.models import ConditionCode, NomineeLink
from commendations.units.models import DisciplinaryRecord, HonourKind, Initiative
from commendations.units.selectors import unit_lineage

if TYPE_CHECKING:
    from commendations.nominations.models import Nomination
    from commendations.units.models import Person


class Status:
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


STATUS_LABELS = {
    Status.MET: gettext_lazy("Đạt"),
    Status.NOT_MET: gettext_lazy("Không đạt"),
    Status.UNKNOWN: gettext_lazy("Chưa xác định"),
}


@dataclass(frozen=True)
class Outcome:
    status: str
    reason: str


@dataclass(frozen=True)
class Condition:
    code: str
    label: object  # a lazy translation
    check: Callable[["Nomination"], Outcome]
    applies: Callable[["Nomination"], bool] = lambda nomination: True


REGISTRY: dict[str, Condition] = {}


def register(
    code: "ConditionCode", *, applies: Callable[["Nomination"], bool] | None = None
) -> Callable:
    def decorator(func: Callable[["Nomination"], Outcome]) -> Callable[["Nomination"], Outcome]:
        REGISTRY[code] = Condition(
            code=code, label=code.label, check=func, applies=applies or (lambda n: True)
        )
        return func

    return decorator


def nominee_person(nomination: "Nomination") -> "Person | None":
    link = NomineeLink.objects.filter(nomination=nomination).select_related("person").first()
    return link.person if link else None


def _is_individual(nomination: "Nomination") -> bool:
    return nomination.is_individual


def _consecutive_pair(years: set[int], last_year: int) -> tuple[int, int] | None:
    """Two consecutive years, the later one being the campaign's year or the year before."""
    for later in (last_year, last_year - 1):
        if later in years and later - 1 in years:
            return later - 1, later
    return None


def _initiative_used_elsewhere(initiative, nomination: "Nomination") -> str | None:
    if initiative.used_for_id:
        return _("sáng kiến “%(title)s” đã dùng để xét %(honour)s") % {
            "title": initiative.title,
            "honour": initiative.used_for,
        }
    other = (
        initiative.evidence_uses.exclude(nomination=nomination)
        .filter(nomination__state__in=nomination.HOLDING_STATES)
        .select_related("nomination__award_type", "nomination__campaign")
        .first()
    )
    if other:
        return _("sáng kiến “%(title)s” đã dùng cho hồ sơ “%(other)s” (%(campaign)s)") % {
            "title": initiative.title,
            "other": other.nomination,
            "campaign": other.nomination.campaign,
        }
    return None


@register(
    ConditionCode.INDIVIDUAL_MINISTRY_RECORD,
    applies=_is_individual,
)
def individual_ministry_record(nomination: "Nomination") -> Outcome:
    person = nominee_person(nomination)
    if person is None:
        return Outcome(
            Status.UNKNOWN, _("Hồ sơ chưa gắn với cá nhân trong dữ liệu lịch sử thi đua.")
        )
    honours = list(person.honours.all())
    if not honours:
        return Outcome(
            Status.UNKNOWN,
            _("Chưa có dữ liệu danh hiệu các năm trước của %(name)s.") % {"name": person},
        )
    year = nomination.campaign.year
    by_kind: dict[str, set[int]] = {}
    for honour in honours:
        by_kind.setdefault(honour.kind, set()).add(honour.year)
    pair = _consecutive_pair(by_kind.get(HonourKind.GRASSROOTS_EMULATION, set()), year)
    if pair:
        return Outcome(
            Status.MET,
            _("Chiến sĩ thi đua cơ sở năm %(first)s và %(second)s.")
            % {"first": pair[0], "second": pair[1]},
        )
    excellent = by_kind.get(HonourKind.EXCELLENT_DUTY, set()) | by_kind.get(
        HonourKind.GRASSROOTS_EMULATION, set()
    )
    pair = _consecutive_pair(excellent, year)
    if not pair:
        return Outcome(
            Status.NOT_MET,
            _(
                "Không có 2 năm liên tục (đến năm %(year)s) đạt Chiến sĩ thi đua cơ sở hoặc "
                "Hoàn thành xuất sắc nhiệm vụ."
            )
            % {"year": year},
        )
    initiatives = Initiative.objects.filter(
        evidence_uses__nomination=nomination, person=person
    ).select_related("used_for")
    usable, refused = [], []
    for initiative in initiatives:
        problem = _initiative_used_elsewhere(initiative, nomination)
        (refused if problem else usable).append(problem or initiative)
    if len(usable) >= 2:
        return Outcome(
            Status.MET,
            _("Hoàn thành xuất sắc nhiệm vụ năm %(first)s và %(second)s, %(count)s sáng kiến.")
            % {"first": pair[0], "second": pair[1], "count": len(usable)},
        )
    reason = _(
        "Hoàn thành xuất sắc nhiệm vụ năm %(first)s và %(second)s nhưng chỉ có %(count)s sáng "
        "kiến được công nhận chưa sử dụng (cần 2)."
    ) % {"first": pair[0], "second": pair[1], "count": len(usable)}
    if refused:
        reason += " " + _("Không tính: %(items)s.") % {"items": "; ".join(refused)}
    return Outcome(Status.NOT_MET, reason)


@register(ConditionCode.NO_PENDING_DISCIPLINE)
def no_pending_discipline(nomination: "Nomination") -> Outcome:
    today = timezone.localdate()
    if nomination.is_individual:
        subject = nominee_person(nomination)
        if subject is None:
            return Outcome(
                Status.UNKNOWN, _("Hồ sơ chưa gắn với cá nhân trong dữ liệu lịch sử thi đua.")
            )
        records = DisciplinaryRecord.objects.filter(person=subject)
    else:
        subject = nomination.nominee_unit
        if subject is None:
            return Outcome(
                Status.UNKNOWN,
                _("Tập thể “%(name)s” không có trong danh mục đơn vị: cần xác nhận thủ công.")
                % {"name": nomination.nominee_name},
            )
        # A unit answers for its predecessors' pending matters too (history follows lineage).
        records = DisciplinaryRecord.objects.filter(unit_id__in=unit_lineage(subject).family_ids)
    active = [r for r in records if r.is_active(today)]
    if active:
        return Outcome(
            Status.NOT_MET,
            _("%(subject)s: %(items)s.")
            % {
                "subject": nomination.nominee_name,
                "items": "; ".join(
                    f"{r.get_kind_display()} từ {r.started_on:%d/%m/%Y}"
                    + (f" ({r.note})" if r.note else "")
                    for r in active
                ),
            },
        )
    return Outcome(Status.MET, _("Không có kỷ luật, điều tra hay khiếu nại đang giải quyết."))


@register(ConditionCode.NOT_ALREADY_COMMENDED)
def not_already_commended(nomination: "Nomination") -> Outcome:
    others = nomination.campaign.nominations.filter(state__in=nomination.HOLDING_STATES).exclude(
        pk=nomination.pk
    )
    person = nominee_person(nomination) if nomination.is_individual else None
    if person is not None:
        others = others.filter(nominee_link__person=person)
    elif nomination.nominee_unit_id:
        others = others.filter(nominee_unit=nomination.nominee_unit_id)
    else:
        others = others.filter(
            nominee_name__iexact=nomination.nominee_name.strip(), unit=nomination.unit_id
        )
    duplicate = others.select_related("award_type").first()
    if duplicate:
        return Outcome(
            Status.NOT_MET,
            _("Thành tích trong đợt này đã được đề nghị “%(award)s” (hồ sơ số %(pk)s).")
            % {"award": duplicate.award_type.short_name, "pk": duplicate.pk},
        )
    problems = [
        problem
        for evidence in nomination.evidence.filter(initiative__isnull=False).select_related(
            "initiative__used_for"
        )
        if (problem := _initiative_used_elsewhere(evidence.initiative, nomination))
    ]
    if problems:
        return Outcome(
            Status.NOT_MET, _("Trùng minh chứng: %(items)s.") % {"items": "; ".join(problems)}
        )
    return Outcome(Status.MET, _("Thành tích và sáng kiến chưa được dùng để khen thưởng."))
