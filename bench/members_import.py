"""(d) Importing a member list of 1,000,000 rows into the 2-million-member registry.

The file: 15 columns as a plant union's secretariat writes them (NIK, Nama Lengkap, Jenis Kelamin,
Tempat Lahir, Tanggal Lahir, No. HP, Email, Alamat, No. KTA, NIK Karyawan, Status Kerja, Jabatan,
Bagian, Upah, Tanggal Masuk), all new people with valid NIKs of the plant's regency (serials from
5001, so none is in the registry yet), phones as people write them (0812-3456-7890), dates as
dd-mm-yyyy text in the CSV and date cells in the xlsx (written by XlsxWriter, constant_memory).
The files are generated once into var/bench/ and kept for the next run.

Each measurement runs in a fresh process (`python -m bench.members_import <mode> ...`), which
reports its wall time and peak memory (VmHWM); the registry is put back to its 2 million members
between runs (the imported rows deleted, the tables vacuumed):

  * csv and xlsx: serikat.membership.services_imports.import_file(path, unit, actor) committing
    into the demo PUK, as demo-admin;
  * django-import-export 4.4.3 on the same CSV, upserting by NIK, twice (part iex; iex_bulk or iex_tuned for one):
    "bulk mode" as its documentation (docs/bulk_import.rst) defines it: use_bulk=True, which sends
    batch_size rows (default 1000) to bulk_create()/bulk_update() instead of save() per row, every
    other option at its default (ModelInstanceLoader: a SELECT per row; a diff per row); and the
    same with the extra options its "Performance tuning" section lists on top of bulk mode for an
    upsert: skip_diff=True and CachedInstanceLoader (one query for all existing NIKs). Both import
    Member rows only, no memberships, phones and dates not normalised beyond its widgets, NIKs not
    validated: less work than the pipeline does;
  * the floor: PostgreSQL COPY (FORMAT csv, parsed by the server) of the same clean rows, members
    and memberships, into fresh copies of the two tables with all their indexes
    (CREATE TABLE ... (LIKE ... INCLUDING ALL));
  * SQLite: the same pipeline importing the first 200,000 rows into a SQLite copy of the `make
    setup` demo (2,400 plant unions, 20,000 members).
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness import RESULTS, ROOT, BenchError, heading, record
from bench.members_common import ADMIN, child_result, child_setup, run_child, work_dir

FILE_VERSION = 1  # bump when the generated files change
SEED = 20260101
EMPLOYMENT_WORDS = {"permanent": "Tetap", "fixed_term": "Kontrak", "outsourced": "Outsourcing", "daily": "Harian"}
HEADERS = [
    "NIK", "Nama Lengkap", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "No. HP", "Email", "Alamat", "No. KTA",
    "NIK Karyawan", "Status Kerja", "Jabatan", "Bagian", "Upah", "Tanggal Masuk",
]  # fmt: skip
GOALS = {"csv_peak_mb": 500, "xlsx_peak_mb": 2048, "iex_ratio": 10, "copy_ratio": 3}


# --- the files -----------------------------------------------------------------------------------


def target_unit() -> Any:
    """The demo PUK (the plant union of the demo-puk login), in Jawa Barat."""
    from serikat.accounts.models import Grant

    return Grant.objects.select_related("unit").get(user__username="demo-puk").unit


def file_rows(count: int, unit: Any):  # type: ignore[no-untyped-def]
    """Yields (cells, clean) per row: what the file holds, and the values a correct import stores."""
    import random

    from serikat.demo import names
    from serikat.demo.members import minimum_wage
    from serikat.organisation.models import Region, Unit

    rng = random.Random(SEED)
    r = rng.random
    regency = unit.region_id[:5]
    districts = list(Region.objects.filter(parent_id=regency, kind="district").values_list("code", "name"))
    birth_place = Region.objects.get(code=regency).name.removeprefix("Kabupaten ").removeprefix("Kota ")
    federation = Unit.objects.get(path=unit.federation_path).code
    floor = minimum_wage(regency)
    serials: dict[str, int] = {}
    women, men = names.WOMEN + names.WOMEN_MORE, names.MEN + names.MEN_MORE
    second_w, second_m = names.WOMEN_SECOND + names.FAMILY, names.MEN_SECOND + names.FAMILY
    start = datetime.date(1960, 1, 1).toordinal()
    span = datetime.date(2006, 12, 31).toordinal() - start
    jobs = names.JOBS["metal"]
    for i in range(count):
        female = r() < 0.3
        given = (women if female else men)[int(r() * len(women if female else men))]
        second = (second_w if female else second_m)[int(r() * len(second_w if female else second_m))]
        full_name = f"{given} {second}"
        born = datetime.date.fromordinal(start + int(r() * span))
        district, district_name = districts[int(r() * len(districts))]
        day = born.day + 40 if female else born.day
        prefix = f"{district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}"
        serial = serials.get(prefix, 5000) + 1
        serials[prefix] = serial
        nik = f"{prefix}{serial:04d}"
        mobile = f"8{rng.choice(('12', '13', '21', '52', '57', '77', '81', '95'))}{int(r() * 90_000_000) + 10_000_000}"
        email = f"{given.lower()}.{i}@example.id" if r() < 0.3 else ""
        address = f"Jl. Industri No. {int(r() * 120) + 1}, Kec. {district_name}"
        joined = datetime.date.fromordinal(
            max(born.toordinal() + 6575, datetime.date(2005, 1, 1).toordinal()) + int(r() * 2000)
        )
        joined = min(joined, datetime.date(2025, 12, 31))
        kta = f"{federation}-{joined.year}-{9_000_000 + i:07d}"
        employment = ("permanent", "fixed_term", "outsourced", "daily")[min(3, int(r() * r() * 4))]
        wage = int(round(floor * (0.98 + r() * 0.4), -3))
        job, department = jobs[int(r() * len(jobs))], names.DEPARTMENTS[int(r() * 8)]
        employee_number = f"{joined.year % 100:02d}{i:07d}"
        cells = (
            nik, full_name, "P" if female else "L", birth_place, born, f"0{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}",
            email, address, kta, employee_number, EMPLOYMENT_WORDS[employment], job, department, wage, joined,
        )  # fmt: skip
        clean = (
            nik, full_name, "F" if female else "M", born, birth_place, f"+62{mobile}", email, address,
            kta, employee_number, employment, job, department, wage, joined,
        )  # fmt: skip
        yield cells, clean


def _csv_cell(value: Any) -> Any:
    return value.strftime("%d-%m-%Y") if isinstance(value, datetime.date) else value


def make_files(rows: int, unit: Any) -> dict[str, Path]:
    """The CSV and xlsx of `rows` rows (written once, then reused)."""
    folder = work_dir()
    paths = {kind: folder / f"members-{rows}-v{FILE_VERSION}.{kind}" for kind in ("csv", "xlsx")}
    if not paths["csv"].exists():
        started = time.perf_counter()
        partial = paths["csv"].with_suffix(".partial")
        with partial.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            for cells, _clean in file_rows(rows, unit):
                writer.writerow([_csv_cell(c) for c in cells])
        partial.rename(paths["csv"])
        print(f"  wrote {paths['csv'].name} in {time.perf_counter() - started:.0f} s")
    if not paths["xlsx"].exists():
        import xlsxwriter

        started = time.perf_counter()
        partial = paths["xlsx"].with_suffix(".partial")
        book = xlsxwriter.Workbook(str(partial), {"constant_memory": True})
        sheet = book.add_worksheet("Anggota")
        date_format = book.add_format({"num_format": "dd-mm-yyyy"})
        sheet.write_row(0, 0, HEADERS)
        for number, (cells, _clean) in enumerate(file_rows(rows, unit), start=1):
            for column, value in enumerate(cells):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(number, column, value, date_format)
                elif isinstance(value, int):
                    sheet.write_number(number, column, value)
                else:
                    sheet.write_string(number, column, value)  # NIKs stay text: no lost 16th digit
        book.close()
        partial.rename(paths["xlsx"])
        print(f"  wrote {paths['xlsx'].name} in {time.perf_counter() - started:.0f} s")
    for kind, path in paths.items():
        print(f"  {kind}: {path.relative_to(ROOT)} ({path.stat().st_size / 2**20:,.0f} MB)")
    return paths


# --- putting the registry back --------------------------------------------------------------------


def _restore(member_top: int, membership_top: int) -> float:
    """Deletes what an import added (ids above the registry's before it), then VACUUM ANALYZE."""
    from django.db import connection

    from serikat.membership.models import ImportBatch
    from serikat.membership.names import rebuild_name_words

    started = time.perf_counter()
    for batch in ImportBatch.objects.filter(unit=target_unit()):
        batch.file.delete(save=False)  # the uploaded copy in var/media: hundreds of MB
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM membership_membershipconflict WHERE first_id > %s OR second_id > %s", [membership_top] * 2
        )
        # The name words of the memberships to delete (ADR 0026), found through the primary key
        # (word, unit, membership) with the words cut again from the names: no index leads with the
        # membership, and a scan of all the registry's name words takes minutes.
        cursor.execute(
            """
            DELETE FROM membership_membershipnameword x
            USING membership_membership m
            JOIN membership_member p ON p.id = m.member_id,
                 unnest(tsvector_to_array(membership_name_words(p.full_name))) AS w(word)
            WHERE m.id > %s AND x.word = w.word AND x.unit_id = m.unit_id AND x.membership_id = m.id
            """,
            [membership_top],
        )
        cursor.execute("DELETE FROM membership_membership WHERE id > %s", [membership_top])
        cursor.execute("DELETE FROM membership_member WHERE id > %s", [member_top])
        cursor.execute("VACUUM ANALYZE membership_member")
        cursor.execute("VACUUM ANALYZE membership_membership")
        cursor.execute("VACUUM ANALYZE membership_membershipnameword")
    # The members were deleted past the services: count the name words again (ADR 0019).
    rebuild_name_words(postings=False)
    return time.perf_counter() - started


def _tops() -> tuple[int, int]:
    from django.db.models import Max

    from serikat.membership.models import Member, Membership

    return Member.objects.aggregate(top=Max("pk"))["top"] or 0, Membership.objects.aggregate(top=Max("pk"))["top"] or 0


# --- the runs (each a fresh process) --------------------------------------------------------------


def _pipeline(path: str, unit_id: str, username: str) -> None:
    child_setup()
    from serikat.accounts.models import User
    from serikat.membership.services_imports import import_file
    from serikat.organisation.models import Unit

    unit, actor = Unit.objects.get(pk=int(unit_id)), User.objects.get(username=username)
    started = time.perf_counter()
    batch = import_file(path, unit, actor)
    seconds = time.perf_counter() - started
    child_result({"seconds": seconds, "status": batch.status, "counts": batch.counts, "error": batch.error})


# Part "iex" runs both, one after the other; "iex_bulk" or "iex_tuned" runs one.
IEX_VARIANTS = {
    "iex_bulk": "django-import-export, bulk mode as documented (use_bulk)",
    "iex_tuned": "django-import-export, bulk mode + skip_diff + CachedInstanceLoader",
}
# (Runs before ADR 0019 stored the tuned variant as "django_import_export": new keys, never mixed up.)
IEX_RESULTS = {"iex_bulk": "django_import_export_bulk", "iex_tuned": "django_import_export_tuned"}


def _iex(path: str, rows: str, variant: str) -> None:
    child_setup()
    import tablib
    from import_export import fields, instance_loaders, resources, widgets

    from serikat.membership.models import Member

    class GenderWidget(widgets.CharWidget):
        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
            return {"L": "M", "P": "F"}.get(value, value)

    class MemberResource(resources.ModelResource):
        nik = fields.Field(attribute="nik", column_name="NIK")
        full_name = fields.Field(attribute="full_name", column_name="Nama Lengkap")
        gender = fields.Field(attribute="gender", column_name="Jenis Kelamin", widget=GenderWidget())
        birth_place = fields.Field(attribute="birth_place", column_name="Tempat Lahir")
        birth_date = fields.Field(
            attribute="birth_date", column_name="Tanggal Lahir", widget=widgets.DateWidget(format="%d-%m-%Y")
        )
        phone = fields.Field(attribute="phone", column_name="No. HP")
        email = fields.Field(attribute="email", column_name="Email")
        address = fields.Field(attribute="address", column_name="Alamat")

        class Meta:
            model = Member
            fields = ("nik", "full_name", "gender", "birth_place", "birth_date", "phone", "email", "address")
            import_id_fields = ("nik",)
            use_bulk = True  # bulk mode; batch_size stays at its default, 1000
            if variant == "iex_tuned":
                skip_diff = True
                instance_loader_class = instance_loaders.CachedInstanceLoader

    started = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        text = (
            handle.read()
            if int(rows) <= 0
            else "".join(line for _, line in zip(range(int(rows) + 1), handle, strict=False))
        )
    dataset = tablib.Dataset().load(text, format="csv")
    loaded = time.perf_counter() - started
    result = MemberResource().import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    seconds = time.perf_counter() - started
    child_result(
        {
            "seconds": seconds,
            "read_seconds": loaded,
            "rows": len(dataset),
            "totals": dict(result.totals),
            "errors": result.has_errors(),
            "options": {
                "use_bulk": MemberResource._meta.use_bulk,
                "batch_size": MemberResource._meta.batch_size,
                "skip_diff": MemberResource._meta.skip_diff,
                "instance_loader": (
                    MemberResource._meta.instance_loader_class or instance_loaders.ModelInstanceLoader
                ).__name__,
            },
        }
    )


NULL = "\\N"  # COPY's NULL marker in the floor's files; an empty field stays an empty string


def _floor(rows: str, unit_id: str) -> None:
    """COPY of the clean rows into fresh copies of the two tables (with their indexes)."""
    child_setup()
    from django.db import connection, transaction

    from serikat.organisation.models import Unit, UnitWorkplace

    unit = Unit.objects.get(pk=int(unit_id))
    federation_id = Unit.objects.get(path=unit.federation_path).pk
    workplace_id, employer_id = UnitWorkplace.objects.filter(unit=unit).values_list(
        "workplace_id", "workplace__employer_id"
    )[0]
    folder = work_dir()
    member_file, membership_file = folder / "floor-members.csv", folder / "floor-memberships.csv"
    now = datetime.datetime.now(datetime.UTC).isoformat()
    with member_file.open("w", newline="") as members, membership_file.open("w", newline="") as memberships:
        member_csv, membership_csv = csv.writer(members), csv.writer(memberships)
        for number, (_cells, clean) in enumerate(file_rows(int(rows), unit), start=1):
            (
                nik,
                name,
                gender,
                born,
                place,
                phone,
                email,
                address,
                kta,
                employee,
                employment,
                job,
                dept,
                wage,
                joined,
            ) = clean
            member_csv.writerow(
                [number, nik, name, gender, born, place, phone, email, address, NULL, "[]", "", now, now]
            )
            membership_csv.writerow(
                [number, number, unit.pk, federation_id, employer_id, workplace_id, employee, employment, job, dept,
                 wage, joined, "active", joined, NULL, "", kta, NULL, "", "[]", now, now]
            )  # fmt: skip
    from serikat.demo.members import MEMBER_COLUMNS, MEMBERSHIP_COLUMNS

    member_columns, membership_columns = ", ".join(MEMBER_COLUMNS), ", ".join(MEMBERSHIP_COLUMNS)
    timings = {}
    with connection.cursor() as cursor:
        for table in ("membership_member", "membership_membership"):
            cursor.execute(f"DROP TABLE IF EXISTS bench_copy_{table}")
            cursor.execute(f"CREATE TABLE bench_copy_{table} (LIKE {table} INCLUDING ALL)")
        started = time.perf_counter()
        with transaction.atomic():
            for table, columns, path in (
                ("membership_member", member_columns, member_file),
                ("membership_membership", membership_columns, membership_file),
            ):
                mark = time.perf_counter()
                with (
                    cursor.cursor.copy(
                        f"COPY bench_copy_{table} ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')"
                    ) as copy,
                    path.open("rb") as handle,
                ):
                    while block := handle.read(1 << 20):
                        copy.write(block)
                timings[table] = time.perf_counter() - mark
        seconds = time.perf_counter() - started
        for table in ("membership_member", "membership_membership"):
            cursor.execute(f"DROP TABLE bench_copy_{table}")
    member_file.unlink()
    membership_file.unlink()
    child_result({"seconds": seconds, "tables": timings})


def _sqlite_prepare(path: str) -> None:
    """A SQLite copy of the `make setup` demo: 2,400 plant unions and 20,000 members."""
    child_setup()
    from django.conf import settings
    from django.core.management import call_command

    from serikat.demo.builder import seed_demo
    from serikat.organisation.regions import load_regions

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    load_regions(Path(settings.SERIKAT_REGIONS_DIR))
    seed_demo(plants=2400, members=20_000)
    child_result({"seconds": time.perf_counter() - started, "database": path})


# --- the benchmark --------------------------------------------------------------------------------


def _report(label: str, child: dict[str, Any], rows: int, width: int = 44) -> str:
    return (
        f"  {label:<{width}} {child['seconds']:8.1f} s  {rows / child['seconds']:>9,.0f} rows/s"
        f"   peak {child['peak_rss_mb']:>7,.0f} MB"
    )


PARTS = ("csv", "xlsx", "iex", "copy", "sqlite")


def run(
    *, rows: int, sqlite_rows: int, iex_rows: int | None, env: dict[str, Any], parts: tuple[str, ...] = PARTS
) -> dict[str, Any]:
    from serikat.accounts.models import User

    unit = target_unit()
    User.objects.get(username=ADMIN)
    heading(f"Import of {rows:,} rows into {unit.code} ({unit.name}), registry of 2 million members")
    paths = make_files(rows, unit)
    results: dict[str, Any] = {"rows": rows, "unit": unit.code}
    tops = _tops()

    for kind in [kind for kind in ("csv", "xlsx") if kind in parts]:
        child = run_child("bench.members_import", "pipeline", str(paths[kind]), str(unit.pk), ADMIN)
        if child["status"] != "committed":
            raise BenchError(f"the {kind} import ended {child['status']}: {child['error']}")
        results[kind] = child
        print(_report(f"pipeline, {kind}", child, rows) + f"   {child['counts']}")
        print(f"    registry put back in {_restore(*tops):.0f} s")

    iex_count = iex_rows or rows
    for variant, label in IEX_VARIANTS.items():
        if variant not in parts and "iex" not in parts:
            continue
        child = run_child("bench.members_import", "iex", str(paths["csv"]), str(iex_count), variant)
        results[IEX_RESULTS[variant]] = child
        print(_report(f"{label}, csv, {iex_count:,} rows", child, iex_count, width=72) + f"   {child['totals']}")
        print(f"    options: {child['options']}")
        print(f"    registry put back in {_restore(*tops):.0f} s")

    if "copy" in parts:
        child = run_child("bench.members_import", "floor", str(rows), str(unit.pk))
        results["copy_floor"] = child
        tables = ", ".join(f"{t} {s:.1f} s" for t, s in child["tables"].items())
        print(_report("COPY of the clean rows (floor)", child, rows) + "   " + tables)
    if "sqlite" in parts:
        _sqlite(sqlite_rows, unit, results)
    _verdicts(rows, iex_count, results)
    record("members_import", results, env)
    return results


def _sqlite(sqlite_rows: int, unit: Any, results: dict[str, Any]) -> None:
    """The pipeline on a SQLite copy of the `make setup` demo (created here, deleted after)."""
    sqlite_path = work_dir() / "members-sqlite.sqlite3"
    for leftover in work_dir().glob("members-sqlite.sqlite3*"):
        leftover.unlink()
    sqlite_env = {"DATABASE_URL": f"sqlite:///{sqlite_path}"}
    run_child("bench.members_import", "sqlite_prepare", str(sqlite_path), env=sqlite_env)
    sqlite_files = make_files(sqlite_rows, unit)
    child = run_child("bench.members_import", "pipeline_sqlite", str(sqlite_files["csv"]), ADMIN, env=sqlite_env)
    results["sqlite_csv"] = child
    print(_report(f"pipeline on SQLite, csv, {sqlite_rows:,} rows", child, sqlite_rows) + f"   {child['counts']}")
    for leftover in work_dir().glob("members-sqlite.sqlite3*"):
        leftover.unlink()


def _earlier(results: dict[str, Any], key: str, rows: int) -> dict[str, Any] | None:
    """This run's figures of a part, or else the latest earlier run's at the same size: the long
    parts are run one at a time (`--import-parts`), and the ratios need them together. A borrowed
    figure is printed with the commit and time it was measured at."""
    if key in results:
        return results[key]
    found = None
    with RESULTS.open(encoding="utf-8") as handle:
        for line in handle:
            earlier = json.loads(line)
            part = earlier.get(key)
            same_size = earlier.get("rows") == rows and isinstance(part, dict) and part.get("rows", rows) == rows
            if earlier.get("bench") == "members_import" and same_size:
                found = {**part, "measured": f"{earlier['at']} at {earlier['commit']}"}
    return found


def _verdicts(rows: int, iex_count: int, results: dict[str, Any]) -> None:
    checks, ratios, borrowed = {}, {}, {}

    def part(key: str, size: int) -> dict[str, Any] | None:
        found = _earlier(results, key, size)
        if found is not None and key not in results:
            borrowed[key] = found["measured"]
        return found

    csv_run, copy_run = part("csv", rows), part("copy_floor", rows)
    if "csv" in results:
        checks["csv peak < 500 MB"] = results["csv"]["peak_rss_mb"] < GOALS["csv_peak_mb"]
    if "xlsx" in results:
        checks["xlsx peak < 2 GB"] = results["xlsx"]["peak_rss_mb"] < GOALS["xlsx_peak_mb"]
    for variant, key in IEX_RESULTS.items():
        iex_run = part(key, iex_count)
        if csv_run and iex_run:
            iex_rate = iex_run.get("rows", iex_count) / iex_run["seconds"]
            ratio = (rows / csv_run["seconds"]) / iex_rate
            label = "in its documented bulk mode" if variant == "iex_bulk" else "bulk mode + extra tuning"
            checks[f"csv >= 10x django-import-export {label} ({ratio:.1f}x)"] = ratio >= GOALS["iex_ratio"]
            ratios["csv_vs_iex" if variant == "iex_bulk" else "csv_vs_iex_tuned"] = round(ratio, 1)
    if csv_run and copy_run:
        ratio = csv_run["seconds"] / copy_run["seconds"]
        checks[f"csv within 3x of COPY ({ratio:.1f}x)"] = ratio <= GOALS["copy_ratio"]
        ratios["csv_vs_copy"] = round(ratio, 2)
    print()
    for key, at in borrowed.items():
        print(f"  ({key}: the figure of an earlier run at the same size, measured {at})")
    for label, ok in checks.items():
        print(f"  {'meets' if ok else 'MISSES'}: {label}")
    results["ratios"] = ratios
    if borrowed:
        results["ratio_parts_measured"] = borrowed


def _pipeline_sqlite(path: str, username: str) -> None:
    """The pipeline on the SQLite demo: into its demo PUK (found there, not in PostgreSQL)."""
    child_setup()
    _pipeline(path, str(target_unit().pk), username)


if __name__ == "__main__":
    modes = {
        "pipeline": _pipeline,
        "pipeline_sqlite": _pipeline_sqlite,
        "iex": _iex,
        "floor": _floor,
        "sqlite_prepare": _sqlite_prepare,
    }
    os.environ.setdefault("SERIKAT_DEBUG", "false")
    modes[sys.argv[1]](*sys.argv[2:])
