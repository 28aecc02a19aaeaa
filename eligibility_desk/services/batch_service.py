"""The common ground of the services that work on a batch in the desk's database: the database, the
actor who acts (``self.actor``; ``self.user`` is its account name, the one audit rows carry), and the rules of the batch's standard in the version in force on its as-of date."""

from __future__ import annotations

from typing import Any

from eligibility_desk.domain.roles import Actor
from eligibility_desk.persistence.database import Database
from eligibility_desk.services.accounts import as_actor
from eligibility_desk.persistence.models import BatchRow


class BatchService:
    def __init__(self, db: Database, actor: Actor | str, library=None, rules_dir=None):
        self.db = db
        self.actor = as_actor(actor)
        self.user = self.actor.name
        self._library = library
        self._rules_dir = rules_dir
        self._rules: dict[tuple, Any] = {}

    @classmethod
    def from_desk(cls, desk):
        return cls(desk.db, desk.actor, desk.library)

    @property
    def library(self):
        if self._library is None:
            from eligibility_desk.rules_engine import RuleLibrary

            self._library = RuleLibrary.load(self._rules_dir)
        return self._library

    def compile_rules(self, standard) -> Any:
        """This service's rules from a compiled standard (planning rules, scoring rules, ...)."""
        raise NotImplementedError

    def rules_for(self, batch_id: int) -> Any:
        """The rules of the batch's standard in the version in force on its as-of date (cached)."""
        with self.db.reading() as session:
            batch = session.get(BatchRow, batch_id)
            if batch is None:
                raise LookupError(f"no batch {batch_id}")
            key = (batch.standard, batch.as_of, batch.rule_version)
        if key not in self._rules:
            self._rules[key] = self.compile_rules(self.library.get(*key))
        return self._rules[key]
