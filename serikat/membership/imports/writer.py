"""Set-based writes for imports: many rows per statement, never a statement per row.

PostgreSQL gets COPY (rows streamed by psycopg, parsed by the server in one pass) for inserts, and
COPY into a temporary table followed by one UPDATE ... FROM for updates. SQLite gets executemany
inside the caller's transaction, which is how SQLite inserts fastest from Python. Both bypass
Model() instances and Django's per-object work, which dominate the ORM's bulk_create at these
volumes (about 80 µs a row; see the research note in docs/adr/0014-member-imports.md).

Values are given in database form by the caller: plain Python values that both drivers adapt
(str, int, Decimal, date, None), datetimes through `timestamp()`, JSON as text through `json_text()`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models

COPY_THRESHOLD = 200  # below this many rows, executemany is as quick as COPY and simpler


def _columns(model: type[models.Model], fields: Sequence[str]) -> tuple[str, list[str]]:
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), [quote(model._meta.get_field(name).column) for name in fields]


def timestamp(value: datetime.datetime) -> Any:
    """A datetime as the database backend stores it (SQLite: naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def json_text(value: Any) -> str:
    return json.dumps(value)


def from_keys(table: str, column: str, values: Sequence[Any], pg_type: str) -> tuple[str, list[Any]]:
    """A FROM clause of `values` (one parameter, however many) joined to `table` on `column`: the
    values as one JSON text, read by `json_array_elements_text()` on PostgreSQL and `json_each()` on
    SQLite. (A Python list adapted as a PostgreSQL array costs psycopg about 3 µs a value in Python,
    15 ms for a chunk's 5,000 NIKs; json.dumps is C.) The database then probes the column's index
    once per value. SQLite is held to that order with CROSS JOIN: left to choose, it may scan the
    table and search the whole list for every row (quadratic as an import fills it); PostgreSQL
    chooses from statistics, which the import keeps fresh (Importer._refresh_statistics)."""
    if connection.vendor == "postgresql":
        keys = f"(SELECT value::{pg_type} AS value FROM json_array_elements_text(%s::json)) AS keys"  # noqa: S608
        return f"{keys} JOIN {table} ON {column} = keys.value", [json.dumps(list(values))]
    return f"json_each(%s) AS keys CROSS JOIN {table} ON {column} = keys.value", [json.dumps(list(values))]


def select_rows(sql: str, params: Sequence[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def json_value(value: Any) -> Any:
    """A JSON column as read by a raw query: parsed on SQLite (text), already parsed on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


def reserve_ids(model: type[models.Model], count: int) -> list[int] | None:
    """`count` new primary keys from the table's sequence (PostgreSQL), so that rows inserted by COPY
    can be referred to at once; None on SQLite, where the caller looks the new rows up instead."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        # The sequence as a constant: nextval() of a sequence computed in the query looks it up
        # again for every id (10 ms for 5,000 ids instead of 1.5).
        cursor.execute("SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)", [_sequence(model), count])
        return sorted(cursor.fetchone()[0] or [])


_SEQUENCES: dict[tuple[str, str], str] = {}


def _sequence(model: type[models.Model]) -> str:
    """The name of the sequence of the model's primary key (PostgreSQL), looked up once per database."""
    key = (connection.alias, model._meta.db_table)
    if key not in _SEQUENCES:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)",
                [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column],
            )
            _SEQUENCES[key] = cursor.fetchone()[0]
    return _SEQUENCES[key]


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT `rows` (tuples in the order of `fields`) into the model's table."""
    if not rows:
        return
    table, columns = _columns(model, fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_THRESHOLD:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608 - quoted model names
            cursor.executemany(sql, rows)


# COPY's text format: a tab between values, \N for NULL, and these four escaped in text.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: str) -> str:
    # Four scans in C are quicker than translate() through its table, and most text has none.
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


# By exact type: one dictionary look-up a value (a chain of isinstance() costs several).
_COPY_TEXT: dict[type, Any] = {
    str: _copy_text,
    int: str,
    Decimal: str,
    bool: lambda value: "t" if value else "f",
    type(None): lambda _value: "\\N",
    datetime.date: datetime.date.isoformat,
    datetime.datetime: datetime.datetime.isoformat,  # ISO 8601, with the offset when aware
}


def copy_value(value: Any) -> str:
    """One value as COPY's text format (FORMAT text) writes it, for `copy_line`."""
    convert = _COPY_TEXT.get(value.__class__)
    if convert is None:
        for kind in (bool, str, int, Decimal, datetime.datetime, datetime.date):  # subclasses (choices)
            if isinstance(value, kind):
                return _COPY_TEXT[kind](value)
        raise TypeError(f"no COPY text for {type(value).__name__}")
    return convert(value)


def copy_line(values: Sequence[Any]) -> str:
    """Values as one line of COPY's text format, without its newline, for insert_lines (the import
    makes the values every new membership shares into one, once). PostgreSQL only."""
    text = _COPY_TEXT
    return "\t".join([(text.get(value.__class__) or copy_value)(value) for value in values])


def copy_texts(*texts: str) -> str:
    """Text values as consecutive fields of a COPY line: joined by tabs, each escaped only when the
    whole needs it (one scan for each special character instead of four a value)."""
    line = "\t".join(texts)
    if "\\" in line or "\n" in line or "\r" in line or line.count("\t") != len(texts) - 1:
        return "\t".join([_copy_text(text) for text in texts])
    return line


def insert_lines(model: type[models.Model], fields: Sequence[str], lines: Sequence[str]) -> None:
    """COPY `lines` (values in the order of `fields` in COPY's text format: copy_line, copy_texts;
    each ending in a newline) into the model's table. PostgreSQL only."""
    if not lines:
        return
    table, columns = _columns(model, fields)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for start in range(0, len(lines), 1000):
            copy.write("".join(lines[start : start + 1000]))


def update_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """UPDATE the model's rows: each row is (value for each of `fields`..., primary key)."""
    if not rows:
        return
    table, columns = _columns(model, fields)
    quote = connection.ops.quote_name
    pk = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_THRESHOLD:
            staging = quote("import_staging")
            cursor.execute(f"DROP TABLE IF EXISTS {staging}")
            names = ", ".join(columns)
            sql = f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS SELECT {names}, {pk} FROM {table} WITH NO DATA"  # noqa: S608
            cursor.execute(sql)
            with cursor.copy(f"COPY {staging} ({', '.join(columns)}, {pk}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            assignments = ", ".join(f"{column} = s.{column}" for column in columns)
            sql = f"UPDATE {table} AS t SET {assignments} FROM {staging} AS s WHERE t.{pk} = s.{pk}"  # noqa: S608
            cursor.execute(sql)
            cursor.execute(f"DROP TABLE {staging}")
        else:
            assignments = ", ".join(f"{column} = %s" for column in columns)
            cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", rows)  # noqa: S608
