"""The flat tables share ListTableModel: their columns are their header texts, whose count must stay the
number of columns their data() serves (each module's COLUMN_COUNT)."""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtCore import QModelIndex, Qt

from eligibility_desk.ui.common.list_table_model import ListTableModel

MODELS = {
    "screening.applicant_table_model": lambda m: m.ApplicantTableModel(),
    "common.import_problem_model": lambda m: m.ImportProblemModel([]),
    "planning.plan_table_model": lambda m: m.PlanTableModel(*_small_scenario()),
    "scores.score_sheet_list_model": lambda m: m.ScoreSheetListModel(),
    "scores.score_statistics_model": lambda m: m.ScoreStatisticsModel(),
}


def _small_scenario():
    from eligibility_desk.planning import load_planning_rules, parse_scenario
    from eligibility_desk.planning.generator import generate_scenario

    rules = load_planning_rules("4-07-02-06")
    return parse_scenario(generate_scenario(10, seed=1), rules), rules


@pytest.mark.parametrize("name", sorted(MODELS))
def test_columns_are_the_header_texts_and_rows_the_shown_items(qapp, name):
    module = importlib.import_module(f"eligibility_desk.ui.{name}")
    model = MODELS[name](module)
    assert isinstance(model, ListTableModel)
    assert model.columnCount() == module.COLUMN_COUNT
    headers = [model.headerData(c, Qt.Horizontal) for c in range(module.COLUMN_COUNT)]
    assert all(isinstance(h, str) and h for h in headers)
    assert model.headerData(module.COLUMN_COUNT, Qt.Horizontal) is None
    assert model.headerData(0, Qt.Vertical) is None
    assert model.rowCount() == len(model.shown_items()) == 0   # no plan yet, no rows
    assert model.rowCount(QModelIndex()) == 0
