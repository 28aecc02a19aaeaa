"""Applicants' ID photos in the database: a folder imported at once, photos stored with the applicant, and
the stored photos written out for printing.

    report = import_photo_folder(db, batch_id, "照片/", actor, progress, cancelled)   # PhotoFolderReport
    store_photos(session, user, {applicant_pk: (photo, "110105199003071239.jpg")})
    files = write_photo_files(db, [pk, …], folder)                                # pk -> path of its JPEG

A folder's files are named by the applicant's 身份证号码 or 考生编号 (``110105199003071239.jpg``,
``A001.png``; the extension tells nothing, the content is checked).  **The good photos are imported and the
bad ones listed** — a clerk with 500 photos and one broken file wants 499 on the slips and the one named, not
none: every file is decoded (:func:`eligibility_desk.documents.photo.normalise_photo`) before anything is
written, then all the good ones are written in one transaction (a cancel writes nothing).  Refused, each with
the file named: unreadable, empty, not an image, truncated or corrupt, too many pixels, a name that is no
applicant of the batch, a 考生编号 two applicants share, a second file for the same applicant.  A photo
identical to the stored one counts as unchanged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from eligibility_desk.documents.photo import EXTENSIONS, Photo, PhotoError, read_photo_file
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.models import ApplicantRow, ApplicationRow, utcnow
from eligibility_desk.persistence.print_models import ApplicantPhotoRow
from eligibility_desk.services.progress import Cancelled, Progress, never_cancelled, no_progress

#: files a folder of photos often holds that are nobody's photo
IGNORED = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class PhotoProblem:
    file: str           # the file's name in the folder (or the cell's text for the import template)
    code: str           # a photo_* code of eligibility_desk.domain.errors
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        from eligibility_desk.domain.errors import FieldError
        from eligibility_desk.domain.text_policy import visible

        shown = visible(self.file, 120)   # a file name may hold control or bidi characters: never echoed raw
        params = {k: visible(v, 120) if isinstance(v, str) else v for k, v in self.params.items()}
        return FieldError(shown, self.code, {"value": shown, **params}).message(lang)

    def describe(self, lang: str = "zh") -> str:
        from eligibility_desk.domain.text_policy import visible

        shown = visible(self.file, 120)
        return f"{shown}: {self.message(lang)}" if lang.startswith("en") else f"{shown}：{self.message(lang)}"


@dataclass(frozen=True)
class PhotoFolderReport:
    folder: str
    files: int = 0                  # files looked at
    imported: int = 0               # applicants who had no photo
    replaced: int = 0               # applicants whose photo changed
    unchanged: int = 0              # the same photo as stored
    problems: tuple[PhotoProblem, ...] = ()
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.imported + self.replaced + self.unchanged


def _applicants(session, batch_id: int | None) -> tuple[dict[str, int], dict[str, list[int]]]:
    """(ID number -> pk, 考生编号 -> pks) of the batch's applicants (every applicant when ``batch_id`` is None)."""
    A = ApplicantRow.__table__
    stmt = select(A.c.id, A.c.id_number, A.c.code)
    if batch_id is not None:
        stmt = stmt.where(A.c.id.in_(select(ApplicationRow.applicant_id).where(ApplicationRow.batch_id == batch_id)))
    by_number, by_code = {}, {}
    for pk, number, code in session.execute(stmt):
        by_number[number.upper()] = pk
        if code:
            by_code.setdefault(code.strip().upper(), []).append(pk)
    return by_number, by_code


def photo_files(folder: Path) -> list[Path]:
    """The files of ``folder`` that may be photos (not hidden, not Thumbs.db), in name order; not recursive."""
    return sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                   and p.name.lower() not in IGNORED), key=lambda p: p.name)


def import_photo_folder(db, batch_id: int | None, folder, actor, progress: Progress = no_progress,
                        cancelled: Cancelled = never_cancelled) -> PhotoFolderReport:
    """Needs a clerk (``actor``: the signed-in :class:`~eligibility_desk.domain.roles.Actor`)."""
    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.accounts import as_actor, require

    user = require(as_actor(actor), Role.CLERK, action="导入照片").name
    started = time.perf_counter()
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(20, "不是文件夹 (not a folder)", str(folder))
    files = photo_files(folder)
    with db.reading() as session:
        by_number, by_code = _applicants(session, batch_id)
    problems: list[PhotoProblem] = []
    chosen: dict[int, tuple[Photo, str]] = {}
    for i, path in enumerate(files):
        if cancelled():
            return PhotoFolderReport(str(folder), len(files), cancelled=True, seconds=time.perf_counter() - started)
        progress(i, len(files) + 1)
        key = path.stem.strip().upper()
        pk = by_number.get(key)
        if pk is None:
            pks = by_code.get(key, [])
            if len(pks) > 1:
                problems.append(PhotoProblem(path.name, "photo_ambiguous", {"value": path.stem, "count": len(pks)}))
                continue
            pk = pks[0] if pks else None
        if pk is None:
            if path.suffix.lower() in EXTENSIONS:  # a stray document is not worth a line; a stray photo is
                problems.append(PhotoProblem(path.name, "photo_no_applicant", {"value": path.stem}))
            else:
                problems.append(PhotoProblem(path.name, "photo_not_image"))
            continue
        if pk in chosen:
            problems.append(PhotoProblem(path.name, "photo_duplicate", {"other": chosen[pk][1]}))
            continue
        try:
            chosen[pk] = (read_photo_file(path), path.name)
        except PhotoError as exc:
            problems.append(PhotoProblem(path.name, exc.code, exc.params))
    if cancelled():
        return PhotoFolderReport(str(folder), len(files), cancelled=True, seconds=time.perf_counter() - started)
    with db.writing() as session:
        imported, replaced, unchanged = store_photos(session, user, chosen)
        audit.record(session, user, "batch", batch_id, "import_photos", None,
                     {"folder": folder.name, "files": len(files), "imported": imported, "replaced": replaced,
                      "unchanged": unchanged, "refused": [p.file for p in problems]})
    progress(len(files) + 1, len(files) + 1)
    return PhotoFolderReport(str(folder), len(files), imported, replaced, unchanged, tuple(problems),
                             seconds=time.perf_counter() - started)


def store_photos(session, user: str, photos: dict[int, tuple[Photo, str]]) -> tuple[int, int, int]:
    """Insert or replace each applicant's photo in the caller's transaction, with an audit row per change.
    Returns (imported, replaced, unchanged)."""
    if not photos:
        return 0, 0, 0
    T = ApplicantPhotoRow.__table__
    pks = list(photos)
    stored: dict[int, str] = {}
    for start in range(0, len(pks), 900):   # SQLite's bound-parameter limit
        part = pks[start:start + 900]
        stored.update(session.execute(select(T.c.applicant_id, T.c.sha256).where(T.c.applicant_id.in_(part))).all())
    now = utcnow()
    new, changed, trail = [], [], []
    for pk, (photo, source) in photos.items():
        if stored.get(pk) == photo.sha256:
            continue
        values = {"applicant_id": pk, "jpeg": photo.jpeg, "sha256": photo.sha256, "size": photo.size,
                  "width": photo.width, "height": photo.height, "source": source[:260], "updated_at": now}
        (changed if pk in stored else new).append(values)
        trail.append({"user": user, "entity": "applicant", "entity_id": pk, "action": "photo",
                      "before": {"sha256": stored[pk]} if pk in stored else None,
                      "after": {"sha256": photo.sha256, "source": source, "size": photo.size}})
    if changed:
        session.execute(T.delete().where(T.c.applicant_id.in_([v["applicant_id"] for v in changed])))
    if new or changed:
        session.execute(T.insert(), new + changed)
    audit.record_many(session, trail)
    return len(new), len(changed), len(photos) - len(new) - len(changed)


def stored_photo(db, applicant_pk: int) -> Photo | None:
    with db.reading() as session:
        row = session.get(ApplicantPhotoRow, applicant_pk)
        return Photo(row.jpeg, row.sha256, row.width, row.height) if row is not None else None


def photo_count(db, batch_id: int | None = None) -> int:
    from sqlalchemy import func

    with db.reading() as session:
        stmt = select(func.count()).select_from(ApplicantPhotoRow)
        if batch_id is not None:
            stmt = stmt.where(ApplicantPhotoRow.applicant_id.in_(
                select(ApplicationRow.applicant_id).where(ApplicationRow.batch_id == batch_id)))
        return session.scalar(stmt) or 0


def write_photo_files(db, applicant_pks, folder) -> dict[int, Path]:
    """Each applicant's stored photo as ``<sha256>.jpg`` in ``folder`` (one file per distinct photo, so the
    PDF embeds it once); applicants without a photo are left out."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    T = ApplicantPhotoRow.__table__
    pks = sorted(set(applicant_pks))
    out: dict[int, Path] = {}
    with db.reading() as session:
        for start in range(0, len(pks), 900):
            part = pks[start:start + 900]
            for pk, digest, jpeg in session.execute(select(T.c.applicant_id, T.c.sha256, T.c.jpeg)
                                                    .where(T.c.applicant_id.in_(part))):
                path = folder / f"{digest}.jpg"
                if not path.exists():
                    path.write_bytes(jpeg)
                out[pk] = path
    return out
