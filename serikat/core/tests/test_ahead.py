"""ReadAhead: an iterator run in a thread while its consumer works (ADR 0027)."""

import sys
import threading

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from serikat.core.ahead import ReadAhead


def test_gives_every_item_in_order_from_another_thread():
    threads = set()

    def items():
        for number in range(25):
            threads.add(threading.current_thread().name)
            yield number

    with ReadAhead(items(), depth=2, name="reader") as ahead:
        assert list(ahead) == list(range(25))
    assert threads == {"reader"}


def test_an_error_in_the_producer_is_raised_in_the_consumer_after_the_items_before_it():
    def items():
        yield 1
        yield 2
        raise ValueError("row 3 is unreadable")

    seen = []
    with pytest.raises(ValueError, match="row 3 is unreadable"), ReadAhead(items()) as ahead:
        for item in ahead:
            seen.append(item)
    assert seen == [1, 2]


def test_leaving_early_stops_the_producer_and_restores_the_switch_interval():
    made = []
    before = sys.getswitchinterval()

    def items():
        for number in range(1_000_000):
            made.append(number)
            yield number

    ahead = ReadAhead(items(), depth=2)
    with ahead:
        assert sys.getswitchinterval() < before
        for item in ahead:
            if item == 3:
                break
    assert not ahead._thread.is_alive()
    assert len(made) <= 3 + 1 + 2 + 1  # the items used, the one in hand, the queue's two, one being put
    assert sys.getswitchinterval() == before


def test_an_error_in_the_consumer_stops_the_producer():
    def items():
        yield from range(1_000_000)

    ahead = ReadAhead(items(), depth=1)
    with pytest.raises(RuntimeError), ahead:
        for _item in ahead:
            raise RuntimeError("the chunk could not be written")
    assert not ahead._thread.is_alive()


@pytest.mark.parametrize(("language", "expected"), [("en", "Not found."), ("id", "Tidak ditemukan.")])
def test_the_producer_speaks_the_consumers_language(language, expected):
    def items():
        yield _("Not found.")

    with translation.override(language), ReadAhead(items()) as ahead:
        assert list(ahead) == [expected]


def test_overlapping_runs_put_the_switch_interval_back_when_the_last_ends():
    before = sys.getswitchinterval()
    first, second = ReadAhead(iter(range(3))), ReadAhead(iter(range(3)))
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert sys.getswitchinterval() < before  # the second still runs
    assert list(second) == [0, 1, 2]
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == before
