"""The font printed documents embed (打印 and the 成绩 PDF): automatic, or a TrueType/TTC file and its face.

Automatic is what the documents do on their own (``$ELIGIBILITY_DESK_FONT``, the system's, the bundled
WenQuanYi; :mod:`eligibility_desk.documents.fonts`).  A chosen file is checked the way the documents check
it — TrueType outlines (``has_truetype_outlines``), the face inside a collection, Chinese characters, every
character of the documents' fixed texts (``DOCUMENT_CHARS``: digits, letters, punctuation) — and a
file they could not embed (CFF-flavoured OpenType such as Noto Sans CJK or 思源黑体) is refused with the reason.
"""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from eligibility_desk.documents.fonts import (DOCUMENT_CHARS, FontLocation, describe_characters, has_truetype_outlines,
                                              missing_characters, parse_font_spec)


def _header(path: Path, index: int) -> tuple[int, bytes]:
    """(faces in the file, the first 4 bytes of face ``index``'s table directory; b"" past the last face)."""
    with open(path, "rb") as f:
        head = f.read(12)
        if head[:4] != b"ttcf" or len(head) < 12:
            return 1, head[:4] if index == 0 else b""
        count = struct.unpack(">I", head[8:12])[0]
        if not 0 <= index < count:
            return count, b""
        f.seek(12 + 4 * index)
        f.seek(struct.unpack(">I", f.read(4))[0])
        return count, f.read(4)


def _has_chinese(path: Path, index: int) -> bool:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        return ord("准") in TTFont("EligibilityDeskCheck", str(path), subfontIndex=index).face.charToGlyph
    except (TTFError, OSError, ValueError, struct.error):
        return False


class PdfFontChooser(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = QLineEdit(self)
        self.path.setObjectName("pdf_font")
        self.path.setMinimumWidth(380)
        self.path.setPlaceholderText(self.tr("自动（$ELIGIBILITY_DESK_FONT、系统字体或随附的文泉驿微米黑）"))
        self.path.textChanged.connect(lambda _text: self._show_problem(""))
        self.face = QSpinBox(self)
        self.face.setObjectName("pdf_font_face")
        self.face.setRange(0, 63)
        self.face.setPrefix(self.tr("序号 "))
        self.face.setToolTip(self.tr(".ttc 字体集中的第几款字体（从 0 起）；.ttf 为 0"))
        browse = QPushButton(self.tr("选择…"), self)
        browse.clicked.connect(self.browse)
        self.automatic = QPushButton(self.tr("自动"), self)
        self.automatic.setObjectName("pdf_font_automatic")
        self.automatic.clicked.connect(lambda: self.set_spec(""))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("pdf_font_problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color:#c62828")
        self.problem_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.face)
        row.addWidget(browse)
        row.addWidget(self.automatic)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)

    def spec(self) -> str:
        """``""`` (automatic) or ``PATH#INDEX`` as ``DocumentOptions.font`` and ``--font`` take it."""
        path = self.path.text().strip()
        return f"{path}#{self.face.value()}" if path else ""

    def set_spec(self, spec: str) -> None:
        path, index = parse_font_spec(spec) if spec else ("", 0)
        self.path.setText(str(path) if spec else "")
        self.face.setValue(index)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择打印字体"), self.path.text(),
                                              self.tr("TrueType 字体 (*.ttf *.ttc)"))
        if path:
            self.path.setText(path)

    def problem(self) -> str:
        """Why the chosen file cannot be embedded ("" when it can, or when automatic); also shown in red."""
        text = self.path.text().strip()
        problem = self._problem(Path(text).expanduser(), self.face.value()) if text else ""
        self._show_problem(problem)
        return problem

    def _problem(self, path: Path, index: int) -> str:
        name = path.name
        if not path.is_file():
            return self.tr("字体文件不存在：{path}").format(path=path)
        if has_truetype_outlines(path, index):
            if not _has_chinese(path, index):
                return self.tr("「{name}」不含汉字，印不出中文。").format(name=name)
            lacking = missing_characters(FontLocation(path, index), DOCUMENT_CHARS)
            if lacking:   # e.g. Droid Sans Fallback: Chinese, but no digits or letters
                return self.tr("「{name}」缺少文档要印的字符：{characters}；请另选字体（如文泉驿微米黑、微软雅黑）。").format(
                    name=name, characters=describe_characters(lacking))
            return ""
        try:
            faces, tag = _header(path, index)
        except (OSError, struct.error):
            tag, faces = b"", 0
        if faces and not tag and index >= faces:
            return self.tr("「{name}」只有 {n} 款字体（第 0–{last} 款），没有第 {index} 款。").format(
                name=name, n=faces, last=faces - 1, index=index)
        if tag == b"OTTO":
            return self.tr("「{name}」是 CFF 轮廓的 OpenType 字体（如 Noto Sans CJK、思源黑体），PDF 无法嵌入；"
                           "请选择 TrueType 轮廓的 .ttf / .ttc 字体（如微软雅黑、黑体、文泉驿）。").format(name=name)
        return self.tr("「{name}」不是 TrueType 字体文件（.ttf / .ttc）。").format(name=name)

    def _show_problem(self, problem: str) -> None:
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
