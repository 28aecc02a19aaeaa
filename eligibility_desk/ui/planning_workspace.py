"""The 编排 workspace: open a planning scenario (the JSON of ``eligibility-desk plan``), plan it off the GUI
thread, and show the plan in the planner view (``planner_view.py``, from the planning branch)."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from eligibility_desk.ui.task_runner import TaskRunner

OP_PLAN = "plan"


def plan_scenario_file(path: str, rules_dir: str | None = None, progress=None, cancelled=None):
    """Read a scenario file and plan it: ``(scenario, rules, plan)``; ValueError naming the file if unusable."""
    from eligibility_desk.planning import ScenarioError, load_planning_rules, parse_scenario, plan_sessions

    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read())
        code = str(data.get("standard") or "")
        if not code:
            raise ValueError('standard: missing (e.g. "4-07-02-06")')
        rules = load_planning_rules(code, rules_dir)
        scenario = parse_scenario(data, rules)
    except (OSError, ValueError, ScenarioError, AttributeError) as exc:
        raise ValueError(f"{os.path.basename(path)}: {exc}") from None
    return scenario, rules, plan_sessions(scenario, rules, progress=progress, cancelled=cancelled)


class PlanningWorkspace(QWidget):
    plan_shown = Signal(int)   # sessions in the plan now shown

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.runner = runner
        self.lang = lang
        self.rules_dir: str | None = None
        self.view = None
        open_button = QPushButton(self.tr("打开编排场景…"), self)
        open_button.setObjectName("open_scenario")
        open_button.clicked.connect(lambda: self.open_scenario())
        self.source = QLabel(self)
        self.hint = QLabel(self.tr("打开编排场景（考生、考场、考务人员、时段的 JSON 文件，与 eligibility-desk plan 相同），"
                                   "即可生成编排方案并在此拖动调整，违规之处即时标出。"), self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.hint)
        top = QHBoxLayout()
        top.addWidget(open_button)
        top.addWidget(self.source, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def open_scenario(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("打开编排场景"), "", self.tr("编排场景 (*.json)"))
        if not path:
            return
        rules_dir = self.rules_dir
        self.runner.run(OP_PLAN, lambda progress, cancelled: plan_scenario_file(path, rules_dir, progress, cancelled),
                        label=self.tr("正在编排…"), on_done=lambda result: self._show(path, *result),
                        on_failed=self._failed)

    def _show(self, path: str, scenario, rules, plan) -> None:
        from eligibility_desk.ui.planner_view import PlannerView

        view = PlannerView(scenario, rules, plan, self, self.lang)
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        self.view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.source.setStyleSheet("")
        self.source.setText(os.path.basename(path))
        self.plan_shown.emit(len(plan.sessions))

    def _failed(self, exc: BaseException) -> None:
        self.source.setStyleSheet("color:#c62828")
        self.source.setText(self.tr("无法编排：{error}").format(error=exc))
