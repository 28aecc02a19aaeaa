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


class ResultWriter:
    """Appends the JSON of screening results to a list of byte strings (``out``), one result per line, each
    line preceded by ``,\\n`` (the caller drops the first two bytes of a part).  One writer per run: its
    fragments are the run's standard, texts and language."""

    def __init__(self, texts: dict[str, str], lang: str):
        self.texts = texts
        self.lang = lang
        self._clauses: dict = {}       # ClauseResult -> its JSON fragment (bytes)
        self._clause_heads: dict = {}  # (clause id, verdict) -> the fragment up to the explanation
        self._middles: dict = {}       # (level, verdict, passing, eligible_from) -> ', "level": … "clauses": ['
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def clause(self, clause) -> bytes:
        """The fragment of one clause result, built once per distinct clause result."""
        found = self._clauses.get(clause)
        return found if found is not None else self._new_clause(clause)

    def _new_clause(self, clause) -> bytes:
        key = (clause.id, clause.verdict)
        head = self._clause_heads.get(key)
        if head is None:
            head = self._clause_heads[key] = (
                f'{{"id": {encode_basestring(clause.id)}, "verdict": "{clause.verdict.value}", '
                f'"text": {encode_basestring(self.texts[clause.id])}, "explanation": ').encode()
        found = self._clauses[clause] = head + encode_basestring(explain_clause(clause, self.lang)).encode() + b"}"
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
        """Append the lines of ``results`` (engine results, or error results as dicts) to ``out``."""
        middles, clauses_of = self._middles, self._clauses
        new_middle, new_clause = self._middle, self._new_clause
        append = out.append
        for result in results:
            if result.__class__ is dict:  # an invalid record's error result
                append(b",\n" + self._encode(result).encode())
                continue
            key = (result.level, result.verdict, result.passing_clauses, result.eligible_from)
            middle = middles.get(key)
            if middle is None:
                middle = new_middle(key)
            parts = []
            for c in result.clauses:
                fragment = clauses_of.get(c)
                parts.append(fragment if fragment is not None else new_clause(c))
            append(b"".join((b',\n{"applicant": ', encode_basestring(result.applicant_id).encode(), middle,
                             b", ".join(parts), b"]}")))
