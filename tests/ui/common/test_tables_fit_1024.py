"""At 1024 × 700 the 审核 list and the 编排 list show every column within their width, in Chinese and in
English: the English titles and texts are longer, and the tables scrolled sideways (the applicant list by
~210 px beside a 505 px form, the plan list by ~200 px).  The long-text columns give way instead, down to a
few characters, their titles eliding with the whole title in the tooltip (ui/common/width_share.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QTabWidget, QTableView  # noqa: E402

from eligibility_desk.ui.main_window import WORKSPACES  # noqa: E402
from tests.ui.common.test_no_clipped_text import lang, planned_desk  # noqa: E402,F401
from tests.ui.conftest import shown_window  # noqa: E402
from tests.ui.scores.test_scores_workspace import desk, prepared  # noqa: E402,F401


def _overflow(view: QTableView) -> int:
    """How far the view's shown columns run past its viewport (px; 0 when they fit)."""
    header = view.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
    return max(0, total - view.viewport().width())


def _tables(widget) -> list[QTableView]:
    """The visible tables of a workspace that are meant to fit (not the timetable: one column per slot)."""
    return [v for v in widget.findChildren(QTableView)
            if v.isVisible() and v.model() is not None and v.model().columnCount() and not v.property("scrollsSideways")]


def test_the_screening_and_planning_lists_fit_1024_px(qtbot, settings, planned_desk, lang):  # noqa: F811
    desk, batch_id = planned_desk
    window = shown_window(qtbot, settings, desk, batch_id, (1024, 700), lang)
    found = {}
    window.workspaces.setCurrentIndex(WORKSPACES.index("screening"))
    qtbot.wait(20)
    applicants = window.screening.list_panel.view
    found["applicants"] = _overflow(applicants)
    window.workspaces.setCurrentIndex(WORKSPACES.index("planning"))
    qtbot.wait(20)
    planning = window.workspaces.widget(WORKSPACES.index("planning"))
    planning.findChild(QTabWidget, "planner_views").setCurrentIndex(1)      # 列表
    qtbot.wait(20)
    shown = _tables(planning)
    assert shown, "the plan list is shown"
    for view in shown:
        found[type(view.model()).__name__] = _overflow(view)
    assert found == {name: 0 for name in found}, found
    for view in (applicants, *shown):
        assert view.horizontalScrollBar().maximum() == 0
    # a title narrowed past its text keeps the whole title in its tooltip
    model = applicants.model()
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == title
    names = [applicants.model().index(row, 1).data() for row in range(min(10, model.rowCount()))]
    width = applicants.horizontalHeader().sectionSize(1)
    assert all(applicants.fontMetrics().horizontalAdvance(name) + 8 <= width for name in names if len(name) <= 3), \
        (names, width)      # a name of three characters still shows whole
