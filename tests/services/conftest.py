from __future__ import annotations

from datetime import date

import pytest

# ``desk`` (a Desk on ``db_url``, signed in as 测试员) is the shared one of tests/conftest.py


@pytest.fixture
def batch_id(desk):
    return desk.create_batch("2025年9月 用户增长运营师", "4-07-02-06", ["4", "3"], date(2025, 9, 1),
                             date(2025, 7, 1), date(2025, 8, 15))
