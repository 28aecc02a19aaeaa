"""A seeded demo generator: realistic applicants for 用户增长运营师 (4-07-02-06), pure and repeatable.

``demo_applicants(n, seed, as_of)`` gives ``n`` applicants with plausible Chinese names, valid ID numbers
(GB 11643), schools and majors drawn from the rule pack's own lists (rules/lists), and work histories.
Every clause of the four levels has applicants who meet it, and the mix also produces every verdict:
eligible, ineligible, review (a title whose profession match is unknown, an unlisted class type) and
not-yet-eligible ones with an ``eligible_from`` date (ongoing work a few months short).

The same ``seed`` always gives the same people; nothing here touches a database or the clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from dateutil.relativedelta import relativedelta

from eligibility_desk.domain.applicant import (
    Applicant,
    Certificate,
    ClassType,
    Education,
    SchoolType,
    Title,
    TitleGrade,
    WorkPeriod,
)
from eligibility_desk.domain.idnumber import make_id_number

STANDARD = "4-07-02-06"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰飞鑫波斌宇浩凯健俊帆帅旭宁欣悦琳晨曦雪梅婷倩颖佳怡思雨嘉子轩梓涵一诺浩然宇航博文天佑雅琪晓东建国志强海燕丹丹春燕秋菊冬梅立新文杰瑞峰嘉豪泽宇雨萱"
REGIONS = ("110105", "110108", "310115", "310104", "440106", "440305", "330106", "330108", "510107", "420111",
           "320102", "610113", "370102", "350203", "430104", "500112", "120104", "210102", "410105", "530102")
SCHOOLS = {
    SchoolType.SECONDARY_VOCATIONAL: ("北京市商业学校", "上海市商贸旅游学校", "广州市财经商贸职业学校", "杭州市电子商务职业学校",
                                      "成都市财贸职业高级中学校"),
    SchoolType.HIGHER_VOCATIONAL: ("浙江商业职业技术学院", "广东轻工职业技术学院", "北京财贸职业学院", "深圳信息职业技术学院",
                                   "武汉职业技术学院", "南京工业职业技术大学"),
    SchoolType.VOCATIONAL_UNDERGRADUATE: ("深圳职业技术大学", "山东工程职业技术大学", "南京工业职业技术大学"),
    SchoolType.UNDERGRADUATE: ("华东师范大学", "暨南大学", "浙江工商大学", "西南财经大学", "北京工商大学", "上海财经大学"),
    SchoolType.TECHNICIAN_SCHOOL: ("杭州市轻工技工学校", "成都市技工学校", "广州市交通技工学校"),
    SchoolType.SENIOR_TECHNICIAN_SCHOOL: ("上海市高级技工学校", "北京市工贸高级技工学校", "深圳市高级技工学校"),
    SchoolType.TECHNICIAN_COLLEGE: ("广州市技师学院", "杭州技师学院", "深圳技师学院", "北京市商务科技学校技师学院"),
}
#: majors outside every related-majors list (to produce ineligible 4-3 cases)
UNRELATED_MAJORS = ("机械制造与自动化", "护理", "土木工程", "会计", "学前教育", "汽车运用与维修")
UNRELATED_OCCUPATIONS = ("会计专业人员", "餐厅服务员", "快递员", "中式烹调师", "保安员", "车工")
EMPLOYERS = ("北京字节跳动科技有限公司", "杭州网易云音乐科技有限公司", "上海拼多多网络科技有限公司", "深圳市腾讯计算机系统有限公司",
             "广州唯品会电子商务有限公司", "成都新潮传媒集团有限公司", "武汉斗鱼网络科技有限公司", "南京苏宁易购集团股份有限公司",
             "某某连锁超市有限公司", "某某房地产经纪有限公司", "某某保险代理有限公司", "某某文化传媒有限公司")
TITLE_NAMES = {TitleGrade.JUNIOR: ("助理经济师", "助理工程师"), TitleGrade.INTERMEDIATE: ("经济师", "工程师"),
               TitleGrade.SENIOR: ("高级经济师", "高级工程师")}


@dataclass(frozen=True)
class DemoBatch:
    name: str
    standard: str
    levels: tuple[str, ...]
    as_of: date
    window_start: date
    window_end: date


def demo_batch(seed: int = 20250901) -> DemoBatch:
    return DemoBatch(name="示例批次 用户增长运营师 2025年9月", standard=STANDARD, levels=("4", "3", "2", "1"),
                     as_of=date(2025, 9, 1), window_start=date(2025, 7, 1), window_end=date(2025, 8, 15))


def _lists() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    from eligibility_desk.rules_engine import RuleLibrary

    library = RuleLibrary.load()
    spec = library.get(STANDARD).spec
    return spec.occupations.items, {tier: ref.items for tier, ref in spec.majors.items()}


class _Maker:
    def __init__(self, rng: random.Random, as_of: date):
        self.rng = rng
        self.as_of = as_of
        self.occupations, self.majors = _lists()
        self.used_ids: set[str] = set()

    # small helpers -----------------------------------------------------------------------------------
    def pick(self, seq):
        return self.rng.choice(seq)

    def years_ago(self, years: float, jitter_days: int = 0) -> date:
        d = self.as_of - relativedelta(months=int(round(years * 12)))
        return d - timedelta(days=self.rng.randint(0, jitter_days)) if jitter_days else d

    def name(self) -> str:
        given = self.pick(GIVEN) + (self.pick(GIVEN) if self.rng.random() < 0.7 else "")
        return self.pick(SURNAMES) + given

    def id_number(self, born: date) -> str:
        while True:
            number = make_id_number(self.pick(REGIONS), born, self.rng.randint(1, 999))
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def related(self) -> str:
        return self.pick(self.occupations)

    def major(self, tier: str) -> str:
        return self.pick(self.majors[tier])

    def work(self, start: date, end: date | None = None, related: bool = True) -> WorkPeriod:
        return WorkPeriod(self.related() if related else self.pick(UNRELATED_OCCUPATIONS), start, end, self.pick(EMPLOYERS))

    def career(self, years: float, gap_jobs: int = 1) -> tuple[WorkPeriod, ...]:
        """``years`` of related work up to the as-of date (ongoing), split over a few jobs."""
        start = self.years_ago(years)
        periods = []
        for _ in range(gap_jobs - 1):
            end = start + relativedelta(months=self.rng.randint(12, 30))
            if end >= self.as_of:
                break
            periods.append(self.work(start, end))
            start = end + timedelta(days=1)
        periods.append(self.work(start, None))
        return tuple(periods)

    def cert(self, level: int, years_ago: float) -> Certificate:
        obtained = self.years_ago(years_ago)
        return Certificate(self.related(), level, obtained, f"S{obtained:%Y}{self.rng.randint(10**9, 10**10 - 1)}")

    def title(self, grade: TitleGrade, years_ago: float, matches: bool | None) -> Title:
        return Title(grade, self.years_ago(years_ago), matches, self.pick(TITLE_NAMES[grade]))

    def school(self, school_type: SchoolType, major: str, graduated: date, in_school: bool = False,
               class_type: ClassType | None = None, assessed: bool = False) -> Education:
        return Education(school_type, major, graduated, in_school, class_type, assessed, self.pick(SCHOOLS[school_type]))


def _profiles() -> list[tuple[str, tuple[str, ...], Callable[[_Maker], dict]]]:
    """(label, levels applied for, maker) — a label names the clause or the verdict it is meant to show."""
    S, C, G = SchoolType, ClassType, TitleGrade
    return [
        ("4-1", ("4",), lambda m: dict(age=30, work=m.career(m.rng.uniform(5.2, 9), 2))),
        ("4-1 not yet", ("4",), lambda m: dict(age=26, work=m.career(m.rng.uniform(4.3, 4.9)))),
        ("4-2", ("4",), lambda m: dict(age=28, certs=(m.cert(5, 3.6),), work=m.career(4.0))),
        ("4-3 graduate", ("4",), lambda m: dict(age=21, edu=(m.school(S.SECONDARY_VOCATIONAL, m.major("secondary"), m.years_ago(1.2)),))),
        ("4-3 final year", ("4",), lambda m: dict(age=19, edu=(m.school(S.SECONDARY_VOCATIONAL, m.major("secondary"),
                                                                          m.as_of + relativedelta(months=9), True),))),
        ("4-3 unrelated", ("4",), lambda m: dict(age=22, edu=(m.school(S.HIGHER_VOCATIONAL, m.pick(UNRELATED_MAJORS), m.years_ago(1)),),
                                                 work=(m.work(m.years_ago(1), None, related=False),))),
        ("4 student early", ("4",), lambda m: dict(age=17, edu=(m.school(S.SECONDARY_VOCATIONAL, m.major("secondary"),
                                                                           m.as_of + relativedelta(months=20), True),))),
        ("3-1", ("3", "4"), lambda m: dict(age=38, work=m.career(m.rng.uniform(10.1, 14), 3))),
        ("3-2", ("3",), lambda m: dict(age=33, certs=(m.cert(5, 9), m.cert(4, 4.5)), work=m.career(8, 2))),
        ("3-2 not yet", ("3",), lambda m: dict(age=31, certs=(m.cert(4, 3.7),), work=m.career(6, 2))),
        ("3-3", ("3",), lambda m: dict(age=29, titles=(m.title(G.JUNIOR, 2, True),), work=m.career(3))),
        ("3-3 review", ("3",), lambda m: dict(age=29, titles=(m.title(G.JUNIOR, 2, None),), work=m.career(3))),
        ("3-4", ("3",), lambda m: dict(age=22, edu=(m.school(S.TECHNICIAN_COLLEGE, m.major("secondary"), m.years_ago(1), False, C.SENIOR),))),
        ("3-4 no class", ("3",), lambda m: dict(age=22, edu=(m.school(S.TECHNICIAN_SCHOOL, m.major("secondary"), m.years_ago(1), False, None),))),
        ("3-5", ("3",), lambda m: dict(age=24, certs=(m.cert(4, 1),), edu=(m.school(S.HIGHER_VOCATIONAL, m.major("higher_vocational"), m.years_ago(2)),),
                                       work=m.career(2))),
        ("3-6", ("3", "4"), lambda m: dict(age=23, edu=(m.school(S.UNDERGRADUATE, m.major("undergraduate"), m.years_ago(1), assessed=True),))),
        ("2-1", ("2",), lambda m: dict(age=40, certs=(m.cert(4, 12), m.cert(3, 6)), work=m.career(15, 3))),
        ("2-2", ("2",), lambda m: dict(age=36, titles=(m.title(G.JUNIOR, 6, True),), certs=(m.cert(3, 2),), work=m.career(9, 2))),
        ("2-3", ("2", "3"), lambda m: dict(age=37, titles=(m.title(G.INTERMEDIATE, 2, True),), work=m.career(8, 2))),
        ("2-3 review", ("2",), lambda m: dict(age=37, titles=(m.title(G.INTERMEDIATE, 2, None),), work=m.career(8, 2))),
        ("2-4", ("2",), lambda m: dict(age=27, certs=(m.cert(3, 3),), edu=(m.school(S.SENIOR_TECHNICIAN_SCHOOL, m.pick(UNRELATED_MAJORS), m.years_ago(4)),),
                                       work=m.career(3))),
        ("2-5", ("2",), lambda m: dict(age=21, certs=(m.cert(3, 2.5),), edu=(m.school(S.TECHNICIAN_COLLEGE, m.major("secondary"),
                                       m.as_of + relativedelta(months=10), True, C.PREPARATORY_TECHNICIAN),))),
        ("2 short", ("2",), lambda m: dict(age=33, certs=(m.cert(3, 4.2),), work=m.career(4.2))),
        ("1-1", ("1",), lambda m: dict(age=45, certs=(m.cert(3, 12), m.cert(2, 6)), work=m.career(18, 4))),
        ("1-2", ("1",), lambda m: dict(age=43, titles=(m.title(G.INTERMEDIATE, 6, True),), certs=(m.cert(2, 2),), work=m.career(14, 3))),
        ("1-3", ("1", "2"), lambda m: dict(age=48, titles=(m.title(G.SENIOR, 3, True),), work=m.career(20, 3))),
        ("1-3 mismatch", ("1",), lambda m: dict(age=48, titles=(m.title(G.SENIOR, 3, False),), work=m.career(20, 3))),
        ("1-3 review", ("1",), lambda m: dict(age=46, titles=(m.title(G.SENIOR, 3, None),), work=m.career(16, 3))),
        ("unrelated", ("4",), lambda m: dict(age=30, work=(m.work(m.years_ago(8), None, related=False),))),
    ]


def demo_applicants(n: int = 300, seed: int = 20250901, as_of: date | None = None) -> list[tuple[Applicant, tuple[str, ...]]]:
    """``n`` applicants with the levels each applies for; profiles cycle so that every one appears once
    ``n`` ≥ the number of profiles (29)."""
    as_of = as_of or demo_batch(seed).as_of
    rng = random.Random(seed)
    maker = _Maker(rng, as_of)
    profiles = _profiles()
    out = []
    for i in range(n):
        label, levels, make = profiles[i % len(profiles)] if i < len(profiles) else rng.choice(profiles)
        facts = make(maker)
        age = facts.get("age", 30) + rng.randint(0, 4)
        born = date(as_of.year - age, rng.randint(1, 12), rng.randint(1, 28))
        applicant = Applicant(
            id=f"D{seed % 10000:04d}-{i + 1:05d}", name=maker.name(), id_number=maker.id_number(born),
            education=facts.get("edu", ()), work=facts.get("work", ()), certificates=facts.get("certs", ()),
            titles=facts.get("titles", ()), extra={"profile": label})
        out.append((applicant, levels))
    return out
