"""Bulk helpers: the audit snapshot of an applicant is the document orjson writes for the dataclass."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import orjson

from eligibility_desk import demo
from eligibility_desk.domain.applicant import Applicant, Education, SchoolType, Title, TitleGrade
from eligibility_desk.persistence import bulk


def test_applicant_json_is_what_orjson_writes_for_the_dataclass():
    batch = demo.demo_batch(7)
    people = [a for a, _levels in demo.demo_applicants(300, 7, batch.as_of)]
    people.append(Applicant("x", "某", None, (Education(SchoolType.UNDERGRADUATE, "专业", None),),
                            titles=(Title(TitleGrade.SENIOR, date(2020, 1, 1)),), extra={"phone": "138"}))
    people.append(replace(people[0], extra={"phone": "13800000000", "备注": ["a", 1]}))
    shapes = {(bool(a.education), bool(a.work), bool(a.certificates), bool(a.titles)) for a in people}
    assert len(shapes) > 5  # people with and without each kind of record
    for a in people:
        text = bulk.applicant_json(a)
        assert text.__class__ is str and text == orjson.dumps(a).decode()
        assert bulk.dumps_applicant(a) == text and isinstance(bulk.dumps_applicant(a), bulk.RawJSON)


def test_values_the_same_in_every_row_are_stored_as_if_bound_per_row():
    """``same`` values written into the statement as literals store exactly what binding them stored: the same
    text, integers and NULLs (typeof too); a value that cannot be a literal safely is still bound."""
    from datetime import datetime

    from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine
    from sqlalchemy.orm import Session

    meta = MetaData()
    table = Table("t", meta, Column("id", Integer, primary_key=True), Column("name", String),
                  Column("n", Integer), Column("at", DateTime), Column("who", String), Column("none", String))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    rows = [("甲", 1), ("O'Brien", 2)]
    stamp = datetime(2026, 12, 5, 2, 30, 1, 250)
    for who in ["管理员 O'Neil", "bell\x07", "nul\x00x"]:  # the last two cannot be literals: bound per row
        with Session(engine) as session:
            bulk.insert(session, table, rows, keys=["name", "n"], same={"at": stamp, "who": who, "none": None})
            literal = session.connection().exec_driver_sql(
                "SELECT name, n, at, who, \"none\", typeof(n), typeof(at), typeof(who), typeof(\"none\") "
                "FROM t ORDER BY id").all()
            session.rollback()
        with Session(engine) as session:  # the same rows with every value bound
            cursor = bulk.raw_cursor(session)
            cursor.executemany('INSERT INTO t (name, n, at, who, "none") VALUES (?, ?, ?, ?, ?)',
                               [(*row, "2026-12-05 02:30:01.000250", who, None) for row in rows])
            bound = session.connection().exec_driver_sql(
                "SELECT name, n, at, who, \"none\", typeof(n), typeof(at), typeof(who), typeof(\"none\") "
                "FROM t ORDER BY id").all()
            session.rollback()
        assert literal == bound and literal[1][3] == who and literal[0][5:] == ("integer", "text", "text", "null")
    assert bulk._literal(1.5) is None and bulk._literal(True) is None and bulk._literal("a\nb") is None


def test_many_rows_per_statement_store_the_rows_in_order_with_the_keys_one_at_a_time_would_give():
    """``bulk.insert`` on SQLite puts ROWS_PER_STATEMENT rows in one INSERT (and the rest one per statement):
    every count of rows stores the same values, types and primary keys as single-row statements."""
    from datetime import datetime

    from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Integer, MetaData, String, Table, create_engine
    from sqlalchemy.orm import Session

    meta = MetaData()
    table = Table("t", meta, Column("id", Integer, primary_key=True), Column("name", String), Column("n", Integer),
                  Column("on", Date), Column("ok", Boolean), Column("doc", JSON), Column("at", DateTime))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    per = bulk.ROWS_PER_STATEMENT
    query = 'SELECT id, name, n, "on", ok, doc, at, typeof(n), typeof(ok) FROM t ORDER BY id'
    for count in (1, per, 2 * per - 1, 2 * per, 5 * per + 3):
        rows = [(f"考生{i}'", i, date(2020, 1, 1 + i % 28) if i % 3 else None, bool(i % 2),
                 {"i": i} if i % 4 else None) for i in range(count)]
        with Session(engine) as session:
            session.connection().exec_driver_sql("INSERT INTO t (name) VALUES ('before')")   # keys follow it
            bulk.insert(session, table, rows, keys=["name", "n", "on", "ok", "doc"], same={"at": datetime(2026, 1, 1)})
            grouped = session.connection().exec_driver_sql(query).all()
            session.rollback()
        with Session(engine) as session:
            session.connection().exec_driver_sql("INSERT INTO t (name) VALUES ('before')")
            for row in rows:
                bulk.insert(session, table, [row], keys=["name", "n", "on", "ok", "doc"],
                            same={"at": datetime(2026, 1, 1)})
            single = session.connection().exec_driver_sql(query).all()
            session.rollback()
        assert grouped == single and len(grouped) == count + 1
        assert [r[0] for r in grouped] == list(range(1, count + 2)) and grouped[-1][1] == f"考生{count - 1}'"


def test_an_applicants_stored_tuple_is_what_the_insert_converts_its_tuple_to():
    """``applicant_stored_tuple`` (the import's heads, inserted with ``stored=True``) gives, value for value and
    type for type, what ``bulk.insert`` makes of ``applicant_tuple`` on SQLite — plain ``str`` JSON, not the
    ``RawJSON`` subclass, and the birth date's text."""
    from eligibility_desk.persistence import applicants as store
    from eligibility_desk.persistence.models import ApplicantRow

    batch = demo.demo_batch(7)
    people = [a for a, _levels in demo.demo_applicants(50, 7, batch.as_of)]
    people += [replace(people[0], extra={"phone": "13800000000", "备注": "“引号”\n"}, birth_date=None),
               replace(people[1], extra={"tags": {"b", "a"}, "day": date(2020, 1, 2)})]
    keys = list(store.APPLICANT_KEYS)
    converted = bulk._stored_values(ApplicantRow.__table__, keys, [store.applicant_tuple(a) for a in people], tuple)
    day = store.IsoDates().__getitem__
    made = [store.applicant_stored_tuple(a, day) for a in people]
    assert made == converted
    assert [tuple(map(type, row)) for row in made] == [tuple(map(type, row)) for row in converted]
    assert made[-2][3] == '{"phone":"13800000000","备注":"“引号”\\n"}' and made[-2][4] is None
    assert made[-1][3] == '{"tags":["a","b"],"day":"2020-01-02"}'


def test_a_flat_list_of_values_stores_what_the_rows_as_tuples_store():
    """``bulk.insert(…, flat=True)`` (the import's writer thread binds slices of one list): every count of rows —
    whole statements, a remainder, fewer than one statement — stores the same values, types and keys as the same
    rows given as tuples; a ``same`` value that cannot be a literal is still bound; rows that do not divide
    into the columns are refused."""
    from datetime import datetime

    import pytest
    from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine
    from sqlalchemy.orm import Session

    meta = MetaData()
    table = Table("t", meta, Column("id", Integer, primary_key=True), Column("name", String), Column("n", Integer),
                  Column("on", String), Column("ok", Integer), Column("at", DateTime), Column("who", String))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    query = 'SELECT id, name, n, "on", ok, at, who, typeof(n), typeof(ok), typeof("on") FROM t ORDER BY id'
    keys = ["name", "n", "on", "ok"]
    for count, per in ((1, 7), (7, 7), (13, 7), (20, 7), (50, 1000), (3, 1)):
        rows = [(f"考生{i}'", i, "2020-01-%02d" % (1 + i % 28) if i % 3 else None, bool(i % 2)) for i in range(count)]
        for who in ("管理员", "bell\x07"):
            stored = []
            for flat in (False, True):
                with Session(engine) as session:
                    session.connection().exec_driver_sql("INSERT INTO t (name) VALUES ('before')")
                    given = [value for row in rows for value in row] if flat else rows
                    bulk.insert(session, table, given, keys=keys, same={"at": datetime(2026, 1, 1), "who": who},
                                stored=True, per_statement=per, flat=flat)
                    stored.append(session.connection().exec_driver_sql(query).all())
                    session.rollback()
            assert stored[0] == stored[1] and len(stored[1]) == count + 1
            assert stored[1][-1][1:5] == rows[-1][:3] + (rows[-1][3],) and stored[1][-1][6] == who
    with Session(engine) as session, pytest.raises(ValueError):
        bulk.insert(session, table, ["a", 1, None], keys=keys, stored=True, flat=True)
    # nulls: "\x00" in those columns is stored as NULL, elsewhere (and any other text there) as it is
    rows = [("甲", 1, "2020-01-01", 1), ("乙", 2, None, 0), (None, 3, None, 1)]
    stored = []
    for flat in (False, True):
        with Session(engine) as session:
            given = ([("\x00" if v is None and i in (0, 2) else v) for row in rows for i, v in enumerate(row)]
                     if flat else rows)
            bulk.insert(session, table, given, keys=keys, stored=True, per_statement=2, flat=flat, nulls={0, 2})
            stored.append(session.connection().exec_driver_sql(query).all())
            session.rollback()
    assert stored[0] == stored[1] and [row[1] for row in stored[1]] == ["甲", "乙", None]
    assert [row[9] for row in stored[1]] == ["text", "null", "null"]


def test_the_flat_values_are_the_rows_made_as_tuples():
    """``applicant_stored_values`` and ``kind_values`` (flat, the import's) are ``applicant_stored_tuple`` with its
    key and ``kind_tuples`` (rows), value for value and type for type."""
    from eligibility_desk.persistence import applicants as store

    batch = demo.demo_batch(7)
    people = [a for a, _levels in demo.demo_applicants(80, 7, batch.as_of)]
    people.append(replace(people[0], extra={"phone": "13800000000"}, birth_date=None))
    day = store.IsoDates().__getitem__
    pairs = list(zip(range(11, 11 + len(people)), people))
    rows = [(pk, *store.applicant_stored_tuple(a, day)) for pk, a in pairs]
    flat = store.applicant_stored_values(pairs, day)
    assert flat == [value for row in rows for value in row]
    assert list(map(type, flat)) == [type(value) for row in rows for value in row]
    people[1] = replace(people[1], titles=tuple(replace(t, profession_matches=None) for t in people[1].titles))
    worked = next(i for i, a in enumerate(people) if a.work)
    people[worked] = replace(people[worked], work=tuple(replace(w, end=None, end_known=False)
                                                        for w in people[worked].work))
    pairs = list(zip(range(11, 11 + len(people)), people))
    flags = set()
    for slot, kind in enumerate(store.CHILD_KINDS):
        owned = [(pk, getattr(a, kind)) for pk, a in pairs]
        rows = store.kind_tuples(slot, owned, day)
        width, nulls = len(store.CHILD_KEYS[slot]), store.KIND_NULLS[slot]
        values = [store.FLAT_NULL if value is None and i % width in nulls else value
                  for i, value in enumerate(value for row in rows for value in row)]
        flat = store.kind_values(slot, owned, store.IsoDates(store.FLAT_NULL).__getitem__)
        # the same values (bools given as SQLite's 0 / 1, missing dates and texts as FLAT_NULL, the rest the same)
        assert flat == values
        assert [type(value) for value in flat] == [int if value.__class__ is bool else type(value) for value in values]
        flags |= {(kind, value) for row in rows for value in row if value.__class__ is bool or value is None}
        assert None not in [value for i, value in enumerate(flat) if i % width in nulls]
        assert rows or kind in ("training", "apprenticeships")
    assert {("education", True), ("education", False), ("work", True), ("work", False), ("work", None),
            ("certificates", None), ("education", None)} <= flags
