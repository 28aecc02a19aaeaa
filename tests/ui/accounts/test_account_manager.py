"""账户管理: the accounts as a model/view table — add one, tick roles (stored at once), reset a password, disable
and enable, unlock — all through the AccountService; its refusals (the last administrator) are shown."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from eligibility_desk.domain.roles import Role  # noqa: E402
from eligibility_desk.services.accounts import LOCKOUT_FAILURES, AuthenticationFailed  # noqa: E402
from eligibility_desk.ui.accounts.account_manager_dialog import AccountManagerDialog  # noqa: E402
from eligibility_desk.ui.accounts.account_table_model import COL_STATE, FIRST_ROLE  # noqa: E402
from eligibility_desk.ui.accounts.account_texts import ROLES  # noqa: E402


def role_cell(model, name, role):
    return model.index(model.row_of(name), FIRST_ROLE + ROLES.index(role))


def test_add_roles_reset_disable_unlock(qtbot, accounts):
    admin = accounts.create_first_admin("zhang", "张老师", "Kaowu-2025!", os_login=False)
    dialog = AccountManagerDialog(accounts, admin)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [r.name for r in model.rows] == ["zhang"]

    add = dialog.add_account()
    add.name.setText("li")
    add.display_name.setText("李录分")
    add.role_boxes[Role.RECORDER].setChecked(True)
    add.passwords.password.setText("Luru-2025!")
    add.passwords.again.setText("Luru-2025!")
    with qtbot.waitSignal(add.accepted):
        assert add.create()
    assert model.row_of("li") >= 0 and "已建立账户「li」" in dialog.message.text()
    assert role_cell(model, "li", Role.RECORDER).data(Qt.CheckStateRole) == Qt.Checked
    assert accounts.authenticate("li", "Luru-2025!").roles == frozenset({Role.RECORDER})

    assert model.setData(role_cell(model, "li", Role.SUPERVISOR), Qt.Checked, Qt.CheckStateRole)   # ticked: stored
    assert accounts.actor("li").roles == frozenset({Role.RECORDER, Role.SUPERVISOR})
    assert model.setData(role_cell(model, "zhang", Role.CLERK), Qt.Checked, Qt.CheckStateRole)
    # the last administrator cannot lose the role: refused, said, and the table shows what is stored
    assert not model.setData(role_cell(model, "zhang", Role.ADMIN), Qt.Unchecked, Qt.CheckStateRole)
    assert "最后一位管理员" in dialog.message.text()
    assert role_cell(model, "zhang", Role.ADMIN).data(Qt.CheckStateRole) == Qt.Checked

    for _ in range(LOCKOUT_FAILURES):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate("li", "wrong-password")
    model.reload()
    assert "锁定" in model.index(model.row_of("li"), COL_STATE).data()
    dialog.select("li")
    assert dialog.buttons["unlock"].isEnabled()
    assert dialog.unlock() and "已解锁" in dialog.message.text()
    assert model.index(model.row_of("li"), COL_STATE).data() == "启用"

    reset = dialog.reset_password()
    assert reset.old.isHidden()                               # an administrator's reset needs no old password
    reset.passwords.password.setText("Neu-Passwort-1")
    reset.passwords.again.setText("Neu-Passwort-1")
    assert reset.save()
    assert accounts.authenticate("li", "Neu-Passwort-1").name == "li"

    dialog.select("li")
    assert dialog.buttons["active"].text() == "停用"
    assert dialog.toggle_active() and model.index(model.row_of("li"), COL_STATE).data() == "已停用"
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate("li", "Neu-Passwort-1")
    assert dialog.buttons["active"].text() == "启用" and dialog.toggle_active()
    dialog.select("zhang")
    assert not dialog.toggle_active() and "最后一位管理员" in dialog.message.text()


def test_a_non_admin_gets_the_refusal_not_the_list(qtbot, accounts):
    admin = accounts.create_first_admin("zhang", "张老师", "Kaowu-2025!", os_login=False)
    clerk = accounts.add_account(admin, "wang", "王审核", [Role.CLERK], "Shenhe-2025!")
    dialog = AccountManagerDialog(accounts, clerk)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert "“管理员”" in dialog.message.text() and "wang" in dialog.message.text()


def test_own_password_needs_the_old_one(qtbot, accounts):
    from eligibility_desk.ui.accounts.change_password_dialog import ChangePasswordDialog

    admin = accounts.create_first_admin("zhang", "张老师", "Kaowu-2025!", os_login=False)
    dialog = ChangePasswordDialog(accounts, admin)
    qtbot.addWidget(dialog)
    dialog.old.setText("not-it-at-all")
    dialog.passwords.password.setText("Kaowu-2026!")
    dialog.passwords.again.setText("Kaowu-2026!")
    assert not dialog.save() and dialog.error.text() == "原密码不正确"
    dialog.old.setText("Kaowu-2025!")
    assert dialog.save()
    assert accounts.authenticate("zhang", "Kaowu-2026!").name == "zhang"


def test_the_window_follows_the_administrators_own_role_change(qtbot, window):
    from eligibility_desk.services.accounts import AccountService

    accounts = AccountService(window.desk.db)
    admin = accounts.create_first_admin("zhang", "张老师", "Kaowu-2025!", os_login=False)
    window.set_desk(window.desk.__class__(window.desk.db, admin), window.batch_id)
    assert not window.act_import.isEnabled()                   # an administrator only
    manager = window.session.manage_accounts()
    model = manager.model
    assert model.setData(role_cell(model, "zhang", Role.CLERK), Qt.Checked, Qt.CheckStateRole)
    with qtbot.waitSignal(window.rows_shown):
        manager.reject()                                      # 关闭
    assert window.desk.actor.roles == frozenset({Role.ADMIN, Role.CLERK}) and window.act_import.isEnabled()
    assert "审核员" in window.account_label.text()
