"""Regenerate the account dialogs' pictures at 1280×800 (offscreen, no display needed):
first_run_dialog.png, login_dialog.png, account_manager.png, and decision_history.png (复核历史).

    .venv/bin/python docs/screenshots/make_account_screenshots.py

Each is the real main window at 1280×800 with the dialog drawn centred over it, as a person sees it: the
first run on a database without accounts, the login dialog after a wrong password, and 账户管理 with a few
accounts (one locked after five wrong passwords).
"""

from __future__ import annotations

from screenshot_setup import OUT, application, folder, main_window


def over_window(window, dialog, name: str) -> None:
    from PySide6.QtGui import QColor, QPainter

    if dialog.objectName() != "history_dialog":
        dialog.adjustSize()
    dialog.show()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    picture = window.grab()
    shot = dialog.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 70))             # the window behind a modal dialog, dimmed
    painter.drawPixmap((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2, shot)
    painter.end()
    picture.save(str(OUT / name))
    print("wrote", OUT / name, picture.width(), "x", picture.height())
    dialog.close()


def main() -> int:
    from argon2 import PasswordHasher, Type

    app = application()
    from eligibility_desk.domain.roles import Role
    from eligibility_desk.persistence.opening import open_database
    from eligibility_desk.services import accounts as account_module
    from eligibility_desk.services.accounts import AccountService, AuthenticationFailed
    from eligibility_desk.services.records.desk import Desk
    from eligibility_desk.ui.accounts.account_manager_dialog import AccountManagerDialog
    from eligibility_desk.ui.accounts.first_run_dialog import FirstRunDialog
    from eligibility_desk.ui.accounts.login_dialog import KEY_LAST_ACCOUNT, LoginDialog
    account_module.use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID))  # pictures only
    window = main_window(None, None, (1280, 800))
    settings = window.settings

    db = open_database(f"sqlite:///{folder()}/desk.sqlite3")
    accounts = AccountService(db)
    first = FirstRunDialog(accounts, "wangmin", window)
    first.display_name.setText("王敏")
    first.passwords.password.setText("kaowu2025")
    first.passwords.again.setText("kaowu2025")
    first.role_boxes[Role.CLERK].setChecked(True)
    over_window(window, first, "first_run_dialog.png")
    admin = accounts.create_first_admin("wangmin", "王敏", "Kaowu-2025!", os_login=False, roles=[Role.CLERK])

    desk = Desk(db, admin)
    window.set_desk(desk, desk.create_demo_batch(n=120, seed=7))
    app.processEvents()
    accounts.add_account(admin, "liqiang", "李强", [Role.CLERK, Role.SUPERVISOR], "Shenhe-2025!")
    accounts.add_account(admin, "zhaoli", "赵丽", [Role.RECORDER], "Luru-2025!")
    accounts.add_account(admin, "sunhao", "孙浩", [Role.RECORDER], "Luru-2025?")
    accounts.add_account(admin, "zhoujie", "周洁", [Role.PLANNER], "Kaowu-2025?")
    accounts.add_account(admin, "guest", "来访查看", [Role.VIEWER], "Chakan-2025!")
    for _ in range(5):
        try:
            accounts.authenticate("sunhao", "wrong-password")
        except AuthenticationFailed:
            pass

    settings.setValue(KEY_LAST_ACCOUNT, "zhaoli")
    login = LoginDialog(accounts, settings, window, database=desk.url)
    login.password.setText("not-her-password")
    login.log_in()
    over_window(window, login, "login_dialog.png")

    manager = AccountManagerDialog(accounts, admin, window)
    manager.select("sunhao")
    manager.say("已保存账户「zhaoli」的角色。", ok=True)
    over_window(window, manager, "account_manager.png")

    from eligibility_desk.services.screening.reviews import decide

    result_id = desk.review_queue(window.batch_id)[0]
    decide(db, result_id, True, "职称证书与本职业相关，已核验原件", admin)
    decide(db, result_id, False, "证书专业与申报职业不对应，按 4-2 不予认定", accounts.actor("liqiang"))
    window.refresh()
    app.processEvents()
    history = window.screening.show_decision_history(result_id)
    history.close()
    history.resize(900, 300)
    over_window(window, history, "decision_history.png")
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
