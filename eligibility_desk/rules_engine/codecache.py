"""Compiling the engine's generated source, with the code objects optionally kept by the caller.

The engine generates Python source for each standard's levels, combinations and fused screening function
and compiles it (``compile``: ~5 ms for one standard, a good part of what ``eligibility-desk screen`` does
before its workers start).  :func:`compile_source` is ``compile(source, filename, "exec")``; a caller that
keeps code objects from one run to the next (the ``screen`` command: cli/screen_rules.py) hands them in with
:func:`use_kept` — a code object is taken from them only for exactly the same source and file name, which
compile to the same code — and reads what was compiled with :func:`kept`.
"""

from __future__ import annotations

from types import CodeType

#: (source, file name) -> its code object, while a caller keeps them (None: nothing kept)
_KEPT: dict[tuple[str, str], CodeType] | None = None


def compile_source(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, or the kept code object of that very source and name."""
    kept = _KEPT
    if kept is None:
        return compile(source, filename, "exec")
    key = (source, filename)
    code = kept.get(key)
    if code is None:
        code = kept[key] = compile(source, filename, "exec")
    return code


def use_kept(codes: dict | None) -> None:
    """Keep code objects from now on in ``codes`` (a dict, possibly holding some already), or, with ``None``,
    no longer."""
    global _KEPT
    _KEPT = codes


def kept() -> dict | None:
    """The code objects kept so far (what :func:`use_kept` was given, with what was compiled since)."""
    return _KEPT
