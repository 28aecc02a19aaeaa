"""The results PDF exported from the 成绩 workspace embeds the CJK font the user chose, as the printed
documents do: a chosen font file (``PATH#INDEX``) passed through ``score_reports.export_results``, and
``$ELIGIBILITY_DESK_FONT`` — the font choice the 打印 workspace honours (it passes no font of its own, so
``DocumentOptions.font`` is None and the documents search the environment, the system, the bundled font)."""

from __future__ import annotations

import re
import shutil

import pytest

pytest.importorskip("PySide6")

from eligibility_desk.documents.fonts import BUNDLED_FONT, FONT_ENV, find_cjk_font  # noqa: E402
from eligibility_desk.services.scores.score_service import ScoreService  # noqa: E402
from eligibility_desk.ui.scores.score_reports import export_results  # noqa: E402
from tests.documents.pdf_helpers import fonts_of  # noqa: E402
from tests.ui.scores.test_scores_workspace import desk, open_workspace, prepared  # noqa: E402,F401
from tests.account_helpers import actor


def face_name(path, index: int) -> str:
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(f"face{index}", str(path), subfontIndex=index).face.name.decode()


def embedded(pdf) -> set[str]:
    """The embedded fonts' face names, without reportlab's subset prefix and number (``ABCDEF+Name-1``)."""
    return {re.sub(r"-\d+$", "", name.lstrip("/").split("+")[-1]) for name in fonts_of(pdf)}


@pytest.fixture
def published(desk):
    """Every sheet entered twice, locked, and the batch published."""
    first, second = ScoreService(desk.db, actor("录入员甲")), ScoreService(desk.db, actor("录入员乙"))
    for info in first.open_sheets(desk.demo_batch_id):
        values = {line.seat: "72" for line in info.lines}
        first.enter_many(info.id, 1, values)
        second.enter_many(info.id, 2, values)
        first.lock(info.id)
    first.publish(desk.demo_batch_id)
    return first


@pytest.fixture
def chosen_font(tmp_path, monkeypatch):
    """A centre's own font file — the bundled collection's second face, so it differs from the default.
    The documents look the environment up once per process (``find_cjk_font`` is cached): forget that here."""
    monkeypatch.delenv(FONT_ENV, raising=False)
    find_cjk_font.cache_clear()
    path = tmp_path / "centre-font.ttc"
    shutil.copy(BUNDLED_FONT, path)
    assert face_name(path, 1) != face_name(path, 0)
    yield path
    find_cjk_font.cache_clear()


def test_the_chosen_font_file_is_the_one_embedded(published, desk, chosen_font, tmp_path):
    chosen = export_results(published, desk.demo_batch_id, str(tmp_path / "chosen.pdf"), "成绩",
                            font_spec=f"{chosen_font}#1")
    assert embedded(chosen) == {face_name(chosen_font, 1)}
    default = export_results(published, desk.demo_batch_id, str(tmp_path / "default.pdf"), "成绩")
    assert face_name(chosen_font, 1) not in embedded(default)


def test_the_workspace_export_embeds_the_font_printing_uses(qtbot, published, desk, chosen_font, tmp_path, monkeypatch):
    monkeypatch.setenv(FONT_ENV, f"{chosen_font}#1")
    find_cjk_font.cache_clear()
    ws = open_workspace(qtbot, desk)
    with qtbot.waitSignal(ws.exported) as done:
        ws.export_results(str(tmp_path / "results.pdf"), suffix=".pdf")
    assert embedded(done.args[0]) == {face_name(chosen_font, 1)}
