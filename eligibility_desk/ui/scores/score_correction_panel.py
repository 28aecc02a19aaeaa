"""After the lock: 更正 a seat's value with a required reason (audited: who, when, before → after), the
sheet's audit trail, and 复核 requests with their deadline in working days (after publication)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
    QVBoxLayout, QWidget,
)

from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.scoring import ScoreError
from eligibility_desk.ui.common import role_gate
from eligibility_desk.ui.common.refusal_text import permission_denied
from eligibility_desk.scoring.values import format_value
from eligibility_desk.services.scores.score_views import error_text

_ERROR, _OK = "color:#c62828", "color:#2e7d32"


def _wrapped(text: str, parent: QWidget) -> QLabel:
    """A caption that wraps rather than widening the pane (English runs longer)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class ScoreCorrectionPanel(QWidget):
    changed = Signal()           # a correction or a re-check request was stored

    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.scores = None
        self.info = None
        self.seat = QComboBox(self)
        self.seat.setObjectName("correction_seat")
        self.value = QLineEdit(self)
        self.value.setObjectName("correction_value")
        self.value.setPlaceholderText(self.tr("新成绩，如 61、缺考、违纪 说明"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("correction_reason")
        self.reason.setPlaceholderText(self.tr("必填：更正理由"))
        self.correct_button = QPushButton(self.tr("更正"), self)
        self.correct_button.setObjectName("correct")
        self.correct_button.clicked.connect(self.correct)
        form = QFormLayout()
        form.addRow(self.tr("座位"), self.seat)
        form.addRow(self.tr("新成绩"), self.value)
        form.addRow(self.tr("理由"), self.reason)
        form.addRow("", self.correct_button)
        box = QGroupBox(self.tr("更正（锁定后）"), self)
        box.setLayout(form)
        self.audit = QListWidget(self)
        self.audit.setObjectName("audit_list")
        self.audit.setWordWrap(True)
        self.recheck_date = QDateEdit(QDate.currentDate(), self)
        self.recheck_date.setCalendarPopup(True)
        self.recheck_date.setDisplayFormat("yyyy-MM-dd")
        self.recheck_reason = QLineEdit(self)
        self.recheck_reason.setObjectName("recheck_reason")
        self.recheck_reason.setPlaceholderText(self.tr("考生申请复核的理由"))
        self.recheck_button = QPushButton(self.tr("登记复核申请"), self)
        self.recheck_button.setObjectName("request_recheck")
        self.recheck_button.clicked.connect(self.request_recheck)
        self.rechecks = QListWidget(self)
        self.rechecks.setObjectName("recheck_list")
        self.rechecks.setWordWrap(True)
        for listing in (self.audit, self.rechecks):      # two lines at least (not Qt's 70 px): the window fits
            listing.setMinimumHeight(2 * listing.fontMetrics().lineSpacing() + 2 * listing.frameWidth() + 8)
        self.keep_button = QPushButton(self.tr("复核结论：维持原成绩"), self)
        self.keep_button.setObjectName("recheck_unchanged")
        self.keep_button.clicked.connect(lambda: self.resolve_recheck("unchanged"))
        self.change_button = QPushButton(self.tr("复核结论：改为上方新成绩"), self)
        self.change_button.setObjectName("recheck_changed")
        self.change_button.clicked.connect(lambda: self.resolve_recheck("changed"))
        self._recheck_ids: list = []
        recheck_row = QHBoxLayout()                 # the date, then the reason and the button: narrow in English
        recheck_row.addWidget(QLabel(self.tr("申请日"), self))
        recheck_row.addWidget(self.recheck_date)
        recheck_row.addStretch(1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.recheck_reason, 1)
        reason_row.addWidget(self.recheck_button)
        self.message = QLabel(self)
        self.message.setObjectName("correction_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addWidget(_wrapped(self.tr("更正记录（谁、何时、更正前 → 更正后、理由）"), self))
        layout.addWidget(self.audit, 2)
        layout.addWidget(_wrapped(self.tr("复核（座位同上；期限按工作日计算）"), self))
        layout.addLayout(recheck_row)
        layout.addLayout(reason_row)
        layout.addWidget(self.rechecks, 1)
        outcome_row = QHBoxLayout()
        outcome_row.addStretch(1)
        outcome_row.addWidget(self.keep_button)
        outcome_row.addWidget(self.change_button)
        layout.addLayout(outcome_row)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(_OK if ok else _ERROR)
        self.message.setText(text)

    def set_sheet(self, scores, sheet_id: int, info) -> None:
        previous = self.info.id if self.info is not None else None
        self.scores, self.info = scores, info
        current = self.seat.currentData()
        self.seat.clear()
        for line in info.lines:
            self.seat.addItem(f"{line.seat}  {line.admission_no}  {line.name}", line.seat)
        if current is not None and self.seat.findData(current) >= 0:
            self.seat.setCurrentIndex(self.seat.findData(current))
        for widget in (self.seat, self.value, self.reason, self.correct_button, self.recheck_button, self.recheck_reason,
                       self.keep_button, self.change_button):
            widget.setEnabled(info.locked)
        lock_first = self.tr("锁定后才能更正或登记复核。")
        if not info.locked:
            self.say(lock_first)
        elif previous != sheet_id or self.message.text() == lock_first:
            self.say("")            # another sheet, or this one just locked: an earlier sheet's words do not apply
        actor = getattr(scores, "actor", None)
        if info.locked and actor is not None:    # 更正 and 复核结论: a 复核人; a re-check request: 审核员 or 复核人
            for button, key in ((self.correct_button, "correct"), (self.keep_button, "correct"),
                                (self.change_button, "correct"), (self.recheck_button, "request_recheck")):
                role_gate.gate(button, actor, key, lang=self.lang)
        self._fill_audit()
        self._fill_rechecks()

    def _fill_audit(self) -> None:
        from eligibility_desk.services.scores.score_store import value_from_json  # loads SQLAlchemy: not at start-up

        self.audit.clear()
        for c in self.scores.corrections(self.info.id):
            before = format_value(value_from_json(c["before"]), self.lang)
            after = format_value(value_from_json(c["after"]), self.lang)
            self.audit.addItem(self.tr("{at} {by}：座位 {seat}（{candidate}）{before} → {after}；理由：{reason}").format(
                at=f"{c['at']:%Y-%m-%d %H:%M}", by=c["by"], seat=c["seat"], candidate=c["candidate"], before=before,
                after=after, reason=c["reason"]))
        if not self.audit.count():
            self.audit.addItem(self.tr("尚无更正。"))

    def _fill_rechecks(self) -> None:
        self.rechecks.clear()
        self._recheck_ids = []
        for r in self.scores.rechecks(self.info.batch_id):
            if r.sheet_id != self.info.id:
                continue
            self._recheck_ids.append(r)
            state = {None: self.tr("待处理"), "unchanged": self.tr("维持原成绩"), "changed": self.tr("已更改")}[r.outcome]
            self.rechecks.addItem(self.tr("座位 {seat}（{candidate}）申请 {on}，答复期限 {deadline}，{state}").format(
                seat=r.seat, candidate=r.candidate, on=r.requested_on, deadline=r.deadline, state=state))

    def correct(self) -> bool:
        if self.info is None:
            return False
        seat = self.seat.currentData()
        try:
            self.scores.correct(self.info.id, seat, self.value.text().strip(), self.reason.text().strip(),
                                expected_version=self.scores.sheet(self.info.id).version)
        except (ScoreError, permission_denied()) as exc:
            self.say(self.tr("未更正：{reason}").format(reason=error_text(exc, self.lang)))
            return False
        except StaleRecordError:
            self.say(self.tr("未更正：本表刚被他人更正，请看更正记录后再试；您填写的内容仍在。"))
            self.info = self.scores.sheet(self.info.id)
            self._fill_audit()
            return False
        self.say(self.tr("座位 {seat} 已更正并记录。").format(seat=seat), ok=True)
        self.value.clear()
        self.reason.clear()
        self.changed.emit()
        return True

    def resolve_recheck(self, outcome: str) -> bool:
        """Close the chosen open re-check; 「改为」 takes the new score typed above and goes through the
        audited correction, whose reason names the re-check."""
        row = self.rechecks.currentRow()
        if not 0 <= row < len(self._recheck_ids) or not self._recheck_ids[row].open:
            self.say(self.tr("请先在列表中选择一项待处理的复核。"))
            return False
        r = self._recheck_ids[row]
        value = self.value.text().strip() if outcome == "changed" else None
        try:
            self.scores.resolve_recheck(r.id, outcome, value or None, note=self.reason.text().strip(),
                                        expected_version=r.version)
        except (ScoreError, permission_denied()) as exc:
            self.say(self.tr("复核未办结：{reason}").format(reason=error_text(exc, self.lang)))
            return False
        except StaleRecordError:
            self.say(self.tr("复核未办结：该复核刚被他人处理，请查看列表。"))
            self._fill_rechecks()
            return False
        self.say(self.tr("座位 {seat} 的复核已办结。").format(seat=r.seat), ok=True)
        self.value.clear()
        self.reason.clear()
        self.changed.emit()
        return True

    def request_recheck(self) -> bool:
        if self.info is None:
            return False
        seat = self.seat.currentData()
        on = self.recheck_date.date()
        try:
            r = self.scores.request_recheck(self.info.id, seat, date(on.year(), on.month(), on.day()),
                                            self.recheck_reason.text().strip())
        except (ScoreError, permission_denied()) as exc:
            self.say(self.tr("未登记复核：{reason}").format(reason=error_text(exc, self.lang)))
            return False
        self.say(self.tr("已登记座位 {seat} 的复核申请，答复期限 {deadline}。").format(seat=seat, deadline=r.deadline), ok=True)
        self.recheck_reason.clear()
        self._fill_rechecks()
        self.changed.emit()
        return True
