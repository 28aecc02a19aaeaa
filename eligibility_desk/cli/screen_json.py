"""The ``screen`` command's JSON output, written as UTF-8 bytes from pre-encoded fragments.

What is written is exactly what ``json.JSONEncoder(ensure_ascii=False).encode`` writes for
:func:`eligibility_desk.cli.screen.result_to_dict` of each result (same keys, order, separators and string
escapes; ``tests/cli/test_screen_json.py`` compares the two), but built without a dict per result or clause:

* each **clause result** — id, verdict, the clause's text and its explanation — becomes one JSON fragment,
  built the first time that clause result occurs and reused after: a batch repeats the same answers
  (「未取得……证书」, the same school, major and dates) many times, and an explanation is a pure function of the
  clause result (:func:`eligibility_desk.rules_engine.explain.explain_clause`);
* a result's constant parts (level, verdict, passing clauses) are encoded once per distinct value;
* strings are escaped by json's own C ``encode_basestring`` (what the encoder uses with ``ensure_ascii=False``).

Error results (plain dicts, one per invalid record and level) go through json's encoder as before.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # C: json.dumps(s, ensure_ascii=False)

from eligibility_desk.rules_engine.explain import explain_clause

#: the engine's verdicts are a str enum; the strings are their values
_VERDICTS = ("eligible", "ineligible", "review", "error")


class ResultWriter:
    """Appends the JSON of screening results to a list of byte strings (``out``), one result per line, each
    line preceded by ``,\\n`` (the caller drops the first two bytes of a part).  One writer per run: its
    fragments are the run's standard, texts and language."""

    def __init__(self, texts: dict[str, str], lang: str):
        self.texts = texts
        self.lang = lang
        self._clauses: dict = {}       # ClauseResult -> its JSON fragment (bytes)
        self._clause_heads: dict = {}  # (clause id, verdict) -> the fragment up to the explanation
        self._heads: dict = {}         # (level, verdict) -> '", "level": …, "verdict": …, "passing_clauses": '
        self._passing: dict = {}       # passing clause ids -> '[…], "eligible_from": '
        self._dates: dict = {}         # eligible_from -> its JSON
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def clause(self, clause) -> bytes:
        """The fragment of one clause result, built once per distinct clause result."""
        found = self._clauses.get(clause)
        if found is None:
            head = self._clause_heads.get((clause.id, clause.verdict))
            if head is None:
                head = self._clause_heads[(clause.id, clause.verdict)] = (
                    f'{{"id": {encode_basestring(clause.id)}, "verdict": "{clause.verdict.value}", '
                    f'"text": {encode_basestring(self.texts[clause.id])}, "explanation": ').encode()
            found = self._clauses[clause] = head + encode_basestring(explain_clause(clause, self.lang)).encode() + b"}"
        return found

    def write(self, results, out: list) -> None:
        """Append the lines of ``results`` (engine results, or error results as dicts) to ``out``."""
        heads, passing_of, dates, clauses_of = self._heads, self._passing, self._dates, self._clauses
        clause = self.clause
        sep = b",\n"
        append = out.append
        for result in results:
            if result.__class__ is dict:  # an invalid record's error result
                append(sep + self._encode(result).encode())
                continue
            level, verdict, passing, when = result.level, result.verdict, result.passing_clauses, result.eligible_from
            head = heads.get((level, verdict))
            if head is None:
                head = heads[(level, verdict)] = (
                    f', "level": {encode_basestring(level)}, "verdict": "{verdict.value}", "passing_clauses": ').encode()
            tail = passing_of.get(passing)
            if tail is None:
                tail = passing_of[passing] = (
                    "[" + ", ".join(encode_basestring(p) for p in passing) + '], "eligible_from": ').encode()
            if when is None:
                day = b'null, "clauses": ['
            else:
                day = dates.get(when)
                if day is None:
                    day = dates[when] = f'"{when.isoformat()}", "clauses": ['.encode()
            parts = []
            for c in result.clauses:
                fragment = clauses_of.get(c)
                parts.append(fragment if fragment is not None else clause(c))
            append(b"".join((sep, b'{"applicant": ', encode_basestring(result.applicant_id).encode(), head, tail,
                             day, b", ".join(parts), b"]}")))
