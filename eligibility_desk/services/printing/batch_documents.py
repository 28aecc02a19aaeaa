"""Printing a batch's documents from its stored plan — the work behind the 打印 workspace, usable without Qt
(a script, the command line, a test):

    stored = document_plan(desk, batch_id)                  # the final plan, else the newest draft; None
    result = print_document(desk, batch_id, "slips", out, options, progress, cancelled)   # a RenderResult
    name = default_file_name("slips", batch_name, stored)   # 准考证_<batch>_第1版定稿.pdf

``print_document`` is a module-level function taking ``progress(done, total)`` and ``cancelled()``, run on
a worker thread by the GUI and by ``eligibility-desk print-batch``.  It prints what the database holds
beyond the plan: the centre's name and venue, the batch's name, the applicants' photos and the centre's
check-code key.  Imports only the stdlib at import time (the window is built without
SQLAlchemy; tests/test_layering.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

#: the printed documents: key -> (render function name in eligibility_desk.documents, file stem)
DOCUMENTS = {
    "slips": ("render_slips", "准考证"),
    "signin": ("render_signin", "签到表"),
    "doorlist": ("render_door_lists", "考场门贴"),
    "scoresheet": ("render_score_sheets", "成绩登记表"),
    "pack": ("render_exam_pack", "考务包"),
}


def _sessions(desk):
    from eligibility_desk.services.sessions.session_service import SessionService

    return SessionService.from_desk(desk)


def document_plan(desk, batch_id: int):
    """The plan printed from: the newest final plan, else the newest plan (a draft); None if there is none."""
    from eligibility_desk.services.sessions.session_service import FINAL

    sessions = _sessions(desk)
    return sessions.latest(batch_id, status=FINAL) or sessions.latest(batch_id)


def print_document(desk, batch_id: int, kind: str, out_path: str | Path, options, progress, cancelled,
                   notices: list | None = None, secret_file=None):
    """Render one document of the batch's stored plan and scenario, with what the database adds to them:
    the centre's name and venue and the batch's name (:mod:`.centre`), each applicant's stored photo
    (:mod:`.photos`), and for slips the centre's check-code key (:mod:`.keys`; ``options.secret`` or an
    override wins).  When this call created the key, ``("key_created", {"fingerprint": …})`` is appended to
    ``notices`` (the window tells the user once; the command line prints it).

    The render writes atomically: a cancelled run (``RenderCancelled``) leaves no file behind.

    Needs a planner (考务); an actor who may not see full 身份证号 (``domain.roles.sees_id_numbers``) prints
    them masked whatever ``options.id_mask`` says.  A finished document (names and ID numbers on paper) writes
    an audit row: who printed what, to which file."""
    import copy
    from dataclasses import replace

    import eligibility_desk.documents as documents
    from eligibility_desk.domain.roles import MASK_KEEP_END, MASK_KEEP_START, Role, sees_id_numbers
    from eligibility_desk.services.accounts import require
    from eligibility_desk.services.printing.centre import document_names

    require(desk.actor, Role.PLANNER, action="打印考务文档")
    if options.id_mask is None and not sees_id_numbers(desk.actor):
        options = replace(options, id_mask=(MASK_KEEP_START, MASK_KEEP_END))

    stored = document_plan(desk, batch_id)
    if stored is None:
        raise LookupError("no plan")
    render = getattr(documents, DOCUMENTS[kind][0])
    names = document_names(desk.db, batch_id)
    scenario = copy.deepcopy(stored.scenario_json)
    if names.centre or names.venue:
        scenario["centre"] = {"name": names.centre, "venue": names.venue}
    options = replace(options, batch=options.batch or names.batch)
    if kind == "slips" and options.secret is None:
        options = replace(options, secret=_signing_secret(desk, secret_file, notices))
    with tempfile.TemporaryDirectory(prefix="eligibility-desk-print-") as folder:
        if kind == "slips":
            from eligibility_desk.services.printing.photos import write_photo_files

            pks = [c.get("applicant") for c in scenario.get("candidates", []) if isinstance(c, dict)]
            files = write_photo_files(desk.db, [pk for pk in pks if isinstance(pk, int)], Path(folder, "photos"))
            for candidate in scenario.get("candidates", []):
                path = files.get(candidate.get("applicant")) if isinstance(candidate, dict) else None
                if path is not None:
                    candidate["photo"] = str(path)
        result = render(stored.plan_json, scenario, out_path, options, progress=progress, cancelled=cancelled)
    desk.record_export("batch", batch_id, out_path, "print", document=kind, plan=stored.number,
                       id_numbers_masked=options.id_mask is not None)
    return result


def _signing_secret(desk, secret_file, notices: list | None):
    """The key to print with: an override now (a bad key file is refused before anything is written), else a
    function the renderer calls once its own checks have passed — the database's key is created only then, so a
    refused print (a font without the names' characters, say) leaves no key behind."""
    from eligibility_desk.documents.checkcode import override_secret
    from eligibility_desk.services.printing.keys import database_key

    given = override_secret(secret_file)
    if given is not None:
        return given

    def created_now() -> bytes:
        key = database_key(desk.db, desk.user, create=True)
        if key.created and notices is not None:
            notices.append(("key_created", {"fingerprint": key.fingerprint}))
        return key.secret
    return created_now


def default_file_name(kind: str, batch_name: str, stored) -> str:
    state = "定稿" if stored.status == "final" else "草稿"
    safe = "".join(ch if ch not in '\\/:*?"<>|' else "_" for ch in batch_name).strip() or "batch"
    return f"{DOCUMENTS[kind][1]}_{safe}_第{stored.number}版{state}.pdf"
