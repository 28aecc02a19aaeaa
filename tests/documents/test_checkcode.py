"""Check codes: genuine codes verify, forged and malformed ones do not; the secret lives in the config folder."""

from __future__ import annotations

import pytest

from eligibility_desk.documents.checkcode import (CHECK_LENGTH, SecretError, check_code, load_secret, slip_code,
                                                  verify_code)

KEY = bytes.fromhex("11" * 32)


def test_a_genuine_code_verifies_and_names_the_admission_number():
    code = slip_code("20253-4-R101-01", KEY)
    number, check = code.rsplit(".", 1)
    assert number == "20253-4-R101-01" and len(check) == CHECK_LENGTH
    result = verify_code(code, KEY)
    assert (result.genuine, result.reason, result.admission_no) == (True, "genuine", "20253-4-R101-01")


def test_reading_slips_is_forgiving_about_case_and_look_alike_letters():
    code = slip_code("A-1", KEY)
    number, check = code.rsplit(".", 1)
    assert verify_code(f"{number}.{check.lower()}", KEY).genuine  # the admission number itself is data
    assert verify_code(f"  {code}\n", KEY).genuine
    misread = check.replace("0", "O").replace("1", "I")
    assert verify_code(f"{number}.{misread}", KEY).genuine


@pytest.mark.parametrize("forge", [
    lambda code: code.replace("R101-01", "R101-02"),                 # another candidate's number
    lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),      # one character of the check changed
])
def test_forged_codes_are_rejected(forge):
    result = verify_code(forge(slip_code("20253-4-R101-01", KEY)), KEY)
    assert (result.genuine, result.reason) == (False, "forged")


def test_another_centres_secret_does_not_verify():
    assert verify_code(slip_code("20253-4-R101-01", KEY), bytes.fromhex("22" * 32)).reason == "forged"


@pytest.mark.parametrize("code", ["", "20253-4-R101-01", "20253-4-R101-01.", ".ABCDEFGHJK", "X.ABC", "X.ABCDEFGHJU"])
def test_malformed_codes_are_named_as_such(code):
    assert verify_code(code, KEY).reason == "malformed"


def test_check_codes_differ_between_numbers():
    checks = {check_code(f"B-{i:05d}", KEY) for i in range(2000)}
    assert len(checks) == 2000


def test_the_secret_is_created_once_private_and_then_reused(isolated_config):
    with pytest.raises(SecretError, match="no slip secret"):
        load_secret()
    key = load_secret(create=True)
    path = isolated_config / "slip-secret.key"
    assert len(key) == 32 and (path.stat().st_mode & 0o777) == 0o600
    assert load_secret() == key


def test_the_secret_can_come_from_the_environment_or_a_file_in_one_encoding(monkeypatch, tmp_path):
    """Hexadecimal in both places, at least 16 bytes; a passphrase or a short key is refused, not used."""
    monkeypatch.setenv("ELIGIBILITY_DESK_SLIP_SECRET", "00112233445566778899aabbccddeeff")
    assert load_secret() == bytes.fromhex("00112233445566778899aabbccddeeff")
    monkeypatch.setenv("ELIGIBILITY_DESK_SLIP_SECRET", "a passphrase kept by the centre")
    with pytest.raises(SecretError, match="not hexadecimal"):
        load_secret()
    monkeypatch.setenv("ELIGIBILITY_DESK_SLIP_SECRET", "ab")
    with pytest.raises(SecretError, match="too short"):
        load_secret()
    bad = tmp_path / "bad.key"
    bad.write_text("not hex")
    with pytest.raises(SecretError, match="not hexadecimal"):
        load_secret(bad)
    short = tmp_path / "short.key"
    short.write_text("abcd")
    with pytest.raises(SecretError, match="too short"):
        load_secret(short)
