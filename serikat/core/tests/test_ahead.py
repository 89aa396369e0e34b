"""ReadAhead (ADR 0027) and WriteBehind (ADR 0028): work in a thread beside its caller's."""

import sys
import threading
import time

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from serikat.core.ahead import ReadAhead, WriteBehind


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


# --- WriteBehind ---------------------------------------------------------------------------------


def test_writes_every_item_in_order_in_another_thread_before_the_block_ends():
    written = []

    def write(item, turn):
        time.sleep(0.001)  # slower than the caller: items wait in the queue
        written.append((item, threading.current_thread().name))

    with WriteBehind(write, depth=1, name="writer") as behind:
        for number in range(20):
            behind.put(number)
    assert written == [(number, "writer") for number in range(20)]


def test_two_writers_overlap_but_take_their_turns_in_the_order_put():
    started, turns, lock = [], [], threading.Lock()
    both_started = threading.Barrier(2, timeout=5)

    def write(item, turn):
        with lock:
            started.append(item)
        if item < 2:
            both_started.wait()  # items 0 and 1 are written at once, by the two threads
        time.sleep(0.002 * (item % 3 == 0))  # some finish their first part later than the next
        with turn():
            turns.append((item, threading.current_thread().name))

    with WriteBehind(write, writers=2, depth=2, name="writer") as behind:
        for number in range(30):
            behind.put(number)
    assert [item for item, _name in turns] == list(range(30))
    assert {name for _item, name in turns} == {"writer-1", "writer-2"}
    assert sorted(started) == list(range(30))


def test_unthreaded_it_writes_at_once_in_the_callers_thread():
    written = []

    def write(item, turn):
        with turn():
            written.append((item, threading.current_thread()))

    with WriteBehind(write, threaded=False) as behind:
        behind.put(1)
        assert written == [(1, threading.current_thread())]


class Refused(Exception):
    pass


def test_an_error_in_a_writer_is_raised_at_a_later_put_and_no_later_item_gets_its_turn():
    turns = []
    failed = threading.Event()

    def write(item, turn):
        if item == 1:  # still writing when chunk 2, taken by the other writer, fails
            failed.wait(1)
            time.sleep(0.05)
        if item == 2:
            failed.set()
            raise Refused("chunk 2")
        with turn():
            turns.append(item)

    behind = WriteBehind(write, writers=2, depth=1)
    with pytest.raises(Refused, match="chunk 2"), behind:
        for number in range(100):
            behind.put(number)
            if number == 2:
                failed.wait(1)
    assert turns == [0, 1]
    assert not any(thread.is_alive() for thread in behind._threads)


def test_an_error_in_the_last_write_is_raised_when_the_block_ends():
    def write(item, turn):
        raise Refused(f"chunk {item}")

    with pytest.raises(Refused, match="chunk 1"), WriteBehind(write) as behind:
        behind.put(1)


def test_an_error_in_the_caller_finishes_the_write_in_its_turn_and_stops_the_others():
    in_turn = threading.Event()
    written = []

    def write(item, turn):
        with turn():
            if item == 1:
                in_turn.set()
                time.sleep(0.2)  # still writing when the caller fails
            written.append(item)

    behind = WriteBehind(write, writers=2, depth=1)
    with pytest.raises(RuntimeError, match="the next chunk"), behind:
        behind.put(1)
        in_turn.wait(1)
        behind.put(2)  # taken by the second writer, waiting for its turn
        behind.put(3)  # waits in the queue
        raise RuntimeError("the next chunk could not be read")
    assert written == [1]
    assert not any(thread.is_alive() for thread in behind._threads)


@pytest.mark.parametrize(("language", "expected"), [("en", "Not found."), ("id", "Tidak ditemukan.")])
def test_the_writer_speaks_the_callers_language_and_keeps_its_request_context(language, expected):
    from serikat.core import context

    said = []

    def write(_item, turn):
        said.append((_("Not found."), context.request_id.get()))

    token = context.request_id.set("req-42")
    try:
        with translation.override(language), WriteBehind(write) as behind:
            behind.put(None)
    finally:
        context.request_id.reset(token)
    assert said == [(expected, "req-42")]


def test_when_two_writes_fail_the_earliest_items_failure_is_raised():
    def write(item, turn):
        if item == 1:
            raise Refused("chunk 1")
        time.sleep(0.05)  # item 0 fails after item 1 did
        raise Refused("chunk 0")

    with pytest.raises(Refused, match="chunk 0"), WriteBehind(write, writers=2, depth=2) as behind:
        behind.put(0)
        behind.put(1)


def test_a_writers_failure_is_logged_when_the_caller_fails_too(caplog):
    failed = threading.Event()

    def write(item, turn):
        failed.set()
        raise Refused("the chunk could not be written")

    with pytest.raises(RuntimeError, match="the caller's own"), WriteBehind(write) as behind:
        behind.put(1)
        failed.wait(1)
        time.sleep(0.05)  # the failure recorded
        raise RuntimeError("the caller's own")
    assert "A write failed while its caller failed too" in caplog.text
    assert "the chunk could not be written" in caplog.text
