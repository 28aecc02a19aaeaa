"""The ``screen`` command's JSON output, written as UTF-8 bytes from pre-encoded fragments.

What is written is exactly what ``json.JSONEncoder(ensure_ascii=False).encode`` writes for
:func:`eligibility_desk.cli.screen.result_to_dict` of each result (same keys, order, separators and string
escapes; ``tests/cli/test_screen_json.py`` compares the two), but built without a dict per result or clause,
and without the results' :class:`~eligibility_desk.domain.verdict.ClauseResult` records:

* each **clause answer** — the engine's ``(verdict code, trace, eligible-from ordinal)`` in
  :attr:`~eligibility_desk.domain.verdict.LevelResult.clause_answers`, beside the level's ``clause_ids`` —
  becomes one JSON fragment (id, verdict, the clause's text and its explanation) — two byte strings, the
  clause's constant head (per id and verdict) and the encoded explanation — built the first time that answer
  occurs for that clause and reused after: a batch repeats the same answers (「未取得……证书」, the same
  school, major and dates) many times, and an explanation is a pure function of the answer
  (:func:`eligibility_desk.rules_engine.explain.explain_answer`).  An eligible level's clauses show no date
  (as ``.clauses`` gives them), so its answers have their own memo;
* a result's constant parts (level, verdict, passing clauses) are encoded once per distinct value;
* strings are escaped by json's own C ``encode_basestring`` (what the encoder uses with ``ensure_ascii=False``);
* a result's line is handed on as its pieces, not joined — its start (with the applicant's id), its middle
  and each clause's two pieces from the memo, the second ending with the separator or the line's end (so
  that a line of three clauses is eight pieces, not twelve): the output goes out by ``os.writev``, which
  gathers them.

Error results (plain dicts, one per invalid record and level) go through json's encoder as before.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # C: json.dumps(s, ensure_ascii=False)

from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, REVIEW, Verdict
from eligibility_desk.cli.screen_words import answer_wording

#: the engine's verdict codes (domain/verdict.py) as written
_VERDICTS = {code: Verdict.from_code(code).value for code in (INELIGIBLE, REVIEW, ELIGIBLE)}
_END = b"]}"


class ResultWriter:
    """Appends the JSON of screening results to a list of byte strings (``out``): each result is a line
    preceded by ``,\\n`` (the caller drops the first two bytes of a part: :func:`drop_first_separator`), given
    as a few pieces.  One writer per run: its fragments are the run's standard, texts and language."""

    def __init__(self, texts: dict[str, str], lang: str):
        self.texts = texts
        self.lang = lang
        #: (clause id, level eligible) -> {answer: the clause's fragment (head, explanation + "}")}
        self._answers: dict[tuple, dict] = {}
        self._clause_heads: dict = {}  # (clause id, verdict code) -> the fragment up to the explanation
        self._middles: dict = {}       # (level, verdict, passing, eligible_from) -> ', "level": … "clauses": ['
        self._memos: dict = {}         # (clause_ids, level eligible) -> the clause ids' memos, in order
        self._encode = json.JSONEncoder(ensure_ascii=False).encode
        self._words = answer_wording(lang)  # explain_answer's sentences (cli/screen_words.py)

    def fragments(self) -> int:
        """How many distinct clause answers have been worded."""
        return sum(len(memo) - 1 for memo in self._answers.values())

    def _new_fragment(self, cid: str, memo: dict, eligible: bool, answer: tuple) -> tuple[bytes, bytes]:
        code, trace, when = answer
        head = self._clause_heads.get((cid, code))
        if head is None:
            head = self._clause_heads[(cid, code)] = (
                f'{{"id": {encode_basestring(cid)}, "verdict": "{_VERDICTS[code]}", '
                f'"text": {encode_basestring(self.texts[cid])}, "explanation": ').encode()
        text = self._words(trace, None if eligible else when)
        found = memo[answer] = (head, (encode_basestring(text) + memo[None]).encode())
        return found

    def _new_memos(self, key: tuple) -> tuple:
        ids, eligible = key
        last = len(ids) - 1
        found = self._memos[key] = tuple(
            # what follows the clause's explanation: the next clause, or the end of the result (kept in the
            # memo under None, which no answer is)
            self._answers.setdefault((cid, eligible, i == last), {None: "}]}" if i == last else "}, "})
            for i, cid in enumerate(ids))
        return found

    def _middle(self, key: tuple) -> bytes:
        level, verdict, passing, when = key
        found = self._middles[key] = (
            f', "level": {encode_basestring(level)}, "verdict": "{verdict.value}", "passing_clauses": '
            f'[{", ".join(encode_basestring(p) for p in passing)}], "eligible_from": '
            f'{"null" if when is None else chr(34) + when.isoformat() + chr(34)}, "clauses": ['
        ).encode()
        return found

    def write(self, results, out: list) -> None:
        """Append the lines of ``results`` (engine results, or error results as dicts) to ``out``: per line
        its start with the applicant's id, the constant middle, and each clause's two pieces (the second
        ending with what follows it)."""
        middles, memos_of = self._middles, self._memos
        new_middle, new_memos, new_fragment = self._middle, self._new_memos, self._new_fragment
        append, extend = out.append, out.extend
        eligible_verdict = Verdict.ELIGIBLE
        for result in results:
            if result.__class__ is dict:  # an invalid record's error result
                append(b",\n" + self._encode(result).encode())
                continue
            verdict = result.verdict
            key = (result.level, verdict, result.passing_clauses, result.eligible_from)
            middle = middles.get(key)
            if middle is None:
                middle = new_middle(key)
            ids = result.clause_ids
            eligible = verdict is eligible_verdict
            memos = memos_of.get((ids, eligible))
            if memos is None:
                memos = new_memos((ids, eligible))
            append((',\n{"applicant": ' + encode_basestring(result.applicant_id)).encode())
            append(middle)
            for cid, memo, answer in zip(ids, memos, result.clause_answers):
                fragment = memo.get(answer)
                if fragment is None:
                    fragment = new_fragment(cid, memo, eligible, answer)
                extend(fragment)
            if not ids:
                append(_END)


def drop_first_separator(out: list) -> None:
    """Drop the ``,\\n`` before the first line held in ``out`` (the first line of the output)."""
    out[0] = out[0][2:]
