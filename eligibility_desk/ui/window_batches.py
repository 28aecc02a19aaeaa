"""The batch the window shows: the desk opened for an account, the batch selector in the toolbar, one batch or
every applicant on file (全部批次), 新建批次, and reloading after the data changed.  编排, 打印 and 成绩 follow
the batch shown.

A mixin of :class:`~eligibility_desk.ui.main_window.MainWindow` (not a Qt class of its own), only to keep the
window's modules small; its strings are in the window's translation context ("MainWindow")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eligibility_desk.ui.common import desk_settings

#: the batch selector's entry for every applicant on file, whatever their batch (search across batches)
ALL_BATCHES = -1


class BatchSwitching:
    def set_desk(self, desk, batch_id: int | None = None) -> None:
        """Show an open :class:`~eligibility_desk.services.records.desk.Desk`; ``batch_id`` (else the last one used)."""
        if self.desk is not None and self.desk is not desk and self.desk.db is not desk.db:
            self.desk.close()            # (another account on the same database keeps the database open)
        self.desk = desk
        self.ops.desk = desk
        self.session.adopt(desk)
        self.account_label.setText(self.session.status_text())
        self.screening.set_desk(desk)
        self.setWindowTitle(self.title(desk.url))
        self.batches = desk.batches()
        wanted = batch_id if batch_id is not None else desk_settings.last_batch(self.settings)
        ids = [b.id for b in self.batches]
        if wanted not in ids and not (wanted == ALL_BATCHES and len(ids) > 1):
            wanted = ids[-1] if ids else None
        self._fill_batch_combo()
        self.set_batch(wanted)

    def _fill_batch_combo(self) -> None:
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        for b in self.batches:
            text = QCoreApplication.translate("MainWindow", "{name}（{standard}，{n} 人）")
            self.batch_combo.addItem(text.format(name=b.name, standard=b.standard, n=b.applicants), b.id)
        if len(self.batches) > 1:
            self.batch_combo.addItem(QCoreApplication.translate("MainWindow", "全部批次（所有考生）"), ALL_BATCHES)
        self.batch_combo.blockSignals(False)

    def choose_batch(self, batch_id: int | None) -> bool:
        """The user picks another batch: the workspaces' unsaved work is asked about first (保存 / 放弃 / 取消);
        取消 keeps everything as it was, the toolbar showing the batch still on screen."""
        shown = ALL_BATCHES if self.all_batches else self.batch_id
        if batch_id != shown and not self.may_drop_unsaved_work():
            self.batch_combo.setCurrentIndex(max(self.batch_combo.findData(shown), 0))
            return False
        self.set_batch(batch_id)
        return True

    def set_batch(self, batch_id: int | None) -> None:
        """Show one batch, every applicant on file (``ALL_BATCHES``), or the empty state (``None``)."""
        self.all_batches = batch_id == ALL_BATCHES and bool(self.batches)
        if self.all_batches:
            self._show_all_batches()
            return
        self.batch_id = batch_id
        self._update_enabled()
        self._bind_plan_workspaces()
        if batch_id is None:
            self.screening.show_no_batch()
            self.desk_ready.emit()
            return
        self.settings.setValue(desk_settings.KEY_LAST_BATCH, batch_id)
        self.batch_combo.setCurrentIndex(max(self.batch_combo.findData(batch_id), 0))
        batch = next((b for b in self.batches if b.id == batch_id), None)
        levels = batch.levels if batch is not None else None
        names = self.desk.level_names([batch.standard]) if batch is not None else {}
        self.screening.show_batch(batch_id, levels, levels, names)

    def _bind_plan_workspaces(self) -> None:
        """编排 and 打印 follow the batch shown (a single batch; nothing for 全部批次)."""
        batch = next((b for b in self.batches if b.id == self.batch_id), None)
        self.planning.set_desk(self.desk, self.batch_id)
        self.printing.set_desk(self.desk, self.batch_id, batch.name if batch else "")

    def _show_all_batches(self) -> None:
        self.batch_id = None
        self._update_enabled()
        self._bind_plan_workspaces()
        self.settings.setValue(desk_settings.KEY_LAST_BATCH, ALL_BATCHES)
        self.batch_combo.setCurrentIndex(max(self.batch_combo.findData(ALL_BATCHES), 0))
        levels = sorted({level for b in self.batches for level in b.levels}, reverse=True)
        names = self.desk.level_names(sorted({b.standard for b in self.batches}))
        self.screening.show_batch(None, levels, (), names)  # a new applicant is not entered in any batch from here

    def refresh(self) -> None:
        """Reload batches, the list and the open applicant after something changed the data."""
        if self.desk is None:
            return
        self.batches = self.desk.batches()
        self._fill_batch_combo()
        if self.all_batches:
            self.set_batch(ALL_BATCHES)
            return
        self.set_batch(self.batch_id if self.batch_id in [b.id for b in self.batches] else
                       (self.batches[-1].id if self.batches else None))

    def new_batch(self) -> bool:
        from eligibility_desk.ui.new_batch_dialog import NewBatchDialog

        # unsaved work is asked about once the clerk has pressed OK, not when the dialog opens
        dialog = NewBatchDialog(self.desk, self, self.lang, may_create=self.may_drop_unsaved_work)
        if not dialog.exec():
            return False
        self.batches = self.desk.batches()
        self._fill_batch_combo()
        self.set_batch(dialog.batch_id)
        return True
