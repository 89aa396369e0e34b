"""The import's COPY lines (writer.copy_line): what PostgreSQL reads back is what was given."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from serikat.membership.imports.writer import copy_line, copy_value, insert_lines
from serikat.membership.models import Member, Membership

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY lines are PostgreSQL's")


def test_copy_value_writes_each_type_as_copy_text_reads_it():
    aware = datetime.datetime(2026, 11, 23, 8, 30, 5, 120, tzinfo=datetime.UTC)
    assert [
        copy_value(v)
        for v in (None, "a\\b\tc\nd\re", True, False, 42, Decimal("5200000"), datetime.date(1985, 8, 17), aware)
    ] == ["\\N", "a\\\\b\\tc\\nd\\re", "t", "f", "42", "5200000", "1985-08-17", "2026-11-23T08:30:05.000120+00:00"]
    with pytest.raises(TypeError):
        copy_value(1.5)


def test_copy_line_takes_choices_as_their_text():
    assert copy_line((Membership.Status.ACTIVE, "", None, 7)) == "active\t\t\\N\t7"


@postgresql_only
@pytest.mark.django_db
def test_rows_written_as_copy_lines_read_back_unchanged(tree):
    awkward = "Siti \\ Rahayu\tbin\nAhmad\r'Ñoño' \"Ü\" ☺ \\N"
    now = datetime.datetime(2026, 11, 23, 8, 30, 5, 120, tzinfo=datetime.UTC)
    fields = ("id", "nik", "full_name", "gender", "birth_date", "birth_place", "phone", "email", "address")
    fields += ("region", "review_flags", "photo", "created_at", "updated_at")
    values = (9_000_001, "3216015708850001", awkward, "F", datetime.date(1985, 8, 17), "", "+6281234567890")
    values += ("siti@example.org", "Jl. Melati \\ 5", None, '["nik_age"]', "", now, now)
    insert_lines(Member, fields, [copy_line(values) + "\n"])
    member = Member.objects.get(pk=9_000_001)
    assert (member.full_name, member.address, member.birth_date, member.region_id) == (
        awkward,
        "Jl. Melati \\ 5",
        datetime.date(1985, 8, 17),
        None,
    )
    assert (member.review_flags, member.created_at) == (["nik_age"], now)

    fields = ("id", "member", "unit", "federation", "employer", "workplace", "employee_number", "employment_status")
    fields += ("job_title", "department", "monthly_wage_amount", "joined_on", "status", "activated_on", "ended_on")
    fields += ("end_reason", "kta_number", "consent_given_at", "consent_method", "consent_purposes")
    fields += ("created_at", "updated_at")
    values = (9_000_002, 9_000_001, tree.puk_a.pk, tree.fspmi.pk, None, None, "E\t1", "permanent", "Operator")
    values += ("Produksi\t2", Decimal("5200000"), datetime.date(2024, 1, 2), "active", None, None, "", "K\\1")
    values += (None, "", "[]", now, now)
    insert_lines(Membership, fields, [copy_line(values) + "\n"])
    membership = Membership.objects.get(pk=9_000_002)
    assert (membership.monthly_wage_amount, membership.kta_number, membership.department) == (
        Decimal("5200000"),
        "K\\1",
        "Produksi\t2",
    )
    assert (membership.employee_number, membership.activated_on, membership.consent_purposes) == ("E\t1", None, [])
