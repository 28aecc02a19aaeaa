"""The ``screen`` command's JSON output, written as UTF-8 bytes from pre-encoded fragments.

What is written is exactly what ``json.JSONEncoder(ensure_ascii=False).encode`` writes for
:func:`eligibility_desk.cli.screen.result_to_dict` of each result (same keys, order, separators and string
escapes; ``tests/cli/test_screen_json.py`` compares the two), but built without a dict per result or clause,
and without the results' :class:`~eligibility_desk.domain.verdict.ClauseResult` records:

* each **clause answer** — the engine's ``(verdict code, trace, eligible-from ordinal)`` in
  :attr:`~eligibility_desk.domain.verdict.LevelResult.clause_answers`, beside the level's ``clause_ids`` —
  becomes two pieces: the clause's **head** (id, verdict, the clause's text, up to the explanation: one per
  clause and verdict, made once) and the answer's **fragment** (its explanation and what follows it: the next
  clause's ``, `` or the line's end), built the first time that answer occurs for that clause and reused
  after (a fragment without the head: ~9 MB and ~2,000 page faults fewer a half of 25,000, round nine): a batch repeats the same answers (「未取得……证书」, the same school, major and dates) many times, and
  an explanation is a pure function of the answer
  (:func:`eligibility_desk.rules_engine.explain.explain_answer`, said by :mod:`~eligibility_desk.cli.screen_words`).
  An eligible level's clauses show no date (as ``.clauses`` gives them), so its answers have their own memo;
* a result's constant parts (level, verdict, passing clauses) are encoded once per distinct value;
* strings are escaped by json's own C ``encode_basestring`` (what the encoder uses with ``ensure_ascii=False``);
* the lines of one :meth:`ResultWriter.write` call are joined once into one byte string (a thousand results
  at a time from the command: ~1 MB, written and freed before the next) from the pieces of every line — its
  start with the applicant's id, its middle, its clauses' heads and fragments — taken by a loop generated with one
  straight-line branch per number of clauses (:func:`_write_function`): no call, list or join per line.  A
  part that is kept until it may be written (the second worker's) is kept as those pieces
  (``joined=False``): no second copy of its bytes to fault in; ``os.writev`` gathers them.

Error results (plain dicts, one per invalid record and level) go through json's encoder as before.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # C: json.dumps(s, ensure_ascii=False)

from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, REVIEW, LevelResult, Verdict
from eligibility_desk.rules_engine.codecache import compile_source
from eligibility_desk.cli.screen_words import answer_wording, kind_wording

#: the engine's verdict codes (domain/verdict.py) as written
_VERDICTS = {code: Verdict.from_code(code).value for code in (INELIGIBLE, REVIEW, ELIGIBLE)}
#: results with up to this many clauses take a straight-line branch of the generated loop; more, a plain loop
_UNROLLED = 8


class ResultWriter:
    """Appends the JSON of screening results to a list of byte strings (``out``): each result is a line
    preceded by ``,\\n`` (the caller drops the first two bytes of a part: :func:`drop_first_separator`); one
    byte string per :meth:`write` call.  One writer per run: its fragments are the run's standard, texts
    and language."""

    def __init__(self, texts: dict[str, str], lang: str, unrolled: int = _UNROLLED):
        self.texts = texts
        self.lang = lang
        #: (clause id, level eligible, last clause) -> {None: what follows, answer: the clause's fragment}
        self._answers: dict[tuple, dict] = {}
        self._middles: dict = {}       # (level, verdict, passing, eligible_from) -> ', "level": … "clauses": ['
        self._memos: dict = {}         # (clause_ids, level eligible) -> the clause ids' memos, in order
        #: clause_ids -> per clause, {verdict code: its head — id, verdict, text — up to the explanation}
        self._heads: dict = {}
        encode = json.JSONEncoder(ensure_ascii=False).encode
        #: ``write(results, out, joined=True)``: the generated loop (``unrolled``: see _write_function)
        self.write = _write_function(unrolled)(self._middles, self._memos, self._middle, self._new_memos,
                                               self._heads, self._new_heads,
                                               _fragment_maker(lang), encode_basestring,
                                               Verdict.ELIGIBLE, encode)

    def fragments(self) -> int:
        """How many distinct clause answers have been worded."""
        return sum(key.__class__ is tuple for memo in self._answers.values() for key in memo)

    def _new_memos(self, key: tuple) -> tuple:
        ids, eligible = key
        last = len(ids) - 1
        found = self._memos[key] = tuple(
            # what follows the clause's explanation: the next clause, or the end of the result (kept in the
            # memo under None, which no answer is)
            self._answers.setdefault((cid, eligible, i == last), {None: "}]}" if i == last else "}, "})
            for i, cid in enumerate(ids))
        return found

    def _new_heads(self, ids: tuple) -> tuple:
        texts = self.texts
        found = self._heads[ids] = tuple(
            {code: (f'{{"id": {encode_basestring(cid)}, "verdict": "{verdict}", '
                    f'"text": {encode_basestring(texts[cid])}, "explanation": ').encode()
             for code, verdict in _VERDICTS.items()}
            for cid in ids)
        return found

    def _middle(self, key: tuple) -> bytes:
        level, verdict, passing, when = key
        found = self._middles[key] = (
            f', "level": {encode_basestring(level)}, "verdict": "{verdict.value}", "passing_clauses": '
            f'[{", ".join(encode_basestring(p) for p in passing)}], "eligible_from": '
            f'{"null" if when is None else chr(34) + when.isoformat() + chr(34)}, "clauses": ['
        ).encode()
        return found


def _fragment_maker(lang: str):
    """``new(memo, level eligible, answer) -> bytes``: the fragment of an answer not yet in its
    clause's memo — the explanation (explain_answer's sentence: by kind, cli/screen_words.py; for another
    language the answer's own) and what follows it — put in the memo and returned."""
    found = kind_wording(lang)
    if found is None:
        answer_words = answer_wording(lang)
        kinds = {}
    else:
        kinds, words, met = found
    get_kind = kinds.get

    def new(memo: dict, eligible: bool, answer: tuple) -> bytes:
        code, trace, when = answer
        if found is None:
            text = answer_words(trace, None if eligible else when)
        else:
            format_ = get_kind(trace[0])
            text = format_(trace) if format_ is not None else words(trace)
            if when is not None and not eligible:
                text += met(when)
        fragment = memo[answer] = (encode_basestring(text) + memo[None]).encode()
        return fragment

    return new


def drop_first_separator(out: list) -> None:
    """Drop the ``,\\n`` before the first line held in ``out`` (the first line of the output)."""
    out[0] = out[0][2:]


_WRITE = '''
def make(middles, memos_of, new_middle, new_memos, heads_of, new_heads, new, enc, ELIGIBLE, encode):
    get_middle, get_memos, get_heads, join = middles.get, memos_of.get, heads_of.get, b"".join

    def write(results, out, joined=True):
        """Append the lines of ``results`` (engine results, or error results as dicts) to ``out``: joined
        into one byte string, or (``joined=False``) as their pieces."""
        pieces = [] if joined else out
        add = pieces.extend
        last_ids = pair = heads = None
        for result in results:
            if result.__class__ is dict:  # an invalid record's error result
                add((b",\\n" + encode(result).encode(),))
                continue
            aid, level, verdict, passing, when, ids, answers%(rest)s = result
            key = (level, verdict, passing, when)
            middle = get_middle(key) or new_middle(key)
            eligible = verdict is ELIGIBLE
            if ids is not last_ids:  # a level's results share its clause ids: looked up once per run of them
                last_ids = ids
                pair = (get_memos((ids, False)) or new_memos((ids, False)),
                        get_memos((ids, True)) or new_memos((ids, True)))
                heads = get_heads(ids) or new_heads(ids)
            memos = pair[eligible]
            start = (',\\n{"applicant": ' + enc(aid)).encode()
            n = len(answers)
%(branches)s
            else:
                add((start, middle))
                for memo, head, answer in zip(memos, heads, answers):
                    add((head[answer[0]], memo.get(answer) or new(memo, eligible, answer)))
        if joined and pieces:
            out.append(join(pieces))

    return write
'''


def _branch(n: int) -> str:
    if n == 0:
        return "            if n == 0:\n                add((start, middle, b\"]}\"))"
    names = ", ".join(f"m{i}" for i in range(n)) + ("," if n == 1 else "")
    hnames = ", ".join(f"h{i}" for i in range(n)) + ("," if n == 1 else "")
    answers = ", ".join(f"a{i}" for i in range(n)) + ("," if n == 1 else "")
    parts = ", ".join(f"h{i}[a{i}[0]], m{i}.get(a{i}) or new(m{i}, eligible, a{i})" for i in range(n))
    return (f"            elif n == {n}:\n"
            f"                {names} = memos\n"
            f"                {hnames} = heads\n"
            f"                {answers} = answers\n"
            f"                add((start, middle, {parts}))")


_MADE: dict[int, object] = {}


def _write_function(unrolled: int):
    """The writer's loop (``make(...)`` gives ``write(results, out, joined)``), generated once per process:
    one straight-line branch per number of clauses from 0 to ``unrolled``, the plain loop for more
    (fragments and middles are never empty, so ``memo.get(answer) or new(...)`` is the look-up and the miss
    in one expression)."""
    made = _MADE.get(unrolled)
    if made is None:
        # a result is unpacked whole (no slice): the fields after the seventh are named and not read
        rest = "".join(f", _{name}" for name in LevelResult._fields[7:])
        code = _WRITE % {"branches": "\n".join(_branch(n) for n in range(unrolled + 1)), "rest": rest}
        scope: dict = {}
        exec(compile_source(code, "<screen_json write>"), scope)
        made = _MADE[unrolled] = scope["make"]
    return made
