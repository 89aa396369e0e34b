"""manage.py import_members: the administrator's command line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from serikat.audit.models import AuditEvent
from serikat.membership.models import ImportBatch, Member
from serikat.membership.tests.import_files import write_csv, write_openpyxl

pytestmark = pytest.mark.django_db
SITI = "3216015708850001"
BUDI = "3216010203900002"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def member_list(tmp_path):
    rows = [
        ["Nama", "NIK", "No. HP", "Kolom Aneh"],
        ["Siti Rahayu", SITI, "81234567890", "x"],
        ["Rusak", "3216013202850001", "", ""],  # day 32
        ["Budi", BUDI, "", ""],
        ["Siti lagi", SITI, "", ""],
    ]
    return write_openpyxl(tmp_path / "anggota.xlsx", rows)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_members", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_prints_exactly_one_object_with_the_counts_and_errors(tree, member_list):
    out, _err = run(member_list, "--unit", "PUK-A", "--json")
    assert json.loads(out) == {
        "rows": 4,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [
            {"row": 3, "column": "NIK", "message": "Digits 7-12 (320285) are not a birth date."},
            {
                "row": 5,
                "column": "NIK",
                "message": "This NIK already appears in row 2; only the first row is imported.",
            },
        ],
    }
    assert out.count("\n") == 1
    assert Member.objects.count() == 2
    again, _err = run(member_list, "--unit", "PUK-A", "--json")
    assert {k: v for k, v in json.loads(again).items() if k != "errors"} == {
        "rows": 4,
        "created": 0,
        "updated": 0,
        "unchanged": 2,
    }


def test_dry_run_saves_no_member(tree, member_list):
    out, _err = run(member_list, "--unit", "PUK-A", "--dry-run", "--json")
    assert json.loads(out)["created"] == 2
    assert Member.objects.count() == 0
    assert ImportBatch.objects.get().status == "checked"


def test_without_user_the_command_acts_as_the_server_administrator_by_name(tree, member_list):
    run(member_list, "--unit", "SPN-PUK-S")
    batch = ImportBatch.objects.get()
    event = AuditEvent.objects.get(kind="membership.members_imported")
    assert batch.uploaded_by.username == "serikat-system"
    assert not batch.uploaded_by.is_active
    assert not batch.uploaded_by.has_usable_password()
    assert (event.actor_id, event.actor_label.startswith("manage.py import_members (")) == (None, True)


def test_with_user_the_users_scope_applies(tree, member_list, make_user):
    make_user("secretariat", tree.puk_b, username="budi")
    out, _err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import_members", str(member_list), "--unit", "PUK-A", "--user", "budi", "--json", stdout=out, stderr=_err
        )
    assert exit_.value.code == 1
    assert json.loads(out.getvalue()) == {
        "rows": 0,
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "errors": [{"row": 0, "column": "", "message": "Not found."}],
    }
    with pytest.raises(CommandError, match="Not found"):
        run(member_list, "--unit", "PUK-A", "--user", "budi")
    run(member_list, "--unit", "PUK-B", "--user", "budi")
    assert ImportBatch.objects.get().uploaded_by.username == "budi"


def test_a_plain_summary_without_json(tree, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Nama", "NIK"], ["Siti", SITI]])
    out, err = run(path, "--unit", "PUK-A", "--dry-run")
    assert out.startswith("1 rows: 1 would be created, 0 would be updated, 0 unchanged, 0 errors (batch ")
    assert err == ""
