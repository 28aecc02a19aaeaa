"""shared_widths: the long-text columns give way, first to their titles, then to their floors; nothing else moves."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from eligibility_desk.ui.common.width_share import shared_widths  # noqa: E402

NATURAL = [114, 64, 154, 100, 88, 104, 152, 73]
TITLES = [114, 63, 95, 69, 63, 67, 73, 73]
ELIDE = (1, 3, 4, 6)


def test_room_enough_changes_nothing():
    assert shared_widths(NATURAL, sum(NATURAL), ELIDE, TITLES, 40) == NATURAL


def test_first_down_to_the_titles_in_proportion_to_what_each_can_spare():
    widths = shared_widths(NATURAL, sum(NATURAL) - 60, ELIDE, TITLES, 40)
    assert sum(widths) == sum(NATURAL) - 60
    assert [widths[c] for c in (0, 2, 5, 7)] == [NATURAL[c] for c in (0, 2, 5, 7)]
    assert all(TITLES[c] <= widths[c] <= NATURAL[c] for c in ELIDE)
    cut = {c: NATURAL[c] - widths[c] for c in ELIDE}
    assert cut[6] > cut[3] > cut[1]          # the verdict could spare 79 px, the school 31, the name 1


def test_then_down_to_the_floors_and_no_further():
    at_titles = sum(min(n, t) if c in ELIDE else n for c, (n, t) in enumerate(zip(NATURAL, TITLES)))
    widths = shared_widths(NATURAL, at_titles - 50, ELIDE, TITLES, {1: 60, 3: 40, 4: 40, 6: 40})
    assert sum(widths) == at_titles - 50
    assert widths[1] >= 60 and all(widths[c] >= 40 for c in ELIDE)
    narrowest = shared_widths(NATURAL, 100, ELIDE, TITLES, {1: 60, 3: 40, 4: 40, 6: 40})
    assert [narrowest[c] for c in ELIDE] == [60, 40, 40, 40]           # it scrolls from here on
    assert [narrowest[c] for c in (0, 2, 5, 7)] == [NATURAL[c] for c in (0, 2, 5, 7)]
