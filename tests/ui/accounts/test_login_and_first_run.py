"""The first run creates an administrator who can then log in; the login dialog's refusals (wrong password,
locked), Enter and Esc; the window's start-up flow on a database without accounts, with a password, and with
this computer's login (docs/gui.md, 账户)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from eligibility_desk.domain.roles import Role  # noqa: E402
from eligibility_desk.services.accounts import LOCKOUT_FAILURES  # noqa: E402
from eligibility_desk.ui.accounts.first_run_dialog import FirstRunDialog  # noqa: E402
from eligibility_desk.ui.accounts.login_dialog import KEY_LAST_ACCOUNT, LoginDialog  # noqa: E402


def first_admin(qtbot, accounts, name="zhang", password="Kaowu-2025!"):
    dialog = FirstRunDialog(accounts, "desk-login")
    qtbot.addWidget(dialog)
    dialog.name.setText(name)
    dialog.display_name.setText("张老师")
    dialog.passwords.password.setText(password)
    dialog.passwords.again.setText(password)
    return dialog


def test_first_run_creates_an_admin_who_can_then_log_in(qtbot, accounts, settings):
    assert not accounts.has_accounts()
    dialog = first_admin(qtbot, accounts)
    assert "强" in dialog.passwords.hint.text()
    dialog.passwords.again.setText("Kaowu-2025?")                 # typed differently: refused, nothing stored
    assert not dialog.create() and "不一致" in dialog.error.text() and not accounts.has_accounts()
    dialog.passwords.again.setText("Kaowu-2025!")
    with qtbot.waitSignal(dialog.accepted):
        assert dialog.create()
    assert dialog.actor.name == "zhang" and dialog.actor.has(Role.ADMIN)
    assert accounts.login_mode() == "password"

    login = LoginDialog(accounts, settings)
    qtbot.addWidget(login)
    login.show()
    login.name.setText("zhang")
    login.password.setText("Kaowu-2025!")
    with qtbot.waitSignal(login.accepted):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)           # Enter logs in
    assert login.actor.name == "zhang" and login.actor.display_name == "张老师"
    assert settings.value(KEY_LAST_ACCOUNT) == "zhang"             # the name is remembered …
    assert "Kaowu" not in str([settings.value(k) for k in settings.allKeys()])   # … never the password
    again = LoginDialog(accounts, settings)
    qtbot.addWidget(again)
    assert again.name.text() == "zhang" and again.password.text() == ""


def test_a_short_password_is_refused_with_the_services_words(qtbot, accounts):
    dialog = first_admin(qtbot, accounts, password="abc")
    assert "太短" in dialog.passwords.hint.text()
    assert not dialog.create()
    assert "密码至少需要" in dialog.error.text() and not accounts.has_accounts()


def test_wrong_password_and_lockout_messages(qtbot, accounts, settings):
    first_admin(qtbot, accounts).create()
    login = LoginDialog(accounts, settings)
    qtbot.addWidget(login)
    login.show()
    login.name.setText("zhang")
    login.password.setText("not-the-password")
    assert not login.log_in()
    assert login.error.text() == "账户名或密码不正确" and login.password.text() == "" and login.isVisible()
    login.name.setText("nobody-here")                               # an unknown name: the very same words
    login.password.setText("whatever1")
    assert not login.log_in() and login.error.text() == "账户名或密码不正确"
    login.name.setText("zhang")
    for _ in range(LOCKOUT_FAILURES - 1):
        login.password.setText("still-wrong")
        login.log_in()
    assert "锁定" in login.error.text() and "分钟" in login.error.text()
    login.password.setText("Kaowu-2025!")                           # even the right password waits
    assert not login.log_in() and "锁定" in login.error.text()


def test_esc_gives_up(qtbot, accounts, settings):
    first_admin(qtbot, accounts).create()
    login = LoginDialog(accounts, settings)
    qtbot.addWidget(login)
    login.show()
    with qtbot.waitSignal(login.rejected):
        qtbot.keyClick(login, Qt.Key.Key_Escape)
    assert login.actor is None


def window_on(qtbot, settings, db, answer):
    """A window opening ``db`` as at start; ``answer(dialog)`` plays the person at the login / first-run dialog."""
    from eligibility_desk.services.records.desk import Desk
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.main_window import MainWindow

    window = MainWindow(settings, pool=SynchronousPool())
    window.ask_unsaved = lambda text: "discard"
    qtbot.addWidget(window)
    window.session.exec_dialog = answer
    window.session.inform = lambda title, text: window.__dict__.setdefault("informed", []).append(text)
    window.quit_app = lambda: window.__dict__.__setitem__("quit", True)
    window._opened((Desk(db, None), None))          # what the worker hands over: the desk of nobody
    return window


def test_the_window_starts_with_the_first_run_then_asks_for_the_password(qtbot, settings, db):
    def first_run(dialog):
        assert isinstance(dialog, FirstRunDialog)
        dialog.role_boxes[Role.CLERK].setChecked(True)          # the administrator also screens
        dialog.name.setText("zhang")
        dialog.passwords.password.setText("Kaowu-2025!")
        dialog.passwords.again.setText("Kaowu-2025!")
        return dialog.create()

    window = window_on(qtbot, settings, db, first_run)
    assert window.desk.actor.name == "zhang" and window.desk.user == "zhang"
    assert window.desk.actor.roles == frozenset({Role.ADMIN, Role.CLERK}) and window.act_import.isEnabled()
    assert "zhang" in window.account_label.text() and "管理员" in window.account_label.text()
    assert "账户与密码" in window.account_label.text()
    assert window.session.act_manage.isEnabled() and window.session.act_switch.isEnabled()

    def wrong_then_esc(dialog):
        assert isinstance(dialog, LoginDialog)
        dialog.name.setText("zhang")
        dialog.password.setText("wrong-one")
        assert not dialog.log_in()
        return False                                  # Esc / 退出
    again = window_on(qtbot, settings, db, wrong_then_esc)
    assert again.desk is None and again.quit is True   # nobody logged in: the window leaves, no traceback


def test_this_computers_login_is_the_account(qtbot, settings, db, monkeypatch):
    from eligibility_desk.ui.accounts import account_session

    monkeypatch.setattr(account_session, "os_login_name", lambda: "deskuser")

    def choose_os_login(dialog):
        dialog.os_login.setChecked(True)
        assert "放弃" in dialog.os_note.text() and not dialog.password_box.isEnabled()
        return dialog.create()

    window = window_on(qtbot, settings, db, choose_os_login)
    assert window.desk.actor.name == "deskuser" and window.desk.actor.roles == frozenset(Role)   # one person: every role
    assert "本机登录名即账户" in window.account_label.text()
    assert not window.session.act_switch.isEnabled() and "本机登录" in window.session.act_switch.toolTip()

    def no_dialog(dialog):
        raise AssertionError("no dialog in 本机登录名即账户 mode")
    again = window_on(qtbot, settings, db, no_dialog)
    assert again.desk.actor.name == "deskuser"
    monkeypatch.setattr(account_session, "os_login_name", lambda: "stranger")
    third = window_on(qtbot, settings, db, no_dialog)
    assert third.desk is None and third.quit is True
    assert "stranger" in third.informed[0] and "没有账户" in third.informed[0]


def test_about_names_the_account_and_how_this_database_logs_in(qtbot, window):
    from eligibility_desk.ui.help_dialogs import about_text

    text = about_text(window.desk)
    assert "当前账户：clerk1" in text and "管理员" in text and "登录方式：账户密码" in text


def test_switching_account_keeps_the_database_and_batch(qtbot, window, settings):
    from eligibility_desk.services.accounts import AccountService

    accounts = AccountService(window.desk.db)
    admin = accounts.create_first_admin("zhang", "张老师", "Kaowu-2025!", os_login=False, roles=[Role.CLERK])
    accounts.add_account(admin, "li", "李录分", [Role.RECORDER], "Luru-2025!")
    window.set_desk(window.desk.__class__(window.desk.db, admin), window.batch_id)
    batch, db = window.batch_id, window.desk.db
    assert window.session.act_switch.isEnabled()

    def as_li(dialog):
        assert isinstance(dialog, LoginDialog) and dialog.windowTitle() == "切换账户" and dialog.name.text() == ""
        dialog.name.setText("li")
        dialog.password.setText("Luru-2025!")
        return dialog.log_in()

    window.session.exec_dialog = as_li
    with qtbot.waitSignal(window.rows_shown):
        window.session.act_switch.trigger()
    assert window.desk.actor.name == "li" and window.desk.db is db and window.batch_id == batch
    assert "李录分（li）" in window.account_label.text() and "录分员" in window.account_label.text()
    assert not window.act_import.isEnabled() and not window.session.act_manage.isEnabled()
    assert "已切换到账户" in window.statusBar().currentMessage()
    window.scores_workspace.set_batch(window.desk, window.batch_id)
    assert "李录分（li）" in window.scores_workspace.recorder_label.text()
