"""The centre's name and default venue (settings every desk on the database shares), a batch's own 考点 and
venue, and what a batch's documents print from them.

    settings = centre_settings(db)                              # CentreSettings(name, venue)
    save_centre_settings(db, user, CentreSettings("某某职业技能等级认定中心", "实训楼"))
    set_batch_place(db, user, batch_id, centre_name=None, venue="二号楼")   # None: follow the centre
    names = document_names(db, batch_id)                        # DocumentNames(centre, venue, batch)

A batch stores its own centre name and venue only where they differ from the centre's (NULL follows the
setting, so correcting the centre's name corrects every batch that did not choose its own).  Documents print
考点 = the room's venue, else the batch's venue, else the centre's default venue, else the centre name, and
批次 = the batch's name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from eligibility_desk.domain.roles import Role
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.models import BatchRow, utcnow
from eligibility_desk.persistence.print_models import CentreSettingRow
from eligibility_desk.services.accounts import as_actor, require

CENTRE_NAME = "centre_name"
DEFAULT_VENUE = "default_venue"
MAX_LENGTH = 200


@dataclass(frozen=True)
class CentreSettings:
    name: str = ""
    venue: str = ""


@dataclass(frozen=True)
class DocumentNames:
    centre: str
    venue: str
    batch: str


def clean_text(value: str | None) -> str:
    """One line of printable text: NFC, control characters dropped, spaces collapsed, at most 200 characters."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        raise ValueError(f"「{text[:20]}…」共 {len(text)} 个字符，超过上限 {MAX_LENGTH} 个 / longer than {MAX_LENGTH} "
                         f"characters: {text[:20]}…")
    return text


def centre_settings(db) -> CentreSettings:
    with db.reading() as session:
        values = dict(session.execute(select(CentreSettingRow.name, CentreSettingRow.value)).all())
    return CentreSettings(values.get(CENTRE_NAME, ""), values.get(DEFAULT_VENUE, ""))


def save_centre_settings(db, actor, settings: CentreSettings) -> CentreSettings:
    """Store both settings (cleaned; ValueError for an over-long one); an audit row when anything changed.
    Needs an admin (``actor``: an :class:`~eligibility_desk.domain.roles.Actor`)."""
    actor = require(as_actor(actor), Role.ADMIN, action="修改中心设置")
    user = actor.name
    wanted = {CENTRE_NAME: clean_text(settings.name), DEFAULT_VENUE: clean_text(settings.venue)}
    with db.writing() as session:
        rows = {r.name: r for r in session.scalars(select(CentreSettingRow))}
        before = {name: rows[name].value if name in rows else "" for name in wanted}
        if before == wanted:
            return CentreSettings(wanted[CENTRE_NAME], wanted[DEFAULT_VENUE])
        for name, value in wanted.items():
            if name in rows:
                rows[name].value, rows[name].updated_at, rows[name].updated_by = value, utcnow(), user
            else:
                session.add(CentreSettingRow(name=name, value=value, updated_by=user))
        session.flush()
        audit.record(session, user, "centre_setting", None, "update", before, wanted)
    return CentreSettings(wanted[CENTRE_NAME], wanted[DEFAULT_VENUE])


def batch_place(db, batch_id: int) -> tuple[str | None, str | None]:
    """The batch's own (centre name, venue); None where it follows the centre's setting."""
    with db.reading() as session:
        row = session.get(BatchRow, batch_id)
        if row is None:
            raise LookupError(f"no batch {batch_id}")
        return row.centre_name, row.venue


def set_batch_place(db, actor, batch_id: int, centre_name: str | None, venue: str | None) -> None:
    """The batch's own centre name and venue; None or blank follows the centre's setting.  Needs a planner
    or an admin."""
    actor = require(as_actor(actor), Role.PLANNER, Role.ADMIN, action="设置批次考点")
    user = actor.name
    values = {"centre_name": clean_text(centre_name) or None, "venue": clean_text(venue) or None}
    with db.writing() as session:
        row = session.get(BatchRow, batch_id)
        if row is None:
            raise LookupError(f"no batch {batch_id}")
        before = {"centre_name": row.centre_name, "venue": row.venue}
        if before == values:
            return
        row.centre_name, row.venue = values["centre_name"], values["venue"]
        session.flush()
        audit.record(session, user, "batch", batch_id, "update", before, values)


def document_names(db, batch_id: int) -> DocumentNames:
    settings = centre_settings(db)
    with db.reading() as session:
        row = session.get(BatchRow, batch_id)
        if row is None:
            raise LookupError(f"no batch {batch_id}")
        return DocumentNames(row.centre_name or settings.name, row.venue or settings.venue, row.name)
