"""The 打印 workspace on the demo batch (issue 5 acceptance: "Slips, sign-in sheets, door lists and score
sheets for the demo batch are one click away in the GUI"; "Long runs show progress and can be cancelled")."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from eligibility_desk.documents import slip_code
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService

SECRET = bytes(range(32))


@pytest.fixture
def printing(qtbot, window, desk, tmp_path):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    stored = SessionService.from_desk(desk).plan_batch(desk.demo_batch_id, seed=5)
    workspace = window.printing
    workspace.secret = SECRET
    workspace.choose_folder(str(tmp_path / "out"))
    workspace.reload()
    workspace.stored_plan = stored
    return workspace


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_one_click_writes_the_slips_of_the_demo_batch(qtbot, printing):
    assert printing.stack.currentWidget() is printing.page
    assert "第 1 版" in printing.plan_info.text() and "尚未定稿" in printing.plan_info.text()
    with qtbot.waitSignal(printing.printed, timeout=30000) as signal:
        printing.buttons["slips"].click()
    path = signal.args[0]
    scenario = printing.stored_plan.scenario_json
    seated = {seat["candidate"] for s in printing.stored_plan.plan_json["sessions"] for seat in s["seats"]}
    name = next(c["name"] for c in scenario["candidates"] if c["id"] in seated)
    assert path.endswith(".pdf") and "准考证" in path
    reader = PdfReader(path)
    assert len(reader.pages) == len(seated)
    assert name in _text(path)
    assert printing.open_button.isVisibleTo(printing) and path in printing.result.text()


def test_two_slips_per_page_and_reprint_mark(qtbot, printing, tmp_path):
    printing.two_per_page.setChecked(True)
    printing.reprint.setChecked(True)
    with qtbot.waitSignal(printing.printed, timeout=30000) as signal:
        printing.print_document("slips", tmp_path / "two.pdf")
    seated = {seat["candidate"] for s in printing.stored_plan.plan_json["sessions"] for seat in s["seats"]}
    assert len(PdfReader(signal.args[0]).pages) == (len(seated) + 1) // 2
    assert "补打" in _text(signal.args[0])


def test_the_room_documents_are_one_click_away(qtbot, printing):
    room = printing.stored_plan.plan_json["sessions"][0]
    name = next(c["name"] for c in printing.stored_plan.scenario_json["candidates"]
                if c["id"] == room["seats"][0]["candidate"])
    for kind, words in (("signin", "签到"), ("doorlist", "考场"), ("scoresheet", "成绩"), ("pack", "签到")):
        with qtbot.waitSignal(printing.printed, timeout=30000) as signal:
            printing.buttons[kind].click()
        text = _text(signal.args[0])
        assert words in text and name in text, kind
    pack = PdfReader(signal.args[0])
    assert len(pack.pages) >= 3 * len(printing.stored_plan.plan_json["sessions"]) // 2


def test_a_cancelled_print_leaves_no_file(qtbot, printing, window, tmp_path):
    """Cancelled half-way through the exam pack (after its first room): no PDF, no partial file."""
    out = tmp_path / "cancel" / "pack.pdf"
    window.runner.progressed.connect(lambda name, done, total: done >= 1 and window.runner.cancel_all())
    with qtbot.waitSignal(printing.print_cancelled, timeout=10000):
        printing.print_document("pack", out)
    assert not out.exists() and not list(out.parent.glob("*"))
    assert "已取消" in printing.result.text() and not printing.open_button.isVisibleTo(printing)


def test_slips_cancelled_at_once_leave_no_file(qtbot, printing, window, tmp_path):
    out = tmp_path / "slips.pdf"
    window.runner.started.connect(lambda name: window.runner.cancel_all())
    with qtbot.waitSignal(window.runner.cancelled, timeout=10000):
        printing.print_document("slips", out)
    assert not out.exists() and list(tmp_path.glob("*.part")) == []


def test_the_verify_dialog_tells_a_genuine_slip_from_a_forged_one(qtbot, printing):
    printing.open_verify()
    dialog = printing.verify_dialog
    number = printing.stored_plan.plan_json["sessions"][0]["seats"][0]["admission_no"]
    dialog.code.setText(slip_code(number, SECRET))
    assert dialog.verify() and number in dialog.result.text()
    dialog.code.setText(slip_code(number, b"another centre's secret key!!"))
    assert not dialog.verify() and "伪造" in dialog.result.text()
    dialog.code.setText("no code")
    assert not dialog.verify() and "格式" in dialog.result.text()
    dialog.close()


def test_without_a_batch_the_empty_state_says_where_to_choose_one(printing):
    printing.set_desk(printing.desk, None)
    assert printing.stack.currentWidget() is printing.empty
    assert printing.empty.text() == "未选择考试批次。\n请在上方「批次」中选择一个，或用「批次 → 新建批次…」建立一个。"
