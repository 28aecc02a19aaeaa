"""The ``screen`` command's rule files, parsed once and kept from one run to the next.

Parsing the rule files a standard needs (~7–9 ms) and compiling the engine's generated code for it (~5 ms)
are a seventh of everything the command does before it forks its workers, which no second core can share
(docs/benchmarks.md, "`screen` command, round seven").  What the parse gives — the checked standards and
reference lists (:func:`~eligibility_desk.rules_engine.loader.load_standard`, ``load_list``) — is kept in the
user's cache folder and read back whenever **exactly the same files** are read again:

* a kept file holds the texts it was parsed from, each with its path, and is used only if every one of them
  is the text read now (compared whole, not by a hash); and the engine's own code as it was (the size and
  time of every module of ``rules_engine/`` and ``domain/`` — in the desktop bundle, of its executable —
  and the Python and program versions) — any edit to a rule file or to the code that reads it is a new parse;
* only the parse is kept, and the code objects of the engine's generated source (beside it, ``.code``:
  :mod:`~eligibility_desk.rules_engine.codecache` takes one only for exactly the same source): the
  standards are compiled and checked on every run, as always;
* anything off — no cache folder, a file that cannot be read, written, unpickled, or is not this user's —
  is a parse as before; nothing here ever changes an answer or a message.

The folder: ``$ELIGIBILITY_DESK_CACHE`` (empty: nothing kept), else ``eligibility-desk/rules`` in the
platform's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS,
``%LOCALAPPDATA%`` on Windows; platformdirs' choices, spelled out here: importing it costs what this saves).
Kept files are this user's alone (folder 0700, files 0600, and a file owned by anyone else is not read):
they are pickles, which run code when read.  At most :data:`KEEP` are kept, the oldest removed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: changed whenever what is kept changes shape
_FORMAT = 1
#: kept parses at most (one per distinct set of rule files)
KEEP = 8


def cache_folder() -> Path | None:
    """Where parsed rule files are kept, or ``None`` (nothing kept)."""
    env = os.environ.get("ELIGIBILITY_DESK_CACHE")
    if env is not None:
        return Path(env) if env else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        if not base:
            return None
        base = Path(base)
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "eligibility-desk" / "rules"


class KeptRules:
    """``keep`` for :func:`~eligibility_desk.rules_engine.library.standard_alone`: ``load(read)`` and
    ``save(read, parsed)``, ``read`` being ``[(path, text), …]`` of the files as read now."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._code = None
        self._compiled: Path | None = None   # where the compiled code of this parse is kept
        self._had = 0                         # how many code objects were read from there

    def load(self, read: list[tuple[str, str]]):
        if self.folder is None:
            return None
        self._load_compiled(read)
        try:
            try:  # pickle's own reader, without the Python module around it (~1 ms to import)
                from _pickle import load
            except ImportError:  # pragma: no cover - a Python without the C accelerator
                from pickle import load

            path = self._path(read)
            with open(path, "rb") as fh:
                if not _mine(os.fstat(fh.fileno())):
                    return None
                kept = load(fh)
            form, code, texts, parsed = kept
            if form != _FORMAT or code != self._fingerprint() or texts != read:
                return None
            return parsed
        except Exception:  # noqa: BLE001 - a missing, unreadable, foreign or stale file: parsed as before
            return None

    def save(self, read: list[tuple[str, str]], parsed) -> None:
        if self.folder is None:
            return
        try:
            import pickle

            for path, text in read:  # a file changed while it was parsed: nothing kept for it
                if Path(path).read_text(encoding="utf-8") != text:
                    return
            data = pickle.dumps((_FORMAT, self._fingerprint(), read, parsed), protocol=pickle.HIGHEST_PROTOCOL)
            if not _write_private(self.folder, self._path(read), data):
                return
            kept = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in kept[KEEP:]:
                old.unlink(missing_ok=True)
                old.with_suffix(".code").unlink(missing_ok=True)
        except Exception:  # noqa: BLE001 - nothing kept (a read-only or full disk, a race): no harm done
            return

    def _load_compiled(self, read: list[tuple[str, str]]) -> None:
        """The engine's generated code compiled by an earlier run for these files: handed to
        :mod:`~eligibility_desk.rules_engine.codecache`, which takes a code object only for exactly its
        source (and keeps what it compiles now, for :meth:`keep_compiled`)."""
        from eligibility_desk.rules_engine import codecache

        codes: dict = {}
        try:
            import marshal
            from types import CodeType

            self._compiled = self._path(read).with_suffix(".code")
            with open(self._compiled, "rb") as fh:
                if _mine(os.fstat(fh.fileno())):
                    form, version, found = marshal.load(fh)
                    if (form == _FORMAT and version == sys.version and type(found) is dict
                            and all(type(code) is CodeType for code in found.values())):
                        codes = found
        except Exception:  # noqa: BLE001 - none kept, or not usable: compiled as before
            codes = {}
        self._had = len(codes)
        codecache.use_kept(codes)

    def keep_compiled(self) -> None:
        """Keep the code compiled since :meth:`load` (if any) beside the parse, for the next run; then stop
        keeping code objects in this process."""
        from eligibility_desk.rules_engine import codecache

        codes = codecache.kept()
        codecache.use_kept(None)
        if codes is None or self._compiled is None or len(codes) == self._had:
            return
        try:
            import marshal

            _write_private(self.folder, self._compiled, marshal.dumps((_FORMAT, sys.version, codes)))
        except Exception:  # noqa: BLE001 - nothing kept: no harm done
            return

    def _path(self, read: list[tuple[str, str]]) -> Path:
        from zlib import crc32

        name = 0
        for path, text in read:  # the name only finds the file: its texts are compared whole on reading
            name = crc32(text.encode("utf-8"), crc32(path.encode("utf-8"), name))
        return self.folder / f"{name:08x}-{len(read)}.pickle"

    def _fingerprint(self) -> tuple:
        """The Python version, the program's, and the size and time of every module of the code that parses
        and models the rules (what a kept parse was made by) — in a bundle (PyInstaller: the modules inside
        the executable), of the executable; ``LookupError`` when neither can be told."""
        if self._code is None:
            import eligibility_desk
            from eligibility_desk import domain, rules_engine

            files = []
            if getattr(sys, "frozen", False):
                stat = os.stat(sys.executable)
                files.append((sys.executable, stat.st_size, stat.st_mtime_ns))
            else:
                for package in (rules_engine, domain):
                    folder = os.path.dirname(package.__file__)
                    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                        if entry.name.endswith(".py"):
                            stat = entry.stat()
                            files.append((entry.name, stat.st_size, stat.st_mtime_ns))
            if not files:  # modules without their sources, not a bundle: nothing tells a version apart
                raise LookupError("no module sources to fingerprint")
            self._code = (sys.version, eligibility_desk.__version__, tuple(files))
        return self._code


def _write_private(folder: Path, path: Path, data: bytes) -> bool:
    """``data`` written to ``path`` in ``folder`` (made 0700 if need be, and this user's): whole or not at
    all (a temporary file, 0600, renamed); ``False`` if the folder is another's."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _mine(os.stat(folder)):
        return False
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def _mine(stat) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or stat.st_uid == getuid()
