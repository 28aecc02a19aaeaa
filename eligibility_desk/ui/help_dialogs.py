"""帮助: the user guide, the keyboard shortcuts of every window action, and 关于 (version and rule versions).

``ShortcutsDialog`` lists the actions the window has (menu text and keys), so the list never drifts from what
the keys really do; the score grid's one-key marks, which are not window actions, are listed after them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QMessageBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from eligibility_desk.shipped import shipped_dir


class ShortcutsDialog(QDialog):
    def __init__(self, actions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("键盘快捷键"))
        rows = sorted({(a.text().replace("&", ""), a.shortcut().toString(QKeySequence.NativeText)) for a in actions},
                      key=lambda row: row[1])
        rows += [(self.tr("成绩录入：缺考（本格）"), "Q"), (self.tr("成绩录入：违纪（打开本格填写说明）"), "W"),
                 (self.tr("成绩录入：清空本格"), "Delete"), (self.tr("成绩录入：下一座位"), "Enter"),
                 (self.tr("复核队列：通过 / 不通过"), "A / R"), (self.tr("复核队列：下一条 / 上一条"), "N / P"),
                 (self.tr("历史：成绩格（成绩历史）/ 审核结论（复核历史）"), "Ctrl+H")]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcuts")
        self.table.setHorizontalHeaderLabels([self.tr("操作"), self.tr("按键")])
        for r, (text, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(text))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)


def user_guide_path():
    """docs/gui.md beside the shipped rules (a checkout), else None."""
    guide = shipped_dir("docs") / "gui.md"
    return guide if guide.is_file() else None


def open_user_guide(parent: QWidget) -> bool:
    guide = user_guide_path()
    if guide is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide))):
        return True
    QMessageBox.information(parent, QCoreApplication.translate("HelpDialogs", "用户指南"), QCoreApplication.translate("HelpDialogs", 
        "用户指南随源代码提供（docs/gui.md、docs/records.md、docs/planning.md、docs/printing.md、docs/scoring.md）。"
        "本机未找到该文件，请向系统管理员索取。"))
    return False


def about_text(desk=None) -> str:
    """Version, and the standards and rule versions this desk reads (Chinese; the facts are not translated)."""
    from eligibility_desk.about import about_facts
    from eligibility_desk.ui.common.window_title import built_text

    # the package's version (a bundle has no installed metadata) and the build date stamped into a bundle
    facts = about_facts(with_rules=False)
    lines = [f"Eligibility Desk 职业技能等级认定考务桌面 {facts.version}（{built_text(facts)}）"]
    library = None
    if desk is not None:
        try:
            library = desk.library
        except Exception:   # a rules folder that does not load: 关于 still opens
            library = None
    actor = getattr(desk, "actor", None) if desk is not None else None
    if actor is not None:
        lines.append(account_line(desk))
    if library is not None:
        lines.append("规则文件：")
        for code in library.codes():
            for standard in library.versions(code):
                spec = standard.spec
                lines.append(f"  {spec.code} {spec.name} — {spec.version}（自 {spec.effective_from} 起）")
    return "\n".join(lines)


def account_line(desk) -> str:
    """「当前账户：张老师（zhang），角色：管理员；登录方式：账户密码」 — the first run's choice, recorded in the
    database, shown in 关于 as in the status bar."""
    from eligibility_desk.domain.roles import role_label
    from eligibility_desk.services.accounts import AccountService, login_mode_label

    actor = desk.actor
    try:
        mode = login_mode_label(AccountService(desk.db).login_mode())
    except Exception:  # noqa: BLE001 — 关于 still opens on a database that cannot be read
        mode = "?"
    who = f"{actor.display_name}（{actor.name}）" if actor.display_name and actor.display_name != actor.name else actor.name
    roles = "、".join(role_label(r) for r in sorted(actor.roles, key=lambda r: r.value)) or "无"
    return f"当前账户：{who}，角色：{roles}；登录方式：{mode}"


def show_about(parent: QWidget, desk=None) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("HelpDialogs", "关于 Eligibility Desk"), about_text(desk))
