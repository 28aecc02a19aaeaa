"""Errors the persistence layer raises to its callers, worded for a clerk."""

from __future__ import annotations


class StaleRecordError(RuntimeError):
    """Someone else saved this record after you opened it; your changes were not saved.

    Carries the entity, its id, the version the caller had and the version now stored (``None`` when the
    record was deleted meanwhile).
    """

    def __init__(self, entity: str, entity_id: int | None, expected: int | None, found: int | None):
        self.entity = entity
        self.entity_id = entity_id
        self.expected = expected
        self.found = found
        if found is None:
            text = f"{entity} #{entity_id} was deleted by someone else; your changes were not saved"
        else:
            text = (f"{entity} #{entity_id} was changed by someone else (you opened version {expected}, "
                    f"it is now version {found}); your changes were not saved — reopen it and edit again")
        super().__init__(text)

    def message(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return str(self)
        if self.found is None:
            return f"该记录（{self.entity} #{self.entity_id}）已被他人删除，您的修改未保存。"
        return (f"该记录（{self.entity} #{self.entity_id}）已被他人修改（您打开的是第 {self.expected} 版，"
                f"现为第 {self.found} 版），您的修改未保存，请重新打开后再编辑。")


class DatabaseError(RuntimeError):
    """The database cannot be opened or migrated (message names the URL and the cause)."""
