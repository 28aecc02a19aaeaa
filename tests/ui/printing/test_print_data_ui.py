"""The window's side of issue 11: 导入照片文件夹 off the GUI thread with its report, the centre's settings in
设置 (stored in the database), the centre's key made once with a notice and used by 验证准考证."""

from __future__ import annotations

import pytest

from eligibility_desk.documents import slip_code
from eligibility_desk.persistence import open_database
from eligibility_desk.services.printing.centre import batch_place, centre_settings
from eligibility_desk.services.printing.keys import checking_keys, key_list
from eligibility_desk.services.printing.photos import photo_count
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService
from tests.services.printing.photo_samples import encode, portrait, truncated_jpeg
from tests.ui.conftest import type_text


@pytest.fixture(autouse=True)
def no_key_override(monkeypatch):
    monkeypatch.delenv("ELIGIBILITY_DESK_SLIP_SECRET", raising=False)


def test_import_a_photo_folder_from_the_file_menu(qtbot, window, desk, tmp_path):
    people = desk.applicant_rows(desk.demo_batch_id)[:6]
    folder = tmp_path / "照片"
    folder.mkdir()
    for item in people[:5]:
        (folder / f"{item.id_number}.jpg").write_bytes(encode(portrait(), "JPEG"))
    (folder / f"{people[5].id_number}.jpg").write_bytes(truncated_jpeg())
    action = window.findChild(type(window.act_import), "import_photos")
    assert action is window.act_import_photos and action.isEnabled()
    assert action in window.menuBar().actions()[0].menu().actions()
    # the action asks for the folder with a file dialog; the test passes the folder instead
    with qtbot.waitSignal(window.runner.succeeded, timeout=60000) as done:
        window.import_photos(str(folder))
    report = done.args[1]
    assert done.args[0] == "import_photos" and report.imported == 5
    box = window.photo_import.report_box
    assert box.isVisible() and "新增 5 张" in box.text() and f"{people[5].id_number}.jpg" in box.informativeText()
    assert photo_count(desk.db, desk.demo_batch_id) == 5
    box.close()


def test_the_settings_dialog_stores_the_centre_in_the_database(qtbot, window, desk):
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.addWidget(dialog)
    dialog.centre_name.clear()
    type_text(dialog.centre_name, "某某市职业技能等级认定中心")
    type_text(dialog.centre_venue, "实训楼")
    type_text(dialog.batch_venue, "二号楼")
    with qtbot.waitSignal(dialog.accepted):
        assert dialog.apply()
    other = open_database(desk.db.url)          # another desk on the same database sees them
    try:
        assert (centre_settings(other).name, centre_settings(other).venue) == ("某某市职业技能等级认定中心", "实训楼")
        assert batch_place(other, desk.demo_batch_id) == (None, "二号楼")
    finally:
        other.close()
    window.open_settings()
    again = window.settings_dialog
    qtbot.addWidget(again)
    assert again.centre_name.text() == "某某市职业技能等级认定中心" and again.batch_venue.text() == "二号楼"
    again.centre_name.setText("长" * 201)
    assert not again.apply() and again.centre_error.isVisible()   # refused, the dialog stays open
    again.reject()


def test_the_first_slips_create_the_centres_key_with_a_notice_and_verify_uses_it(qtbot, window, desk, tmp_path):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    stored = SessionService.from_desk(desk).plan_batch(desk.demo_batch_id, seed=5)
    workspace = window.printing
    workspace.choose_folder(str(tmp_path / "out"))
    workspace.reload()
    assert key_list(desk.db) == []
    with qtbot.waitSignal(workspace.printed, timeout=60000):
        workspace.buttons["slips"].click()
    notice = workspace.key_notice
    assert notice is not None and notice.isVisible() and key_list(desk.db)[0].fingerprint in notice.text()
    notice.close()
    workspace.key_notice = None
    with qtbot.waitSignal(workspace.printed, timeout=60000):
        workspace.buttons["slips"].click()
    assert workspace.key_notice is None                                  # said once only
    number = stored.plan_json["sessions"][0]["seats"][0]["admission_no"]
    workspace.open_verify()
    dialog = workspace.verify_dialog
    qtbot.addWidget(dialog)
    dialog.code.setText(slip_code(number, checking_keys(desk.db)[0]))
    assert dialog.verify() and number in dialog.result.text()
    dialog.code.setText(slip_code(number, bytes(range(32))))
    assert not dialog.verify() and "伪造" in dialog.result.text()
