"""The timetable's legend: what each block colour means, each with the words and mark the block itself shows
(the colour is never the only signal), the day-off band (holidays, and weekends while the centre's weekend
hint is on), and the frames a drag draws."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from eligibility_desk.ui.planning.timetable_delegate import DAY_OFF_COLOUR, KIND_COLOURS


class TimetableLegend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timetable_legend")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 2, 0, 2)
        rows.setSpacing(2)
        layout = QHBoxLayout()
        layout.setSpacing(6)
        rows.addLayout(layout)
        entries = (
            ("ok", self.tr("✓ 无问题")),
            ("soft", self.tr("! 仅有提示")),
            ("hard", self.tr("✗ 违规")),
            ("staff", self.tr("✗ 人员不足或偶数")),
            ("capacity", self.tr("✗ 超出容量")),
        )
        for kind, text in entries:
            fill, frame = KIND_COLOURS[kind]
            layout.addWidget(self._swatch(f"background:{fill}; border:1px solid {frame}; border-radius:3px"))
            layout.addWidget(QLabel(text, self))
            layout.addSpacing(6)
        layout.addStretch(1)
        layout = QHBoxLayout()
        layout.setSpacing(6)
        rows.addLayout(layout)
        layout.addWidget(self._swatch(f"background:{DAY_OFF_COLOUR}", height=5))
        self.day_off = QLabel(self.tr("☾ 节假日或周末"), self)
        self.day_off.setObjectName("legend_day_off")
        layout.addWidget(self.day_off)
        layout.addSpacing(6)
        layout.addWidget(QLabel(self.tr("拖动时：绿框＝不产生违规，红虚框＝将违规"), self))
        layout.addStretch(1)

    def set_weekend_hint(self, on: bool) -> None:
        """The band marks weekends too only while the centre wants weekend sessions pointed out."""
        self.day_off.setText(self.tr("☾ 节假日或周末") if on else self.tr("☾ 节假日"))

    def _swatch(self, style: str, height: int = 14) -> QLabel:
        swatch = QLabel(self)
        swatch.setFixedSize(18, height)
        swatch.setStyleSheet(style)
        return swatch
