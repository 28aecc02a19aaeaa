"""The window's life: opening the database off the GUI thread, logging someone in and switching accounts
(:class:`~eligibility_desk.ui.accounts.account_session.AccountSession`), the demo database, 设置 and restarting,
and the unsaved-work question (保存 / 放弃 / 取消) before the batch changes or the window closes.

A mixin of :class:`~eligibility_desk.ui.main_window.MainWindow` (not a Qt class of its own), only to keep the
window's modules small; its strings are in the window's translation context ("MainWindow")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eligibility_desk.ui.common import desk_settings, unsaved_work
from eligibility_desk.ui.window_batches import ALL_BATCHES
from eligibility_desk.ui.window_workspaces import WORKSPACES


class WindowLifecycle:
    def open_database(self, db_url: str | None = None, rules_dir: str | None = None, demo: bool = False) -> None:
        """Open (and migrate) the database on a worker thread; the window stays responsive meanwhile."""
        from eligibility_desk.services.launch import open_demo_desk, open_desk

        self.rules_dir = rules_dir
        self.planning.rules_dir = rules_dir
        if demo:
            self.runner.run("open", lambda progress, cancelled: open_demo_desk(None, progress, cancelled, rules_dir),
                            label=QCoreApplication.translate("MainWindow", "正在生成演示数据…"),
                            on_done=lambda opened: self.set_desk(*opened),
                            on_failed=self.database_failed)
        else:
            self.runner.run("open", lambda progress, cancelled: open_desk(db_url, rules_dir), show_progress=False,
                            on_done=self._opened, on_failed=self.database_failed)

    def _opened(self, opened) -> None:
        """The database is open: log someone in (first run, login dialog, or this computer's login) and show
        the desk for that account; nobody logged in (退出, Esc) closes the window."""
        desk, batch_id = opened
        self.database_url = desk.url
        self.setWindowTitle(self.title(desk.url))
        actor = self.session.log_in(desk.db, desk.url)
        if actor is None:
            desk.close()
            self.quit_app()
            return
        self.set_desk(self._desk_for(desk.db, actor), batch_id)
        self.backups.daily(self.desk)      # the automatic backup, when the last one is older than a day

    def _desk_for(self, db, actor):
        from eligibility_desk.services.records.desk import Desk

        return Desk(db, actor, self.rules_dir)

    def _actor_changed(self, actor) -> None:
        """账户 → 切换账户…: the same database, the same batch, another account."""
        if self.desk is not None:
            self.set_desk(self._desk_for(self.desk.db, actor), ALL_BATCHES if self.all_batches else self.batch_id)
            switched = QCoreApplication.translate("MainWindow", "已切换到账户 {who}")
            self.statusBar().showMessage(switched.format(who=self.session.who()), 10000)

    def quit_app(self) -> None:
        """Nobody logged in: close the window and leave (no traceback); tests replace it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.close()
        QTimer.singleShot(0, QApplication.instance().quit)

    def open_demo(self) -> None:
        """Switch to a fresh demo database (a temporary file) with a generated, screened batch."""
        from eligibility_desk.services.launch import open_demo_desk

        if not self.may_drop_unsaved_work():
            return
        user = self.desk.user if self.desk is not None else None
        rules_dir = self.rules_dir
        self.runner.run("demo", lambda progress, cancelled: open_demo_desk(user, progress, cancelled, rules_dir),
                        label=QCoreApplication.translate("MainWindow", "正在生成演示数据…"),
                        on_done=lambda opened: self.set_desk(*opened),
                        on_failed=self.database_failed)

    def database_failed(self, exc: BaseException) -> None:
        failed = QCoreApplication.translate("MainWindow", "无法打开数据库：{error}")
        self.screening.show_open_failed(failed.format(error=exc))

    def open_settings(self) -> None:
        from eligibility_desk.ui.settings_dialog import SettingsDialog

        batch = next((b for b in self.batches if b.id == self.batch_id), None)
        self.settings_dialog = SettingsDialog(self.settings, self, self.desk, self.batch_id, batch.name if batch else "")
        self.settings_dialog.restart_requested.connect(self.restart)
        self.settings_dialog.open()

    def restart(self) -> bool:
        """Close as usual (unsaved work is asked about; geometry, splitter, batch and tab are saved) and start
        the same command line again, which reopens the same batch and tab — e.g. in the language just chosen."""
        if not self.close():
            return False
        from eligibility_desk.ui.common.restart import restart_command

        self.restart_app(*restart_command())
        return True

    def restart_app(self, program: str, arguments: list[str]) -> None:
        """Start ``program arguments`` and quit; tests replace it."""
        from eligibility_desk.ui.common.restart import restart_detached

        restart_detached(program, arguments)

    # --- unsaved work and closing -----------------------------------------------------------------
    def unsaved_work_holders(self) -> list:
        """The workspaces whose unsaved work belongs to the batch shown (see :mod:`.unsaved_work`); in 审核 it
        is the applicant form's."""
        pages = [self.workspaces.widget(i) for i in range(self.workspaces.count())]
        return [page for page in pages if callable(getattr(page, "unsaved_work", None))]

    def may_drop_unsaved_work(self) -> bool:
        """Ask 保存 / 放弃 / 取消 for each workspace with unsaved work; True when the caller may go on."""
        return unsaved_work.may_proceed(self.unsaved_work_holders(), self.ask_unsaved)

    def ask_unsaved(self, text: str) -> str:
        """The modal 保存 / 放弃 / 取消 question; tests replace it."""
        return unsaved_work.ask_save_discard_cancel(self, text)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.may_drop_unsaved_work():
            event.ignore()
            return
        desk_settings.save_window(self.settings, self, self.screening.splitter, WORKSPACES[self.workspaces.currentIndex()])
        self.runner.cancel_all()
        self.runner.wait(10000)
        super().closeEvent(event)
