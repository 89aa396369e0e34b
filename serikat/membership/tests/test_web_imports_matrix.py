"""Permission matrix of the import screens, and the screens at work (see core/tests/test_pages_matrix.py).

Actors: not signed in, no grant, secretariat at the sibling plant union (PUK-B), at the own plant
union (PUK-A), at the federation (ancestor in the tree), at the provincial council (ancestor along
the territory), and read_only at the own plant union (sees members, may not import).
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from serikat.audit.models import AuditEvent
from serikat.membership import services_imports as imports
from serikat.membership.models import ColumnMapping, ImportBatch, ImportProblem, Member, Membership
from serikat.membership.tests.import_files import write_csv, write_openpyxl

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "membership:imports",
    "membership:import_upload",
    "membership:import_detail",
    "membership:import_status",
    "membership:import_mapping",
    "membership:import_check",
    "membership:import_commit",
    "membership:import_cancel",
    "membership:import_problems_xlsx",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory", "own_reader")
SITI = "3216015708850001"
BUDI = "3216010203900002"

# name, takes the batch, expected GET status per actor (ACTORS order)
READS = [
    ("membership:imports", False, (302, 200, 200, 200, 200, 200, 200)),
    ("membership:import_upload", False, (302, 403, 200, 200, 200, 200, 403)),
    ("membership:import_detail", True, (302, 404, 404, 200, 200, 200, 200)),
    ("membership:import_status", True, (302, 404, 404, 200, 200, 200, 200)),
    ("membership:import_mapping", True, (302, 404, 404, 200, 200, 200, 403)),
    ("membership:import_problems_xlsx", True, (302, 404, 404, 200, 200, 200, 200)),
    ("membership:import_check", True, (302, 405, 405, 405, 405, 405, 405)),
    ("membership:import_commit", True, (302, 405, 405, 405, 405, 405, 405)),
    ("membership:import_cancel", True, (302, 405, 405, 405, 405, 405, 405)),
]
# Screens that write; expected POST status for: not signed in, no grant, sibling, own read_only.
WRITES = [
    ("membership:import_upload", False, (302, 403, 404, 403)),
    ("membership:import_mapping", True, (302, 404, 404, 403)),
    ("membership:import_check", True, (302, 404, 404, 403)),
    ("membership:import_commit", True, (302, 404, 404, 403)),
    ("membership:import_cancel", True, (302, 404, 404, 403)),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files in a temporary folder; problems worded in English (the msgids asserted)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with translation.override("en"):
        yield


@pytest.fixture
def actors(tree, make_user):
    return {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("secretariat", tree.puk_b),
        "own": make_user("secretariat", tree.puk_a),
        "ancestor": make_user("secretariat", tree.fspmi),
        "territory": make_user("secretariat", tree.dpw_jabar),
        "own_reader": make_user("read_only", tree.puk_a),
    }


def _list_file(tmp_path, name="anggota.csv"):
    rows = [["Nama", "NIK", "No. HP"], ["Siti Rahayu", SITI, "81234567890"], ["Rusak", "12345", ""]]
    return write_csv(tmp_path / name, rows)


@pytest.fixture
def batch(tree, tmp_path):
    """A checked import at PUK-A with one new member and one error."""
    return imports.import_file(_list_file(tmp_path), tree.puk_a, tree.admin, dry_run=True)


def _url(name, takes_batch, batch):
    return reverse(name, args=[batch.pk] if takes_batch else [])


@pytest.mark.parametrize(("name", "takes_batch", "expected"), READS, ids=[row[0] for row in READS])
def test_reading(actors, batch, client_for, name, takes_batch, expected):
    url = _url(name, takes_batch, batch)
    answers = tuple(client_for(actors[a]).get(url, HTTP_HX_REQUEST="true").status_code for a in ACTORS)
    assert answers == expected


def _fingerprint():
    return (
        list(ImportBatch.objects.order_by("pk").values_list("pk", "status", "mapping", "rows_done", "counts")),
        ImportProblem.objects.count(),
        list(ColumnMapping.objects.values_list("pk", "mapping")),
        Member.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "takes_batch", "expected"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(actors, batch, client_for, tmp_path, name, takes_batch, expected):
    url = _url(name, takes_batch, batch)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), expected, strict=True):
        before = _fingerprint()
        with open(_list_file(tmp_path, f"{actor}.csv"), "rb") as upload:
            data = {"unit": "PUK-A", "file": upload, "column_0": "full_name", "column_1": "nik", "column_2": "phone"}
            response = client_for(actors[actor]).post(url, data)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor


def test_an_officer_uploads_previews_and_saves_a_list(actors, client_for, tmp_path, django_capture_on_commit_callbacks):
    actors["own"].preferred_language = "en"  # the problems are worded in the language of the officer
    actors["own"].save(update_fields=["preferred_language"])
    client = client_for(actors["own"])
    with open(_list_file(tmp_path), "rb") as upload, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("membership:import_upload"), {"unit": "PUK-A", "file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("membership:import_detail", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "This is what saving the file would do. Nothing has been saved yet." in page
    assert "A NIK has 16 digits; this one has 5." in page
    assert Member.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("membership:import_commit", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.counts["created"], batch.counts["errors"]) == ("committed", 1, 1)
    assert Member.objects.get().phone == "+6281234567890"
    assert AuditEvent.objects.filter(kind="membership.members_imported", actor=actors["own"]).count() == 1


def test_a_unit_outside_the_officers_scope_is_not_found(actors, client_for, tmp_path):
    with open(_list_file(tmp_path), "rb") as upload:
        response = client_for(actors["own"]).post(
            reverse("membership:import_upload"), {"unit": "PUK-B", "file": upload}
        )
    assert response.status_code == 404
    assert ImportBatch.objects.count() == 0


def test_a_read_only_officer_cannot_import(actors, client_for, tmp_path):
    with open(_list_file(tmp_path), "rb") as upload:
        response = client_for(actors["own_reader"]).post(
            reverse("membership:import_upload"), {"unit": "PUK-A", "file": upload}
        )
    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


def test_unrecognised_columns_are_asked_for_and_remembered(actors, client_for, tmp_path, tree):
    client = client_for(actors["own"])
    rows = [["Nama", "NIK", "Nomer Handphone Aktif"], ["Siti", SITI, "0812-3456-7890"]]
    with open(write_openpyxl(tmp_path / "a.xlsx", rows), "rb") as upload:
        response = client.post(reverse("membership:import_upload"), {"unit": "PUK-A", "file": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("membership:import_mapping", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Nomer Handphone Aktif" in page
    response = client.post(response["Location"], {"column_0": "full_name", "column_1": "nik", "column_2": "phone"})
    assert response.status_code == 302
    assert ColumnMapping.objects.get(unit=tree.puk_a).mapping["nomer handphone aktif"] == "phone"
    rows[1] = ["Budi", BUDI, "0812-0000-1111"]
    with open(write_openpyxl(tmp_path / "b.xlsx", rows), "rb") as upload:
        response = client.post(reverse("membership:import_upload"), {"unit": "PUK-A", "file": upload})
    second = ImportBatch.objects.latest("pk")
    assert response["Location"] == reverse("membership:import_detail", args=[second.pk])


def test_the_progress_panel_polls_every_second_while_a_task_runs(actors, batch, client_for):
    ImportBatch.objects.filter(pk=batch.pk).update(status="committing", rows_done=40, rows_total=100)
    client = client_for(actors["own"])
    page = client.get(reverse("membership:import_detail", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert f'hx-get="{reverse("membership:import_status", args=[batch.pk])}"' in page
    assert '<progress value="40" max="100"' in page
    ImportBatch.objects.filter(pk=batch.pk).update(status="committed")
    panel = client.get(reverse("membership:import_status", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert "every 1s" not in panel.content.decode()


def test_every_problem_downloads_as_a_workbook_with_formulas_neutralised(actors, client_for, tmp_path, tree):
    rows = [
        ["Nama", "NIK", "No. HP"],
        ['=HYPERLINK("http://x")', "=1+2", ""],
        ["Budi", BUDI, "@SUM(A1)"],
        ["Dup", BUDI, ""],
    ]
    batch = imports.import_file(write_csv(tmp_path / "evil.csv", rows), tree.puk_a, tree.admin, dry_run=True)
    response = client_for(actors["own_reader"]).get(reverse("membership:import_problems_xlsx", args=[batch.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Problems", "Changes"]
    problems = [tuple(row) for row in workbook["Problems"].iter_rows(values_only=True)]
    assert problems == [
        ("Row", "Column", "Severity", "Code", "Problem"),
        (2, "NIK", "error", "nik_not_digits", "A NIK has digits only; found '=1+2'."),
        (3, "No. HP", "warning", "phone_invalid", "'@SUM(A1) is not a phone number; the phone was left out."),
        (4, "NIK", "error", "nik_duplicate", "This NIK already appears in row 3; only the first row is imported."),
    ]
    assert all(cell.data_type != "f" for row in workbook["Problems"].iter_rows() for cell in row)


def test_the_preview_speaks_bahasa_indonesia(actors, client_for, tree, tmp_path):
    with translation.override("id"):  # as the task does for an officer whose language is Bahasa Indonesia
        batch = imports.import_file(_list_file(tmp_path), tree.puk_a, tree.admin, dry_run=True)
    page = client_for(actors["own"], language="id").get(reverse("membership:import_detail", args=[batch.pk]))
    text = page.content.decode()
    assert "Inilah hasilnya jika berkas disimpan. Belum ada yang disimpan." in text
    # Problems are worded when the file is checked, in the language of whoever runs the check.
    assert "NIK terdiri atas 16 digit; yang ini 5 digit." in text
    assert "Simpan anggota ini" in text


def test_a_partly_saved_import_offers_to_resume_and_not_to_cancel(actors, batch, client_for):
    ImportBatch.objects.filter(pk=batch.pk).update(
        status="failed", rows_done=1, error="The database went away.", counts={"phase": "commit", "rows": 1}
    )
    page = client_for(actors["own"]).get(reverse("membership:import_detail", args=[batch.pk])).content.decode()
    assert "The database went away." in page
    assert "The first 1 rows are saved. Resume to save the rest; nothing is saved twice." in page
    assert "Resume saving" in page
    assert "Cancel this import" not in page


def test_a_failed_check_offers_to_check_again_not_to_save(actors, batch, client_for):
    ImportBatch.objects.filter(pk=batch.pk).update(status="failed", error="Unreadable.", counts={"phase": "check"})
    page = client_for(actors["own"]).get(reverse("membership:import_detail", args=[batch.pk])).content.decode()
    assert ("Check again" in page, "Save these members" in page) == (True, False)
