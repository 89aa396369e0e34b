"""Imports as the worker and the command line run them: outside any transaction, each chunk really
committed on its own. These tests commit for real (transactional database), which the other import
tests avoid for speed."""

from __future__ import annotations

import importlib
import threading

import pytest
from django.apps import apps
from django.utils import translation

from serikat.membership import services_imports as imports
from serikat.membership.models import ImportBatch, ImportProblem, Member
from serikat.membership.tests.import_files import write_csv

pytestmark = pytest.mark.django_db(transaction=True)
DATA_MIGRATIONS = (
    ("serikat.accounts.migrations.0002_roles", "create_roles"),
    ("serikat.organisation.migrations.0002_positions_and_sectors", "create"),
    ("serikat.membership.migrations.0002_role_permissions", "add"),
)


@pytest.fixture(autouse=True)
def migration_rows(transactional_db):
    """The roles, positions and sectors the data migrations create, put back when an earlier
    transactional test's flush removed them (Django's serialized rollback would clash with the
    content types such a flush re-creates)."""
    from serikat.accounts.models import Role

    if not Role.objects.exists():
        for module, function in DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)


SITI = "3216015708850001"
BUDI = "3216010203900002"
DEWI = "3216014512950003"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with translation.override("en"):
        yield


def _file(tmp_path):
    rows = [["Nama", "NIK"], ["Siti", SITI], ["Rusak", "123"], ["Budi", BUDI], ["Siti lagi", SITI], ["Dewi", DEWI]]
    return write_csv(tmp_path / "a.csv", rows)


def test_chunks_committed_one_by_one_give_the_result_of_the_whole_file(tree, tmp_path):
    batch = imports.import_file(_file(tmp_path), tree.puk_a, tree.admin, chunk_rows=2)
    assert batch.status == "committed"
    assert {k: batch.counts[k] for k in ("rows", "created", "errors")} == {"rows": 5, "created": 3, "errors": 2}
    assert sorted(Member.objects.values_list("nik", flat=True)) == sorted([SITI, BUDI, DEWI])
    problems = list(ImportProblem.objects.filter(batch=batch).order_by("row").values_list("row", "code"))
    assert problems == [(3, "nik_length"), (5, "nik_duplicate")]


def test_on_postgresql_the_chunks_are_written_by_threads_of_their_own(tree, tmp_path):
    from django.db import connection

    writers = []
    batch = imports.import_file(
        _file(tmp_path),
        tree.puk_a,
        tree.admin,
        chunk_rows=2,
        after_chunk=lambda _chunk: writers.append(threading.current_thread().name),
    )
    assert batch.status == "committed"
    if connection.vendor == "postgresql":
        assert set(writers) <= {"member-import-writer-1", "member-import-writer-2"}
        assert len(writers) == 3
    else:
        assert writers == [threading.main_thread().name] * 3


class Interrupted(Exception):
    pass


def test_an_interruption_after_a_committed_chunk_leaves_a_resumable_batch(tree, tmp_path):
    def crash(chunk: int) -> None:
        if chunk == 1:
            raise Interrupted

    with pytest.raises(Interrupted):
        imports.import_file(_file(tmp_path), tree.puk_a, tree.admin, chunk_rows=2, after_chunk=crash)
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.rows_done, Member.objects.count()) == ("failed", 2, 1)
    imports.commit_import(actor=tree.admin, batch=batch, background=False)
    resumed = imports.execute_import(batch.pk, tree.admin, commit=True, chunk_rows=2)
    assert (resumed.status, resumed.counts["created"], resumed.counts["errors"]) == ("committed", 3, 2)
    assert Member.objects.count() == 3


def test_a_check_cancelled_while_it_runs_stops_at_the_next_chunk(tree, tmp_path):
    with open(_file(tmp_path), "rb") as handle:
        batch = imports.upload_member_file(actor=tree.admin, unit=tree.puk_a, file=handle, start_check=False)
    imports.check_import(actor=tree.admin, batch=batch, background=False)

    def cancel(chunk: int) -> None:
        if chunk == 1:
            ImportBatch.objects.filter(pk=batch.pk).update(status="cancelled")

    imports.execute_import(batch.pk, tree.admin, commit=False, chunk_rows=2, after_chunk=cancel)
    batch.refresh_from_db()
    assert (batch.status, batch.rows_done) == ("cancelled", 2)
