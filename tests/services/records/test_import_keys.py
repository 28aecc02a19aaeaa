"""New applicants' primary keys: on SQLite the import gives them last+1… itself (it holds the write lock) instead
of reading them back; the keys, and every record, application and audit row pointing at them, are what the
database would have given — also after deletions — and the next applicant saved gets the next key."""

from __future__ import annotations

from sqlalchemy import text

from tests.services.helpers import person, roster, write_workbook


def test_keys_follow_the_last_one_and_every_row_points_at_its_own_applicant(desk, batch_id, tmp_path):
    first, _ = desk.save_applicant(None, person("P1", "先来", sequence=801), None)
    second, version = desk.save_applicant(None, person("P2", "后到", sequence=802), None)
    desk.delete_applicant(second, version)                   # the highest key is gone again
    people, work = roster(6)
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    assert desk.import_file(path, batch_id).created == 6
    keys = [desk.find_applicant(row[0]) for row in people]
    with desk.db.reading() as session:
        top = session.execute(text("SELECT MAX(id) FROM applicant WHERE id < :k"), {"k": min(keys)}).scalar()
        assert top == first and keys == sorted(keys) and len(set(keys)) == 6
        assert keys[-1] - keys[0] == 5
        owners = dict(session.execute(text("SELECT applicant_id, employer FROM work_period")).all())
        created = dict(session.execute(text("SELECT entity_id, id FROM audit WHERE entity = 'applicant' "
                                            "AND action = 'create'")).all())
    for row, pk in zip(people, keys):
        applicant, _ = desk.load_applicant(pk)
        assert applicant.id_number == row[0] and applicant.name == row[1]
        assert applicant.work[0].employer == owners[pk] and pk in created
    assert {r.pk for r in desk.applicant_rows(batch_id)} == set(keys)
    later, _ = desk.save_applicant(None, person("P3", "再来", sequence=803), None)
    assert later > max(keys)
