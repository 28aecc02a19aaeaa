"""A 1+X batch from the new-batch dialog: the standard's declared levels 初级/中级/高级 are offered, and the
batch screens with the pack's centre policy."""

from __future__ import annotations

from datetime import date

from tests.services.helpers import person
from tests.account_helpers import actor


def test_a_1x_batch_offers_its_own_levels_and_screens(qtbot, desk):
    from eligibility_desk.domain.applicant import Education, SchoolType
    from eligibility_desk.ui.new_batch_dialog import NewBatchDialog

    dialog = NewBatchDialog(desk)
    qtbot.addWidget(dialog)
    dialog.standard.setCurrentIndex(dialog.standard.findData("530053"))
    assert list(dialog.level_boxes) == ["初级", "中级", "高级"]
    assert [box.text() for box in dialog.level_boxes.values()] == ["初级", "中级", "高级"]
    dialog.name.setText("新媒体营销 1+X 2026")
    dialog.level_boxes["高级"].setChecked(False)
    dialog._create()
    assert dialog.batch_id is not None, dialog.error.text()
    batch = desk.batch(dialog.batch_id)
    assert batch.standard == "530053" and batch.levels == ("初级", "中级")

    # 530053 §4.2: 网络营销与直播电商 is listed for 高等职业学校, 播音与主持 only for 中等职业学校
    def student(key: str, major: str, sequence: int):
        return person(key, "学生", sequence=sequence, education=(
            Education(SchoolType.HIGHER_VOCATIONAL, major, date(2027, 6, 30), in_school=True),))

    pk_listed, _ = desk.save_applicant(None, student("X1", "网络营销与直播电商", 1), None)
    desk.apply(pk_listed, dialog.batch_id, ("初级", "中级"))
    pk_other, _ = desk.save_applicant(None, student("X2", "播音与主持", 2), None)
    desk.apply(pk_other, dialog.batch_id, ("初级",))
    desk.screen_batch(dialog.batch_id)
    assert {r.level: r.verdict for r in desk.results(pk_listed, dialog.batch_id)} == {"初级": "eligible", "中级": "eligible"}
    assert [r.verdict for r in desk.results(pk_other, dialog.batch_id)] == ["review"]


def test_the_dialog_offers_the_national_standard_first_then_the_last_one_used(qtbot, tmp_path):
    from datetime import date

    from eligibility_desk.services.records.desk import Desk
    from eligibility_desk.ui.new_batch_dialog import NewBatchDialog

    with Desk.open(f"sqlite:///{tmp_path / 'd.sqlite'}", actor=actor("clerk")) as desk:
        dialog = NewBatchDialog(desk)
        qtbot.addWidget(dialog)
        assert dialog.standard.currentData() == "4-07-02-06"       # not the 1+X pack that sorts first
        desk.create_batch("1+X 批", "530054", ["初级"], date(2025, 9, 1))
        again = NewBatchDialog(desk)
        qtbot.addWidget(again)
        assert again.standard.currentData() == "530054"
