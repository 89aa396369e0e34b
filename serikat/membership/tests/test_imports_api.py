"""The import endpoints at work: multipart upload, polling the batch, paging problems, mapping
columns, commit and cancel (the permission matrix is in api_matrix_imports.py)."""

from __future__ import annotations

import pytest

from serikat.core.tests.test_api_world import API, call
from serikat.membership.models import ImportBatch, Member
from serikat.membership.tests.import_files import write_csv, write_xlsxwriter

pytestmark = pytest.mark.django_db
SITI = "3216015708850001"
BUDI = "3216010203900002"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def officer(tree, make_user):
    return make_user("secretariat", tree.puk_a)


def _upload(client, unit, path):
    with open(path, "rb") as handle:
        return client.post(f"{API}/units/{unit.pk}/imports", {"file": handle})


def test_a_list_is_uploaded_checked_in_the_background_and_committed(
    tree, officer, client_for, tmp_path, django_capture_on_commit_callbacks
):
    client = client_for(officer)
    rows = [["Nama", "NIK", "No. HP"], ["Siti", SITI, "81234567890"], ["Rusak", "123", ""], ["Budi", BUDI, ""]]
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, tree.puk_a, write_xlsxwriter(tmp_path / "a.xlsx", rows))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["file_format"], body["needs_mapping"], body["header_row"]) == (
        "checking",
        "xlsx",
        False,
        1,
    )
    assert body["columns"] == [
        {"index": 0, "header": "Nama", "field": "full_name"},
        {"index": 1, "header": "NIK", "field": "nik"},
        {"index": 2, "header": "No. HP", "field": "phone"},
    ]
    batch = client.get(f"{API}/imports/{body['id']}").json()
    assert (batch["status"], batch["progress"]) == ("checked", {"rows_done": 3, "rows_total": 3, "percent": 100})
    assert {k: batch["counts"][k] for k in ("rows", "created", "errors")} == {"rows": 3, "created": 2, "errors": 1}
    problems = client.get(f"{API}/imports/{body['id']}/problems?kind=error").json()["items"]
    assert [(p["row"], p["column"], p["code"], p["is_error"]) for p in problems] == [(3, "NIK", "nik_length", True)]
    with django_capture_on_commit_callbacks(execute=True):
        response = call(client, "POST", f"{API}/imports/{body['id']}/commit")
    assert (response.status_code, response.json()["status"]) == (202, "committing")
    done = client.get(f"{API}/imports/{body['id']}").json()
    assert (done["status"], done["counts"]["created"]) == ("committed", 2)
    assert Member.objects.count() == 2
    assert call(client, "POST", f"{API}/imports/{body['id']}/cancel").status_code == 409


def test_unrecognised_columns_are_answered_with_put_columns(tree, officer, client_for, tmp_path):
    client = client_for(officer)
    rows = [["Nama", "Nomor KTP Pekerja", "Catatan Khusus"], ["Siti", SITI, "x"]]
    body = _upload(client, tree.puk_a, write_csv(tmp_path / "a.csv", rows)).json()
    assert (body["status"], body["needs_mapping"]) == ("uploaded", True)
    assert [c["field"] for c in body["columns"]] == ["full_name", None, None]
    response = call(client, "PUT", f"{API}/imports/{body['id']}/columns", {"columns": {"1": "nik", "2": ""}})
    assert response.status_code == 202, response.content
    assert [c["field"] for c in response.json()["columns"]] == ["full_name", "nik", ""]
    refused = call(client, "PUT", f"{API}/imports/{body['id']}/columns", {"columns": {"1": "shoe_size"}})
    assert refused.status_code == 409  # the check has started: the columns are settled


def test_problems_are_paged_by_row(tree, officer, client_for, tmp_path):
    client = client_for(officer)
    rows = [["Nama", "NIK"]] + [[f"X{i}", f"{i}"] for i in range(5)]
    body = _upload(client, tree.puk_a, write_csv(tmp_path / "a.csv", rows)).json()
    from serikat.membership.services_imports import execute_import

    ImportBatch.objects.filter(pk=body["id"]).update(status="checking")
    execute_import(body["id"], officer, commit=False)
    first = client.get(f"{API}/imports/{body['id']}/problems?limit=3").json()
    second = client.get(first["next"]).json()
    assert [p["row"] for p in first["items"]] + [p["row"] for p in second["items"]] == [2, 3, 4, 5, 6]
    assert second["next"] is None


def test_uploading_into_a_union_outside_scope_is_not_found_and_read_only_is_forbidden(
    tree, officer, client_for, make_user, tmp_path
):
    path = write_csv(tmp_path / "a.csv", [["Nama", "NIK"], ["Siti", SITI]])
    assert _upload(client_for(officer), tree.puk_b, path).status_code == 404
    assert _upload(client_for(make_user("read_only", tree.puk_a)), tree.puk_a, path).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_a_file_that_is_no_spreadsheet_is_refused_with_the_reason(tree, officer, client_for, tmp_path):
    path = tmp_path / "members.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    response = _upload(client_for(officer), tree.puk_a, path)
    assert response.status_code == 400
    assert response.json()["code"] == "import-unreadable"
    assert ImportBatch.objects.count() == 0
