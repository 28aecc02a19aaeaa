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


class DatabaseUnavailable(RuntimeError):
    """The database refused the work (locked too long, read-only, gone): a message with no personal data."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(_UNAVAILABLE[code][0])   # the window shows str(exc): Chinese first

    def message(self, lang: str = "zh") -> str:
        return _UNAVAILABLE[self.code][1 if lang.startswith("en") else 0]


_UNAVAILABLE = {
    "busy": ("数据库正被另一台电脑或另一个窗口占用（等待超过 30 秒仍未释放），本次操作未保存任何内容。"
             "请稍后重试；如一直如此，请关闭其他正在导入或审核的窗口。",
             "The database is busy at another desk or window (still locked after 30 s); nothing was saved. "
             "Try again shortly; if it persists, close other windows that are importing or screening."),
    "readonly": ("数据库文件为只读（文件或文件夹没有写入权限，或磁盘为只读），本次操作未保存任何内容。"
                 "请检查文件权限或将数据库复制到可写的位置。",
                 "The database is read-only (no write permission on the file or folder, or a read-only disk); "
                 "nothing was saved. Check the permissions or copy the database to a writable place."),
    "full": ("磁盘已满，本次操作未保存任何内容。请腾出空间后重试。",
             "The disk is full; nothing was saved. Free some space and try again."),
    "connection": ("无法连接数据库服务器（网络中断或服务器未运行），本次操作未保存任何内容。",
                   "Cannot reach the database server (network or server down); nothing was saved."),
    "other": ("数据库拒绝了本次操作，未保存任何内容。详细原因已省略（可能含个人信息）；请联系管理员。",
              "The database refused the operation; nothing was saved. Details are left out (they may hold "
              "personal data); ask the administrator."),
}


def unavailable(exc: BaseException) -> DatabaseUnavailable | None:
    """A :class:`DatabaseUnavailable` for a driver error (its text, which may quote SQL parameters — names,
    身份证号 — is never shown), else ``None`` for anything that is not a database error."""
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError
    except ImportError:  # pragma: no cover — SQLAlchemy is a core dependency
        return None
    import sqlite3

    if isinstance(exc, DatabaseUnavailable):
        return exc
    if not isinstance(exc, (DBAPIError, sqlite3.Error)):
        return None
    origin = getattr(exc, "orig", None) or exc
    text = str(origin).lower()
    if "locked" in text or "busy" in text or "lock timeout" in text or "could not obtain lock" in text:
        return DatabaseUnavailable("busy")
    if "readonly" in text or "read-only" in text or "read only" in text:
        return DatabaseUnavailable("readonly")
    if "disk is full" in text or "no space" in text:
        return DatabaseUnavailable("full")
    if isinstance(exc, OperationalError) and ("connect" in text or "server closed" in text):
        return DatabaseUnavailable("connection")
    return DatabaseUnavailable("other")
