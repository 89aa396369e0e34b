"""`manage.py reconcile_checkoff`: the exact --json object, and clear errors on stderr."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from serikat.audit.models import AuditEvent
from serikat.dues.models import Remittance
from serikat.dues.tests.remittance_helpers import line, member, nik, setup_union, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(tree):
    return setup_union(tree)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("reconcile_checkoff", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_prints_one_object_with_each_outcome_and_its_lines(world, tmp_path):
    member(world, 1)
    unauthorised = member(world, 2, authorised=False)
    missing = member(world, 3, wage=3_000_000, full_name="Budi Santoso")
    path = write_xlsx(tmp_path / "maret.xlsx", [line(1), line(2, 40_000), line(8, 20_000, number="X8")])
    out, err = run(str(path), "--unit", "PUK-A", "--month", "2026-03", "--json")
    remittance = Remittance.objects.get()
    assert err == ""
    assert json.loads(out) == {
        "remittance": remittance.pk,
        "unit": "PUK-A",
        "employer": {"id": world.employer.pk, "name": "PT Maju Logam"},
        "month": "2026-03",
        "file": "maret.xlsx",
        "unchanged": False,
        "status": "open",
        "totals": {"lines": 3, "deducted": 111_235, "expected": 81_235, "refund": 60_000, "received": 0},
        "counts": {
            "matched": 1,
            "not_member": 1,
            "no_authorisation": 1,
            "amount_differs": 0,
            "wage_missing": 0,
            "duplicate": 0,
            "not_deducted": 1,
        },
        "lines": [
            {"row": 2, "nik": nik(1), "employee_number": "E0001", "name": "Pekerja 1", "amount": 51_235,
             "expected": 51_235, "outcome": "matched"},
            {"row": 3, "nik": nik(2), "employee_number": "E0002", "name": "Pekerja 2", "amount": 40_000,
             "expected": None, "outcome": "no_authorisation"},
            {"row": 4, "nik": nik(8), "employee_number": "X8", "name": "Pekerja 8", "amount": 20_000,
             "expected": None, "outcome": "not_member"},
        ],
        "not_deducted": [
            {"membership": missing.pk, "nik": nik(3), "employee_number": "E0003", "name": "Budi Santoso",
             "expected": 30_000},
        ],
        "exceptions": [
            {"kind": "no_authorisation", "row": 3, "nik": nik(2), "membership": unauthorised.pk, "amount": 40_000,
             "expected": None, "status": "open", "action": ""},
            {"kind": "not_deducted", "row": None, "nik": "", "membership": missing.pk, "amount": None,
             "expected": 30_000, "status": "open", "action": ""},
            {"kind": "not_member", "row": 4, "nik": nik(8), "membership": None, "amount": 20_000,
             "expected": None, "status": "open", "action": ""},
        ],
    }  # fmt: skip
    event = AuditEvent.objects.get(kind="dues.deductions_imported")
    assert (event.actor, event.actor_label.startswith("manage.py reconcile_checkoff (")) == (None, True)
    out, err = run(str(path), "--unit", "PUK-A", "--month", "2026-03", "--json")
    assert json.loads(out)["unchanged"] is True
    assert AuditEvent.objects.filter(kind="dues.deductions_imported").count() == 1


def test_plain_output_names_the_totals(world, tmp_path):
    member(world, 1)
    path = write_csv(tmp_path / "maret.csv", [line(1)])
    out, _err = run(str(path), "--unit", "PUK-A", "--month", "2026-03", "--employer", str(world.employer.pk))
    remittance = Remittance.objects.get()
    assert out == (
        f"Remittance {remittance.pk} imported: 1 lines, deducted 51235, expected 51235, to refund 0, status open. "
        "matched 1, not_member 0, no_authorisation 0, amount_differs 0, wage_missing 0, duplicate 0, "
        "not_deducted 0.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "PUK-X", "--month", "2026-03"], "No unit with the code 'PUK-X'."),
        (["--unit", "PUK-A", "--month", "2026-13"], "'2026-13' is not a month written as YYYY-MM"),
        (["--unit", "PUK-A", "--month", "March"], "'March' is not a month written as YYYY-MM"),
        (["--unit", "PUK-A", "--month", "2026-03", "--employer", "99999"], "No employer with the id '99999'."),
        (["--unit", "PUK-A", "--month", "2026-03", "--user", "nobody"], "No active user 'nobody'."),
    ],
)
def test_clear_errors_and_nothing_written(world, tmp_path, args, message):
    path = write_xlsx(tmp_path / "f.xlsx", [line(1)])
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError) as error:
        run(str(path), *args)
    assert str(error.value) == message
    assert (Remittance.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_an_unreadable_file_names_each_cell_on_stderr(world, tmp_path):
    """CommandError: manage.py prints it on stderr and exits with status 1."""
    member(world, 1)
    path = write_xlsx(tmp_path / "f.xlsx", [line(1, "banyak"), line(2, 51_235, nik_text="321601")])
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "reconcile_checkoff", str(path), "--unit", "PUK-A", "--month", "2026-03", "--json",
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    assert str(error.value) == (
        "2 cells of the file cannot be read; nothing was imported. Correct them and upload the file again."
    )
    assert err.getvalue() == (
        "row 2, Potongan Iuran: banyak is not an amount in Rupiah.\nrow 3, NIK: 321601 is not a NIK (16 digits).\n"
    )
    assert Remittance.objects.count() == 0


def test_a_missing_file_is_an_error(world, tmp_path):
    with pytest.raises(CommandError) as error:
        run(str(tmp_path / "nothing.xlsx"), "--unit", "PUK-A", "--month", "2026-03")
    assert str(error.value) == f"No such file: {tmp_path / 'nothing.xlsx'}"
