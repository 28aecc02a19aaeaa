"""One check-code key per centre (issue 11): kept in the database, shared by every desk on it, created once,
rotated with old codes verifying until a date; overrides in one encoding.  And the centre's name and venue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eligibility_desk.documents.checkcode import SecretError, override_secret, slip_code, verify_code
from eligibility_desk.persistence import open_database
from eligibility_desk.services.printing.centre import (CentreSettings, DocumentNames, centre_settings, document_names,
                                                       save_centre_settings, set_batch_place)
from eligibility_desk.services.printing.keys import (NoKeyError, checking_keys, database_key, key_list, rotate_key,
                                                     signing_key)
from tests.account_helpers import actor


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch):
    monkeypatch.delenv("ELIGIBILITY_DESK_SLIP_SECRET", raising=False)
    monkeypatch.delenv("ELIGIBILITY_DESK_SLIP_SECRET_FILE", raising=False)


@pytest.fixture
def two_desks(db_url):
    """Two separate Database objects (two desks) on the same database."""
    first, second = open_database(db_url), open_database(db_url)
    yield first, second
    first.close()
    second.close()


def test_a_code_printed_at_one_desk_verifies_at_another_on_the_same_database(two_desks):
    desk_a, desk_b = two_desks
    with pytest.raises(NoKeyError):
        checking_keys(desk_b)                                # nothing printed yet: cannot check
    printed = signing_key(desk_a, "前台A")
    assert printed.created and printed.source == "database"
    code = slip_code("2509001-4-0001-001", printed.secret)
    assert verify_code(code, checking_keys(desk_b)).genuine
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert verify_code(forged, checking_keys(desk_b)).reason == "forged"
    again = signing_key(desk_b, "前台B")                     # the second desk prints with the same key
    assert not again.created and again.secret == printed.secret
    assert [k.current for k in key_list(desk_b)] == [True]


def test_the_key_is_created_once_even_when_two_desks_ask_at_once(two_desks):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        keys = list(pool.map(lambda db: database_key(db, "x", create=True), two_desks))
    assert keys[0].secret == keys[1].secret and sum(k.created for k in keys) == 1
    assert len(key_list(two_desks[0])) == 1


def test_rotation_keeps_old_codes_verifiable_until_the_date(two_desks):
    desk_a, desk_b = two_desks
    old = signing_key(desk_a, "管理员").secret
    old_code = slip_code("A-1", old)
    today = date(2026, 12, 1)
    info = rotate_key(desk_a, actor("管理员", "admin"), keep_old_until=today + timedelta(days=30), today=today)
    new = signing_key(desk_b, "前台").secret
    assert new != old and info.current and info.fingerprint == key_list(desk_b)[0].fingerprint
    new_code = slip_code("A-2", new)
    assert verify_code(new_code, checking_keys(desk_b, today=today)).genuine
    assert verify_code(old_code, checking_keys(desk_b, today=today + timedelta(days=30))).genuine
    assert verify_code(old_code, checking_keys(desk_b, today=today + timedelta(days=31))).reason == "forged"
    rotate_key(desk_a, actor("管理员", "admin"), keep_old_until=None, today=today)   # no date: the previous key stops at once
    assert not verify_code(new_code, checking_keys(desk_b, today=today)).genuine
    with pytest.raises(ValueError, match="past"):
        rotate_key(desk_a, actor("管理员", "admin"), keep_old_until=today - timedelta(days=1), today=today)


def test_overrides_use_one_encoding_and_a_minimum_length(two_desks, monkeypatch, tmp_path):
    desk_a, _ = two_desks
    key = bytes(range(16))
    monkeypatch.setenv("ELIGIBILITY_DESK_SLIP_SECRET", key.hex().upper())
    given = signing_key(desk_a, "x")
    assert (given.secret, given.source) == (key, "override") and key_list(desk_a) == []   # no key made in the db
    assert checking_keys(desk_a) == [key]
    file = tmp_path / "centre.key"
    file.write_text(" ".join(key.hex()[i:i + 8] for i in range(0, 32, 8)) + "\n")
    assert override_secret(file) == key                      # the file wins over the environment, same encoding
    for bad, reason in (("a passphrase kept by the centre", "not hexadecimal"), ("ab" * 15, "too short"),
                        ("", None)):
        monkeypatch.setenv("ELIGIBILITY_DESK_SLIP_SECRET", bad)
        if reason is None:
            assert override_secret() is None                 # empty: not given
            continue
        with pytest.raises(SecretError, match=reason):
            signing_key(desk_a, "x")
    monkeypatch.delenv("ELIGIBILITY_DESK_SLIP_SECRET")
    with pytest.raises(SecretError, match="does not exist"):
        override_secret(tmp_path / "missing.key")


def test_centre_settings_are_shared_and_a_batch_may_have_its_own(two_desks):
    from eligibility_desk.services.records.desk import Desk

    desk_a, desk_b = two_desks
    batch = Desk(desk_a, actor("x")).create_batch("2025年第3批 电子商务师", "4-07-02-06", ["4"], date(2025, 9, 1))
    assert centre_settings(desk_b) == CentreSettings("", "")
    save_centre_settings(desk_a, actor("管理员", "admin"), CentreSettings("  某某职业技能\t等级认定中心 ", "实训楼"))
    assert centre_settings(desk_b) == CentreSettings("某某职业技能 等级认定中心", "实训楼")
    assert document_names(desk_b, batch) == DocumentNames("某某职业技能 等级认定中心", "实训楼", "2025年第3批 电子商务师")
    set_batch_place(desk_b, actor("考务", "planner"), batch, None, "二号楼")
    save_centre_settings(desk_a, actor("管理员", "admin"), CentreSettings("某某中心", "实训楼"))   # a correction reaches the batch
    assert document_names(desk_a, batch) == DocumentNames("某某中心", "二号楼", "2025年第3批 电子商务师")
    with pytest.raises(ValueError):
        save_centre_settings(desk_a, actor("x", "admin"), CentreSettings("长" * 201, ""))
