"""Unsaved work: the common way a workspace says it holds edits that are not stored yet and stores them, and
the standard question asked before they would be lost — 保存 / 放弃 / 取消 (Esc = 取消).

A holder (the applicant form, the 编排 workspace) has two methods:

- ``unsaved_work() -> str``: ``""`` when nothing would be lost, else one sentence naming what would be;
- ``save_unsaved_work() -> bool``: store it as the holder's own save button does; False when nothing was
  stored (refused, declined, failed) — the edits are kept and the action that asked does not go on;
- optionally ``discard_unsaved_work()``: called on 放弃, for a holder whose edits would otherwise outlive the
  action (the applicant form stays on screen when the batch changes; the plan shown is simply replaced).

The main window asks its holders before switching batch and before closing; a workspace asks itself before
it puts another plan on screen.  The question is a plain function ``ask(text) -> SAVE | DISCARD | CANCEL``
so tests answer it without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
CONTEXT = "UnsavedWork"


def has_unsaved_work(holder) -> bool:
    """``holder`` takes part (has the two methods) and has something unsaved now."""
    return callable(getattr(holder, "unsaved_work", None)) and bool(holder.unsaved_work())


def ask_save_discard_cancel(parent: QWidget | None, text: str) -> str:
    """The modal question; the answer is SAVE, DISCARD or CANCEL (also when the box is closed or Esc)."""
    def tr(source: str) -> str:
        return QCoreApplication.translate(CONTEXT, source)

    box = QMessageBox(QMessageBox.Warning, tr("未保存的修改"), text,
                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, parent)
    box.setInformativeText(tr("保存这些修改，还是放弃它们？"))
    box.button(QMessageBox.Save).setText(tr("保存"))
    box.button(QMessageBox.Discard).setText(tr("放弃"))
    box.button(QMessageBox.Cancel).setText(tr("取消"))
    box.setDefaultButton(QMessageBox.Save)
    box.setEscapeButton(QMessageBox.Cancel)
    return {QMessageBox.Save: SAVE, QMessageBox.Discard: DISCARD}.get(QMessageBox.StandardButton(box.exec()), CANCEL)


def may_proceed(holders: Iterable, ask: Callable[[str], str]) -> bool:
    """Ask about each holder's unsaved work in turn; True when the action may go on (everything was saved or
    discarded), False as soon as the user cancels or a save stores nothing."""
    for holder in holders:
        if not has_unsaved_work(holder):
            continue
        answer = ask(holder.unsaved_work())
        if answer == CANCEL or (answer == SAVE and not holder.save_unsaved_work()):
            return False
        if answer == DISCARD and callable(getattr(holder, "discard_unsaved_work", None)):
            holder.discard_unsaved_work()
    return True
