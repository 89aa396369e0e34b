"""Reading ahead: an iterator run in a thread of its own while its consumer works on what it gave.

An import reads and checks rows in Python while the database writes the rows before them. Run one
after the other, each side waits for the other: the database sits idle while Python checks a chunk,
and Python while the database updates its indexes and commits. With the reading in a thread, the two
overlap on two cores (the consumer's waits on the database release Python's lock; ADR 0027).

The producing thread is told to stop when the consumer leaves the `with` block for any reason, and
is joined before the block ends, so that whatever it reads from (an open file) can be closed after.
An exception in the producer is raised in the consumer, at the item where it happened. The
producer runs in the consumer's language, so that messages made there are translated as if the
consumer had made them. It must not touch the database: its connection would be another one,
outside the consumer's transaction.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from django.utils import translation

T = TypeVar("T")

# How long a thread that holds Python's lock may keep it while another waits for it (Python's own
# default is 5 ms). The consumer gets it back after each answer of the database: tens of times a
# chunk, which at 5 ms each would cost more than the overlap gains.
SWITCH_INTERVAL = 0.0005
_POLL = 0.05  # seconds between looks at the stop flag while the queue is full


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


_END = object()


# The switch interval is the process's: lowered while any ReadAhead runs, put back when the last ends.
_interval_lock = threading.Lock()
_running = 0
_saved_interval = 0.0


def _lower_switch_interval() -> None:
    global _running, _saved_interval
    with _interval_lock:
        if _running == 0:
            _saved_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved_interval, SWITCH_INTERVAL))
        _running += 1


def _restore_switch_interval() -> None:
    global _running
    with _interval_lock:
        _running -= 1
        if _running == 0:
            sys.setswitchinterval(_saved_interval)


class ReadAhead(Generic[T]):
    """`with ReadAhead(items, depth=2) as ahead: for item in ahead: ...` — up to `depth` items are
    made ahead of the one being used."""

    def __init__(self, items: Iterable[T], *, depth: int = 2, name: str = "read-ahead"):
        self._items = iter(items)
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._language = translation.get_language()
        self._thread = threading.Thread(target=self._produce, name=name, daemon=True)

    def __enter__(self) -> ReadAhead[T]:
        self._thread.start()
        _lower_switch_interval()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # make room for a producer blocked on a full queue
                self._queue.get_nowait()
            self._thread.join(timeout=_POLL)
        _restore_switch_interval()

    def __iter__(self) -> Iterator[T]:
        while True:
            try:
                item = self._queue.get(timeout=_POLL)
            except queue.Empty:
                if self._thread.is_alive() or not self._queue.empty():
                    continue
                raise RuntimeError("the reading thread ended without a word") from None
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]

    def _produce(self) -> None:
        try:
            if self._language:
                translation.activate(self._language)
            for item in self._items:
                if not self._put(item):
                    return
            self._put(_END)
        except BaseException as error:  # handed to the consumer, who raises it
            self._put(_Failed(error))
        finally:
            translation.deactivate()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False
