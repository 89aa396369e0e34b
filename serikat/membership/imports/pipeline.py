"""The import engine: check (a dry run) and commit, streaming the file in chunks.

For each chunk of rows (CHUNK_ROWS):

1. every row is read and validated in Python, without a query (values.py; parse_nik; the phone
   pattern), and NIKs and KTA numbers already seen earlier in the file are refused on later rows;
2. the chunk's NIKs are looked up in bulk: the people, their current memberships (all
   federations, for the one-membership rule and dual-membership detection) and the KTA numbers
   already taken in the federation: three queries, whatever the chunk's size;
3. each row is classified: a new membership (new person, returning person, or a person from
   another federation: a dual-membership conflict), an update of what changed, or unchanged;
4. on commit only, the chunk is written set-based (writer.py), its problems saved, one summary
   audit event recorded when something changed, and the batch's `rows_done` advanced, all in one
   transaction. `rows_done` is the resume point: an interrupted commit continues after the last
   chunk that was written, and matching by NIK makes a chunk written twice harmless anyway.

Step 1 runs in a thread of its own, up to two chunks ahead of steps 2-3 (serikat.core.ahead; ADR
0027). On PostgreSQL it also makes each row's COPY lines, to which step 4 adds the ids and
timestamps; and step 4 runs in two more threads, each with a database connection of its own, two
chunks at once, while steps 2-3 look up the next (ADR 0028). Their transactions commit in the
file's order (Importer._store).

A check runs steps 1-3 and writes only the batch's progress and its problems (which include the
preview of every change to an existing member, code "change"). Empty cells never erase what is
recorded; KTA numbers already recorded are never replaced; statuses of existing memberships are
not touched, except that an applicant whose row carries a KTA number becomes active.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, record_events
from serikat.core import permissions as perms
from serikat.core.ahead import ReadAhead, WriteBehind, collecting_less
from serikat.core.scoping import scope_of
from serikat.membership import events
from serikat.membership.imports import values as v
from serikat.membership.imports.headers import FIELDS, IGNORE, Layout
from serikat.membership.imports.readers import Table, UnreadableFile, open_table
from serikat.membership.imports.writer import (
    copy_line,
    copy_texts,
    copy_value,
    from_keys,
    insert_lines,
    insert_rows,
    json_text,
    json_value,
    reserve_ids,
    select_rows,
    timestamp,
    update_rows,
)
from serikat.membership.models import (
    CURRENT_STATUSES,
    ImportBatch,
    ImportProblem,
    Member,
    Membership,
    MembershipConflict,
    MembershipNameWord,
)
from serikat.membership.names import add_word_counts, count_name_words, index_name_words
from serikat.membership.nik import NikFacts, RegionIndex, cross_check, database_region_index, parse_nik
from serikat.organisation.models import Unit, UnitWorkplace

CHUNK_ROWS = 5_000
MAX_ROWS = 1_048_576  # Excel's own limit
CHANGE = "change"  # problem code of a previewed or applied change
EMPTY_LIST = json_text([])  # a JSON column's empty list, as written
ANALYSE_AFTER_ROWS = 20_000

MEMBER_FIELDS = ("full_name", "gender", "birth_date", "birth_place", "phone", "email", "address")
MEMBERSHIP_FIELDS = ("employee_number", "employment_status", "job_title", "department", "monthly_wage_amount")
# A new person's columns (Importer._member_values), and a new membership's: its own values
# (Importer._membership_values), then those it shares with every other new membership of the import
# (Importer.shared). Codes, numbers and dates first, then the text typed by people.
NEW_MEMBER_FIELDS = ("nik", "gender", "birth_date", "full_name", "birth_place", "phone", "email", "address")
NEW_MEMBERSHIP_FIELDS = ("monthly_wage_amount", "joined_on", "status", "activated_on", "employment_status")
NEW_MEMBERSHIP_FIELDS += ("employee_number", "job_title", "department", "kta_number")
SHARED_MEMBERSHIP_FIELDS = ("unit", "federation", "employer", "workplace", "ended_on", "end_reason")
SHARED_MEMBERSHIP_FIELDS += ("consent_given_at", "consent_method", "consent_purposes")
# The columns of a new person's COPY line (Importer._member_line; PostgreSQL): the text typed by
# people last, escaped together by copy_texts. A new membership's line has NEW_MEMBERSHIP_FIELDS.
MEMBER_LINE_FIELDS = (*NEW_MEMBER_FIELDS[:3], "region", "photo", "review_flags", *NEW_MEMBER_FIELDS[3:])
NULL = "\\N"  # in a COPY line
ACTIVE, APPLICANT = str(Membership.Status.ACTIVE), str(Membership.Status.APPLICANT)
# Columns whose values repeat across rows: their conversions are remembered (see _remembered).
REPEATING_FIELDS = (
    "gender",
    "birth_date",
    "joined_on",
    "birth_place",
    "birth_place_and_date",
    "monthly_wage_amount",
    "employment_status",
    "job_title",
    "department",
)
TEXT_LIMITS = {"birth_place": 100, "employee_number": 40, "job_title": 100, "department": 100, "kta_number": 40}


class SystemActor:
    """Acts for an administrator at the command line when no --user is given: every unit is in
    scope, and audit events carry `label` as the actor (no user). Only code can make one."""

    is_authenticated = False

    def __init__(self, label: str, user: Any):
        self.label = label
        self.user = user  # the service account recorded as `uploaded_by`

    def __str__(self) -> str:
        return self.label


class Stopped(Exception):
    """The batch was cancelled or taken over while running; stop quietly."""


@dataclass
class Counts:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    warnings: int = 0
    conflicts: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def of(cls, data: dict[str, Any]) -> Counts:
        return cls(**{name: int(data.get(name, 0)) for name in cls.__dataclass_fields__})


@dataclass
class Found:
    row: int
    column: str
    code: str
    message: str
    is_error: bool = True


@dataclass
class Row:
    """A row that passed validation of its identity; `given` holds the non-empty values."""

    number: int
    nik: str
    facts: NikFacts
    given: dict[str, Any]
    nik_flags: list[str]
    problems: list[Found] = field(default_factory=list)
    # The review flags of a new person (the NIK's warnings and what the file contradicts in it), as
    # the JSON text stored: worked out while the row is read, in the reading thread.
    new_flags: str = EMPTY_LIST
    # PostgreSQL: the new person's and the new membership's values as COPY lines, but for the ids
    # and timestamps (Importer._member_line, _membership_line), also made in the reading thread.
    member_line: str = ""
    membership_line: str = ""


@dataclass
class ParsedChunk:
    """Rows `start` + 1 .. `start` + `size` after the header, validated (step 1)."""

    start: int
    size: int
    rows: list[Row] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class Plan:
    """What a chunk will write."""

    new_members: list[Row] = field(default_factory=list)
    new_memberships: list[tuple[Row, int | None]] = field(default_factory=list)  # (row, member id if known)
    member_updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    membership_updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    conflicts_with: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # member -> [(membership, unit)]
    renamed: list[tuple[int, str]] = field(default_factory=list)  # (member, former name) of member_updates
    names: dict[int, str] = field(default_factory=dict)  # member -> name, of recorded people's new memberships


class Importer:
    """Runs a check or a commit of one batch. `after_chunk` is a hook for tests (simulated crashes),
    called with the chunk's number once it is committed; when the chunks are written by threads,
    in the writing thread, before the next chunk's turn: it must not wait for a lock on the batch."""

    def __init__(
        self,
        batch: ImportBatch,
        *,
        actor: Any,
        commit: bool,
        chunk_rows: int = CHUNK_ROWS,
        after_chunk: Callable[[int], None] | None = None,
        regions: RegionIndex | None = None,
    ):
        self.batch = batch
        self.actor = actor
        self.commit = commit
        self.chunk_rows = chunk_rows
        self.after_chunk = after_chunk
        self.regions = regions or database_region_index()
        self.today = timezone.localdate()
        self.unit: Unit = batch.unit
        self.federation_id = Unit.objects.only("pk").get(path=self.unit.federation_path).pk
        self.layout = Layout.from_json(batch.mapping)
        self.columns = [(i, name) for i, name in sorted(self.layout.columns.items()) if name != IGNORE]
        self.header_of = {name: self._header(i) for i, name in self.columns}
        self.nik_column = next((i for i, name in self.columns if name == "nik"), None)
        self.kta_column = next((i for i, name in self.columns if name == "kta_number"), None)
        converters = self._converters()
        # The mapped columns (a row with none of them filled is blank), the NIK's first; and those
        # with a converter, in the order of the file.
        self.mapped = sorted((i for i, _name in self.columns), key=lambda i: i != self.nik_column)
        self.converting = [(i, name, converters[name]) for i, name in self.columns if name in converters]
        self.preformat = connection.vendor == "postgresql"  # COPY lines made while reading (Row.member_line)
        self.position = 0  # rows done: the end of the last chunk written
        self.threaded = False  # chunks written by threads of their own (_run)
        self._analysed_at: float | None = None
        self._created_since = 0
        self.seen_nik: dict[int, int] = {}
        self.seen_kta: dict[str, int] = {}
        self.scope = None if isinstance(actor, SystemActor) else scope_of(actor, perms.IMPORT_MEMBERS)
        links = list(
            UnitWorkplace.objects.filter(unit=self.unit, until_on__isnull=True).values_list(
                "workplace_id", "workplace__employer_id"
            )[:2]
        )
        self.workplace_id, self.employer_id = links[0] if len(links) == 1 else (None, None)
        # SHARED_MEMBERSHIP_FIELDS of every new membership: its union, federation, employer and
        # workplace, not ended, no consent recorded (the file holds none). As a COPY line, made once.
        self.shared = (self.unit.pk, self.federation_id, self.employer_id, self.workplace_id, None, "", None, "")
        self.shared += (EMPTY_LIST,)
        self.shared_line = copy_line(self.shared)

    def _header(self, index: int) -> str:
        headers = self.layout.headers
        return headers[index] if index < len(headers) and headers[index] else f"#{index + 1}"

    # --- the run ------------------------------------------------------------------------------

    def run(self) -> Counts:
        table = open_table(self.batch.file.path, self.batch.file_format)
        try:
            return self._run(table)
        finally:
            table.close()

    def _run(self, table: Table) -> Counts:
        phase = "commit" if self.commit else "check"
        data_start = self.layout.header_row + 1  # rows up to and including the header
        resume = (self.batch.counts or {}).get("phase") == phase and self.batch.rows_done > 0 and self.commit
        done = self.batch.rows_done if resume else 0
        totals = Counts.of(self.batch.counts or {}) if resume else Counts()
        estimated = max(table.estimated_rows - data_start, 0)
        with transaction.atomic():
            batch = self._lock()
            if resume:
                batch.problems.filter(row__gt=data_start + done).delete()
            else:
                batch.problems.all().delete()
            batch.rows_done = done
            batch.rows_total = max(estimated, done)
            batch.counts = {"phase": phase, **totals.as_dict()}
            batch.error = ""
            batch.save(update_fields=["rows_done", "rows_total", "counts", "error", "updated_at"])
        rows = table.rows(skip=data_start)
        if resume:
            self._replay(rows, done)
        self.position = done
        # The next chunks are read and checked in a thread while this one is looked up and
        # classified, and the ones before are written by two threads with connections of their own,
        # two at a time (ADR 0028). Inside a transaction (tests), the writing stays in it, in this
        # thread.
        self.threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        with (
            collecting_less,
            ReadAhead(self._parsed_chunks(rows, done), name="member-import") as chunks,
            WriteBehind(self._store, threaded=self.threaded, writers=2, name="member-import-writer") as writer,
        ):
            for index, parsed in enumerate(chunks, start=1):
                writer.put((index, parsed, self._classified(parsed), totals, estimated))
                self._refresh_statistics(parsed.counts.created)
        self._finish(totals, self.position)
        return totals

    def _parsed_chunks(self, rows: Iterator[tuple[int, list[Any]]], position: int) -> Iterator[ParsedChunk]:
        """Step 1 for each chunk of rows: read and validate, no query."""
        while True:
            chunk = self._take(rows, self.chunk_rows)
            if not chunk:
                return
            if position + len(chunk) > MAX_ROWS:
                raise UnreadableFile(_("The file has more than %(count)d rows; split it.") % {"count": MAX_ROWS})
            parsed = ParsedChunk(start=position, size=len(chunk))
            for number, cells in chunk:
                row = self._parse(number, cells, parsed.counts, parsed.found)
                if row is not None:
                    parsed.rows.append(row)
            position += len(chunk)
            yield parsed

    def _refresh_statistics(self, created: int) -> None:
        """PostgreSQL plans the chunk's look-ups from table statistics; a table that an import is
        filling grows far past them (autovacuum analyses once a minute at best), and a plan made
        for a small table reads the whole large one for every chunk. So the import analyses the
        two tables itself each time they may have doubled: about log2(rows) times, each a sample;
        and the words of the names with them, which the name search plans from."""
        if not self.commit or connection.vendor != "postgresql" or not created:
            return
        if self._analysed_at is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Member._meta.db_table])
                self._analysed_at = max(float(cursor.fetchone()[0]), 0.0)
        self._created_since += created
        if self._created_since >= max(ANALYSE_AFTER_ROWS, self._analysed_at):
            quote = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(
                    f"ANALYZE {quote(Member._meta.db_table)}, {quote(Membership._meta.db_table)},"
                    f" {quote(MembershipNameWord._meta.db_table)}"
                )
            self._analysed_at += self._created_since
            self._created_since = 0

    @staticmethod
    def _take(rows: Iterator[tuple[int, list[Any]]], count: int) -> list[tuple[int, list[Any]]]:
        chunk = []
        for item in rows:
            chunk.append(item)
            if len(chunk) >= count:
                break
        return chunk

    def _lock(self) -> ImportBatch:
        running = ImportBatch.Status.COMMITTING if self.commit else ImportBatch.Status.CHECKING
        # FOR NO KEY UPDATE: the other chunk being written holds the batch's row FOR KEY SHARE (its
        # problems' foreign key), which FOR UPDATE would wait for, while that chunk waits for this
        # one's turn to end (ADR 0028).
        batch = ImportBatch.objects.select_for_update(no_key=True).get(pk=self.batch.pk)
        if batch.status != running:
            raise Stopped()
        return batch

    def _replay(self, rows: Iterator[tuple[int, list[Any]]], count: int) -> None:
        """Rebuild the NIKs and KTA numbers seen before the resume point, as the first run saw them."""
        for _index, (number, cells) in zip(range(count), rows, strict=False):
            self._identity(number, cells, None)

    def _classified(self, parsed: ParsedChunk) -> Plan:
        """Steps 2 and 3 of one chunk: look it up and classify it. No row of the file is looked up
        twice (a NIK or KTA number seen on an earlier row is refused while reading), so a chunk's
        plan does not depend on the writes of the chunks before it, still under way (_store)."""
        plan = self._classify(parsed.rows, parsed.counts, parsed.found)
        parsed.counts.warnings += sum(1 for f in parsed.found if not f.is_error and f.code != CHANGE)
        return plan

    def _store(self, work: tuple[int, ParsedChunk, Plan, Counts, int], turn: Callable[[], Any]) -> None:
        """Step 4 of one chunk, in a writing thread (_run): write it (on commit), with its problems
        and the batch's progress, in one transaction; then hand it to the `after_chunk` hook.

        Two chunks are written at once, on two connections. What they share waits for the chunk's
        turn, when the chunks before it have committed: the batch (its resume point, its totals, a
        cancellation) and the vocabulary's counts (common words' rows, which the other chunk adds
        to). So the transactions commit in the file's order, and a chunk whose turn never comes (one
        before it failed, the import stopped) rolls back whole."""
        index, parsed, plan, totals, estimated = work
        counts, found = parsed.counts, parsed.found
        position = parsed.start + parsed.size
        with transaction.atomic():
            vocabulary = None
            if self.commit:
                self._chunk_settings()
                vocabulary = self._write(plan, counts)
            insert_rows(
                ImportProblem,
                ("batch", "row", "column", "code", "message", "is_error"),
                [(self.batch.pk, f.row, f.column[:100], f.code, f.message, f.is_error) for f in found],
            )
            with turn():
                batch = self._lock()
                if vocabulary is not None:
                    words, added, removed = vocabulary
                    add_word_counts(words)
                    count_name_words(added=added, removed=removed)
                batch.rows_done = position
                batch.rows_total = max(estimated, position)
                running = Counts.of(totals.as_dict())
                running.add(counts)
                batch.counts = {"phase": "commit" if self.commit else "check", **running.as_dict()}
                batch.save(update_fields=["rows_done", "rows_total", "counts", "updated_at"])
        totals.add(counts)
        self.position = position
        if self.after_chunk is not None:
            self.after_chunk(index)  # still before the next chunk's turn: it must not lock the batch

    def _chunk_settings(self) -> None:
        """PostgreSQL: this chunk's COMMIT returns before its WAL is flushed to disk (ADR 0027).
        A crash in the next moments may lose the last chunks written, never part of one: each
        chunk and the batch's resume point are one transaction, so the import resumes from the
        last chunk that reached the disk. The import's end (_finish) is flushed as usual. And the
        foreign keys are checked as each statement ends, while the other chunk is written too,
        rather than at the COMMIT, which waits for the chunk's turn (ADR 0028)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            if self.threaded:
                # A lock waited for longer than a minute fails the chunk (the import can be resumed)
                # rather than hanging it: a wait for a turn is invisible to PostgreSQL's deadlock
                # detector, should one ever close a circle with another session's locks.
                cursor.execute("SET LOCAL lock_timeout = '60s'; SET CONSTRAINTS ALL IMMEDIATE")

    def _finish(self, totals: Counts, position: int) -> None:
        with transaction.atomic():
            batch = self._lock()
            batch.rows_done = position
            batch.rows_total = position
            batch.counts = {"phase": "commit" if self.commit else "check", **totals.as_dict()}
            fields = ["rows_done", "rows_total", "counts", "status", "updated_at"]
            if self.commit:
                batch.status = ImportBatch.Status.COMMITTED
                batch.committed_at = timezone.now()
                fields.append("committed_at")
                record_events(
                    [
                        build_event(
                            actor=self.actor,
                            kind=events.IMPORT_COMMITTED,
                            subject=batch,
                            unit=self.unit,
                            object_label=batch.filename,
                            data=totals.as_dict(),
                        )
                    ]
                )
            else:
                batch.status = ImportBatch.Status.CHECKED
            batch.save(update_fields=fields)
        self.batch.refresh_from_db()

    # --- step 1: one row, in Python ---------------------------------------------------------

    def _identity(self, number: int, cells: list[Any], found: list[Found] | None) -> tuple[str, NikFacts, Any] | None:
        """The row's NIK, checked and claimed against earlier rows, and its KTA number claimed.

        Shared by the run and the replay of a resumed commit, so that both see the same duplicates.
        """
        raw = cells[self.nik_column] if self.nik_column is not None and self.nik_column < len(cells) else ""
        column = self.header_of.get("nik", "")

        def problem(code: str, message: str, is_error: bool = True, where: str = column) -> None:
            if found is not None:
                found.append(Found(number, where, code, message, is_error))

        if raw in (None, ""):
            problem("nik_missing", _("The NIK is empty."))
            return None
        try:
            text = v.nik_text(raw)
        except v.CellProblem as error:
            problem(error.code, error.message)
            return None
        result = parse_nik(text, regions=self.regions, today=self.today)
        if not result.is_valid:
            for p in result.errors:
                problem(p.code, p.message)
            return None
        facts = result.facts
        assert facts is not None  # noqa: S101 - is_valid guarantees it
        key = int(facts.nik)
        first = self.seen_nik.get(key)
        if first is not None:
            problem(
                "nik_duplicate",
                _("This NIK already appears in row %(row)d; only the first row is imported.") % {"row": first},
            )
            return None
        self.seen_nik[key] = number
        if v.is_number_cell(raw):
            problem(
                "nik_stored_as_number",
                _("The NIK is stored as a number. Its digits are intact, but format the column as Text."),
                is_error=False,
            )
        kta = ""
        if self.kta_column is not None and self.kta_column < len(cells):
            kta = v.code_value(cells[self.kta_column])
            if kta:
                first = self.seen_kta.get(kta)
                if first is not None:
                    problem(
                        "kta_duplicate",
                        _("KTA number %(kta)s already appears in row %(row)d.") % {"kta": kta, "row": first},
                        where=self.header_of["kta_number"],
                    )
                    return None
                self.seen_kta[kta] = number
        return facts.nik, facts, result.warnings

    def _parse(self, number: int, cells: list[Any], counts: Counts, found: list[Found]) -> Row | None:
        width = len(cells)
        for index in self.mapped:
            raw = cells[index] if index < width else None
            if raw is not None and raw != "" and not (isinstance(raw, str) and raw.isspace()):
                break
        else:
            return None  # a blank row
        if self.nik_column is not None and self.nik_column < width:
            nik_raw = cells[self.nik_column]
            if isinstance(nik_raw, str) and nik_raw.strip() == self.header_of["nik"]:
                return None  # the header repeated (a list printed page by page)
        counts.rows += 1
        problems: list[Found] = []
        identity = self._identity(number, cells, problems)
        if identity is None:
            found.extend(problems)
            counts.errors += 1
            return None
        nik, facts, warnings = identity
        values: dict[str, Any] = {}
        failed = False
        for index, name, convert in self.converting:
            if index >= width:
                continue
            raw = cells[index]
            if raw is None or raw == "":
                continue
            try:
                convert(name, raw, values)
            except v.CellProblem as error:
                problems.append(Found(number, self.header_of[name], error.code, error.message, error.is_error))
                failed = failed or error.is_error
        if failed:
            found.extend(problems)
            counts.errors += 1
            return None
        nik_flags = [w.code for w in warnings]
        if warnings:
            problems.extend(Found(number, self.header_of["nik"], w.code, w.message, False) for w in warnings)
        gender, birth_date = values.get("gender"), values.get("birth_date")
        flags = nik_flags
        if (gender and gender != facts.gender) or (birth_date and birth_date != facts.birth_date):
            mismatches = cross_check(facts, birth_date=birth_date, gender=gender)
            flags = nik_flags + [mismatch.code for mismatch in mismatches]
            for mismatch in mismatches:
                field_name = "gender" if "gender" in mismatch.code else "birth_date"
                column = self.header_of.get(field_name) or self.header_of.get("birth_place_and_date", "")
                problems.append(Found(number, column, mismatch.code, mismatch.message, False))
        row = Row(number, nik, facts, values, nik_flags, problems, json_text(flags) if flags else EMPTY_LIST)
        if self.preformat:
            if "full_name" in values:  # a person new to the registry needs one (_new_person)
                row.member_line = self._member_line(row)
            row.membership_line = self._membership_line(row)
        return row

    # Converters: each puts the field's value (if any) into `values` or raises CellProblem.

    def _set_text(self, name: str, raw: Any, values: dict[str, Any]) -> None:
        text = v.clean_text(raw)
        if text:
            limit = TEXT_LIMITS.get(name)
            values[name] = v.limited(text, limit, is_error=False) if limit else text

    def _set_name(self, name: str, raw: Any, values: dict[str, Any]) -> None:
        values[name] = v.limited(v.clean_text(raw), 150)

    def _set_code(self, name: str, raw: Any, values: dict[str, Any]) -> None:
        text = v.code_value(raw)
        if text:
            values[name] = v.limited(text, TEXT_LIMITS[name], is_error=name == "kta_number")

    def _set_date(self, name: str, raw: Any, values: dict[str, Any]) -> None:
        date = v.date_value(raw, today=self.today)
        if date is not None:
            values[name] = date

    def _set_place_and_date(self, name: str, raw: Any, values: dict[str, Any]) -> None:
        place, date = v.birth_place_and_date(raw, today=self.today)
        if place:
            values.setdefault("birth_place", v.limited(place, 100, is_error=False))
        if date is not None:
            values.setdefault("birth_date", date)

    def _setter(self, parse: Callable[[Any], Any]) -> Callable[[str, Any, dict[str, Any]], None]:
        def set_value(name: str, raw: Any, values: dict[str, Any]) -> None:
            value = parse(raw)
            if value is not None and value != "":
                values[name] = value

        return set_value

    def _converters(self) -> dict[str, Callable[[str, Any, dict[str, Any]], None]]:
        converters = {
            "full_name": self._set_name,
            "gender": self._setter(v.gender_value),
            "birth_date": self._set_date,
            "joined_on": self._set_date,
            "birth_place_and_date": self._set_place_and_date,
            "phone": self._setter(v.phone_value),
            "email": self._setter(v.email_value),
            "monthly_wage_amount": self._setter(v.wage_value),
            "employment_status": self._setter(v.employment_value),
            "kta_number": self._set_code,
            "employee_number": self._set_code,
            "birth_place": self._set_text,
            "address": self._set_text,
            "job_title": self._set_text,
            "department": self._set_text,
        }
        for name in REPEATING_FIELDS:
            converters[name] = _remembered(converters[name])
        return converters

    # --- step 2 and 3: the chunk against the database ---------------------------------------

    def _covers(self, unit_path: str, territory_path: str | None) -> bool:
        if self.scope is None:
            return True
        territory = territory_path or ""
        return any(unit_path.startswith(p) or territory.startswith(p) for p in self.scope.paths)

    def _classify(self, rows: list[Row], counts: Counts, found: list[Found]) -> Plan:
        plan = Plan()
        if not rows:
            return plan
        people = {values[1]: values for values in self._people([row.nik for row in rows])}
        current: dict[int, list[tuple]] = defaultdict(list)
        if people:
            for values in self._current_memberships([p[0] for p in people.values()]):
                current[values[0]].append(values)
        ktas = [row.given["kta_number"] for row in rows if "kta_number" in row.given]
        kta_owner = self._kta_owners(ktas) if ktas else {}
        for row in rows:
            person = people.get(row.nik)
            if person is None:
                self._new_person(row, kta_owner, plan, counts, found)
            else:
                self._known_person(row, person, current[person[0]], kta_owner, plan, counts, found)
        return plan

    # The chunk's look-ups are plain SQL with the whole list as one parameter: the ORM's per-value
    # parameters and per-field converters cost several times the query itself at 5,000 values.

    def _people(self, niks: list[str]) -> list[tuple]:
        """(id, nik, *MEMBER_FIELDS, review_flags) of the people with these NIKs."""
        quote = connection.ops.quote_name
        columns = ", ".join(f"p.{quote(Member._meta.get_field(f).column)}" for f in ("id", "nik", *MEMBER_FIELDS))
        source, params = from_keys(f"{quote(Member._meta.db_table)} p", f"p.{quote('nik')}", niks, "text")
        flags = quote(Member._meta.get_field("review_flags").column)
        rows = select_rows(f"SELECT {columns}, p.{flags} FROM {source}", params)  # noqa: S608
        return [(*row[:-1], json_value(row[-1])) for row in rows]

    def _current_memberships(self, member_ids: list[int]) -> list[tuple]:
        """(member_id, id, unit_id, federation_id, status, kta_number, joined_on, *MEMBERSHIP_FIELDS,
        unit path, unit territory_path, unit code) of their current memberships, in every federation."""
        quote = connection.ops.quote_name
        field = Membership._meta.get_field
        names = ("member", "id", "unit", "federation", "status", "kta_number", "joined_on", *MEMBERSHIP_FIELDS)
        columns = ", ".join(f"m.{quote(field(name).column)}" for name in names)
        source, params = from_keys(
            f"{quote(Membership._meta.db_table)} m", f"m.{quote(field('member').column)}", member_ids, "bigint"
        )
        statuses = ", ".join(["%s"] * len(CURRENT_STATUSES))
        sql = (
            f"SELECT {columns}, u.{quote('path')}, u.{quote('territory_path')}, u.{quote('code')} "  # noqa: S608
            f"FROM {source} JOIN {quote(Unit._meta.db_table)} u "
            f"ON u.{quote('id')} = m.{quote(field('unit').column)} "
            f"WHERE m.{quote('status')} IN ({statuses})"
        )
        wage = names.index("monthly_wage_amount")
        return [
            (*row[:wage], None if row[wage] is None else Decimal(str(row[wage])), *row[wage + 1 :])
            for row in select_rows(sql, [*params, *CURRENT_STATUSES])
        ]

    def _kta_owners(self, ktas: list[str]) -> dict[str, int]:
        """KTA number -> member, for the numbers of the chunk held by memberships of the federation
        that have not ended."""
        quote = connection.ops.quote_name
        field = Membership._meta.get_field
        kta, member, federation = (quote(field(n).column) for n in ("kta_number", "member", "federation"))
        source, params = from_keys(f"{quote(Membership._meta.db_table)} m", f"m.{kta}", ktas, "text")
        # The conditions of the unique index kta_unique_in_federation (federation, KTA number), written
        # as its definition writes them, so that both databases see it applies: one probe a number.
        sql = (
            f"SELECT m.{kta}, m.{member} FROM {source} "  # noqa: S608
            f"WHERE m.{federation} = %s AND NOT (m.{kta} = '') AND NOT (m.{quote('status')} = %s)"
        )
        return dict(select_rows(sql, [*params, self.federation_id, Membership.Status.ENDED]))

    def _fail(self, row: Row, column: str, code: str, message: str, counts: Counts, found: list[Found]) -> None:
        found.extend(p for p in row.problems if not p.is_error)
        found.append(Found(row.number, column, code, message))
        counts.errors += 1

    def _kta_taken(self, row: Row, member_id: int | None, kta_owner: dict[str, int]) -> bool:
        kta = row.given.get("kta_number")
        return bool(kta) and kta in kta_owner and kta_owner[kta] != member_id

    def _kta_message(self, row: Row) -> str:
        return _("KTA number %(kta)s already belongs to another member of this federation.") % {
            "kta": row.given["kta_number"]
        }

    def _new_person(self, row: Row, kta_owner: dict[str, int], plan: Plan, counts: Counts, found: list[Found]) -> None:
        if not row.given.get("full_name"):
            column = self.header_of.get("full_name", "")
            self._fail(row, column, "name_missing", _("A new member needs a full name."), counts, found)
            return
        if self._kta_taken(row, None, kta_owner):
            self._fail(row, self.header_of["kta_number"], "kta_taken", self._kta_message(row), counts, found)
            return
        found.extend(row.problems)
        plan.new_members.append(row)
        plan.new_memberships.append((row, None))
        counts.created += 1

    def _known_person(
        self,
        row: Row,
        person: tuple,
        memberships: list[tuple],
        kta_owner: dict[str, int],
        plan: Plan,
        counts: Counts,
        found: list[Found],
    ) -> None:
        member_id = person[0]
        here = [m for m in memberships if m[3] == self.federation_id]
        elsewhere = [m for m in memberships if m[3] != self.federation_id]
        if here and here[0][2] != self.unit.pk:
            other = here[0]
            name = other[-1] if self._covers(other[-3], other[-2]) else _("another union")
            self._fail(
                row,
                self.header_of["nik"],
                "member_elsewhere",
                _("This person is already a member of %(unit)s in this federation. Use a transfer to move them.")
                % {"unit": name},
                counts,
                found,
            )
            return
        if self._kta_taken(row, member_id, kta_owner):
            self._fail(row, self.header_of["kta_number"], "kta_taken", self._kta_message(row), counts, found)
            return
        found.extend(row.problems)
        person_changes = self._person_changes(row, person)
        if person_changes and not all(self._covers(m[-3], m[-2]) for m in elsewhere):
            labels = ", ".join(self.header_of.get(name, name) for name in person_changes if name != "review_flags")
            found.append(
                Found(
                    row.number,
                    self.header_of["nik"],
                    "person_kept",
                    _(
                        "This person is also a member of a union outside your units: their personal details "
                        "were kept as recorded (different in the file: %(columns)s)."
                    )
                    % {"columns": labels},
                    False,
                )
            )
            person_changes = {}
        if person_changes:
            plan.member_updates.append((member_id, person_changes))
            if "full_name" in person_changes:
                plan.renamed.append((member_id, person[2]))  # (id, nik, full_name, ...): see _people
            self._preview(row, person, person_changes, found)
        if here:
            membership_changes = self._membership_changes(row, here[0], found)
            if membership_changes:
                plan.membership_updates.append((here[0][1], membership_changes))
            if person_changes or membership_changes:
                counts.updated += 1
            else:
                counts.unchanged += 1
            return
        # No current membership in this federation: a returning member, or one from another federation.
        plan.new_memberships.append((row, member_id))
        plan.names[member_id] = person_changes.get("full_name", person[2])  # (id, nik, full_name, ...)
        counts.created += 1
        if elsewhere:
            plan.conflicts_with[member_id] = [(m[1], m[2]) for m in elsewhere]
            counts.conflicts += 1
            found.append(
                Found(
                    row.number,
                    self.header_of["nik"],
                    "dual_membership",
                    _("This person is a current member of another federation: a dual-membership conflict is recorded."),
                    False,
                )
            )

    def _person_changes(self, row: Row, person: tuple) -> dict[str, Any]:
        recorded = dict(zip(("id", "nik", *MEMBER_FIELDS, "review_flags"), person, strict=True))
        changes = {
            name: row.given[name] for name in MEMBER_FIELDS if name in row.given and row.given[name] != recorded[name]
        }
        if "gender" in changes or "birth_date" in changes:
            gender = changes.get("gender", recorded["gender"])
            birth_date = changes.get("birth_date", recorded["birth_date"])
            flags = row.nik_flags + [p.code for p in cross_check(row.facts, birth_date=birth_date, gender=gender)]
            if flags != recorded["review_flags"]:
                changes["review_flags"] = flags
        return changes

    def _membership_changes(self, row: Row, membership: tuple, found: list[Found]) -> dict[str, Any]:
        names = ("member_id", "id", "unit_id", "federation_id", "status", "kta_number", "joined_on", *MEMBERSHIP_FIELDS)
        recorded = dict(zip(names, membership[: len(names)], strict=True))
        changes = {
            name: row.given[name]
            for name in (*MEMBERSHIP_FIELDS, "joined_on")
            if name in row.given and row.given[name] != recorded[name]
        }
        kta = row.given.get("kta_number")
        if kta and not recorded["kta_number"]:
            changes["kta_number"] = kta
            if recorded["status"] == Membership.Status.APPLICANT:
                changes["status"] = Membership.Status.ACTIVE
                changes["activated_on"] = self.today
        elif kta and kta != recorded["kta_number"]:
            found.append(
                Found(
                    row.number,
                    self.header_of["kta_number"],
                    "kta_differs",
                    _("The member's KTA number is %(recorded)s; the file's %(kta)s was not used.")
                    % {"recorded": recorded["kta_number"], "kta": kta},
                    False,
                )
            )
        self._preview(row, recorded, changes, found)
        return changes

    def _preview(self, row: Row, recorded: Any, changes: dict[str, Any], found: list[Found]) -> None:
        if not isinstance(recorded, dict):
            recorded = dict(zip(("id", "nik", *MEMBER_FIELDS, "review_flags"), recorded, strict=True))
        for name, new in changes.items():
            if name in ("review_flags", "activated_on"):
                continue
            column = self.header_of.get(name) or str(FIELDS.get(name, name))
            if name == "status":
                column = str(_("Status"))
            found.append(
                Found(
                    row.number,
                    column,
                    CHANGE,
                    _("%(old)s → %(new)s") % {"old": _shown(recorded.get(name)), "new": _shown(new)},
                    False,
                )
            )

    # --- step 4: writing ------------------------------------------------------------------

    def _write(self, plan: Plan, counts: Counts) -> tuple[dict[str, int], list[str], list[str]]:
        """Writes the plan; returns the changes to the vocabulary's counts, which wait for the
        chunk's turn (_store): word counts of the new people's names, names added and removed."""
        batch = self.batch
        now = timestamp(timezone.now())
        ids: dict[str, int] = {}
        if plan.new_members:
            fields = (*NEW_MEMBER_FIELDS, "region", "review_flags", "photo", "created_at", "updated_at")
            reserved = reserve_ids(Member, len(plan.new_members))
            if reserved is not None:  # PostgreSQL: ids known before the COPY, no look-up after it
                stamp = copy_value(now)
                lines = [
                    f"{pk}\t{row.member_line}\t{stamp}\t{stamp}\n"
                    for pk, row in zip(reserved, plan.new_members, strict=True)
                ]
                insert_lines(Member, ("id", *MEMBER_LINE_FIELDS, "created_at", "updated_at"), lines)
                ids = {row.nik: pk for row, pk in zip(plan.new_members, reserved, strict=True)}
            else:
                values = [(*self._member_values(row), None, row.new_flags, "", now, now) for row in plan.new_members]
                insert_rows(Member, fields, values)
                ids = {found[1]: found[0] for found in self._people([row.nik for row in plan.new_members])}
        if plan.member_updates:
            self._update(Member, plan.member_updates, now)
        if plan.membership_updates:
            self._update(Membership, plan.membership_updates, now)
        new_names: list[tuple[int, int, str, bool]] = []
        if plan.new_memberships:
            fields = ("member", *NEW_MEMBERSHIP_FIELDS, *SHARED_MEMBERSHIP_FIELDS, "created_at", "updated_at")
            reserved = reserve_ids(Membership, len(plan.new_memberships))
            if reserved is not None:  # PostgreSQL: the new memberships' ids, for their name words
                stamp = copy_value(now)
                lines = [
                    f"{pk}\t{member_id or ids[row.nik]}\t{row.membership_line}\t{self.shared_line}\t{stamp}\t{stamp}\n"
                    for pk, (row, member_id) in zip(reserved, plan.new_memberships, strict=True)
                ]
                columns = ("id", "member", *NEW_MEMBERSHIP_FIELDS, *SHARED_MEMBERSHIP_FIELDS, "created_at")
                insert_lines(Membership, (*columns, "updated_at"), lines)
                new_names = [
                    (
                        pk,
                        self.unit.pk,
                        *((row.given["full_name"], True) if member_id is None else (plan.names[member_id], False)),
                    )
                    for pk, (row, member_id) in zip(reserved, plan.new_memberships, strict=True)
                ]
            else:
                values = [
                    (member_id or ids[row.nik], *self._membership_values(row), *self.shared, now, now)
                    for row, member_id in plan.new_memberships
                ]
                insert_rows(Membership, fields, values)
        # The one-word search's index (ADR 0026); and the name search's vocabulary (ADR 0019): the
        # words of the new people's names are counted by the statement that writes their
        # memberships' words (PostgreSQL), or else with the changed names.
        words = index_name_words(named=new_names, renamed=plan.renamed)
        added = [] if new_names else [row.given["full_name"] for row in plan.new_members]
        added += [changes["full_name"] for _pk, changes in plan.member_updates if "full_name" in changes]
        removed = [name for _pk, name in plan.renamed]
        changed = counts.created + counts.updated
        event_list = []
        if plan.conflicts_with:
            event_list += self._record_conflicts(plan)
        if changed:
            event_list.append(
                build_event(
                    actor=self.actor,
                    kind=events.MEMBERS_IMPORTED,
                    subject=batch,
                    unit=self.unit,
                    object_label=batch.filename,
                    data={
                        "created": counts.created,
                        "updated": counts.updated,
                        "unchanged": counts.unchanged,
                        "errors": counts.errors,
                        "conflicts": counts.conflicts,
                        "rows": counts.rows,
                    },
                )
            )
        if event_list:
            record_events(event_list)
        return words, added, removed

    def _member_values(self, row: Row) -> tuple:
        """A new person's values (NEW_MEMBER_FIELDS)."""
        given = row.given
        return (
            row.nik,
            given.get("gender") or row.facts.gender,
            given.get("birth_date") or row.facts.birth_date,
            given["full_name"],
            given.get("birth_place", ""),
            given.get("phone", ""),
            given.get("email", ""),
            given.get("address", ""),
        )

    def _member_line(self, row: Row) -> str:
        """_member_values with no region, no photo and the new flags, as a COPY line in the order of
        MEMBER_LINE_FIELDS (the NIK is 16 digits, the gender a code, then the date)."""
        nik, gender, birth_date, *texts = self._member_values(row)
        return f"{nik}\t{gender}\t{birth_date.isoformat()}\t{NULL}\t\t{copy_texts(row.new_flags, *texts)}"

    def _membership_values(self, row: Row) -> tuple:
        """A new membership's own values (NEW_MEMBERSHIP_FIELDS); those it shares with every new
        membership of the import (SHARED_MEMBERSHIP_FIELDS) are `self.shared`."""
        given = row.given
        kta = given.get("kta_number", "")
        joined_on = given.get("joined_on") or self.today
        return (
            given.get("monthly_wage_amount"),
            joined_on,
            ACTIVE if kta else APPLICANT,
            joined_on if kta else None,
            given.get("employment_status", ""),
            given.get("employee_number", ""),
            given.get("job_title", ""),
            given.get("department", ""),
            kta,
        )

    def _membership_line(self, row: Row) -> str:
        """_membership_values as a COPY line (the wage a number, the dates and the status, then text)."""
        wage, joined_on, status, activated_on, *texts = self._membership_values(row)
        amount = NULL if wage is None else str(wage)
        activated = NULL if activated_on is None else activated_on.isoformat()
        return f"{amount}\t{joined_on.isoformat()}\t{status}\t{activated}\t{copy_texts(*texts)}"

    def _update(self, model: type, updates: list[tuple[int, dict[str, Any]]], now: Any) -> None:
        """One statement per set of changed columns (usually one or two sets per chunk)."""
        groups: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
        for pk, changes in updates:
            names = tuple(sorted(changes))
            row = tuple(json_text(changes[n]) if n == "review_flags" else changes[n] for n in names)
            groups[names].append((*row, now, pk))
        for names, rows in groups.items():
            update_rows(model, (*names, "updated_at"), rows)

    def _record_conflicts(self, plan: Plan) -> list[Any]:
        """Dual memberships of this chunk, set-based: the new memberships' ids in one query, the
        conflicts in one insert, and one event for each side (as services.detect_conflicts does)."""
        member_ids = list(plan.conflicts_with)
        new_ids = dict(
            Membership.objects.filter(
                unit=self.unit, member_id__in=member_ids, status__in=CURRENT_STATUSES
            ).values_list("member_id", "id")
        )
        conflicts = []
        sides = []
        for member_id, others in plan.conflicts_with.items():
            for other_id, other_unit in others:
                first, second = sorted((other_id, new_ids[member_id]))
                conflicts.append(
                    MembershipConflict(
                        member_id=member_id,
                        first_id=first,
                        second_id=second,
                        kind=MembershipConflict.Kind.TWO_FEDERATIONS,
                    )
                )
                sides.append(((other_id, other_unit), (new_ids[member_id], self.unit.pk)))
        MembershipConflict.objects.bulk_create(conflicts, batch_size=1000)
        names = dict(Member.objects.filter(pk__in=member_ids).values_list("id", "full_name"))
        built = []
        for conflict, pair in zip(conflicts, sides, strict=True):
            for membership_id, unit_id in pair:
                event = build_event(
                    actor=self.actor,
                    kind=events.CONFLICT_DETECTED,
                    subject=conflict,
                    object_label=names.get(conflict.member_id, ""),
                    data={"kind": conflict.kind, "membership": membership_id},
                )
                event.unit_id = unit_id
                built.append(event)
        return built


CACHE_LIMIT = 50_000


def _remembered(convert: Callable[[str, Any, dict[str, Any]], None]) -> Callable[[str, Any, dict[str, Any]], None]:
    """A converter that remembers its answer per cell value: a column of genders, dates, departments
    or wages repeats a few thousand values over a million rows."""
    cache: dict[Any, Any] = {}

    def convert_once(name: str, raw: Any, values: dict[str, Any]) -> None:
        try:
            answer = cache[raw]
        except KeyError:
            found: dict[str, Any] = {}
            try:
                convert(name, raw, found)
                answer = found
            except v.CellProblem as problem:
                answer = (problem.code, problem.message, problem.is_error)
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[raw] = answer
        if answer.__class__ is tuple:
            raise v.CellProblem(answer[0], answer[1], is_error=answer[2])
        values.update(answer)

    return convert_once


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.0f}".replace(",", ".")
    return str(value)
