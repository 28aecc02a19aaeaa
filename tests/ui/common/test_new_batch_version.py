"""The new-batch dialog lets a batch pick any standard and any version of its rule files; the batch is then
screened with that version, whatever its as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.rules_engine import NoRuleVersionError
from eligibility_desk.ui.new_batch_dialog import NewBatchDialog


def test_the_dialog_offers_each_version_and_the_levels_it_declares(qtbot, desk):
    dialog = NewBatchDialog(desk)
    qtbot.addWidget(dialog)
    dialog.standard.setCurrentIndex(dialog.standard.findData("4-07-02-06"))
    versions = [dialog.version.itemData(i) for i in range(dialog.version.count())]
    assert versions == [None, *[s.version for s in desk.library.versions("4-07-02-06")]]
    dialog.version.setCurrentIndex(1)
    assert list(dialog.level_boxes) == ["4", "3", "2", "1"]
    assert dialog.level_boxes["4"].text() == "四级"


def test_a_chosen_version_is_stored_and_used_even_before_it_takes_effect(desk):
    version = desk.library.versions("4-07-02-06")[0].version
    with pytest.raises(NoRuleVersionError):  # nothing in force then, and no version chosen
        desk.batch_problems("早", "4-07-02-06", ["4"], date(2023, 6, 1))
    batch_id = desk.create_batch("早批次", "4-07-02-06", ["4"], date(2023, 6, 1), rule_version=version)
    from eligibility_desk.persistence.models import BatchRow

    with desk.db.reading() as session:
        assert session.get(BatchRow, batch_id).rule_version == version
    with pytest.raises(NoRuleVersionError):
        desk.batch_problems("无此版本", "4-07-02-06", ["4"], date(2025, 6, 1), rule_version="no-such-version")


@pytest.mark.parametrize("lang,words", [("zh", "标准 4-07-02-06 在 2015-06-01 没有生效的版本"),
                                        ("en", "no version of 4-07-02-06 is in force on 2015-06-01")])
def test_an_as_of_date_before_every_version_is_refused_in_the_window_language(qtbot, desk, lang, words):
    """No version in force on the as-of date (and none chosen): OK says so in the dialog's language — the
    refusal was the library's English sentence in the Chinese window."""
    from PySide6.QtCore import QDate

    dialog = NewBatchDialog(desk, lang=lang)
    qtbot.addWidget(dialog)
    dialog.standard.setCurrentIndex(dialog.standard.findData("4-07-02-06"))
    dialog.version.setCurrentIndex(0)  # the version in force on the as-of date
    dialog.as_of.setDate(QDate(2015, 6, 1))
    before = [b.id for b in desk.batches()]
    dialog._create()
    assert words in dialog.error.text()
    assert dialog.batch_id is None and [b.id for b in desk.batches()] == before
