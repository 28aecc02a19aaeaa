"""``audit verify``'s cheap read of the applicants an import created by digest (``persistence/audit_verify.py``):
the snapshot it hashes is, byte for byte, the one the domain reader's applicant gives — for the demo batch and
an applicant with every rarer record — and the digest it takes from a ``create`` row's text is the one the
decoded document holds, however the document is spelt.  That it still finds an applicant changed behind the
desk's back is shown in ``tests/services/records/test_import_audit_digest.py``.  SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest

from eligibility_desk.persistence import audit, audit_verify, bulk
from eligibility_desk.persistence.applicants import load_applicants
from tests.services.screening.test_stored_read import RARE


def test_the_snapshot_hashed_is_the_domain_readers_byte_for_byte(desk):
    desk.create_demo_batch(n=60)
    rare, _version = desk.save_applicant(None, RARE)
    with desk.db.reading() as session:
        loaded = load_applicants(session)
        span = (min(loaded), max(loaded))
        read = audit_verify.stored_snapshots(session, span)
        digests = dict(audit_verify.stored_digests(session, sorted(loaded), audit.VERIFY_SLICE))
    assert read.keys() == loaded.keys() and len(read) > 60
    for pk, applicant in loaded.items():
        expected = bulk.applicant_json_bytes(applicant)
        assert bulk.dumps_bytes(read[pk]) == expected, pk
        assert digests[pk] == audit.snapshot_digest(expected)
    kinds = {key for document in read.values() for key, value in document.items() if isinstance(value, list) and value}
    assert kinds == {"education", "work", "certificates", "titles", "training", "apprenticeships"}  # all read
    assert read[rare]["work"][0]["end_known"] is False and read[rare]["titles"][0]["profession_matches"] is None


def test_a_slice_skips_the_keys_it_was_not_asked_for(desk):
    desk.create_demo_batch(n=10)
    with desk.db.reading() as session:
        keys = sorted(load_applicants(session))
        wanted = [keys[1], keys[4], keys[7]]
        assert [pk for pk, _digest in audit_verify.stored_digests(session, wanted, 2)] == wanted   # two slices


@pytest.mark.parametrize("text", [
    '{"snapshot_sha256":"' + "ab" * 32 + '"}',                 # as the import writes it
    '{"snapshot_sha256": "' + "cd" * 32 + '"}',                # as PostgreSQL's jsonb gives it back
    '{"snapshot_sha256":"' + "a\\\"" * 21 + 'b"}',              # as long, with escapes: decoded, not sliced
    '{"snapshot_sha256":"' + "e" * 30 + '","x":"' + "f" * 25 + '"}',   # two keys: no digest
    '{"other_key":"' + "ab" * 32 + '"}',                       # one key, not the digest's
    '{"id":"A1","name":"张三"}',                                 # a full snapshot
    '{"snapshot_sha256":7}',
    "null",
])
def test_the_digest_read_from_the_text_is_the_decoded_documents(text):
    assert audit_verify.digest_in(text, audit.digest_of) == audit.digest_of(bulk.loads(text))
    assert audit_verify.digest_in(text.encode(), audit.digest_of) == audit.digest_of(bulk.loads(text))


def test_the_import_form_is_what_digest_document_writes():
    document = b'{"id":"A1"}'
    written = audit.digest_document(document)
    assert audit_verify.digest_in(written, audit.digest_of) == hashlib.sha256(document).hexdigest()
    assert audit_verify.digest_in(b'{"snapshot_sha256":"\xff"}', audit.digest_of) is None     # not UTF-8
