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
    """The database cannot be opened or migrated (message names the URL and the cause).

    ``code`` says why (:data:`_CANNOT_OPEN`: ``not_database``, ``damaged``, ``newer_schema``, ``foreign``,
    ``cannot_open``, ``bad_url``, ``readonly``, ``busy``, ``full``, ``other``); ``str(exc)`` is the Chinese
    message, then the English, with the place (the file or URL, password hidden) — never a driver's
    traceback text or SQL.  ``message(lang)`` gives one language."""

    def __init__(self, text: str, code: str = "other", **params):
        self.code = code
        self.params = params
        super().__init__(text)

    @classmethod
    def because(cls, code: str, where: str, **params) -> "DatabaseError":
        zh, en = _CANNOT_OPEN.get(code, _CANNOT_OPEN["other"])
        params = {"where": where, **params}
        return cls(f"无法打开数据库 {where}：{zh.format(**params)} / cannot open database {where}: {en.format(**params)}",
                   code, **params)

    def message(self, lang: str = "zh") -> str:
        if self.code not in _CANNOT_OPEN or "where" not in self.params:
            return str(self)
        zh, en = _CANNOT_OPEN[self.code]
        where = self.params["where"]
        if lang.startswith("en"):
            return f"cannot open database {where}: {en.format(**self.params)}"
        return f"无法打开数据库 {where}：{zh.format(**self.params)}"


_CANNOT_OPEN = {
    "not_database": ("该文件不是数据库（可能是改了扩展名的其他文件），未作任何改动。请选择本程序的数据库文件（.sqlite3）",
                     "the file is not a database (another file renamed?); nothing was changed. Choose an "
                     "Eligibility Desk database file (.sqlite3)"),
    "damaged": ("数据库文件已损坏或不完整（{detail}），未作任何改动。请用备份恢复（eligibility-desk restore）",
                "the database file is damaged or incomplete ({detail}); nothing was changed. Restore a backup "
                "(eligibility-desk restore)"),
    "newer_schema": ("该数据库由更新版本的程序创建（数据库版本 {revision}，本程序最高 {head}），本程序不能打开，未作任何改动。请升级程序",
                     "the database was made by a newer version of the app (schema {revision}, this app knows up "
                     "to {head}); nothing was changed. Upgrade the app"),
    "foreign": ("该文件是其他程序的 SQLite 数据库（含数据表 {tables}，但没有本程序的版本记录），未作任何改动",
                "the file is another program's SQLite database (tables {tables}, no Eligibility Desk schema "
                "version); nothing was changed"),
    "cannot_open": ("无法打开或创建该文件（{detail}）。请检查路径是否存在、是否为文件夹、是否有读写权限",
                    "the file cannot be opened or created ({detail}). Check that the path exists, is not a "
                    "folder and may be read and written"),
    "bad_url": ("数据库地址无效（{detail}）", "the database URL is not valid ({detail})"),
    "readonly": ("数据库为只读，无法升级到本程序的版本，未作任何改动", "the database is read-only and cannot be "
                 "upgraded to this app's schema; nothing was changed"),
    "busy": ("数据库正被其他程序占用，请稍后再试", "the database is busy in another program; try again shortly"),
    "full": ("磁盘已满，未作任何改动。请腾出空间后重试", "the disk is full; nothing was changed. Free some space and try again"),
    "io": ("数据库文件读写出错（磁盘已满、超过文件大小限制或存储故障），未作任何改动。请检查磁盘后重试",
           "the database file could not be written (disk full, a file size limit, a storage fault); nothing was "
           "changed. Check the disk and try again"),
    "refused": ("数据库拒绝了操作（详细原因可能含个人信息，已省略），未作任何改动。请联系管理员",
                "the database refused (details left out: they may hold personal data); nothing was changed. Ask "
                "the administrator"),
    "other": ("{detail}", "{detail}"),
}


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
    "io": ("数据库文件读写出错（磁盘已满、超过文件大小限制或存储故障），本次操作未保存任何内容。请检查磁盘后重试。",
           "The database file could not be written (disk full, a file size limit, or a storage fault); nothing "
           "was saved. Check the disk and try again."),
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
    if "disk i/o error" in text or "file too large" in text:
        return DatabaseUnavailable("io")
    if isinstance(exc, OperationalError) and ("connect" in text or "server closed" in text):
        return DatabaseUnavailable("connection")
    return DatabaseUnavailable("other")
