"""Benchmark: 10,000 admission slips, each with its own photo and QR code, into one PDF (goal: <= 30 s).

    python benchmarks/slips.py [--count 10000] [--workers N] [--keep DIR] [--before CHECKOUT]

``--before CHECKOUT`` runs the same benchmark with the code of another checkout (e.g. ``git worktree add
/tmp/before main``) first, then this one, in turn, so before and after are measured side by side on the same
machine load.

Generates a scenario of COUNT level-4 candidates (theory + skill, so two timetable lines per slip), each
with a distinct JPEG photo, and a plan seating them 30 to a room; then times ``render_slips`` (parsing
included) and reports the file size.  A second run gives every candidate a photo with the same content
under a different file name, to show identical photos are embedded once.  A third run gives every
candidate an ID photo as the database stores it since issue 11 (a camera-like portrait normalised by
``documents.photo.normalise_photo``: upright, fitted into 358×441, JPEG quality 85 — 40 such pictures, each
candidate's copy made distinct by a JPEG comment so the PDF embeds 10,000 images of the real stored size).
Photos are generated once into the work folder and reused (not timed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eligibility_desk.documents import DocumentOptions, render_slips  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国"


def make_photos(folder: Path, count: int) -> list[Path]:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"p{i:05d}.jpg" for i in range(count)]
    if all(p.exists() for p in paths):
        return paths
    for i, path in enumerate(paths):
        im = Image.new("RGB", (105, 147), (60 + i % 150, 110 + (i * 7) % 120, 200))
        d = ImageDraw.Draw(im)
        d.ellipse((30, 22, 75, 78), fill=(235, 200, 170))
        d.rectangle((12, 92, 93, 147), fill=((i * 13) % 255, 40, 40))
        d.text((4, 4), str(i), fill=(255, 255, 255))
        im.save(path, quality=80)
    return paths


def make_id_photos(folder: Path, count: int, distinct: int = 40) -> list[Path]:
    """``count`` stored ID photos (358×441, as imported), ``distinct`` pictures made unique per candidate."""
    import io
    import random

    from PIL import Image, ImageDraw, ImageFilter

    from eligibility_desk.documents.photo import normalise_photo

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"id{i:05d}.jpg" for i in range(count)]
    if all(p.exists() for p in paths):
        return paths
    stored = []
    for n in range(distinct):
        r = random.Random(n)
        w, h = 900, 1200
        ramp = Image.linear_gradient("L").resize((w, h))
        im = Image.merge("RGB", [ramp.point(lambda v: 170 + v // 6), ramp.point(lambda v: 195 + v // 10),
                                 Image.new("L", (w, h), 235)])
        d = ImageDraw.Draw(im)
        d.ellipse([w * 0.3, h * 0.18, w * 0.7, h * 0.6], fill=(r.randint(170, 230), r.randint(140, 180), 130))
        d.ellipse([w * 0.28, h * 0.12, w * 0.72, h * 0.3], fill=(r.randint(10, 60),) * 3)
        d.rectangle([w * 0.15, h * 0.66, w * 0.85, h], fill=(r.randint(0, 80), 40, r.randint(60, 120)))
        im = Image.blend(im, Image.effect_noise((w, h), 24).convert("RGB"), 0.12).filter(ImageFilter.GaussianBlur(0.8))
        out = io.BytesIO()
        im.save(out, "JPEG", quality=92)
        stored.append(normalise_photo(out.getvalue()).jpeg)
    for i, path in enumerate(paths):
        jpeg, text = stored[i % distinct], f"applicant {i:06d}".encode()
        path.write_bytes(jpeg[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + jpeg[2:])
    return paths


def make_inputs(folder: Path, count: int, same_photo: bool, id_photos: bool = False) -> tuple[Path, Path]:
    photos = make_id_photos(folder / "id-photos", count) if id_photos else make_photos(folder / "photos", count)
    if same_photo:  # identical content under distinct names
        same = folder / "same"
        same.mkdir(exist_ok=True)
        data = photos[0].read_bytes()
        photos = [same / f"s{i:05d}.jpg" for i in range(count)]
        for p in photos:
            if not p.exists():
                p.write_bytes(data)
    candidates = []
    for i in range(count):
        cid = f"C{i:05d}"
        candidates.append({
            "id": cid, "name": SURNAMES[i % 20] + GIVEN[i % 25] + GIVEN[(i // 25) % 25], "level": "4",
            "institution": ["番禺职业技术学院", "广州城市职业学院", "广东轻工职业技术学院"][i % 3],
            "parts": ["theory", "skill"], "gender": "男女"[i % 2], "id_number": f"44011319{90 + i % 10}0101{i:04d}"[:18],
            "photo": str(photos[i]),
        })
    rooms = [{"id": f"R{r:03d}", "name": f"第{r + 1}考场", "kind": "classroom", "capacity": 30}
             for r in range((count + 29) // 30)]
    sessions = []
    for r, room in enumerate(rooms):
        seated = candidates[r * 30:(r + 1) * 30]
        seats = [{"seat": s + 1, "candidate": c["id"], "admission_no": f"2025030-4-{r + 1:03d}-{s + 1:02d}"}
                 for s, c in enumerate(seated)]
        sessions.append({"part": "theory", "level": "4", "room": room["id"], "start": "2025-10-18T09:00",
                         "end": "2025-10-18T10:30", "staff": [], "seats": seats})
        sessions.append({"part": "skill", "level": "4", "room": room["id"], "start": "2025-10-18T14:00",
                         "end": "2025-10-18T16:00", "staff": [], "seats": seats})
    scenario = {"standard": "4-07-02-06", "centre": "广州市番禺区职业技能等级认定中心", "batch": "2025年第3批",
                "candidates": candidates, "rooms": rooms, "staff": [], "slots": []}
    plan_path, scenario_path = folder / "plan.json", folder / "scenario.json"
    plan_path.write_text(json.dumps({"sessions": sessions, "unplaced": [], "violations": []}, ensure_ascii=False))
    scenario_path.write_text(json.dumps(scenario, ensure_ascii=False))
    return plan_path, scenario_path


def run(folder: Path, count: int, workers: int | None, same_photo: bool, id_photos: bool = False) -> None:
    plan, scenario = make_inputs(folder, count, same_photo, id_photos)
    out = folder / ("slips-same-photo.pdf" if same_photo else "slips-id-photos.pdf" if id_photos else "slips.pdf")
    options = DocumentOptions(secret=b"benchmark secret, not a real one", workers=workers)
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    result = render_slips(plan, scenario, out, options)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_before
    size = out.stat().st_size
    label = "same photo content" if same_photo else "own ID photo each" if id_photos else "own photo each"
    print(f"{label:>18}: {result.items} slips, {result.pages} pages in {seconds:.1f} s "
          f"({result.items / seconds:.0f} slips/s; CPU {cpu:.1f} s incl. workers); "
          f"{size / 1e6:.1f} MB ({size / result.items / 1e3:.1f} kB/slip)")


def database_photos(folder: Path, count: int) -> None:
    """What printing from the database adds: ``count`` stored ID photos read from a SQLite database and
    written out once for the PDF (``services.printing.photos.write_photo_files``)."""
    from sqlalchemy import insert

    from eligibility_desk.persistence import open_database
    from eligibility_desk.persistence.models import ApplicantRow, utcnow
    from eligibility_desk.persistence.print_models import ApplicantPhotoRow
    from eligibility_desk.services.printing.photos import write_photo_files

    photos = make_id_photos(folder / "id-photos", count)
    db_file = folder / "photos.sqlite3"
    db_file.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{db_file}")
    now = utcnow()
    with db.writing() as session:
        session.execute(insert(ApplicantRow.__table__), [
            {"id": i + 1, "code": f"C{i:05d}", "name": "考生", "id_number": f"{i:018d}", "extra": {},
             "created_at": now, "updated_at": now, "version_id": 1} for i in range(count)])
        rows = []
        for i, path in enumerate(photos):
            data = path.read_bytes()
            rows.append({"applicant_id": i + 1, "jpeg": data, "sha256": f"{i:064d}", "size": len(data), "width": 331,
                         "height": 441, "source": path.name, "updated_at": now})
        session.execute(insert(ApplicantPhotoRow.__table__), rows)
    out = folder / "from-db"
    start = time.perf_counter()
    files = write_photo_files(db, range(1, count + 1), out)
    seconds = time.perf_counter() - start
    db.close()
    print(f"{'photos from the db':>18}: {len(files)} stored photos read and written for the PDF in {seconds:.1f} s "
          f"({len(files) / seconds:.0f} /s)")
    import shutil

    shutil.rmtree(out, ignore_errors=True)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the QR worker processes)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: every core)")
    parser.add_argument("--keep", type=Path, help="work folder to keep (photos are reused between runs)")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="also run this benchmark script of another checkout, before this one's")
    args = parser.parse_args()
    if args.before:
        import subprocess

        command = [sys.executable, str(args.before / "benchmarks" / "slips.py"), "--count", str(args.count)]
        command += ["--workers", str(args.workers)] if args.workers else []
        command += ["--keep", str(args.keep / "before")] if args.keep else []
        print(f"before ({args.before}):", flush=True)
        subprocess.run(command, check=True)
        print("after (this checkout):", flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores; workers={args.workers or os.cpu_count()}; load average before: {load:.2f}")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        folder = args.keep
        run(folder, args.count, args.workers, False)
        run(folder, args.count, args.workers, True)
        run(folder, args.count, args.workers, False, id_photos=True)
        database_photos(folder, args.count)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), args.count, args.workers, False)
            run(Path(tmp), args.count, args.workers, True)
            run(Path(tmp), args.count, args.workers, False, id_photos=True)
            database_photos(Path(tmp), args.count)


if __name__ == "__main__":
    main()
