"""The applicant form shows 联系电话 (imported, kept in ``Applicant.extra``) and 性别 (read from the ID number);
a save from the form keeps what it does not edit (issue 16)."""

from __future__ import annotations

from dataclasses import replace

from eligibility_desk.domain.idnumber import make_id_number, sex_of


def _select(qtbot, window, pk):
    window.screening.list_panel.select_pk(pk)
    qtbot.waitUntil(lambda: window.screening.form.draft.pk == pk)
    return window.screening.form


def test_phone_is_shown_edited_and_saved_and_other_extra_survives(qtbot, window, desk):
    row = desk.applicant_rows(desk.demo_batch_id)[0]
    applicant, version = desk.load_applicant(row.pk)
    desk.save_applicant(row.pk, replace(applicant, extra={"phone": "13800000000", "photo_sha": "abc"}), version)
    form = _select(qtbot, window, row.pk)
    window.refresh()
    form = _select(qtbot, window, row.pk)
    assert form.line_edits["phone"].text() == "13800000000"
    form.line_edits["phone"].setText(" 020-12345678 ")
    form.line_edits["phone"].editingFinished.emit()
    with qtbot.waitSignal(form.saved):
        window.act_save.trigger()
    saved, _ = desk.load_applicant(row.pk)
    assert saved.extra == {"phone": "020-12345678", "photo_sha": "abc"}


def test_sex_follows_the_id_number_as_typed(qtbot, window, desk):
    from datetime import date

    row = desk.applicant_rows(desk.demo_batch_id)[0]
    form = _select(qtbot, window, row.pk)
    for sequence in (11, 12):
        number = make_id_number("110105", date(1990, 3, 7), sequence)
        form.line_edits["id_number"].setText(number)
        form.line_edits["id_number"].editingFinished.emit()
        assert form.sex_label.text() == {"M": "男", "F": "女"}[sex_of(number)]
    form.line_edits["id_number"].setText("")
    form.line_edits["id_number"].editingFinished.emit()
    assert "身份证" in form.sex_label.text()


def test_sex_of_reads_the_17th_character():
    assert sex_of("11010519900307123X") == "M"     # 3: odd
    assert sex_of("110105199003071249") == "F"     # 4: even
    assert sex_of("") == "" and sex_of(None) == "" and sex_of("1101051990030712") == ""


def test_the_form_shows_the_stored_photo(qtbot, window, desk, tmp_path):
    from PIL import Image

    from eligibility_desk.services.printing.photos import import_photo_folder

    rows = desk.applicant_rows(desk.demo_batch_id)
    with_photo, without = rows[0], rows[1]
    number = desk.load_applicant(with_photo.pk)[0].id_number
    Image.new("RGB", (600, 800), (200, 30, 30)).save(tmp_path / f"{number}.jpg")
    report = import_photo_folder(desk.db, desk.demo_batch_id, tmp_path, desk.actor)
    assert report.imported == 1
    _select(qtbot, window, without.pk)
    form = _select(qtbot, window, with_photo.pk)
    pixmap = form.photo.pixmap()
    assert not pixmap.isNull() and pixmap.height() <= form.photo.height()
    assert pixmap.toImage().pixelColor(pixmap.width() // 2, pixmap.height() // 2).red() > 150
    form = _select(qtbot, window, without.pk)
    assert form.photo.pixmap().isNull() and form.photo.text() == "无照片"
