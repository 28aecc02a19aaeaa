"""The verdict panel: for one applicant, each level's verdict with colour and icon, the passing clause,
every clause's verbatim text beside its explanation, the earliest eligible date and the rule version.  A stored
result offers 「复核历史…」 (every decision on that level: who, when, old → new), also on Ctrl+H for the first
level shown."""

from __future__ import annotations

from html import escape
from typing import Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from eligibility_desk.domain.labels import verdict_label
from eligibility_desk.rules_engine.explain import explain_clause
from eligibility_desk.ui.common import verdict_style
from eligibility_desk.ui.screening.clause_texts import ClauseTexts

_VERDICTS = ("eligible", "ineligible", "review", "error")


class VerdictPanel(QWidget):
    history_requested = Signal(int)   # 复核历史 of this stored screening result's level

    def __init__(self, clause_texts: ClauseTexts, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.clause_texts = clause_texts
        self.lang = lang
        self.result_ids: list[int] = []      # the stored results shown, in order
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.act_history = QAction(self.tr("复核历史…"), self)
        self.act_history.setObjectName("decision_history")
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))
        self.act_history.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.act_history.triggered.connect(self.request_history)
        self.addAction(self.act_history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        doc = self.browser.document()
        for verdict in _VERDICTS:
            doc.addResource(QTextDocument.ImageResource, QUrl(f"verdict:{verdict}"), verdict_style.verdict_image(verdict, 18))
            doc.addResource(QTextDocument.ImageResource, QUrl(f"verdict-small:{verdict}"), verdict_style.verdict_image(verdict, 14))
        self.clear()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "history" and url.path().isdigit():
            self.history_requested.emit(int(url.path()))

    def request_history(self) -> None:
        """Ctrl+H: the history of the first level shown (when it is a stored result)."""
        if self.result_ids:
            self.history_requested.emit(self.result_ids[0])

    def clear(self, message: str | None = None) -> None:
        self.result_ids = []
        text = message if message is not None else self.tr("在左侧列表中选择一名考生，即可看到各等级的审核结论和理由。")
        self.browser.setHtml(f"<p style='color:#757575'>{escape(text)}</p>")

    def html(self) -> str:
        return self.browser.toHtml()

    def show_results(self, name: str, code: str, results: Sequence) -> None:
        """``results``: LevelResult or StoredResult objects (one per level), newest first per level."""
        if not results:
            self.clear(self.tr("{name}（{code}）尚未审核：按 F5 审核本批次。").format(name=name, code=code))
            return
        self.result_ids = [r.id for r in results if isinstance(getattr(r, "id", None), int)]
        parts = [f"<h2 style='margin-bottom:2px'>{escape(name)} <span style='color:#757575;font-size:small'>{escape(code)}</span></h2>"]
        for result in results:
            parts.append(self._level_html(result))
        first = results[0]
        std_name = self.clause_texts.standard_name(first.standard)
        parts.append("<p style='color:#757575;font-size:small'>" + escape(
            self.tr("依据：{standard} {name}，规则版本 {version}；审核基准日 {as_of}")).format(
            standard=escape(first.standard), name=escape(std_name), version=escape(first.rule_version),
            as_of=first.as_of.isoformat()) + "</p>")
        self.browser.setHtml("".join(parts))

    def _level_html(self, r) -> str:
        lang = self.lang
        verdict = str(getattr(r.verdict, "value", r.verdict))
        colour = verdict_style.COLOURS.get(verdict, "#000")
        head = (f"<h3 style='color:{colour};margin-top:12px;margin-bottom:2px'><img src='verdict:{verdict}'> "
                f"{escape(self.clause_texts.level_name(r.standard, r.rule_version, r.level, lang))} — {escape(verdict_label(verdict, lang))}</h3>")
        lines = []
        if r.passing_clauses:
            lines.append(self.tr("符合条款：{clauses}").format(clauses="、".join(r.passing_clauses)))
        if verdict != "eligible":
            if r.eligible_from is not None:
                lines.append(self.tr("最早可报考日期：{date}（按现有工作持续、在读至预计毕业推算）").format(date=r.eligible_from.isoformat()))
            elif verdict == "ineligible":
                lines.append(self.tr("按现有资料无法推算出可报考日期。"))
        decision = getattr(r, "decision", None)
        if decision is not None:
            what = self.tr("通过") if decision.approve else self.tr("不通过")
            lines.append(self.tr("复核决定：{what}（{user}，{when}）理由：{reason}").format(
                what=what, user=decision.user, when=decision.decided_at.strftime("%Y-%m-%d %H:%M"), reason=decision.reason))
        body = "".join(f"<p style='margin:2px 0'>{escape(line)}</p>" for line in lines)
        if isinstance(getattr(r, "id", None), int):
            body += f"<p style='margin:2px 0'><a href='history:{r.id}'>{escape(self.tr('复核历史…'))}</a></p>"
        clause_head, text_head, explanation_head = self.tr("条款"), self.tr("条款原文"), self.tr("说明")
        # the clause column's title stays whole (the 11 % column broke the English "Clause" as "Claus/e")
        rows = [f"<tr style='background:#f5f5f5'><th align='left' width='11%' style='white-space:nowrap'>"
                f"{escape(clause_head)}</th>"
                f"<th align='left' width='45%'>{escape(text_head)}</th>"
                f"<th align='left'>{escape(explanation_head)}</th></tr>"]
        for clause in r.clauses:
            cv = str(getattr(clause.verdict, "value", clause.verdict))
            text = self.clause_texts.text(r.standard, r.rule_version, clause.id)
            rows.append(
                f"<tr><td valign='top' style='color:{verdict_style.COLOURS.get(cv, '#000')}'>"
                f"<img src='verdict-small:{cv}'>&nbsp;{escape(clause.id)}</td>"
                f"<td valign='top'>{escape(text)}</td>"
                f"<td valign='top'>{escape(explain_clause(clause, lang))}</td></tr>")
        table = ("<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse;"
                 "border-color:#e0e0e0'>" + "".join(rows) + "</table>")
        return head + body + table
