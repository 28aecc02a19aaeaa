"""Hostile files through the window's import (issue 15): a Chinese message, nothing written, and the window
lives on to import a good file after.  Files from the hostile corpus (benchmarks/hostile_corpus.py): one
that used to abort calamine with a Rust panic, one whose workbook XML is not well formed, one whose names
hide a Hangul filler (refused cell by cell), one that is not text in any encoding."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.ui.common.import_report_dialog import ImportReportDialog
from tests.ui.conftest import results_fingerprint

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "benchmarks" / "hostile_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def named(name):
    return lambda op, *rest: op == name


def _state(desk, batch):
    return results_fingerprint(desk, batch)[0], len(desk.applicant_rows(None))


def _good_import_still_works(qtbot, window, desk, tmp_path):
    from eligibility_desk.domain.idnumber import make_id_number

    good = tmp_path / "good.json"
    good.write_text(json.dumps({"applicants": [
        {"id": "G1", "name": "孙八", "id_number": make_id_number("110101", date(1991, 2, 3), 31),
         "work": [{"occupation": "营销员", "start": "2019-03-01", "end": None}]}]}, ensure_ascii=False),
        encoding="utf-8")
    before = len(desk.applicant_rows(None))
    with qtbot.waitSignal(window.rows_shown, timeout=20000):
        window.import_file(str(good))
    assert len(desk.applicant_rows(None)) == before + 1
    assert "导入完成" in window.statusBar().currentMessage()


@pytest.mark.parametrize("name,shown", [("date-serial-neg-huge.xlsx", "超出范围"),
                                        ("text-hangul_filler_in.xlsx", "U+3164")])
def test_a_hostile_workbook_is_listed_cell_by_cell_and_the_window_lives_on(qtbot, window, desk, tmp_path, name, shown):
    batch = desk.demo_batch_id
    before = _state(desk, batch)
    path = corpus.make(tmp_path, name, big=False)
    with qtbot.waitSignal(window.ops.import_refused, timeout=20000):
        window.import_file(str(path))
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None and dialog.isVisible()
    model = dialog.table.model()
    reasons = [model.index(r, 4).data() for r in range(model.rowCount())]
    assert any(shown in r for r in reasons), reasons
    assert _state(desk, batch) == before
    dialog.close()
    assert window.isVisible()
    _good_import_still_works(qtbot, window, desk, tmp_path)


@pytest.mark.parametrize("name,shown", [("malformed-workbook-xml.xlsx", "无法作为 .xlsx 工作簿读取"),
                                        ("csv-binary.csv", "不是 UTF-8、UTF-16 或 GB18030 编码的文本")])
def test_an_unreadable_file_says_why_in_chinese_and_the_window_lives_on(qtbot, window, desk, tmp_path, name, shown):
    batch = desk.demo_batch_id
    before = _state(desk, batch)
    path = corpus.make(tmp_path, name, big=False)
    with qtbot.waitSignal(window.runner.failed, timeout=20000, check_params_cb=named("import")):
        window.import_file(str(path))
    message = window.statusBar().currentMessage()
    assert shown in message and "Traceback" not in message, message
    assert _state(desk, batch) == before
    assert window.isVisible()
    _good_import_still_works(qtbot, window, desk, tmp_path)


def _nothing(tmp_path, kind: str) -> Path:
    from tests.services.helpers import write_workbook

    if kind == "xlsx":
        path = tmp_path / "只有表头.xlsx"
        write_workbook(path, {"考生": [[None, " ", "\u3000"], []], "工作经历": []})
    elif kind == "csv":
        path = tmp_path / "只有表头.csv"
        path.write_text("身份证号码,姓名\n,\n\n", encoding="utf-8-sig")
    else:
        path = tmp_path / "空名单.json"
        path.write_text('{"applicants": []}', encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv", "json"])
def test_a_file_with_no_applicants_is_refused_in_the_window(qtbot, window, desk, tmp_path, kind):
    batch = desk.demo_batch_id
    before = _state(desk, batch), [b.applications for b in desk.batches()]
    path = _nothing(tmp_path, kind)
    with qtbot.waitSignal(window.ops.import_refused, timeout=20000):
        window.import_file(str(path))
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None and dialog.isVisible()
    model = dialog.table.model()
    shown = [(model.index(r, 0).data(), model.index(r, 4).data()) for r in range(model.rowCount())]
    assert len(shown) == 1 and "文件中没有考生" in shown[0][1], shown
    assert shown[0][0] == ("考生" if kind == "xlsx" else path.name)
    assert (_state(desk, batch), [b.applications for b in desk.batches()]) == before
    dialog.close()
    _good_import_still_works(qtbot, window, desk, tmp_path)


def test_a_key_given_twice_is_listed_in_the_window(qtbot, window, desk, tmp_path):
    from eligibility_desk.domain.idnumber import make_id_number

    number = make_id_number("110101", date(1991, 2, 3), 31)
    path = tmp_path / "两次.json"
    path.write_text('{"applicants": [{"id": "G1", "name": "孙八", "name": "孙九", "id_number": "%s"}]}' % number,
                    encoding="utf-8")
    batch = desk.demo_batch_id
    before = _state(desk, batch)
    with qtbot.waitSignal(window.ops.import_refused, timeout=20000):
        window.import_file(str(path))
    dialog = window.findChild(ImportReportDialog)
    model = dialog.table.model()
    shown = [(model.index(r, 1).data(), model.index(r, 2).data(), model.index(r, 4).data())
             for r in range(model.rowCount())]
    assert shown == [(1, "name", f"键「name」在同一对象中出现了 2 次，不知用哪一个：请只保留一个（身份证号码 {number}）")]
    assert _state(desk, batch) == before
    dialog.close()
