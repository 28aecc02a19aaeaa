"""The window's 文件 and 帮助 menus (issue 16): both import templates are saved from the window and read back by
the importers, folders are remembered per kind of file, the toolbar follows the workspace, disabled actions say
why, and 帮助 lists every shortcut."""

from __future__ import annotations

from tests.account_helpers import actor  # noqa: E402
from openpyxl import load_workbook

from eligibility_desk.ui.common import file_dialogs
from eligibility_desk.ui.main_window import WORKSPACES, MainWindow
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool


def test_the_applicant_template_is_saved_from_the_window_and_imports(qtbot, window, desk, tmp_path):
    path = tmp_path / "模板.xlsx"
    with qtbot.waitSignal(window.ops.template_written) as written:
        window.save_applicant_template(str(path))
    assert written.args == [str(path)]
    wb = load_workbook(path)
    ws = wb["考生"]
    levels = next(dv for dv in ws.data_validations.dataValidation if dv.errorTitle == "申报等级")
    batch = next(b for b in desk.batches() if b.id == desk.demo_batch_id)
    assert levels.formula1 == '"' + ",".join(batch.levels) + '"'          # only the batch's own levels
    assert levels.errorStyle == "information"                            # "4,3" is not refused by Excel
    headers = [c.value for c in ws[1]]
    row = {h.rstrip("*"): None for h in headers}
    row.update({"身份证号码": "110105199003071239", "姓名": "模板考生"})
    ws.append([row[h.rstrip("*")] for h in headers])
    wb.save(path)
    before = len(desk.applicant_rows(desk.demo_batch_id))
    with qtbot.waitSignal(window.rows_shown):
        window.import_file(str(path))
    names = [r.name for r in desk.applicant_rows(desk.demo_batch_id)]
    assert len(names) == before + 1 and "模板考生" in names


def test_the_resources_template_is_saved_from_the_window_and_reads_back(qtbot, window, tmp_path):
    from eligibility_desk.planning import load_planning_rules
    from eligibility_desk.planning.xlsx_import import read_resources_xlsx

    path = tmp_path / "资源.xlsx"
    with qtbot.waitSignal(window.ops.template_written):
        window.save_resources_template(str(path))
    wb = load_workbook(path)
    wb["考场"].append(["R9", "实训楼 9", "机房", 40, ""])
    wb.save(path)
    resources = read_resources_xlsx(path, load_planning_rules("4-07-02-06"))
    assert [(r.id, r.kind, r.capacity) for r in resources.rooms] == [("R9", "computer_lab", 40)]


def test_folders_are_remembered_per_kind_of_file(settings, tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "exports").mkdir()
    file_dialogs.remember(settings, file_dialogs.APPLICANTS, str(tmp_path / "lists" / "a.xlsx"))
    file_dialogs.remember(settings, file_dialogs.EXPORT, str(tmp_path / "exports" / "b.xlsx"))
    assert file_dialogs.folder(settings, file_dialogs.APPLICANTS) == str(tmp_path / "lists")
    assert file_dialogs.folder(settings, file_dialogs.EXPORT) == str(tmp_path / "exports")
    (tmp_path / "lists").rmdir()            # gone: back to the documents folder, not a dead path
    assert file_dialogs.folder(settings, file_dialogs.APPLICANTS) != str(tmp_path / "lists")


def test_the_screening_toolbar_shows_on_its_workspace_only(qtbot, window):
    bar = window.workspace_toolbars["screening"]
    window.workspaces.setCurrentIndex(WORKSPACES.index("screening"))
    assert bar.isVisible()
    for key in ("planning", "printing", "scores"):
        window.workspaces.setCurrentIndex(WORKSPACES.index(key))
        assert not bar.isVisible(), key
    assert window.findChild(type(bar), "main_toolbar").isVisible()   # the batch selector stays


def test_without_a_batch_the_batch_actions_are_disabled_and_say_why(qtbot, settings, tmp_path):
    from eligibility_desk.services.records.desk import Desk

    window = MainWindow(settings, pool=SynchronousPool())
    qtbot.addWidget(window)
    with Desk.open(f"sqlite:///{tmp_path / 'empty.sqlite'}", actor=actor("clerk")) as desk:
        with qtbot.waitSignal(window.desk_ready):
            window.set_desk(desk)
        for action in (window.act_new_applicant, window.act_save, window.act_show_review, window.act_screen,
                       window.act_export):
            assert not action.isEnabled(), action.objectName()
            assert "请先" in action.toolTip() and "批次" in action.toolTip(), action.toolTip()
        assert window.act_template.isEnabled() and window.act_new_batch.isEnabled()
        window.desk = None


def test_the_shortcuts_dialog_lists_every_window_shortcut(qtbot, window):
    window.show_shortcuts()
    table = window.shortcuts_dialog.table
    listed = {table.item(r, 1).text() for r in range(table.rowCount())}
    for action in (window.act_quit, window.act_import, window.act_screen, window.act_undo):
        assert action.shortcut().toString() in listed
    window.shortcuts_dialog.close()


def test_about_names_the_version_and_every_rule_version(window, desk):
    from eligibility_desk.ui.help_dialogs import about_text

    text = about_text(desk)
    assert "Eligibility Desk" in text
    for code in desk.library.codes():
        for standard in desk.library.versions(code):
            assert standard.spec.version in text
