"""Who is at the desk: the window's 账户 menu and the start-up flow, over one
:class:`~eligibility_desk.services.accounts.AccountService`.

Start-up (:meth:`log_in`, on the GUI thread once the database is open): a database without accounts shows the
first-run dialog; in password mode the login dialog; in 「本机登录名即账户」 mode no dialog — this computer's
login name is the account, or a clear message when it has none.  ``None`` means nobody logged in (the window
quits).  The menu: 切换账户… (password mode; the window asks about unsaved work first), 修改密码… (password
mode), 账户管理… (administrators).  ``actor_changed`` tells the window to rebuild the desk for the new account.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from eligibility_desk.domain.roles import Role
from eligibility_desk.ui.accounts.account_texts import error_text, roles_text

PASSWORD, OS = "password", "os"


def os_login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name (some containers)
        return ""


class AccountSession(QObject):
    actor_changed = Signal(object)     # the account now at the desk (after 切换账户…)

    def __init__(self, window: QWidget, settings, lang: str = "zh"):
        super().__init__(window)
        self.window, self.settings, self.lang = window, settings, lang
        self.accounts = None
        self.actor = None
        self.mode = PASSWORD
        self.act_switch = self._action(self.tr("切换账户…"), self.switch_account, "switch_account")
        self.act_password = self._action(self.tr("修改密码…"), self.change_password, "change_password")
        self.act_manage = self._action(self.tr("账户管理…"), self.manage_accounts, "manage_accounts")
        self.update_actions()

    def _action(self, text: str, slot, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        return [self.act_switch, self.act_password, None, self.act_manage]

    # --- start-up ------------------------------------------------------------------------------------
    def bind(self, db) -> None:
        from eligibility_desk.services.accounts import AccountService

        self.accounts = AccountService(db)

    def log_in(self, db, database: str = ""):
        """The actor for the desk about to open on ``db``, or None when nobody logged in."""
        from eligibility_desk.ui.accounts.first_run_dialog import FirstRunDialog
        from eligibility_desk.ui.accounts.login_dialog import LoginDialog

        self.bind(db)
        if not self.accounts.has_accounts():
            dialog = FirstRunDialog(self.accounts, os_login_name(), self.window, self.lang)
            actor = dialog.actor if self.exec_dialog(dialog) else None
        else:
            self.mode = self.accounts.login_mode()
            if self.mode == OS:
                actor = self._os_actor()
            else:
                dialog = LoginDialog(self.accounts, self.settings, self.window, self.lang, database=database)
                actor = dialog.actor if self.exec_dialog(dialog) else None
        if actor is not None:
            self.mode = self.accounts.login_mode()
            self.set_actor(actor)
        return actor

    def _os_actor(self):
        login = os_login_name()
        try:
            return self.accounts.os_account(login)
        except Exception as exc:  # noqa: BLE001 — no account for this login: said, and nobody logs in
            self.inform(self.tr("无法登录"), self.tr("本数据库设为「本机登录名即账户」，但本机登录名「{login}」没有账户"
                                                  "（{reason}）。请管理员为它建立账户。").format(login=login, reason=error_text(exc, self.lang)))
            return None

    def exec_dialog(self, dialog) -> bool:
        """Run a modal dialog; tests replace this to answer it."""
        return bool(dialog.exec())

    def inform(self, title: str, text: str) -> None:
        """A message box; tests replace it."""
        QMessageBox.warning(self.window, title, text)

    def adopt(self, desk) -> None:
        """The window shows ``desk`` (logged in here, or handed over: the demo, tests): follow its account."""
        if self.accounts is None or self.accounts.db is not desk.db:
            self.bind(desk.db)
            self.mode = self.accounts.login_mode()
        self.set_actor(desk.actor)

    def set_actor(self, actor) -> None:
        self.actor = actor
        self.update_actions()

    # --- what is shown -------------------------------------------------------------------------------
    def who(self) -> str:
        if self.actor is None:
            return ""
        shown = self.actor.display_name if self.actor.display_name and self.actor.display_name != self.actor.name \
            else ""
        return self.tr("{display}（{account}）").format(display=shown, account=self.actor.name) if shown else self.actor.name

    def status_text(self) -> str:
        """The status bar's account line: who, their roles, and how this database logs in."""
        if self.actor is None:
            return ""
        how = self.tr("本机登录名即账户") if self.mode == OS else self.tr("账户与密码")
        return self.tr("账户：{who} · {roles} · 登录方式：{how}").format(who=self.who(),
                                                                    roles=roles_text(self.actor.roles, self.lang), how=how)

    def update_actions(self) -> None:
        known = self.accounts is not None and self.actor is not None
        by_password = self.mode == PASSWORD
        admin = known and self.actor.has(Role.ADMIN)
        os_reason = self.tr("本数据库设为「本机登录名即账户」：换人请换本机登录")
        for action, enabled, reason in (
                (self.act_switch, known and by_password, os_reason if known else ""),
                (self.act_password, known and by_password, os_reason if known else ""),
                (self.act_manage, admin, self.tr("此操作需要“管理员”角色，当前账户 {name} 没有").format(
                    name=self.actor.name) if known else "")):
            action.setEnabled(enabled)
            tip = action.text().rstrip("…") if enabled or not reason else f"{action.text().rstrip('…')} — {reason}"
            action.setToolTip(tip)
            action.setStatusTip(tip)

    # --- the menu ------------------------------------------------------------------------------------
    def switch_account(self):
        """切换账户…: the login dialog again; on success ``actor_changed``.  The window asks about unsaved work
        before (its ``may_drop_unsaved_work``)."""
        from eligibility_desk.ui.accounts.login_dialog import LoginDialog

        if self.accounts is None or self.mode != PASSWORD:
            return None
        if hasattr(self.window, "may_drop_unsaved_work") and not self.window.may_drop_unsaved_work():
            return None
        dialog = LoginDialog(self.accounts, self.settings, self.window, self.lang, title=self.tr("切换账户"))
        dialog.name.clear()
        dialog.name.setFocus()
        if not self.exec_dialog(dialog) or dialog.actor is None:
            return None
        self.set_actor(dialog.actor)
        self.actor_changed.emit(dialog.actor)
        return dialog.actor

    def change_password(self):
        from eligibility_desk.ui.accounts.change_password_dialog import ChangePasswordDialog

        if self.accounts is None or self.actor is None:
            return None
        self.password_dialog = ChangePasswordDialog(self.accounts, self.actor, None, self.window, self.lang)
        self.password_dialog.open()
        return self.password_dialog

    def manage_accounts(self):
        from eligibility_desk.ui.accounts.account_manager_dialog import AccountManagerDialog

        if self.accounts is None or self.actor is None:
            return None
        self.manager = AccountManagerDialog(self.accounts, self.actor, self.window, self.lang)
        self.manager.finished.connect(lambda _result: self.reread_actor())
        self.manager.open()
        return self.manager

    def reread_actor(self) -> None:
        """After 账户管理: the administrator may have changed their own roles or name shown — the desk follows."""
        if self.accounts is None or self.actor is None:
            return
        try:
            fresh = self.accounts.actor(self.actor.name)
        except Exception:  # noqa: BLE001 — an actor with no stored account (tests, the demo): nothing to re-read
            return
        if fresh != self.actor:
            self.set_actor(fresh)
            self.actor_changed.emit(fresh)
