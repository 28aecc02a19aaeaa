"""The applicant list model and its filter, without a view (Vorta style), and the list panel's search box."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from eligibility_desk.ui.screening.applicant_filter import ApplicantFilter, FilterIndex
from eligibility_desk.ui.screening.applicant_list_panel import ApplicantListPanel
from eligibility_desk.ui.screening.applicant_table_model import (
    COL_NAME, COL_VERDICT, PK_ROLE, ROW_ROLE, ApplicantTableModel,
)
from tests.ui.conftest import type_text


@dataclass(frozen=True)
class Row:  # the fields of services.summaries.ApplicantListItem the list reads
    pk: int
    code: str
    name: str
    id_number: str
    school: str
    major: str
    levels: tuple
    verdicts: tuple
    decided: bool = False
    review_pending: bool = False
    deciders: tuple = ()

    @property
    def final_verdicts(self) -> tuple:   # no decision in these rows changes a verdict
        return self.verdicts

    @property
    def decided_levels(self) -> frozenset:
        return frozenset()


ROWS = [
    Row(1, "A001", "张三", "110101199003070015", "北京市商业学校", "电子商务", ("4",), (("4", "eligible"),)),
    Row(2, "A002", "李四", "110101198801010011", "深圳职业技术学院", "市场营销", ("4", "3"),
        (("4", "eligible"), ("3", "review")), review_pending=True),
    Row(3, "A003", "王五", "440301199512120012", "广州大学", "网络与新媒体", ("3",), (("3", "ineligible"),), decided=True),
    Row(4, "A004", "Zhao Liu", "", "", "", ("2",), ()),
]


def visible_names(model) -> list[str]:
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_search_matches_name_id_number_school_and_major_case_insensitively(qtbot):
    model = ApplicantTableModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 4
    for text, expected in [("张", ["张三"]), ("1101011988", ["李四"]), ("职业技术", ["李四"]),
                           ("新媒体", ["王五"]), ("zhao", ["Zhao Liu"]), ("没有这个人", [])]:
        model.set_filter(ApplicantFilter(text=text))
        assert sorted(visible_names(model)) == sorted(expected), text


def test_level_verdict_and_decided_filters_combine():
    model = ApplicantTableModel()
    model.set_rows(ROWS)
    model.set_filter(ApplicantFilter(level="3"))
    assert visible_names(model) == ["李四", "王五"]
    model.set_filter(ApplicantFilter(level="3", verdict="review"))
    assert visible_names(model) == ["李四"]
    model.set_filter(ApplicantFilter(verdict="eligible"))  # any level
    assert visible_names(model) == ["张三", "李四"]
    model.set_filter(ApplicantFilter(level="3", verdict="eligible"))  # 李四 is eligible at 4 only
    assert visible_names(model) == []
    model.set_filter(ApplicantFilter(decided=True))
    assert visible_names(model) == ["王五"]
    model.set_filter(ApplicantFilter(decided=False))
    assert visible_names(model) == ["张三", "李四", "Zhao Liu"]


def test_narrowing_search_reuses_survivors_but_widening_rescans():
    index = FilterIndex(ROWS)
    assert index.select(ApplicantFilter(text="1")) == [0, 1, 2]
    assert index.select(ApplicantFilter(text="11")) == [0, 1, 2]
    assert index.select(ApplicantFilter(text="110")) == [0, 1]
    assert index.select(ApplicantFilter(text="")) == [0, 1, 2, 3]


def test_sorting_permutes_the_visible_rows_and_survives_a_new_filter():
    model = ApplicantTableModel()
    model.set_rows(ROWS)
    model.sort(COL_VERDICT, Qt.AscendingOrder)  # eligible first, unscreened last
    assert visible_names(model)[-1] == "Zhao Liu"
    model.sort(COL_NAME, Qt.DescendingOrder)
    assert visible_names(model)[0] == "王五"
    model.set_filter(ApplicantFilter(level="4"))
    assert visible_names(model) == ["李四", "张三"]  # still in descending name order


def test_roles_give_the_row_and_its_key_and_verdicts_show_per_level():
    model = ApplicantTableModel()
    model.set_rows(ROWS)
    index = model.index(1, COL_VERDICT)
    assert index.data(PK_ROLE) == 2
    assert index.data(ROW_ROLE) is ROWS[1]
    assert index.data() == "四级 符合；三级 待人工审核"
    assert index.data(Qt.DecorationRole) is not None
    assert model.headerData(COL_NAME, Qt.Horizontal) == "姓名"


def test_typing_in_the_search_box_filters_the_list(qtbot):
    panel = ApplicantListPanel()
    qtbot.addWidget(panel)
    panel.set_rows(ROWS)
    with qtbot.waitSignal(panel.model.modelReset):
        type_text(panel.search, "深圳")
    assert visible_names(panel.model) == ["李四"]
    assert "1 / 共 4" in panel.count_label.text()
    panel.search.clear()
    assert panel.model.rowCount() == 4
    qtbot.keyClicks(panel.search, "4403")  # ID number digits, typed key by key
    assert visible_names(panel.model) == ["王五"]


def test_selecting_a_row_reports_its_key_and_the_selection_survives_filtering(qtbot):
    panel = ApplicantListPanel()
    qtbot.addWidget(panel)
    panel.set_rows(ROWS)
    with qtbot.waitSignal(panel.current_changed) as blocker:
        panel.select_pk(3)
    assert blocker.args == [3]
    panel.search.setText("王")
    assert panel.selected_pk() == 3
    with qtbot.waitSignal(panel.current_changed) as blocker:
        panel.search.setText("张")  # 王五 filtered out: nothing selected any more
    assert blocker.args == [None]


@pytest.mark.parametrize("n", [20000])
def test_filter_on_many_rows_is_fast(n):
    import time

    rows = [Row(i, f"A{i:06d}", f"考生{i}", f"1101011990{i:08d}", f"学校{i % 97}", f"专业{i % 31}", ("4",),
                (("4", "eligible"),)) for i in range(n)]
    model = ApplicantTableModel()
    model.set_rows(rows)
    started = time.perf_counter()
    model.set_filter(ApplicantFilter(text="学校4"))
    assert time.perf_counter() - started < 0.5  # generous: the benchmark measures the real figure
    assert model.rowCount() == sum(1 for r in rows if "学校4" in r.school)


def test_sorting_a_text_column_with_a_missing_value_does_not_fail():
    model = ApplicantTableModel()
    model.set_rows([*ROWS, Row(5, "A005", "钱七", "", None, None, ("4",), ())])
    model.sort(3, Qt.AscendingOrder)  # school: None sorts as ""
    assert model.rowCount() == 5
    assert model.index(0, 3).data() == ""


def test_the_services_list_items_show_as_they_are_and_come_back_unconverted():
    """``ApplicantListItem`` is a tuple subclass (the list query's row): Qt must hand it back as the same
    object, not turn it into a list, and the model must read its packed states like the plain rows above."""
    from eligibility_desk.services.summaries import ApplicantListItem

    items = [ApplicantListItem((7, "A007", "李四", "110101198801010011", "深圳职业技术学院", "市场营销",
                                "4=eligible=0,3=review=0")),
             ApplicantListItem((8, "A008", "王五", "440301199512120012", "", "", "3=review=a王敏"))]
    model = ApplicantTableModel()
    model.set_rows(items)
    index = model.index(0, COL_VERDICT)
    assert index.data(ROW_ROLE) is items[0] and index.data(PK_ROLE) == 7
    assert index.data() == "四级 符合；三级 待人工审核"
    model.set_filter(ApplicantFilter(level="3", verdict="review"))
    assert visible_names(model) == ["李四"]
    model.set_filter(ApplicantFilter(decided=True))
    assert visible_names(model) == ["王五"]
    from eligibility_desk.ui.screening.applicant_table_model import COL_DECIDED

    assert model.index(0, COL_VERDICT).data() == "三级 符合（人工）"      # approved: the clerk's word is final
    assert model.index(0, COL_DECIDED).data() == "已决定：王敏"
    model.set_filter(ApplicantFilter(verdict="eligible"))
    assert visible_names(model) == ["李四", "王五"]
