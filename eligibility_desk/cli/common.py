"""Helpers shared by the sub-commands (standard library only at import time)."""

from __future__ import annotations

import json
import sys
from typing import Any

from eligibility_desk.cli import CommandError


def read_json(path: str) -> Any:
    """A JSON file (``-`` for standard input), or a :class:`CommandError` naming the file and the problem."""
    from eligibility_desk.domain.interchange_keys import RepeatedKey, strict_pairs

    try:
        if path == "-":
            return json.load(sys.stdin, object_pairs_hook=strict_pairs)
        with open(path, "rb") as fh:
            return json.loads(fh.read(), object_pairs_hook=strict_pairs)   # a key given twice: refused
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None
    except RepeatedKey as exc:
        raise CommandError(f"{path}：{exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: not valid JSON: {exc}") from None


PASSWORD_ENV = "ELIGIBILITY_DESK_PASSWORD"
NEW_PASSWORD_ENV = "ELIGIBILITY_DESK_NEW_PASSWORD"


def add_user_option(p) -> None:
    """``--user NAME``: the account that acts (docs/accounts.md, "On the command line")."""
    p.add_argument("--user", metavar="NAME",
                   help=f"your account; its password from ${PASSWORD_ENV} or a prompt (\"os\" login mode: "
                        "this computer's login name, no password)")


def open_db(args):
    """The database of ``--db`` (migrated), or a CommandError (exit 2) saying why it cannot be opened."""
    from eligibility_desk.persistence.errors import DatabaseError
    from eligibility_desk.persistence.opening import open_database

    try:
        return open_database(getattr(args, "db", None))
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None


def read_password(prompt: str, env: str = PASSWORD_ENV, confirm: bool = False) -> str:
    """A password from ``$env``, else typed at a prompt (not echoed).  Without a terminal and without the
    variable: a CommandError (exit 2) saying how to give it — never a hang, never a name alone."""
    import getpass
    import os

    given = os.environ.get(env)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CommandError(f"需要密码：请在终端中运行以便输入，或设置环境变量 {env}"
                           f" (a password is needed: run in a terminal or set ${env})")
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("再输入一次 again: ") != first:
            raise CommandError("两次输入的密码不一致 (the passwords differ)")
    except (EOFError, KeyboardInterrupt):
        raise CommandError("已取消 (cancelled)") from None
    return first


def sign_in(args, db):
    """The :class:`~eligibility_desk.domain.roles.Actor` the command acts as.  "password" mode: ``--user`` and
    its password ($ELIGIBILITY_DESK_PASSWORD or a prompt); "os" mode: this computer's login name (``--user``,
    if given, must be it).  Every refusal is a CommandError with exit status 2."""
    from eligibility_desk.cli.output import language
    from eligibility_desk.services.accounts import OS_MODE, AccountService, AuthenticationFailed
    from eligibility_desk.services.records.desk import login_name

    accounts = AccountService(db)
    lang = language(args)
    given = (getattr(args, "user", None) or "").strip()
    try:
        if not accounts.has_accounts():
            raise AuthenticationFailed("no_accounts")
        if accounts.login_mode() == OS_MODE:
            me = login_name()
            if given and given != me:
                raise CommandError(f"本中心以本机登录名为账户：当前登录名为 {me}，不能以 {given} 的身份操作"
                                   f" (this centre signs in as this computer's login, {me}, not {given})")
            return accounts.os_account(me)
        if not given:
            raise CommandError("需要账户：请用 --user 账户名 登录 (an account is needed: --user NAME)")
        return accounts.authenticate(given, read_password(f"账户 {given} 的密码 password: "))
    except AuthenticationFailed as exc:
        raise CommandError(exc.message(lang)) from None


def open_desk(args):
    """The :class:`~eligibility_desk.services.records.desk.Desk` on ``--db`` (migrated), for the account the
    command signed in as (:func:`sign_in`)."""
    from eligibility_desk.services.records.desk import Desk

    db = open_db(args)
    try:
        actor = sign_in(args, db)
    except BaseException:
        db.close()
        raise
    return Desk(db, actor, rules_dir=getattr(args, "rules", None))


def batch_id(desk, name_or_id: str, *, args=None) -> int:
    """The id of the batch named (or numbered) ``name_or_id``, or a CommandError in the command's language
    (``--lang``, else ``$ELIGIBILITY_DESK_LANG``, else Chinese).  (``import``, which can make the batch, says so
    itself.)"""
    from eligibility_desk.cli.output import say
    from eligibility_desk.domain.text_policy import visible

    found = desk.find_batch(name_or_id)
    if found is None:
        raise CommandError(say(args, "没有批次「{name}」（已有的批次见 `eligibility-desk batches`）",
                               "no batch '{name}' (see `eligibility-desk batches`)", name=visible(name_or_id, 80)))
    return found


_BROKEN_PIPE = 3  # a child's exit status: its output was closed under it


def write_in_two(total: int, work, emit, min_items: int = 4000, gated: bool = False,
                 reap: bool = True, share: float = 0.5) -> int | None:
    """``work(start, end, emit) -> count`` over ``[0, total)``, each part handing its output to ``emit``
    (a list of byte strings at a time, out in the output — flushed — when it returns) in order.  Returns
    the sum of the counts.

    Two forked workers do the two halves while this process waits: the first writes its part as it is
    made; the second keeps what it has made until the first part is out, then writes it to the same output
    (the processes share it) and the rest as it is made — so nothing large goes through a pipe or is kept
    twice, and a second worker that is still at work when the first is done is not idle then.  Both leave by
    ``os._exit``, without freeing what they made (their records, results and memos: freeing them took this
    process ~0.05–0.1 s at its exit when it did a half itself); this process holds only what it had
    before the fork.

    Without ``fork``, or for small jobs, this process does all the work itself: the output is the same
    either way.  A worker that fails before writing anything has its part done here instead; one that fails
    once its output has begun leaves the output incomplete: a :class:`CommandError` says so (a closed
    output — ``| head`` — is a :class:`BrokenPipeError`, as it would be here).

    ``gated``: each part first finds out whether it can be done at all — ``work(start, end, emit, accept)``
    calls ``accept(True)`` or ``accept(False)`` before it hands anything over (the ``screen`` command's
    workers each decode and check their own part of the file).  The first worker writes nothing until both
    have accepted; if either refuses, or its worker fails before saying, nothing is written at all and
    ``None`` is returned, for the caller to do the job another way.  Always ``None`` without ``fork`` or
    below ``min_items``.

    ``share``: the first part's share of ``[0, total)`` (the second is the rest; gated parts are two).

    ``reap=False``: once the second worker says its part is out, it is not waited for while it leaves (the
    kernel takes a few milliseconds to free what it made): for a caller that ends the process straight after
    (``screen`` run as the program), whose children are then another's to reap.
    """
    import os

    if total < min_items or not hasattr(os, "fork"):
        return None if gated else work(0, total, emit)
    middle = max(1, min(total - 1, int(total * share)))
    sys.stdout.flush()
    sys.stderr.flush()
    second_r, second_w = os.pipe()  # second worker -> here: ["a"/"r", if gated] "w" before its first write, "count\n" once out
    go_r, go_w = os.pipe()          # here -> second worker: "1" once the first part is out
    second = os.fork()
    if second == 0:
        status = 1
        try:
            os.close(second_r)
            os.close(go_w)
            # what it made before the first part is out, as it was handed over (a thousand records' lines as
            # their pieces, from the screen command): each joined only when written (_go)
            kept: list[list[bytes]] = []
            out = False  # the first part is out: this part is written as it is made
            os.set_blocking(go_r, False)  # looked at after each chunk, waited for at the end

            def second_emit(chunks: list[bytes]) -> None:
                nonlocal out
                if out:
                    emit(_joined(chunks))
                    return
                kept.append(chunks)
                try:
                    said = os.read(go_r, 1)
                except BlockingIOError:  # the first part is still being made
                    return
                _go(said, second_w, emit, kept)
                out = True

            if gated:
                count = work(middle, total, second_emit, _acceptor(second_w))
            else:
                count = work(middle, total, second_emit)
            if not out:
                os.set_blocking(go_r, True)
                _go(os.read(go_r, 1), second_w, emit, kept)
            sys.stdout.flush()
            os.write(second_w, f"{count}\n".encode())
            status = 0
        except _Refused:
            status = 0
        except _Stopped:  # the first part failed: nothing written here
            status = 1
        except BrokenPipeError:  # the reader went away (`| head`)
            status = _BROKEN_PIPE
        finally:
            os._exit(status)
    os.close(second_w)
    os.close(go_r)
    first = None
    ready = os.fdopen(second_r, "rb")
    try:
        try:
            first_count, first = _first_part(middle, work, emit, gated, ready, second_r, go_w)
        except BaseException:
            ready.close()
            raise
        if first_count is None:  # refused: neither part writes; the caller does it another way
            ready.close()
            os.close(go_w)
            _stop(second)
            return None
        try:
            os.write(go_w, b"1")
        except BrokenPipeError:  # it has left already: what it said tells how far it got (below)
            pass
        with ready:
            line = ready.readline()  # "w…count\n" once its part is out; "w…" if it failed while writing
    except BaseException:
        os.close(go_w)  # unless told already, the second worker writes nothing
        os.waitpid(second, 0)
        if first is not None:
            os.waitpid(first, 0)
        raise
    os.close(go_w)
    if first is not None:  # its part is out; it was not waited for while it left
        os.waitpid(first, 0)
    if not line:  # the second worker failed before writing anything: its part is done here
        os.waitpid(second, 0)
        return first_count + (work(middle, total, emit, _accepted) if gated else work(middle, total, emit))
    if not line.endswith(b"\n"):
        _, status = os.waitpid(second, 0)
        if os.waitstatus_to_exitcode(status) == _BROKEN_PIPE:
            raise BrokenPipeError("standard output was closed")
        raise CommandError("输出未写完（子进程写入失败）(the output is incomplete: the second half could not be written)", 1)
    if reap:
        os.waitpid(second, 0)
    return first_count + int(line[1:])


class _Stopped(Exception):
    """The second worker was told the first part failed (:func:`write_in_two`): it leaves, writing nothing."""


def _go(said: bytes, told: int, emit, kept: list) -> None:
    """In the second worker, once this process has spoken (``said``): "1", the first part is out — say "w" to
    it (through ``told``), write what is ``kept`` (each chunk joined, then let go); anything else (the pipe
    closed) — stop."""
    import os

    if said != b"1":
        raise _Stopped
    os.write(told, b"w")
    kept.reverse()
    while kept:
        emit(_joined(kept.pop()))


def _joined(chunks: list[bytes]) -> list[bytes]:
    """A chunk's byte strings as one, to be written by one call: a thousand lines' pieces (~5,000 byte
    strings, ~1 MB) joined and written take ~2/3 of what the same pieces take through ``writev`` (the kernel's
    cost per piece), and the joined bytes are freed before the next chunk is joined, so one block of memory
    serves them all (docs/benchmarks.md, "`screen` command, round eight")."""
    return [b"".join(chunks)] if len(chunks) > 1 else chunks


def _stop(pid: int) -> None:
    """End a gated worker that has written nothing and will not (its part or the other was refused):
    there is no point in letting it screen its part first."""
    import os
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:  # pragma: no cover - it has left already (and is still to be waited for)
        pass
    os.waitpid(pid, 0)


class _Refused(Exception):
    """A gated part said it cannot be done (:func:`write_in_two`): its worker leaves, writing nothing."""


def _acceptor(fd: int):
    """``accept(ok)`` for a gated part in a worker: "a" or "r" to this process through ``fd``; a refusal
    ends the part (:class:`_Refused`)."""
    import os

    def accept(ok: bool) -> None:
        os.write(fd, b"a" if ok else b"r")
        if not ok:
            raise _Refused

    return accept


def _accepted(ok: bool) -> None:
    """``accept`` for a gated part done in this process once both parts accepted (it is the same data)."""
    if not ok:  # pragma: no cover - the worker accepted the very same part
        raise CommandError("输出未写完 (the output is incomplete: a part could not be read again)", 1)


def _first_part(middle: int, work, emit, gated: bool, ready, *close: int) -> tuple[int | None, int | None]:
    """The first part, ``work(0, middle, emit)``, made and written by a forked worker (which closes the file
    descriptors ``close``, the second worker's): its count, and the worker's pid (to be waited for — it
    is still leaving when its part is out; ``None`` once waited for).  Done here if the worker fails
    before its first write.

    Gated: the worker says "a" (accepted) or "r" before anything else; this process reads the second
    worker's word from ``ready`` and answers the first "1" (write) only if both accepted.  ``(None, None)``
    if either did not: nothing was written."""
    import os

    done_r, done_w = os.pipe()  # worker -> here: ["a"/"r"], "w" before its first write, "count\n" at the end
    if gated:
        write_r, write_w = os.pipe()  # here -> worker: "1" once both parts are accepted
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            for fd in (done_r, *close):
                os.close(fd)
            if gated:
                os.close(write_w)
            told = False

            def first_emit(chunks: list[bytes]) -> None:
                nonlocal told
                if not told:
                    if gated and os.read(write_r, 1) != b"1":
                        raise _Refused  # the other part was refused: nothing is written
                    os.write(done_w, b"w")
                    told = True
                emit(chunks)

            if gated:
                count = work(0, middle, first_emit, _acceptor(done_w))
                if not told and os.read(write_r, 1) != b"1":
                    raise _Refused
            else:
                count = work(0, middle, first_emit)
            sys.stdout.flush()
            os.write(done_w, f"{count}\n".encode())
            status = 0
        except _Refused:
            status = 0
        except BrokenPipeError:
            status = _BROKEN_PIPE
        finally:
            os._exit(status)
    os.close(done_w)
    with os.fdopen(done_r, "rb") as done:
        if gated:
            os.close(write_r)
            mine, theirs = done.read(1), ready.read(1)
            if mine != b"a" or theirs != b"a":
                os.close(write_w)  # told nothing: the first worker writes nothing
                _stop(pid)
                return None, None
            try:
                os.write(write_w, b"1")
            except BrokenPipeError:  # it failed after accepting: what it said next tells (below)
                pass
            os.close(write_w)
        said = done.readline()  # "w…\n" once its part is out (flushed), short if it failed
    if said.endswith(b"\n"):
        return int(said.lstrip(b"w")), pid
    _, status = os.waitpid(pid, 0)
    if not said:  # nothing written yet: the part is done here
        return (work(0, middle, emit, _accepted) if gated else work(0, middle, emit)), None
    if os.waitstatus_to_exitcode(status) == _BROKEN_PIPE:
        raise BrokenPipeError("standard output was closed")
    raise CommandError("输出未写完（子进程写入失败）(the output is incomplete: the first half could not be written)", 1)


def chunk_writer(stream):
    """``emit(chunks)`` for :func:`write_in_two`: the byte strings written to ``stream`` (a binary file
    object) in order — by ``os.writev`` straight to its file descriptor where there is one (no joined copy),
    else joined and written."""
    import os

    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    if fd is None or not hasattr(os, "writev"):
        def emit_joined(chunks: list[bytes]) -> None:
            stream.write(b"".join(chunks))
            stream.flush()

        return emit_joined

    try:
        most = min(1024, os.sysconf("SC_IOV_MAX"))  # byte strings one writev may take
    except (AttributeError, OSError, ValueError):
        most = 16

    def emit(chunks: list[bytes]) -> None:
        stream.flush()
        for i in range(0, len(chunks), most):
            batch = chunks[i:i + most]
            done = os.writev(fd, batch)
            size = sum(map(len, batch))
            if done < size:  # a partial write (a signal, a full pipe): the rest in plain writes
                rest = memoryview(b"".join(batch))[done:]
                while rest:
                    rest = rest[os.write(fd, rest):]

    return emit
