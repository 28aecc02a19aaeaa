"""The review queue: the batch's undecided ``review`` results one after another.

Two keystrokes per case: a digit picks a prepared reason (or type one in the reason box), then ``A``
approves or ``R`` rejects (Ctrl+Enter / Ctrl+Shift+Enter while typing in the box).  ``N`` / ``P`` move on
without deciding.  The decision is stored beside the engine's verdict, never replacing it (services layer).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget

from eligibility_desk.ui.common import role_gate
from eligibility_desk.ui.common.refusal_text import refusal_text
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.ui.screening.clause_texts import ClauseTexts
from eligibility_desk.ui.screening.verdict_panel import VerdictPanel


class ReviewQueuePanel(QWidget):
    decided = Signal(int, bool)       # result id, approved
    queue_changed = Signal(int)       # how many undecided review results are left

    def __init__(self, clause_texts: ClauseTexts, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.desk = None
        self.batch_id: int | None = None
        self.queue: list[int] = []
        self.position = 0
        self.current = None

        self.heading = QLabel(self)
        self.heading.setObjectName("review_heading")
        self.heading.setStyleSheet("font-weight:bold")
        self.detail = VerdictPanel(clause_texts, self, lang)
        self.presets = QListWidget(self)
        self.presets.setObjectName("review_presets")
        self.presets.setMaximumHeight(110)
        self.presets.setFocusPolicy(Qt.NoFocus)
        self.reasons = [self.tr("职称与本职业专业对应，已核验职称证书原件"),
                        self.tr("工作经历证明齐全，已核验"),
                        self.tr("专业与本职业相关，已核对专业目录"),
                        self.tr("资料不全，无法核实"),
                        self.tr("职称与本职业专业不对应")]
        for n, text in enumerate(self.reasons, start=1):
            self.presets.addItem(f"{n}  {text}")
        self.presets.itemClicked.connect(lambda item: self.pick_reason(self.presets.row(item) + 1))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("review_reason")
        self.reason.setPlaceholderText(self.tr("理由（必填）：按数字键选用上面的理由，或在此输入"))
        self.message = QLabel(self)
        self.message.setStyleSheet("color:#c62828")
        self.approve_button = QPushButton(self.tr("通过 (A)"), self)
        self.approve_button.setObjectName("review_approve")
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = QPushButton(self.tr("不通过 (R)"), self)
        self.reject_button.setObjectName("review_reject")
        self.reject_button.clicked.connect(lambda: self.decide(False))
        previous = QPushButton(self.tr("上一条 (P)"), self)
        previous.clicked.connect(lambda: self.move(-1))
        following = QPushButton(self.tr("下一条 (N)"), self)
        following.clicked.connect(lambda: self.move(1))
        for button in (self.approve_button, self.reject_button, previous, following):
            button.setFocusPolicy(Qt.NoFocus)

        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(previous)
        buttons.addWidget(following)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.presets)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._shortcuts = []
        for n in range(1, len(self.reasons) + 1):
            self._shortcut(str(n), lambda n=n: self.pick_reason(n))
        self._shortcut("A", lambda: self.decide(True))
        self._shortcut("R", lambda: self.decide(False))
        self._shortcut("Ctrl+Return", lambda: self.decide(True))
        self._shortcut("Ctrl+Shift+Return", lambda: self.decide(False))
        self._shortcut("N", lambda: self.move(1))
        self._shortcut("P", lambda: self.move(-1))
        self.setFocusPolicy(Qt.StrongFocus)
        self._show()

    def _shortcut(self, keys: str, slot) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    # --- data ---------------------------------------------------------------------------------------
    def set_desk(self, desk, batch_id: int | None) -> None:
        self.desk = desk
        self.batch_id = batch_id
        self.refresh()

    def refresh(self) -> None:
        current_id = self.queue[self.position] if 0 <= self.position < len(self.queue) else None
        self.queue = self.desk.review_queue(self.batch_id) if self.desk is not None and self.batch_id is not None else []
        self.position = self.queue.index(current_id) if current_id in self.queue else 0
        self._show()
        self.queue_changed.emit(len(self.queue))

    def _show(self) -> None:
        self.message.clear()
        has = bool(self.queue)
        for widget in (self.approve_button, self.reject_button, self.reason, self.presets):
            widget.setEnabled(has)
        actor = getattr(self.desk, "actor", None)
        if has and actor is not None:     # deciding needs a 审核员 or 复核人 (the services refuse anyway)
            for button in (self.approve_button, self.reject_button):
                role_gate.gate(button, actor, "decide", lang=self.detail.lang)
        if not has:
            self.current = None
            self.heading.setText(self.tr("复核队列已清空：本批次没有待复核的结果。"))
            self.detail.clear(self.tr("审核结论为“待人工审核”且尚未决定的结果会出现在这里。"))
            return
        self.current = self.desk.result(self.queue[self.position])
        applicant, _version = self.desk.load_applicant(self.current.applicant_pk)
        self.heading.setText(self.tr("待复核 {i} / {n}：{name}（{code}）").format(
            i=self.position + 1, n=len(self.queue), name=applicant.name, code=applicant.id))
        self.detail.show_results(applicant.name, applicant.id, [self.current])
        self.reason.clear()

    # --- actions -------------------------------------------------------------------------------------
    def pick_reason(self, n: int) -> None:
        if 1 <= n <= len(self.reasons) and self.queue:
            self.reason.setText(self.reasons[n - 1])
            self.presets.setCurrentRow(n - 1)

    def move(self, step: int) -> None:
        if self.queue:
            self.position = (self.position + step) % len(self.queue)
            self._show()

    def decide(self, approve: bool) -> bool:
        if self.current is None or self.desk is None:
            return False
        reason = self.reason.text().strip()
        if not reason:
            self.message.setText(self.tr("请先给出理由：按 1–{n} 选用，或在理由框中输入。").format(n=len(self.reasons)))
            return False
        result_id = self.current.id
        try:   # the version seen: decided meanwhile at another desk → refused, nothing stored
            self.desk.decide(result_id, approve, reason, expected_version=self.current.decisions)
        except StaleRecordError as exc:
            self.refresh()     # the case left the queue (or changed): show the queue as it is now, then say why
            self.message.setText(exc.message(self.lang))
            return False
        except Exception as exc:  # noqa: BLE001 — a refused decision: say so, keep the queue
            self.message.setText(refusal_text(exc, self.lang))
            return False
        self.queue.remove(result_id)
        if self.position >= len(self.queue):
            self.position = 0
        self._show()
        self.setFocus(Qt.OtherFocusReason)
        self.decided.emit(result_id, approve)
        self.queue_changed.emit(len(self.queue))
        return True
