"""``valid_birth_date`` (the import's quick ID check) accepts exactly what ``id_number_problem`` accepts."""

from __future__ import annotations

import random
from datetime import date

from eligibility_desk.domain.idnumber import birth_date, id_number_problem, make_id_number, valid_birth_date

TODAY = date(2025, 9, 1)


def _numbers():
    rng = random.Random(11643)
    for _ in range(4000):
        born = date(rng.randint(1890, 2030), rng.randint(1, 12), rng.randint(1, 28))
        good = make_id_number(f"{rng.randint(110000, 659999)}", born, rng.randint(0, 999))
        yield good
        yield good[:17] + rng.choice("0123456789X")                  # often a wrong check character
        yield good[:12] + f"{rng.randint(0, 39):02d}" + good[14:]      # day 00, 29–39 …
        yield good[:10] + f"{rng.randint(0, 19):02d}" + good[12:]      # month 00, 13–19 …
    yield from ("11010819910212089", "1101081991021208911", "11010819910212089x", "11010819910212089X",
                next(n for s in range(999) if (n := make_id_number("110108", date(1991, 2, 12), s))[17] == "X").lower(),
                "110108199102120891", "11010819910229089X", "１１０１０８１９９１０２１２０８９１", "")


def test_valid_birth_date_agrees_with_id_number_problem():
    known: dict = {}
    accepted = 0
    for number in _numbers():
        born = valid_birth_date(number, TODAY, known)
        # it takes numbers already stripped and upper-cased, ASCII digits only; anything else goes careful
        if id_number_problem(number, TODAY) is None and number.isascii() and number == number.strip().upper():
            assert born == birth_date(number), number
            accepted += 1
        else:
            assert born is None, number
    assert accepted > 3000
