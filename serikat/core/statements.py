"""Hot read statements compiled once and run again with other values (ADR 0031).

A few reads run thousands of times a day with the same shape and another value: an exact search by
NIK, phone or KTA number within one scope. Django builds and compiles such a query on every call
(about 1 ms) and PostgreSQL plans it on every call (about 1 ms), for a statement that runs in
0.1 ms. `Compiled` keeps a queryset's SQL and how its rows become model instances; `run()` puts
the new values in place of the placeholders it was compiled with and, on PostgreSQL, executes it
as a prepared statement (planned once per connection, protocol level, as PgBouncer 1.21+ supports
too). The queryset is still built by the selectors, through the same scope doors, once per shape.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators


class Placeholder(str):
    """A value a compiled query is built with, to be replaced at each run; unique by its text."""

    __slots__ = ()

    def __new__(cls, name: str) -> Placeholder:
        return super().__new__(cls, f"\x00serikat-placeholder:{name}\x00")


class Compiled:
    """A queryset of model instances (select_related and only() included), compiled once."""

    def __init__(self, queryset: QuerySet, placeholders: Sequence[Placeholder]):
        self.using = queryset.db
        compiler = queryset.query.get_compiler(using=self.using)
        self.sql, params = compiler.as_sql()  # fills compiler.select and klass_info
        self.params = list(params)
        self.slots = []
        for placeholder in placeholders:
            slots = [i for i, value in enumerate(self.params) if value == placeholder]
            if len(slots) != 1:
                raise ValueError(f"a placeholder must be one parameter of the query, not {len(slots)}")
            self.slots.append(slots[0])
        if any(isinstance(value, Placeholder) for i, value in enumerate(self.params) if i not in self.slots):
            raise ValueError("a placeholder of the query was not named")
        self.compiler = compiler
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in compiler.select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, compiler.select, self.using)
        if compiler.annotation_col_map:
            raise ValueError("annotations are not supported")

    def run(self, *values: Any) -> list[Any]:
        params = list(self.params)
        for slot, value in zip(self.slots, values, strict=True):
            params[slot] = value
        connection = connections[self.using]
        if connection.vendor == "postgresql":
            connection.close_if_health_check_failed()  # as Django's own cursor() does
            connection.ensure_connection()
            with connection.wrap_database_errors:
                cursor = connection._prepare_cursor(_PreparedCursor(connection.connection))
        else:
            cursor = connection.cursor()
        with cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        found = []
        for row in self.compiler.results_iter(results=[rows]):
            instance = self.model.from_db(self.using, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, instance)
            found.append(instance)
        return found


class CompiledCache:
    """The compiled queries of one shape, by key (what decides the SQL), the most recent kept."""

    def __init__(self, size: int = 256):
        self._size = size
        self._items: OrderedDict[Hashable, Compiled] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Compiled]) -> Compiled:
        with self._lock:
            compiled = self._items.get(key)
            if compiled is not None:
                self._items.move_to_end(key)
                return compiled
        compiled = build()
        with self._lock:
            self._items[key] = compiled
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return compiled

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except (ImportError, ImproperlyConfigured):  # no psycopg: SQLite only
    _PreparedCursor = None  # type: ignore[assignment,misc]
else:

    class _PreparedCursor(ServerBindingCursor):  # type: ignore[no-redef]
        """Parameters bound by the server and the statement prepared: psycopg names it, keeps it on
        the connection and plans it once (PostgreSQL then keeps a generic plan when it is as good)."""

        def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
            return super().execute(query, params, prepare=True, **options)
