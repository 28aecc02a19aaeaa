"""Seeded synthetic applicants for benchmarks: a realistic mix of work, certificates, titles and schooling
that exercises every clause of 4-07-02-06 (not a test fixture: nothing asserts on these)."""

from __future__ import annotations

import random
from datetime import date, timedelta

OCCUPATIONS = ["电子商务师", "营销员", "互联网营销师", "用户增长运营师", "商务数据分析师", "会计", "厨师", "网络编辑"]
MAJORS = ["电子商务", "市场营销", "机械制造", "网络营销", "商务数据分析与应用", "数字经济", "会计", "广告学"]
SCHOOLS = ["technician_school", "senior_technician_school", "technician_college", "secondary_vocational",
           "higher_vocational", "vocational_undergraduate", "undergraduate"]
CLASSES = [None, "intermediate", "senior", "preparatory_technician", "technician"]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days))


def applicant_dict(rng: random.Random, i: int, as_of: date) -> dict:
    work = []
    cursor = _day(rng, date(2005, 1, 1), date(2022, 1, 1))
    for _ in range(rng.randrange(0, 4)):
        end = cursor + timedelta(days=rng.randrange(200, 2500))
        ongoing = end >= as_of or rng.random() < 0.2
        work.append({"occupation": rng.choice(OCCUPATIONS), "start": cursor.isoformat(),
                     "end": None if ongoing else end.isoformat()})
        if ongoing:
            break
        cursor = end + timedelta(days=rng.randrange(0, 400))
    certificates = [{"occupation": rng.choice(OCCUPATIONS), "level": rng.choice([5, 4, 3, 2]),
                     "obtained_on": _day(rng, date(2010, 1, 1), as_of).isoformat()} for _ in range(rng.randrange(0, 3))]
    titles = [{"grade": rng.choice(["junior", "intermediate", "senior"]),
               "obtained_on": _day(rng, date(2008, 1, 1), as_of).isoformat(),
               "profession_matches": rng.choice([True, True, False, None])} for _ in range(rng.randrange(0, 2))]
    education = []
    for _ in range(rng.randrange(0, 3)):
        school = rng.choice(SCHOOLS)
        in_school = rng.random() < 0.25
        grad = _day(rng, as_of, as_of + timedelta(days=900)) if in_school else _day(rng, date(2000, 1, 1), as_of)
        education.append({"school_type": school, "major": rng.choice(MAJORS), "graduated_on": grad.isoformat(),
                          "in_school": in_school,
                          "class_type": rng.choice(CLASSES) if school in SCHOOLS[:3] else None,
                          "assessed": rng.random() < 0.3})
    return {"id": f"A{i:06d}", "name": f"考生{i}", "education": education, "work": work,
            "certificates": certificates, "titles": titles}


def applicant_dicts(n: int, as_of: date, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    return [applicant_dict(rng, i, as_of) for i in range(n)]
