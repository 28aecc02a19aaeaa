"""Demo rooms, staff and two days of slots, sized so the demo batch (``Desk.create_demo_batch``, a few
hundred applicants at levels 4–1) plans completely under the rule file's ratios (§1.9.3–§1.9.5).

Realistic on purpose: classrooms, computer labs (network and devices), an e-commerce live-streaming
worksite and small meeting rooms for the 综合评审; the centre's own invigilators (some may act as 主监考),
examiners with recorded 考评员 credentials (some only for levels 4 and 3), reviewers, and a few staff from
schools and companies that candidates come from (so 回避 is exercised), one of them unavailable on the
second afternoon.  Everything is deterministic; running it twice changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import BatchRow
from eligibility_desk.planning.scenario import Credential, Interval, Room, Slot, StaffMember
from eligibility_desk.services.sessions.resources import ResourceImportSummary, ResourceService

OCCUPATION = "4-07-02-06"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
GIVEN = ("建国", "秀兰", "志强", "海燕", "立新", "春梅", "文杰", "晓东", "雅琪", "国华", "丽娟", "振宇", "红梅", "卫东", "美玲",
         "永刚", "玉珍", "德明", "慧敏", "少华")
#: slots per exam day (local time): a morning and a long afternoon (a review session of 12 takes 240 min)
DAY_SLOTS = ((time(8, 30), time(11, 30)), (time(13, 30), time(17, 30)))


def demo_rooms() -> list[Room]:
    rooms = [Room(f"A{101 + i}", f"教学楼 A{101 + i} 教室", "classroom", 40) for i in range(8)]
    rooms += [Room(f"L{i + 1}", f"实训楼 {i + 1} 号机房", "computer_lab", 30, ("计算机", "网络", "投影"))
              for i in range(4)]
    rooms += [Room("W1", "电商直播实训基地", "worksite", 24, ("直播设备", "网络")),
              Room("W2", "用户运营工作室", "worksite", 24, ("计算机", "网络", "数据看板"))]
    rooms += [Room(f"M{i + 1}", f"行政楼 {i + 1} 号会议室", "classroom", 12) for i in range(4)]
    return rooms


def _name(i: int) -> str:
    return SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[(i * 3) % len(GIVEN)]


def demo_staff(first_day: date) -> list[StaffMember]:
    staff: list[StaffMember] = []
    n = 0

    def add(prefix: str, roles, institution: str = "", chief: bool = False, credentials=(), unavailable=()):
        nonlocal n
        n += 1
        staff.append(StaffMember(f"{prefix}{n:03d}", _name(n), frozenset(roles), institution, tuple(unavailable),
                                 tuple(credentials), chief))

    full = (Credential(OCCUPATION, ()),)
    lower = (Credential(OCCUPATION, ("4", "3")),)
    for i in range(36):                                    # the centre's invigilators
        add("J", ("invigilator",), chief=i % 4 == 0)
    for i in range(30):                                    # examiners: most for every level, some 4/3 only
        add("K", ("examiner",), credentials=lower if i % 5 == 4 else full)
    for i in range(24):                                    # senior staff: review committees, also examine
        add("P", ("reviewer", "examiner"), credentials=full)
    second_afternoon = datetime.combine(first_day + timedelta(days=1), time(13, 0))
    # staff from institutions candidates come from (回避 applies to them)
    add("X", ("invigilator",), "浙江商业职业技术学院")
    add("X", ("invigilator", "examiner"), "深圳信息职业技术学院", credentials=full)
    add("X", ("examiner",), "北京字节跳动科技有限公司", credentials=full,
        unavailable=(Interval(second_afternoon, second_afternoon + timedelta(hours=5)),))
    add("X", ("reviewer",), "华东师范大学")
    return staff


def exam_days(as_of: date) -> tuple[date, date]:
    """A Saturday and Sunday at least six weeks after the batch's as-of date."""
    day = as_of + timedelta(weeks=6)
    day += timedelta(days=(5 - day.weekday()) % 7)
    return day, day + timedelta(days=1)


def demo_slots(as_of: date) -> list[Slot]:
    slots = []
    for day in exam_days(as_of):
        for start, end in DAY_SLOTS:
            slots.append(Slot(f"T{len(slots) + 1}", datetime.combine(day, start), datetime.combine(day, end)))
    return slots


def create_demo_resources(db: Database, batch_id: int, actor) -> ResourceImportSummary:
    with db.reading() as session:
        batch = session.get(BatchRow, batch_id)
        if batch is None:
            raise LookupError(f"no batch {batch_id}")
        as_of = batch.as_of
    first_day = exam_days(as_of)[0]
    return ResourceService(db, actor).store(batch_id, demo_rooms(), demo_staff(first_day), demo_slots(as_of))
