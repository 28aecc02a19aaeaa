"""``screening_records.read_ahead``: a thread produces the stored batch's parts ahead of the screening; its
items arrive in order, its error is raised in the consumer, and closing early stops and joins it."""

from __future__ import annotations

import threading

import pytest

from eligibility_desk.persistence.screening_records import read_ahead


def test_items_arrive_in_order_from_another_thread():
    threads = []

    def produce():
        for i in range(50):
            threads.append(threading.current_thread())
            yield i

    assert list(read_ahead(produce(), depth=2)) == list(range(50))
    assert set(threads) != {threading.current_thread()}


def test_the_producers_error_is_raised_in_the_consumer():
    def produce():
        yield 1
        raise ValueError("第二段读不出")

    got = []
    with pytest.raises(ValueError, match="第二段读不出"):
        for item in read_ahead(produce()):
            got.append(item)
    assert got == [1]


def test_closing_early_stops_the_producer():
    made = []
    finished = threading.Event()

    def produce():
        try:
            for i in range(1000):
                made.append(i)
                yield i
        finally:
            finished.set()

    items = read_ahead(produce(), depth=2)
    assert next(items) == 0
    items.close()
    assert finished.is_set()  # joined: the producer is done before close() returns
    assert len(made) <= 5     # it stopped a few items ahead, not at the end
