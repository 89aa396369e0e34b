"""Permission-matrix rows of the member-import API (see serikat/core/tests/test_api_matrix.py).

The world gets one checked import at PUK-A (a two-column list, "Nama" and "NIK") with a problem.
Reading needs membership.view_member (read_only sees it); acting needs membership.import_members
(read_only: 403). The upload endpoint takes multipart data, which the matrix does not send: the
callers who pass the scope check get 400 (no file); uploads themselves are tested in
test_imports_api.py.
"""

from __future__ import annotations

from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, LIST, READ, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.membership.models import ColumnMapping, ImportBatch, ImportProblem

ACCEPTED = (401, 404, 404, 202, 202, 403)

MATRIX: dict[str, Op] = {
    "GET /imports": Op(lambda w: (f"{API}/imports", None), LIST, listed=lambda w: w.import_batch.pk),
    "POST /units/{unit_id}/imports": Op(
        lambda w: (f"{API}/units/{_u(w, 'PUK-A')}/imports", {}), (401, 404, 404, 400, 400, 403)
    ),
    "GET /imports/{batch_id}": Op(lambda w: (f"{API}/imports/{w.import_batch.pk}", None), READ),
    "GET /imports/{batch_id}/problems": Op(lambda w: (f"{API}/imports/{w.import_batch.pk}/problems", None), READ),
    "PUT /imports/{batch_id}/columns": Op(
        lambda w: (f"{API}/imports/{w.import_batch.pk}/columns", {"columns": {"0": "full_name", "1": "nik"}}),
        ACCEPTED,
    ),
    "POST /imports/{batch_id}/check": Op(lambda w: (f"{API}/imports/{w.import_batch.pk}/check", None), ACCEPTED),
    "POST /imports/{batch_id}/commit": Op(lambda w: (f"{API}/imports/{w.import_batch.pk}/commit", None), ACCEPTED),
    "POST /imports/{batch_id}/cancel": Op(
        lambda w: (f"{API}/imports/{w.import_batch.pk}/cancel", None), (401, 404, 404, 200, 200, 403)
    ),
}
SNAPSHOT_MODELS = (ImportBatch, ImportProblem, ColumnMapping)


def extend_world(world: SimpleNamespace) -> None:
    """A checked import at PUK-A. Its file is never opened here: tasks run only after a commit,
    and the matrix rolls every call back."""
    batch = ImportBatch.objects.create(
        unit=world.tree.puk_a,
        uploaded_by=world.tree.admin,
        file="imports/matrix.csv",
        filename="anggota.csv",
        file_sha256="0" * 64,
        file_format="csv",
        status=ImportBatch.Status.CHECKED,
        mapping={"header_row": 0, "headers": ["Nama", "NIK"], "columns": {"0": "full_name", "1": "nik"}, "unknown": []},
        rows_total=2,
        rows_done=2,
        counts={"phase": "check", "rows": 2, "created": 1, "updated": 0, "unchanged": 0, "errors": 1},
    )
    ImportProblem.objects.create(batch=batch, row=3, column="NIK", code="nik_length", message="A NIK has 16 digits.")
    world.import_batch = batch
