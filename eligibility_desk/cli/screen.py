"""``eligibility-desk screen FILE.json --standard CODE --as-of DATE [--level L] [--format json|table]``

Screens the applicants of an interchange file (docs/interchange.md) against a standard's rule file and
prints one result per applicant and level.  An invalid record gets ``"verdict": "error"`` naming the field;
the others are still screened; the exit status is 1 if any record was in error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from eligibility_desk.cli import CommandError
from eligibility_desk.cli.output import width as shown_width   # CJK counts two columns (stdlib only)

#: a file at least this large is split between the two workers by its bytes, each reading and decoding its
#: own half (cli/screen_input.py: split_file); smaller ones are read, scanned and halved by their records
_SPLIT_BYTES = 1 << 20
#: the first worker's share of such a file (by its bytes).  The first writes its lines as it makes them; the
#: second writes only once the first's are out: what it made by then (joined a chunk at a time), then the rest
#: as it makes it.  With a part's CPU about proportional to its share (both ~0.39 s for halves) and the
#: second's writing ~0.006 s + joining ~0.003 s, the command ends about when the second has written what it
#: kept after the first is out: at 0.485 the second still had ~0.02 s of lines to make when the first was
#: done, at 0.5 it waits ~0.01 s for the first; 0.495 has the two done making at about the same time
#: (docs/benchmarks.md, "`screen` command", rounds seven and eight)
_FIRST_SHARE = 0.495
_NO_RECORDS = [None] * 1000


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("screen", help="screen applicants of an interchange JSON file against a standard",
                              description="按申报条件审核考生（交换格式 JSON），逐人逐级给出结论及理由。")
    p.add_argument("file", metavar="FILE.json", help="interchange file: {\"applicants\": [...]} ('-' for standard input)")
    p.add_argument("--standard", required=True, metavar="CODE", help="occupational standard code, e.g. 4-07-02-06")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date the clauses are judged on (default: today)")
    p.add_argument("--level", action="append", metavar="L", help="level to screen (repeatable; default: all levels)")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of explanations (default zh)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import gc

    # a short batch process that keeps everything it reads alive: the cyclic collector would only rescan
    # the growing heap again and again.  Called in another program's process (main(argv), not the program
    # itself), the collector is given back as it was found.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if was_enabled and not getattr(args, "program", False):
            gc.enable()
        from eligibility_desk.rules_engine import codecache

        codecache.use_kept(None)  # whatever happened (cli/screen_rules.py: KeptRules.keep_compiled)


def _run(args: argparse.Namespace) -> int:
    from eligibility_desk.domain.errors import InvalidRecord
    from eligibility_desk.rules_engine import NoRuleVersionError, RuleFileError, RuleLibrary
    from eligibility_desk.rules_engine.library import standard_alone
    from eligibility_desk.cli.screen_rules import KeptRules, cache_folder

    as_of = _parse_date(args.as_of) if args.as_of else date.today()
    try:
        # only the files that bear on it, their parse kept from the last run that read the same files
        keep = KeptRules(cache_folder())
        standard = standard_alone(args.rules, args.standard, as_of, keep=keep)
        if standard is None:
            standard = RuleLibrary.load(args.rules).get(args.standard, as_of)
    except (RuleFileError, NoRuleVersionError) as exc:
        from eligibility_desk.cli.output import rules_refusal

        raise CommandError(rules_refusal(exc, args)) from None
    from eligibility_desk.domain.levels import canonical_levels  # t1, Ｔ１ -> the standard's T1

    levels = list(canonical_levels(args.level, standard.levels)) if args.level else list(standard.levels)
    for level in levels:
        if level not in standard.levels:
            raise CommandError(f"standard {standard.code} has no level {level} (levels: {', '.join(standard.levels)})")

    lang = args.lang

    if args.format == "json":
        from bisect import bisect_left
        from itertools import chain

        from eligibility_desk.cli import screen_input
        from eligibility_desk.cli.screen_json import ResultWriter, drop_first_separator

        # the generated loop's straight-line branches: up to the most clauses a chosen level has
        most = max((len(level.clauses) for level in standard.spec.levels if level.level in levels), default=0)
        writer = ResultWriter(_clause_texts(standard), lang, unrolled=most)
        standard.screen_function(levels)  # the engine's code for these levels, generated once, before the fork
        keep.keep_compiled()  # the code compiled for this run, kept for the next (once; cli/screen_rules.py)
        write = writer.write

        def lines(records: list, first: bool, emit, joined: bool = True) -> int:
            """The JSON lines of ``records``, handed to ``emit`` a thousand records at a time (one byte string,
            or with ``joined=False`` its pieces: nothing but those bytes is kept), and the number of invalid
            records; ``first``: the output's first lines.  ``records`` is emptied as it goes (``None`` for each
            record screened)."""
            # looked for in C first (map(type, …): ~0.04 µs a record, where the comprehension's attribute look-up
            # on the decoder's structs is ~0.15 µs); their places only if there is one
            invalid = ([i for i, record in enumerate(records) if record.__class__ is InvalidRecord]
                       if InvalidRecord in map(type, records) else [])
            screen, screen_many = standard.screen, standard.screen_many
            flat = chain.from_iterable
            # each chunk's results are kept, not freed, until the part is done: a worker leaves by os._exit
            # without freeing them at all, and freeing a thousand results' tuples at every chunk cost more
            # CPU than the fresh pages they hold (docs/benchmarks.md, "round six")
            made: list = []
            for at in range(0, len(records), 1000):
                chunk = records[at:at + 1000]
                k = bisect_left(invalid, at)
                if k == len(invalid) or invalid[k] >= at + 1000:  # no invalid record in the chunk
                    # the engine's batch call: no look-up of the level function per record
                    results = list(flat(screen_many(chunk, as_of, levels)))
                else:
                    results = []
                    add = results.extend
                    for record in chunk:
                        if record.__class__ is InvalidRecord:
                            add([_error_result(record, level, lang) for level in levels])
                        else:
                            add(screen(record, as_of, levels))
                # the chunk's records, once screened, are freed: the fragments and results made next take their
                # memory instead of fresh pages (~3,400 fewer page faults a half; docs/benchmarks.md, round seven)
                records[at:at + len(chunk)] = _NO_RECORDS[:len(chunk)]
                del chunk
                made.append(results)
                out: list[bytes] = []
                write(results, out, joined)
                if first and out:
                    drop_first_separator(out)
                    first = False
                emit(out)
            return len(invalid)

        errors = None
        # run as the program (cli.main with sys.argv), it leaves once the output is out: the second worker
        # is not waited for while it leaves (write_in_two(reap=False)); called in another program's process,
        # every worker is waited for
        program = getattr(args, "program", False)
        split = screen_input.split_file(args.file, _SPLIT_BYTES, _FIRST_SHARE) if args.file != "-" else None
        if split is not None:
            import os

            parent = os.getpid()

            def half_lines(start: int, end: int, emit, accept) -> int:
                """Half ``start`` (0 or 1) of the file: read and decoded here — each worker its own, the
                file not read before the fork, a worker's half mapped — and accepted (or not: screen_input)
                before any output."""
                records = screen_input.decode_file_half(split, start == 1, mapped=os.getpid() != parent)
                accept(records is not None)
                return lines(records, start == 0, emit, start == 0)

            errors = _print_json(standard, as_of, 2, half_lines, gated=True, reap=not program)
        if errors is None:  # small, standard input, no fork, or a half refused: the whole file read and scanned
            data = _read_bytes(args.file)
            raws = screen_input.record_texts(data)
            if raws is None:  # not a document the fast decoder reads: decoded whole, the plain way
                records = _decode(data, args.file)
                total = len(records)
            else:
                total = len(raws)

            def json_lines(start: int, end: int, emit) -> int:
                """Records ``[start, end)``, decoded here (so each process decodes its own half)."""
                part = screen_input.decode_part(raws, start, end) if raws is not None else records[start:end]
                return lines(part, start == 0, emit, start == 0)

            errors = _print_json(standard, as_of, total, json_lines, reap=not program, share=_FIRST_SHARE)
        # run as the program, its output complete: it leaves without freeing what it holds (cli._exit_at_once)
        args.exit_at_once = True
    else:
        keep.keep_compiled()
        results = []
        errors = 0
        for record in _decode(_read_bytes(args.file), args.file):
            if record.__class__ is InvalidRecord:
                errors += 1
                results.extend(_error_result(record, level, lang) for level in levels)
            else:
                results.extend(standard.screen(record, as_of, levels))
        _print_table(standard, as_of, results, lang)
    return 1 if errors else 0


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of: not a date (YYYY-MM-DD): {text}") from None


def _read_bytes(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None


def _decode(data: bytes, path: str) -> list:
    """Every record of the file (cli/screen_input.py: decode_file), or a CommandError saying why not."""
    from eligibility_desk.cli.screen_input import decode_file
    from eligibility_desk.domain.interchange import read_document  # the careful reader, only on this path

    return decode_file(data, path, read_document, CommandError)


def _error_result(exc, level: str, lang: str) -> dict:
    return {
        "applicant": exc.record_id,
        "level": level,
        "verdict": "error",
        "passing_clauses": [],
        "eligible_from": None,
        "clauses": [],
        "errors": [{"field": e.field, "code": e.code, "message": e.message(lang)} for e in exc.errors],
        "message": "; ".join(e.describe(lang) for e in exc.errors),
    }


def result_to_dict(result, texts: dict[str, str], lang: str) -> dict:
    from eligibility_desk.rules_engine.explain import explain_clause

    if isinstance(result, dict):  # an error result
        return result
    values = _VERDICT_VALUES
    return {
        "applicant": result.applicant_id,
        "level": result.level,
        "verdict": values[result.verdict],
        "passing_clauses": list(result.passing_clauses),
        "eligible_from": result.eligible_from.isoformat() if result.eligible_from else None,
        "clauses": [
            {"id": c.id, "verdict": values[c.verdict], "text": texts[c.id], "explanation": explain_clause(c, lang)}
            for c in result.clauses
        ],
    }


#: Enum.value is a slow property; a plain look-up on the hot path (the strings are the enum's values)
_VERDICT_VALUES = {"eligible": "eligible", "ineligible": "ineligible", "review": "review", "error": "error"}


def _clause_texts(standard) -> dict[str, str]:
    return {clause.id: clause.text for level in standard.spec.levels for clause in level.clauses}


def _print_json(standard, as_of: date, total: int, json_lines, gated: bool = False,
                reap: bool = True, share: float = 0.5) -> int | None:
    """The document around the results' lines: written as UTF-8 bytes straight to standard output, the two
    halves by the two processes (:func:`~eligibility_desk.cli.common.write_in_two`).  Returns the number of
    invalid records.

    ``gated``: the halves ``json_lines(0, 1, …)`` and ``json_lines(1, 2, …)`` first accept their part of the
    file (``total`` is 2); the document's head goes out with the first half's first lines, so that nothing
    at all is written if a half is refused — ``None`` then, for the caller to read the file another way.
    ``reap``, ``share``: as write_in_two's."""
    from eligibility_desk.cli.common import chunk_writer, write_in_two

    head = json.dumps({"standard": standard.code, "rule_version": standard.version, "as_of": as_of.isoformat()},
                      ensure_ascii=False)[:-1] + ', "results": [\n'
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a text-only stream (an embedding program's): the same text
        if gated:
            return None
        kept: list[bytes] = []
        errors = write_in_two(total, json_lines, kept.extend, min_items=total + 1)
        body = b"".join(kept).decode("utf-8")
        sys.stdout.write(head + body + ("\n" if body else "") + "]}\n")
        return errors
    sys.stdout.flush()
    if not gated:
        out.write(head.encode("utf-8"))
        errors = write_in_two(total, json_lines, chunk_writer(out), reap=reap, share=share)
    else:
        emit = chunk_writer(out)
        ahead = [head.encode("utf-8")]

        def headed(start: int, end: int, emit, accept) -> int:
            if start:
                return json_lines(start, end, emit, accept)

            def first_emit(chunks: list[bytes]) -> None:
                emit(ahead + chunks if ahead else chunks)
                ahead.clear()

            count = json_lines(start, end, first_emit, accept)
            if ahead:  # no lines at all
                first_emit([])
            return count

        errors = write_in_two(total, headed, emit, min_items=2, gated=True, reap=reap)
        if errors is None:
            return None
    out.write(b"\n]}\n" if total else b"]}\n")
    out.flush()
    return errors


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - shown_width(text))


def _print_table(standard, as_of: date, results: list, lang: str) -> None:
    from eligibility_desk.domain.labels import verdict_label

    en = lang == "en"
    texts = _clause_texts(standard)
    rows = [result_to_dict(r, texts, lang) for r in results]
    out = sys.stdout
    title = (f"Standard {standard.code} {standard.spec.name}, rules {standard.version}, as of {as_of.isoformat()}"
             if en else f"标准 {standard.code} {standard.spec.name}（规则版本 {standard.version}），基准日 {as_of.isoformat()}")
    out.write(title + "\n")
    headers = ("Applicant", "Level", "Verdict", "Clauses met", "Eligible from") if en else ("考生", "等级", "结论", "符合条款", "最早可申报日期")
    table = [headers]
    for row in rows:
        table.append((
            row["applicant"],
            standard.spec.level_name(row["level"], lang),
            verdict_label(row["verdict"], lang),
            ", ".join(row["passing_clauses"]) or "—",
            row["eligible_from"] or "—",
        ))
    widths = [max(shown_width(r[i]) for r in table) for i in range(len(headers))]
    marks = {"eligible": "✓", "ineligible": "✗", "review": "?"}
    for i, cells in enumerate(table):
        out.write("  ".join(_pad(c, w) for c, w in zip(cells, widths)).rstrip() + "\n")
        if i == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")
            continue
        row = rows[i - 1]
        if row["verdict"] == "error":
            out.write(f"    {row['message']}\n")
        for clause in row["clauses"]:
            out.write(f"    {marks.get(clause['verdict'], ' ')} {clause['id']}  {clause['explanation']}\n")
