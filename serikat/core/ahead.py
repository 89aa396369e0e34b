"""Work beside the caller's thread: reading ahead (ReadAhead: an iterator run in a thread of its own
while its consumer works on what it gave) and writing behind (WriteBehind: writes run in threads of
their own, with their own database connections, while the caller makes the next; ADR 0028); and
the process settings that make such work pay (the switch interval; `collecting_less`).

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
import contextvars
import gc
import logging
import math
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from django.db import connections
from django.utils import translation

T = TypeVar("T")
logger = logging.getLogger(__name__)

# How long a thread that holds Python's lock may keep it while another waits for it (Python's own
# default is 5 ms). The consumer gets it back after each answer of the database: tens of times a
# chunk, which at 5 ms each would cost more than the overlap gains.
SWITCH_INTERVAL = 0.0005
_POLL = 0.05  # seconds between looks at the stop flag while the queue is full


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


_END = object()


class _WhileRunning:
    """A process-wide setting changed while any of its users runs, put back when the last ends."""

    def __init__(self, read: Callable[[], Any], write: Callable[[Any], object], changed: Callable[[Any], Any]):
        self._read, self._write, self._changed = read, write, changed
        self._lock = threading.Lock()
        self._running = 0
        self._saved: Any = None

    def __enter__(self) -> None:
        with self._lock:
            if self._running == 0:
                self._saved = self._read()
                self._write(self._changed(self._saved))
            self._running += 1

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0:
                self._write(self._saved)


# The switch interval, lowered while any ReadAhead or WriteBehind runs.
_switching_often = _WhileRunning(
    sys.getswitchinterval, sys.setswitchinterval, lambda saved: min(saved, SWITCH_INTERVAL)
)

# How many new objects Python's cyclic garbage collector lets pass before it looks at the youngest
# (Python's own default is 700). Bulk work makes millions of rows of short-lived dictionaries,
# lists and tuples, and a look every 700 of them cost an import's reading a fifth of its time. No
# more garbage is made; what cycles there are wait for a later look.
COLLECT_AFTER = 50_000
collecting_less = _WhileRunning(
    gc.get_threshold,
    lambda thresholds: gc.set_threshold(*thresholds),
    lambda saved: (max(saved[0], COLLECT_AFTER), *saved[1:]),
)
"""`with collecting_less:` — the collector looks at new objects every COLLECT_AFTER of them instead
of every 700, until the last such block in the process ends."""


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
        _switching_often.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # make room for a producer blocked on a full queue
                self._queue.get_nowait()
            self._thread.join(timeout=_POLL)
        _switching_often.__exit__()

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


class _Dropped(Exception):
    """Raised in a write waiting for its turn when an earlier one failed or the caller left."""


class WriteBehind(Generic[T]):
    """`with WriteBehind(write) as behind: behind.put(item)` — `write(item, turn)` runs in threads
    of their own (`writers`), while the caller makes the next item.

    Each thread has its own database connection (Django's are per thread), closed when it ends, so
    each `write` commits on its own, and the caller's queries and the writers' run on several
    database backends at once. Writes may overlap, but the part of each inside `with turn():` waits
    until every write of an item put before it has returned: what must follow the file's order (a
    resume point, running totals) goes there, and, when it is the end of the write's transaction,
    the transactions commit in order. A transaction the caller holds is not the writers'; inside one
    (a test, a request), pass `threaded=False`: `write` then runs at once, in the caller's thread.

    At most `depth` items wait for a writer. An exception in a `write` (the earliest item's, if
    several fail) is raised in the caller at its next `put`, or when the block ends (logged instead,
    if the block ends with an exception of its own); every later write stops at its turn (its
    transaction rolls back) and nothing put after is written, while the writes of the items put
    before it finish, even as that exception ends the block. When the block ends, what was put is
    written before it returns, unless it ends with an exception of the caller's own: then a write
    that has its turn finishes (each item is written whole or not at all), and the others stop at
    their turn.
    """

    def __init__(
        self,
        write: Callable[[T, Callable[[], contextlib.AbstractContextManager[None]]], object],
        *,
        threaded: bool = True,
        writers: int = 1,
        depth: int = 1,
        name: str = "write-behind",
    ):
        self._write = write
        self._threaded = threaded
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._put = 0  # items put
        self._turns = threading.Condition()
        self._finished = 0  # items put whose writes have returned, all of them in order
        self._failure: BaseException | None = None
        self._failed_item = 0
        self._raised = False
        self._stop_after = math.inf  # items numbered above it stop at their turn (a failure, or -1)
        self._language = translation.get_language()
        self._threads = [
            threading.Thread(
                target=contextvars.copy_context().run,  # the caller's request id and address, for audit
                args=(self._consume,),
                name=name if writers == 1 else f"{name}-{number}",
                daemon=True,
            )
            for number in range(1, writers + 1)
        ]

    def __enter__(self) -> WriteBehind[T]:
        if self._threaded:
            for thread in self._threads:
                thread.start()
            _switching_often.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if not self._threaded:
            return
        try:
            if exc_type is not None and not (self._raised and exc_info[0] is self._failure):
                # The caller's own failure stops every write that has not its turn yet. A writer's,
                # raised through the block, has stopped those after it already: the ones before
                # it are written.
                self._stop_after_item(-1)
            for _thread in self._threads:
                self._offer(_END, ending=True)
            for thread in self._threads:
                thread.join()
        finally:
            _switching_often.__exit__()
        if exc_type is None:
            self._raise_failure()
        elif self._failure is not None and not self._raised:
            # The caller's own exception goes on; the writer's would be lost without a word.
            logger.error("A write failed while its caller failed too", exc_info=self._failure)

    def put(self, item: T) -> None:
        if not self._threaded:
            self._write(item, contextlib.nullcontext)
            return
        self._raise_failure()
        entry = (self._put, item)
        self._put += 1
        if not self._offer(entry, ending=False):
            raise RuntimeError("the writing threads ended without a word")

    def _offer(self, entry: object, *, ending: bool) -> bool:
        """Put `entry` in the queue when there is room; False if no writer is left to take it. A
        writer's failure is raised meanwhile, unless the writers are being told to end (_END: a
        dropping writer takes the items before without writing them, which makes room)."""
        while True:
            try:
                self._queue.put(entry, timeout=_POLL)
                return True
            except queue.Full:
                if not any(thread.is_alive() for thread in self._threads):
                    return False
                if not ending:
                    self._raise_failure()

    def _raise_failure(self) -> None:
        if self._failure is not None and not self._raised:
            self._raised = True
            raise self._failure

    def _stop_after_item(self, number: float) -> None:
        """Every item numbered above `number` stops at its turn (-1: every item); the items before
        it still get theirs."""
        with self._turns:
            self._stop_after = min(self._stop_after, number)
            self._turns.notify_all()

    def _wait_turn(self, number: int) -> None:
        with self._turns:
            while self._finished < number and number <= self._stop_after:
                self._turns.wait()
            if number > self._stop_after:
                raise _Dropped

    def _consume(self) -> None:
        try:
            if self._language:
                translation.activate(self._language)
            while True:
                entry = self._queue.get()
                if entry is _END:
                    return
                number, item = entry  # type: ignore[misc]
                if number > self._stop_after:
                    continue

                @contextlib.contextmanager
                def turn(number: int = number) -> Iterator[None]:
                    self._wait_turn(number)
                    yield

                try:
                    self._write(item, turn)
                    self._wait_turn(number)  # (a write that never asked for its turn still ends in order)
                except _Dropped:
                    continue
                except BaseException as error:  # handed to the caller, who raises it
                    with self._turns:
                        # The earliest item's failure is the cause; a later one may be its effect.
                        if self._failure is None or number < self._failed_item:
                            self._failure, self._failed_item = error, number
                    self._stop_after_item(number)
                    continue
                with self._turns:
                    self._finished = number + 1
                    self._turns.notify_all()
        finally:
            translation.deactivate()
            connections.close_all()  # this thread's own connections
