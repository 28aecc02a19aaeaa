"""Writing an import: one transaction, all or nothing, which may begin while the file is still being read.

:class:`ImportWrite` takes the checked applicants in three steps:

1. :meth:`~ImportWrite.heads` — every applicant of the file in row order, records not needed yet: the
   transaction begins (imports queue on PostgreSQL), applicants already on file (same ID number) are put
   aside, and the new ones' own rows are inserted — with the levels each asks for, on SQLite, their
   applications too.  The same in rounds: :meth:`~ImportWrite.add_heads` for each, then
   :meth:`~ImportWrite.heads_done`.
2. :meth:`~ImportWrite.records` — one kind of record of the new applicants, inserted as soon as it is known;
   :meth:`~ImportWrite.complete` once every applicant is complete, even if a kind is still to be handed over.
3. :meth:`~ImportWrite.finish` — the applicants complete: every kind not written yet, the applications (if
   not written with the heads), the
   audit rows (an import's ``create`` row holds the digest of the applicant's snapshot, which needs all its
   records; in rounds of :data:`DIGEST_CHUNK`, each inserted while the next one's digests are taken), the
   applicants already on file (compared, updated or unchanged), photos, the import's own audit row; the
   commit follows when the caller's ``ExitStack`` closes.

A workbook import hands the steps over from :func:`.import_rows.parse_tables` while calamine is still reading
the later sheets (``sink``): the 考生 heads go in rounds as that sheet's applicants are made (once the sheet has
passed its checks whole; at once after the row-by-row checks otherwise), each record sheet's rows as soon as it
is checked — but the last sheet's after :meth:`~ImportWrite.complete` has begun the audit digests, so that the
digest child's first rounds are ready when the writer thread has inserted that sheet's rows (its rounds, not
the child, had been what the writer thread waited for at the end).  Once a problem is found nothing more is
handed over, and the caller rolls the transaction back
(raising out of the stack) — the same outcome as a file refused before any write.  ``cancelled()`` is polled
between rounds of inserts (:class:`OperationCancelled` then rolls back the same way).  A CSV file (read on the
caller's thread as it is checked) and JSON are handed over whole once checked.

On SQLite every insert, the heads' too, runs in a writer thread (:class:`_Writer`), in order, on the
transaction's connection: the driver lets go of the GIL while SQLite works, so the checks of the next sheet (and
the digests of the audit rows) go on meanwhile.  The caller waits for it before it uses the session itself.
(The heads' statements hold 1,000 rows like the others: with the ID numbers' UNIQUE index that costs SQLite
the same CPU as a row per statement, and in the writer thread a row per statement would take the GIL back
100,000 times.)  Each round reaches it as one flat list of values (``bulk.insert(…, flat=True)``), whose slices
its statements bind: no tuple per row to make, flatten and free while it holds the GIL.

The create rows' digests and chain hashes are taken, where that is safe, by a child process forked by
:meth:`~ImportWrite.complete` (or at the start of :meth:`~ImportWrite.finish`) (:mod:`.import_digests`): this
process's GIL is then left to the writer thread
while the child hashes, and the rows come chained from the chain's end read when the transaction began
(``audit.chain_start``; the writer checks it still ends there).
"""

from __future__ import annotations

import sys
import threading
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain, repeat
from operator import attrgetter
from typing import Callable, Iterable, Mapping, Sequence

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.persistence import applicants as store
from eligibility_desk.persistence import audit, bulk, locks
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import ApplicantRow, ApplicationRow, BatchRow, utcnow
from eligibility_desk.persistence.queries import plain
from eligibility_desk.services.records.import_digests import DigestChild, can_fork, digests_here
from eligibility_desk.services.progress import (
    Cancelled,
    OperationCancelled,
    Progress,
    never_cancelled,
    no_progress,
)

RECORD_KINDS = store.CHILD_KINDS
#: new applicants written per round of inserts (memory, not speed: each round's parameters are freed)
WRITE_CHUNK = 50_000
#: new applicants per round of audit create rows: the last round is what the writer thread still has to insert
#: once the importing thread has taken the last digest
DIGEST_CHUNK = 10_000
#: child processes taking the create rows' digests (import_digests.py), each a share of the rounds: one — with
#: two the last round comes sooner, but the writer thread's own work after the fork takes about as long as one
#: child's (≈ 0.5 s per 100,000 applicants); best of 3, two against one: 3.27 / 3.31 s (benchmark workbook),
#: 5.40 / 5.09 s (rich), load 1.8–2.3 — no gain shown
DIGEST_CHILDREN = 1


@dataclass
class NewBatch:
    """A batch to create in the import's transaction (values already checked with ``Desk.batch_problems``).
    ``id`` is filled in once the import has committed."""

    name: str
    standard: str
    levels: list[str]
    as_of: date
    window_start: date | None = None
    window_end: date | None = None
    id: int | None = field(default=None, compare=False)


#: rows per INSERT statement of the inserts the writer thread runs (as many as the parameter limit allows up to
#: this): SQLite's work on a statement runs without the GIL, and each statement takes the GIL back once —
#: when the checks hold it, after up to a switch interval (5 ms) — so statements of 25 rows would crawl
WRITER_ROWS = 1000
#: rounds of inserts handed to the writer thread and not done yet before the checks wait for it (memory): a
#: workbook's applications, handed over with the heads as one round of their own (small: two values an
#: application), are one of them — with 3, the checks had waited for the writer's first round of heads already at
#: the next sheet.  6 since round nine: a workbook's heads come in four rounds as the 考生 sheet's applicants are made
#: (import_rows.HEADS_FIRST, growing), not two, and the slack stays one round
WRITER_BACKLOG = 6


#: the interpreter's switch interval while a writer thread runs (seconds; Python's default is 0.005): after each
#: statement the writer waits for the GIL while the checks hold it, up to one interval — at 5 ms it idled two
#: thirds of the time beside the importing thread, and became the import's longest chain.  0.25 ms since round
#: eight (the scans in child processes, more threads waiting for the GIL): on a quiet machine, four to five
#: alternating imports of the benchmark workbook each, medians 3.068 / 3.056 s at 0.25 ms against 3.134 / 3.109 s
#: at 0.5 ms, 3.178 s at 1 ms, 3.082 s at 0.1 ms; the rich workbook 4.986 against 5.015 s
WRITER_SWITCH_INTERVAL = 0.00025
_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


def _shorter_switches(on: bool) -> None:
    """Shorten the process's GIL switch interval while any writer thread runs; the old value comes back when
    the last one closes (imports on several desks of one process nest)."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if on:
            if _switch_users == 0:
                _switch_saved = sys.getswitchinterval()
                sys.setswitchinterval(min(_switch_saved, WRITER_SWITCH_INTERVAL))
            _switch_users += 1
        else:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


class _Writer:
    """One thread that runs the import's inserts in the order handed over, on the transaction's connection,
    while the caller goes on checking sheets (SQLite: the driver releases the GIL while SQLite works).  Only
    one thread uses the connection at a time: the caller waits (:meth:`wait`) before it uses the session.
    While it lives the GIL's switch interval is :data:`WRITER_SWITCH_INTERVAL`."""

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor

        from eligibility_desk.services.records import forked

        # below the checks, level with the workbook's readers (forked.HELPERS_NICE): the checks come first
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-write", initializer=forked.give_way)
        self.pending: list = []
        self.closed = False
        _shorter_switches(True)

    def submit(self, work: Callable, *args, **kwargs) -> None:
        while self.pending and (self.pending[0].done() or len(self.pending) >= WRITER_BACKLOG):
            self.pending.pop(0).result()     # an earlier round's error is raised here, in the caller
        self.pending.append(self.pool.submit(work, *args, **kwargs))

    def wait(self) -> None:
        while self.pending:
            self.pending.pop(0).result()

    def close(self) -> None:
        """At the end of the transaction, before its commit or rollback: what is queued is dropped (a rollback
        follows; after a commit's :meth:`wait` nothing is), what runs is waited for."""
        for future in self.pending:
            future.cancel()
        self.pending.clear()
        self.pool.shutdown(wait=True)
        if not self.closed:
            self.closed = True
            _shorter_switches(False)


class ImportWrite:
    """One import's write (module docstring).  ``stack`` holds the transaction: it commits when the stack
    closes normally and rolls back when it closes with an exception."""

    def __init__(self, db: Database, batch_id: "int | NewBatch", user: str, stack: ExitStack, source: str = "",
                 cancelled: Cancelled = never_cancelled):
        self.db, self.batch_id, self.user, self.stack = db, batch_id, user, stack
        self.source, self.cancelled = source, cancelled
        self.new_batch = batch_id if isinstance(batch_id, NewBatch) else None
        self.session = None
        self.new: list[Applicant | None] = []   # applicants not on file, in row order
        self.ids: Sequence[int] = ()            # their primary keys, in the same order
        self.old: list[Applicant] = []          # applicants already on file
        self.new_keys: list[str] | None = None  # the new applicants' ID numbers (made when first needed)
        self.written: set[int] = set()          # kinds of record written (slots in RECORD_KINDS)
        self.writer: _Writer | None = None      # SQLite: the inserts run in a thread
        self.chain: tuple[int, str] | None = None   # SQLite: the audit chain's end when the write began
        self.added: int | None = None           # the new applicants' applications handed over (None: not yet)
        self.first_id: int | None = None        # SQLite: the first new applicant's key (None: none handed over yet)
        self.hashers: list | None = None        # the digest children, (first applicant, child) (None: not begun)
        self.next_id = 0                        # SQLite: the next new applicant's key

    @property
    def begun(self) -> bool:
        return self.session is not None

    def begin(self) -> None:
        """Begin the write now, if it has not begun (else the first step begins it): the transaction (imports
        queue on PostgreSQL), the batch if the import creates one, the applicants already on file, on SQLite the
        audit chain's end and the writer thread.  A workbook import begins it while its first sheet is read."""
        if not self.begun:
            self._begin()

    def _begin(self) -> None:
        # the commit leaves the WAL's copy into the database file to a background checkpoint (Database.writing)
        session = self.session = self.stack.enter_context(self.db.writing(defer_checkpoint=True))
        locks.serialise(session)      # imports queue (PostgreSQL): what is "already on file" is read after the wait
        if self.new_batch is not None:
            self.batch_id = _create_batch(session, self.new_batch, self.user)
        batch = session.get(BatchRow, self.batch_id)
        if batch is None:
            raise LookupError(f"no batch {self.batch_id}")
        self.batch_levels = tuple(batch.levels)
        self.existing = store.existing_by_id_number(session)
        self.now = utcnow()
        self.sqlite = bulk.is_sqlite(session)
        # SQLite: child tuples made with each date's stored text (each distinct date formatted once)
        self.day = store.IsoDates().__getitem__ if self.sqlite else store.date_as_is
        # SQLite's flat record rows: a missing date as FLAT_NULL (stored as NULL; bound faster than None)
        self.flat_day = store.IsoDates(store.FLAT_NULL).__getitem__ if self.sqlite else None
        if self.sqlite:   # closed before the transaction ends (the stack unwinds in reverse)
            # where the create rows will be chained (the batch's own row sealed first): the digest child chains them
            self.chain = audit.chain_start(session)
            self.writer = _Writer()
            self.stack.callback(self.writer.close)

    def _write(self, work: Callable, *args, **kwargs) -> None:
        """Run an insert: in the writer thread on SQLite (in order), else at once."""
        if self.writer is None:
            work(*args, **kwargs)
        else:
            self.writer.submit(work, *args, per_statement=WRITER_ROWS, **kwargs)

    def _settle(self) -> None:
        """Wait for the writer thread: the caller is about to use the session itself."""
        if self.writer is not None:
            self.writer.wait()

    def _check(self) -> None:
        if self.cancelled():
            raise OperationCancelled()

    def heads(self, applicants: Iterable[Applicant], levels: dict[str, tuple[str, ...]] | None = None) -> None:
        """Every applicant of the file in row order (their records may come later): :meth:`add_heads` of them
        all, then :meth:`heads_done`."""
        self.add_heads(applicants)
        self.heads_done(levels)

    def add_heads(self, applicants: Iterable[Applicant]) -> None:
        """The next applicants of the file in row order (a workbook's 考生 sheet hands them over in rounds while
        it is still being checked): begins the transaction on the first call and, on SQLite, hands the own rows
        of those not on file to the writer thread at once, in rounds of :data:`WRITE_CHUNK` — their keys are
        last+1… (SQLite holds the write lock: nothing is read back), so each round's keys are known as it comes.
        On PostgreSQL they wait for :meth:`heads_done` (a sequence gives the keys)."""
        if not self.begun:
            self._begin()
        existing, new, old = self.existing, self.new, self.old
        start = len(new)
        for a in applicants:
            (old if a.id_number in existing else new).append(a)
        if not self.sqlite or start == len(new):
            return
        session = self.session
        if self.first_id is None:
            self.first_id = self.next_id = plain(session, "SELECT COALESCE(MAX(id), 0) FROM applicant")[0][0] + 1
        same = {"version_id": 1, "created_at": self.now, "updated_at": self.now}
        values, day = store.applicant_stored_values, self.day
        for at in range(start, len(new), WRITE_CHUNK):
            part = new[at:at + WRITE_CHUNK]
            first = self.next_id
            self.next_id += len(part)
            rows = values(zip(range(first, self.next_id), part), day)
            self._write(bulk.insert, session, ApplicantRow.__table__, rows, keys=["id", *store.APPLICANT_KEYS],
                        same=same, stored=True, flat=True)
            del rows
            del part
            self._check()

    def heads_done(self, levels: dict[str, tuple[str, ...]] | None = None) -> None:
        """Every applicant has been handed to :meth:`add_heads`: the new ones' keys are settled (PostgreSQL: their
        rows inserted now).  With ``levels`` (ID number -> the levels asked, as for :meth:`finish`) their
        applications follow at once on SQLite: the writer thread inserts them while the later sheets are checked,
        not after the last one, beside the audit rows' digests (the same rows in the same order: they are the
        application table's first rows of the import either way)."""
        if not self.begun:
            self._begin()
        session, new = self.session, self.new
        if self.sqlite:
            first = self.first_id or 1
            self.ids = range(first, first + len(new))
            if levels is not None:   # one round: the writer's backlog counts rounds
                self._applications(levels, max(1, len(new)))
            return
        last = plain(session, "SELECT COALESCE(MAX(id), 0) FROM applicant")[0][0] if new else 0
        same = {"version_id": 1, "created_at": self.now, "updated_at": self.now}
        ids: list[int] = []
        for start in range(0, len(new), WRITE_CHUNK):    # a sequence gives the keys
            part = new[start:start + WRITE_CHUNK]
            bulk.insert(session, ApplicantRow.__table__, [store.applicant_values(a) for a in part], same=same)
            pks = dict(plain(session, "SELECT id_number, id FROM applicant WHERE id > :last", {"last": last}))
            ids += [pks[a.id_number] for a in part]
            last = max(ids, default=last)
            self._check()
        self.ids = ids

    def records(self, kind: str, records_of: "Callable[[Applicant], Sequence] | Mapping[str, Sequence]") -> None:
        """One kind of record of the new applicants, inserted in rounds of :data:`WRITE_CHUNK` applicants:
        ``records_of(applicant)`` gives its records of the kind, in order — or ``records_of`` maps ID numbers
        to them (an applicant not in it has none: a sheet's records, looked up without a call per applicant)."""
        slot = RECORD_KINDS.index(kind)
        if slot in self.written:
            raise ValueError(f"{kind}: records handed over twice")   # a reader gives each kind one table
        new, ids, day = self.new, self.ids, self.day
        if not callable(records_of):
            if not records_of:      # no rows of the kind (an empty or missing sheet): nothing to make
                self.written.add(slot)
                return
            if self.new_keys is None:
                self.new_keys = list(map(attrgetter("id_number"), new))
            keys = self.new_keys
        for start in range(0, len(new), WRITE_CHUNK):
            if callable(records_of):
                kept = map(records_of, new[start:start + WRITE_CHUNK])
            else:
                kept = map(records_of.get, keys[start:start + WRITE_CHUNK])
            owned = zip(ids[start:start + WRITE_CHUNK], kept)
            if self.sqlite:   # one flat list: the writer thread binds slices of it
                rows = store.kind_values(slot, owned, self.flat_day)
            else:
                rows = store.kind_tuples(slot, owned, day)
            self._write(store.insert_kind, self.session, slot, rows, stored=self.sqlite, flat=self.sqlite)
            del rows
            self._check()
        self.written.add(slot)

    def _applications(self, levels: dict, per_round: int = WRITE_CHUNK) -> None:
        """Hand the new applicants' applications to the write, in order (``self.added``: how many), in rounds of
        ``per_round`` applicants: each asks for the levels of its 申报等级 cell (each once) or, without one, the
        batch's."""
        new, ids, batch_levels = self.new, self.ids, self.batch_levels
        number = attrgetter("id_number")
        app = ApplicationRow.__table__
        added = 0
        asked_as: dict = {}     # levels as asked (or none: the batch's) -> the applications made, once each
        for start in range(0, len(new), per_round):
            part, part_ids = new[start:start + per_round], ids[start:start + per_round]
            # each applicant's applications, in order: the levels it asked for (each once) or the batch's
            asked = list(map(levels.get, map(number, part)))
            try:
                distinct = set(asked)
            except TypeError:     # levels given as lists (the API's callers)
                asked = [None if key is None else tuple(key) for key in asked]
                distinct = set(asked)
            for key in distinct.difference(asked_as):
                asked_as[key] = tuple(dict.fromkeys(key or batch_levels))
            asked = list(map(asked_as.__getitem__, asked))
            asked_ids = list(chain.from_iterable(map(repeat, part_ids, map(len, asked))))
            rows = [None] * (2 * len(asked_ids))   # (applicant, level) pairs as one flat list
            rows[0::2], rows[1::2] = asked_ids, list(chain.from_iterable(asked))
            self._write(bulk.insert, self.session, app, rows, keys=["applicant_id", "level"],
                        same={"batch_id": self.batch_id, "created_at": self.now}, flat=True)
            added += len(asked_ids)
            del asked_ids, part, rows, asked
            self._check()
        self.added = added

    def complete(self) -> None:
        """The new applicants are complete — every record set, none to change from now on — though some kinds of
        record may not have been handed to :meth:`records` yet: the create rows' digests begin, in child processes
        where that is safe (:mod:`.import_digests`), so that this process's GIL is left to the writer thread's
        binding.  :data:`DIGEST_CHILDREN` of them, each taking its share of the rounds (the first chains its rows,
        the writer chains the others'); each is ended with the stack.  Called by :meth:`finish` if not before
        (a workbook's reader calls it before it hands over the last sheet's rows, so that the child's first rounds
        are ready when the writer thread has inserted them)."""
        if self.hashers is not None:
            return
        self.hashers = []     # (first applicant, its child), in order
        new, ids = self.new, self.ids
        if self.writer is not None and can_fork(len(new)):
            share = -(-len(new) // DIGEST_CHILDREN // DIGEST_CHUNK) * DIGEST_CHUNK    # whole rounds each
            line = audit.create_line(self.now, self.user)
            for first in range(0, len(new), share):
                child = DigestChild(new, DIGEST_CHUNK, ids[first:first + share], self.chain if first == 0 else None,
                                    line, first, min(first + share, len(new)))
                self.stack.callback(child.close)
                self.hashers.append((first, child))

    def finish(self, levels: dict[str, tuple[str, ...]] | None = None, supplied: dict[str, set[str]] | None = None,
               photos: dict | None = None, progress: Progress = no_progress,
               release: bool = False) -> tuple[int, int, int, int]:
        """The rest of the write, the applicants now complete (module docstring); returns ``(created, updated,
        unchanged, applications added)``.  With ``release`` each new applicant is freed once written."""
        levels = levels or {}
        session, now, user, batch_id = self.session, self.now, self.user, self.batch_id
        new, old, ids, batch_levels = self.new, self.old, self.ids, self.batch_levels

        def check(step: int) -> None:
            progress(step, 6)
            self._check()

        self.complete()     # the digest children, if :meth:`complete` was not called yet
        hashers = self.hashers
        for slot, kind in enumerate(RECORD_KINDS):      # kinds not handed over while reading (JSON: all)
            if slot not in self.written:
                self.records(kind, attrgetter(kind))
        check(1)
        existing = self.existing
        if old:
            self._settle()
        before = store.load_applicants(session, [existing[a.id_number][0] for a in old]) if old else {}
        changed = []
        unchanged = 0
        for i, a in enumerate(old):
            pk = existing[a.id_number][0]
            previous = before[pk]
            if supplied is not None:
                given = supplied.get(a.id_number, ())
                kept = {kind: getattr(previous, kind) for kind in RECORD_KINDS if kind not in given}
                if kept:
                    a = old[i] = replace(a, **kept)
            if previous == a and previous.extra == dict(a.extra or {}):
                unchanged += 1
            else:
                changed.append((pk, a, previous))
        check(2)

        dumps = bulk.applicant_json_bytes
        app = ApplicationRow.__table__
        created = len(new)
        if self.added is None:   # the applications first: the writer inserts them while the digests are made
            self._applications(levels)
        added = self.added
        photo_pks: dict[str, int] = {}
        if photos:
            photo_pks.update((a.id_number, pk) for pk, a in zip(ids, new) if a.id_number in photos)
        # a create row holds the digest of the applicant's snapshot, not a copy (persistence/audit.py: the
        # stored row is the snapshot until the first update): each document lives only while it is hashed.
        # Small rounds: the writer chains and inserts each while the next one's digests are made, so little
        # is left to it once the last digest is taken
        for start in range(0, len(new), DIGEST_CHUNK):
            part_ids = ids[start:start + DIGEST_CHUNK]
            if hashers:
                while len(hashers) > 1 and start >= hashers[1][0]:   # the next child's share begins
                    hashers.pop(0)[1].close()
                digests, chained = hashers[0][1].take()
            else:
                digests, chained = digests_here(new[start:start + DIGEST_CHUNK]), None
                if release:  # the caller handed the applicants over: each is freed once hashed
                    new[start:start + len(part_ids)] = [None] * len(part_ids)
            self._write(audit.insert_created, session, part_ids, digests, now, user, chained=chained)
            del digests, chained
            if release and hashers:   # this round's applicants, hashed by the child, freed while it makes the next
                _free(new, start, start + len(part_ids))
            if start % WRITE_CHUNK == 0:
                self._check()
        if hashers:
            hashers.pop()[1].close()
        self._settle()
        check(3)
        if changed:
            store.bulk_update_heads(session, [{"pk": pk, **{k: val for k, val in store.applicant_values(a).items()
                                                            if k != "id_number"}} for pk, a, _ in changed])
            store.delete_children(session, [pk for pk, _, _ in changed])
            children = store.new_children()
            for pk, a, _ in changed:
                store.add_child_tuples(children, pk, a)
            store.insert_children(session, children)
        check(4)

        if old:
            have = set(plain(session, "SELECT applicant_id, level FROM application WHERE batch_id = :batch",
                             {"batch": batch_id}))
            rows = []
            for a in old:
                pk = existing[a.id_number][0]
                for level in levels.get(a.id_number) or batch_levels:
                    if (pk, level) not in have:
                        have.add((pk, level))
                        rows.append((pk, level))
            bulk.insert(session, app, rows, keys=["applicant_id", "level"], same={"batch_id": batch_id, "created_at": now})
            added += len(rows)
            del have, rows
        check(5)

        if changed:
            audit.insert_sealed(session, (("applicant", pk, "update", dumps(previous), dumps(a))
                                          for pk, a, previous in changed), now, user)
        if photos:
            from eligibility_desk.services.printing.photos import store_photos

            photo_pks.update((number, existing[number][0]) for number in photos.keys() & existing.keys())
            store_photos(session, user, {photo_pks[number]: photo for number, photo in photos.items()})
        audit.record(session, user, "batch", batch_id, "import", None,
                     {"source": self.source, "applicants": created + len(old), "created": created,
                      "updated": len(changed), "unchanged": unchanged, "applications_added": added})
        check(6)
        return created, len(changed), unchanged, added

    def committed(self) -> None:
        """After the commit: a batch created by the import gets its id."""
        if self.new_batch is not None:
            self.new_batch.id = self.batch_id


#: applicants freed by one statement in :func:`_free`
FREE_PIECE = 500


def _free(items: list, start: int, end: int) -> None:
    """Drop ``items[start:end]`` (the objects only they hold are freed), :data:`FREE_PIECE` at a time.

    Freed round by round while a digest child hashes the next round — the importing thread would only wait for it
    there.  Each page freed here while a child lives is copied first (the child keeps its own copy): ≈ 0.06 s more
    CPU per 100,000 applicants than freeing them once it has left, but in time this thread would spend waiting,
    where freeing them all at the end held the GIL for ≈ 0.1 s in one bytecode (a slice assignment frees
    everything it drops before the interpreter may switch threads), the writer thread's last round waiting
    behind it.  In pieces, the writer takes the GIL back between them."""
    for at in range(start, end, FREE_PIECE):
        stop = min(at + FREE_PIECE, end)
        items[at:stop] = [None] * (stop - at)


def _create_batch(session, spec: NewBatch, user: str) -> int:
    from sqlalchemy import select

    from eligibility_desk.domain.errors import FieldError

    if session.scalar(select(BatchRow.id).where(BatchRow.name == spec.name)) is not None:   # made meanwhile
        raise InvalidRecord(spec.name, [FieldError("name", "duplicate", {"value": spec.name})])
    row = BatchRow(name=spec.name, standard=spec.standard, levels=list(spec.levels), as_of=spec.as_of,
                   window_start=spec.window_start, window_end=spec.window_end, created_by=user)
    session.add(row)
    session.flush()
    audit.record(session, user, "batch", row.id, "create", None,
                 {"name": spec.name, "standard": spec.standard, "levels": list(spec.levels), "as_of": spec.as_of,
                  "window_start": spec.window_start, "window_end": spec.window_end})
    return row.id


def write_all(db: Database, applicants: list[Applicant], batch_id: "int | NewBatch", user: str,
              levels: dict | None = None, source: str = "", progress: Progress = no_progress,
              cancelled: Cancelled = never_cancelled, supplied: dict | None = None, photos: dict | None = None,
              release: bool = False) -> tuple[int, int, int, int]:
    """The three steps at once for applicants already complete (JSON, the API, generated data)."""
    with ExitStack() as stack:
        write = ImportWrite(db, batch_id, user, stack, source, cancelled)
        write.heads(applicants)
        if release:
            applicants.clear()
        counts = write.finish(levels, supplied, photos, progress, release)
    write.committed()
    return counts
