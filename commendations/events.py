"""The named audit events of the awards workflow: actions that change no state but must be on
the record. workflow.services.audit_event_record stores them; nothing reads them back to decide
anything. This module imports nothing from commendations, so it can move with the packages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventKind(models.TextChoices):
    # The values are what the audit trail stored as free-text transition names before events
    # had their own table, so old rows and new events read the same in the history.
    RECUSAL = "recuse", _("Không tham gia xét (xung đột lợi ích)")
    # Each vote as cast, a changed vote included (the Vote row keeps only the last choice); on the
    # session's record, so a nomination's history shows the recorded tally, not every ballot.
    VOTE_CAST = "vote_cast", _("Bỏ phiếu tại phiên họp Hội đồng")
    # The member took their vote back (Undo) before the recommendation was recorded.
    VOTE_WITHDRAWN = "vote_withdrawn", _("Rút lại phiếu biểu quyết")
    ELIGIBILITY_CONFIRMED = "confirm_eligibility", _("Xác nhận điều kiện khen thưởng")
    # One label for both, as the history showed before they were told apart.
    AWARD_REVOKED = "revoke_award", _("Thu hồi, hủy bỏ khen thưởng")
    DECISION_REVOKED = "revoke_decision", _("Thu hồi, hủy bỏ khen thưởng")
    # A dissolved unit's open nomination or officer account moved to its heir (data: from/to).
    UNIT_HANDOVER = "unit_handover", _("Chuyển giao cho đơn vị kế thừa")
    # A draft decision deleted before issue: recorded on each nomination it listed (back in
    # the authority's queue), since the decision row is gone.
    DRAFT_DECISION_DELETED = "delete_draft_decision", _("Xóa dự thảo quyết định")
    # The proposing unit marked (or unmarked) a nomination as holding state secrets: it is left
    # out of the electronic dossier package (data: contains_state_secrets, note).
    STATE_SECRETS_MARKED = "state_secrets_marked", _("Đánh dấu hồ sơ chứa bí mật nhà nước")
    STATE_SECRETS_CLEARED = "state_secrets_cleared", _("Bỏ đánh dấu hồ sơ chứa bí mật nhà nước")
    # Someone opened a dossier with state secrets (its page, its API answer, an attachment):
    # every view is on the record (data: what was viewed).
    SECRET_DOSSIER_VIEWED = "secret_dossier_viewed", _("Xem hồ sơ chứa bí mật nhà nước")
    # The deciding authority named the officers who review a secret dossier (data: user ids).
    SECRET_REVIEWERS_DESIGNATED = (
        "secret_reviewers_designated",
        _("Giao cán bộ thẩm định hồ sơ chứa bí mật nhà nước"),
    )
    # The scan of a decision's paper original attached after it was recorded (data: file).
    DECISION_SCAN_ATTACHED = "decision_scan_attached", _("Đính kèm bản quét bản gốc quyết định")
    # A Tờ trình to the Ministry recorded with its sealed PDF (data: letter id, number).
    SUBMISSION_LETTER_CREATED = "submission_letter_created", _("Lập Tờ trình đề nghị khen thưởng")
    # A certificate's archived PDF/A was made (sealed, or why not): data has its SHA-256.
    CERTIFICATE_PDF_MADE = "certificate_pdf", _("Tạo bản PDF lưu trữ của Bằng khen/Giấy khen")
    # A person, a service record, a past title or award, or an initiative recorded through the
    # people API or the history screens (data: what, id).
    HISTORY_RECORDED = "history_recorded", _("Ghi nhận quá trình công tác, khen thưởng")
    # A unit's year-end rating list drafted: created, its references changed, a row added or
    # removed, rows imported from Excel (data: what, and the row or count).
    RATING_LIST_CHANGED = "rating_list_changed", _("Lập, sửa danh sách đề nghị danh hiệu thi đua")
    # A registration for a title at the start of the year (đăng ký thi đua): data: the title,
    # the year, the person (none for the unit itself).
    REGISTRATION_RECORDED = "registration_recorded", _("Đăng ký thi đua đầu năm")
