from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.services.records.desk import Desk
from tests.account_helpers import actor


@pytest.fixture
def desk(db_url):
    d = Desk.open(db_url, actor("测试员"))
    yield d
    d.close()


@pytest.fixture
def batch_id(desk):
    return desk.create_batch("2025年9月 用户增长运营师", "4-07-02-06", ["4", "3"], date(2025, 9, 1),
                             date(2025, 7, 1), date(2025, 8, 15))
