"""The digests of an import's audit ``create`` rows, taken in a forked child process where that is safe.

Each new applicant's ``create`` row holds the SHA-256 of its canonical snapshot
(:func:`eligibility_desk.persistence.bulk.applicant_json_bytes`): ~0.3–0.45 s of encoding and hashing per
100,000 applicants, which holds the GIL — the import's limit on two cores is the GIL-held work, and these
digests come after the last sheet, beside the writer thread that binds every parameter holding the GIL too.
On Linux a child process forked once the applicants are complete takes them instead (:class:`DigestChild`):
it reads the applicants it inherited (copy-on-write: nothing is sent to it), writes each round's digests — and
the audit chain's row hashes, the writer thread's one Python loop per row — as hex lines into shared memory and
says so on a pipe; the import reads them round by round as the writer thread needs them.  The child touches
nothing but the applicants, msgspec/orjson and hashlib's SHA-256, and leaves by ``os._exit`` (no exit handlers,
no buffers flushed twice).  A lock held at the fork by a thread the child does not have would never be let go:
the child takes no lock of ours, and OpenSSL's digest calls take none either (the digest is fetched once per
process and cached by hashlib, counted by atomics; 300 forks beside three threads hashing megabytes with the
GIL let go, each child hashing 2,000 times, never hung; a test does the same on a smaller scale).  The
interpreter's own lock-free ``_sha256`` made the child 35 % slower (0.68 against 0.50 s of CPU per 100,000
applicants), and the child's last round is what the writer thread waits for at the end.  A child that dies
before its last round makes the import fail (:class:`DigestsLost`, rolled back like any error); a cancelled or
failed import kills and reaps it (:meth:`DigestChild.close`).

Elsewhere (no ``fork``, not Linux — macOS forks threads unsafely —, fewer than :data:`FORK_MIN` applicants,
where the fork is not worth its cost, or more than :data:`FORK_MAX`, where the child's copy-on-write share of
the applicants would cost more memory than the overlap gains) the digests are taken in this process
(:func:`digests_here`), with the same result.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import select
from typing import Sequence

from eligibility_desk.persistence import audit, bulk
from eligibility_desk.services.records import forked

_HEX = type(hashlib.sha256()).hexdigest
#: new applicants from which their digests are taken in a child process (below: the fork's ~10 ms and the
#: child's start are not worth it)
FORK_MIN = 20_000
#: new applicants up to which: the child copies the pages of every applicant it reads (their refcounts change) —
#: 144 MB for the 100,000 of the benchmark workbook, 257 MB for the rich one's, for the half second it lives —
#: so beyond this the memory would outweigh the ~0.4 s of GIL-held work per 100,000 it takes off this process
FORK_MAX = 250_000
_LINE = 65   # 64 hex digits and a newline
#: seconds a round may take before the child is given up for stuck (a round takes ~0.05 s; the import fails)
ROUND_TIMEOUT = 120.0

class DigestsLost(RuntimeError):
    """The child process taking the digests ended before it gave them all (killed, out of memory)."""

    def __init__(self, detail: str):
        super().__init__(f"导入未完成：计算审计摘要的子进程意外退出（{detail}），未写入任何数据 "
                         f"(the import was not written: the process taking the audit digests ended early)")


def digests_here(applicants: Sequence) -> list[str]:
    """The hex SHA-256 of each applicant's canonical snapshot, in this process."""
    return list(map(_HEX, map(hashlib.sha256, map(bulk.applicant_json_bytes, applicants))))


def can_fork(count: int) -> bool:
    """Whether :class:`DigestChild` takes the digests of ``count`` applicants (module docstring)."""
    return FORK_MIN <= count <= FORK_MAX and forked.forks_safely()


class DigestChild:
    """A child process taking the digests of ``applicants`` (all complete, none changed from now on) in rounds
    of ``chunk``; :meth:`take` gives each round's in order.  With ``chain`` — ``(seq, prev)``, the audit chain's
    end the create rows will follow, ``line`` its :func:`.audit.create_line`, ``pks`` the applicants' keys — it
    also chains the rows (:func:`.audit.chain_created`), the writer thread's one Python loop per row.
    :meth:`close` ends it (kills it if it is still at work) and must be called, whatever happens."""

    def __init__(self, applicants: Sequence, chunk: int, pks: Sequence[int] = (),
                 chain: tuple[int, str] | None = None, line: str = "", first: int = 0, end: int | None = None):
        # ``first``/``end``: only ``applicants[first:end]`` (sliced in the child: slicing here would touch each
        # applicant's reference count, and each page touched here after a fork is copied first); ``pks`` are theirs
        end = len(applicants) if end is None else end
        self.count, self.chunk = end - first, chunk
        self.chained = chain is not None
        if chain is not None:
            self.seq, self.prev = chain
        self.taken = 0
        self.pid: int | None = None
        # the digests as hex lines, then the row hashes as hex lines (chained): MAP_SHARED|MAP_ANONYMOUS, the
        # same pages in both processes
        self.shared = mmap.mmap(-1, max(1, self.count * _LINE * (2 if self.chained else 1)))
        ready, told = os.pipe()
        self.ready: int | None = ready
        try:
            pid = os.fork()
        except BaseException:
            os.close(told)
            self._release()
            raise
        if pid == 0:  # the child: only the applicants, the encoder, the hash; never returns
            _child(applicants, first, self.count, chunk, self.shared, ready, told, pks, chain, line)
        self.pid = pid
        os.close(told)

    def take(self) -> tuple[list[str], tuple[int, str, list[str]] | None]:
        """The next round's digests, and — chained — ``(seq, prev, row hashes)`` for :func:`.audit.insert_created`
        (waiting for the child while it makes them: the GIL is free meanwhile)."""
        start = self.taken
        end = min(start + self.chunk, self.count)
        if start >= end:
            raise ValueError("every digest has been taken")
        try:
            if not select.select([self.ready], [], [], ROUND_TIMEOUT)[0]:
                raise DigestsLost(f"{ROUND_TIMEOUT:.0f} 秒无进展")    # stuck: closing kills it
            word = os.read(self.ready, 1)
        except OSError as exc:   # pragma: no cover - the pipe is ours until close
            raise DigestsLost(str(exc)) from exc
        if word != b"r":
            raise DigestsLost(self._ended())
        self.taken = end
        digests = self.shared[start * _LINE:end * _LINE - 1].decode("ascii").split("\n")
        if not self.chained:
            return digests, None
        rows_at = self.count * _LINE
        rows = self.shared[rows_at + start * _LINE:rows_at + end * _LINE - 1].decode("ascii").split("\n")
        chained = (self.seq, self.prev, rows)
        self.seq, self.prev = self.seq + len(rows), rows[-1]
        return digests, chained

    def _ended(self) -> str:
        """How the child ended (after its pipe closed early): reaped here."""
        pid, self.pid = self.pid, None
        if pid is None:
            return "?"
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:   # pragma: no cover - reaped by someone else
            return "?"
        code = os.waitstatus_to_exitcode(status)
        return f"信号 {-code}" if code < 0 else f"退出码 {code}"

    def close(self) -> None:
        """End the child (killed if it is still at work: a cancel, an error, a refusal) and free what it used."""
        pid, self.pid = self.pid, None
        if pid is not None:
            forked.end(pid, kill=self.taken < self.count)
        self._release()

    def _release(self) -> None:
        if self.ready is not None:
            os.close(self.ready)
            self.ready = None
        if self.shared is not None:
            self.shared.close()
            self.shared = None


def _child(applicants: Sequence, first: int, count: int, chunk: int, shared: mmap.mmap, ready: int, told: int,
           pks: Sequence[int], chain: tuple[int, str] | None, line: str) -> None:
    """The child's whole life: each round's digests (and row hashes) into ``shared``, then ``r`` on the pipe;
    ``os._exit``."""
    status = 1
    try:
        import gc

        gc.disable()    # nothing it makes is cyclic; the collector would only touch (copy) the parent's pages
        os.close(ready)
        sha256, dumps, hexdigest = hashlib.sha256, bulk.applicant_json_bytes, _HEX
        rows_at = count * _LINE
        if chain is not None:
            seq, prev = chain
        for start in range(0, count, chunk):
            part = applicants[first + start:first + min(start + chunk, count)]
            digests = list(map(hexdigest, map(sha256, map(dumps, part))))
            data = ("\n".join(digests) + "\n").encode("ascii")
            at = start * _LINE
            shared[at:at + len(data)] = data
            if chain is not None:
                rows = audit.chain_created(line, seq, prev, pks[start:start + chunk], digests, sha256)
                seq, prev = seq + len(rows), rows[-1]
                data = ("\n".join(rows) + "\n").encode("ascii")
                shared[rows_at + at:rows_at + at + len(data)] = data
            os.write(told, b"r")
        status = 0
    except BaseException:   # the parent sees the pipe close early (DigestsLost)
        status = 1
    finally:
        os._exit(status)
