"""Permission-matrix rows of the production and review API (see serikat/core/tests/test_api_matrix.py;
no tests of its own here).

The world (extend_world) gives PC-SPL-BKS a package with a module and a session, a meeting on it
with a participant, an input linked to the module, a trainer of PUK-A, an open review round, an open
thread and a resolved one (both opened by the administrator). Callers stand at PC-SPL-BKS (own),
PC-SPL-KRW (sibling) and FSPMI-SPL (ancestor), except for the trainer pool (PUK-A, PUK-B, PC-SPL-BKS).
A secretariat reads and reviews but authors nothing: meetings, inputs, links and rounds are refused
(403 where the caller sees them, 404 where not); opening a thread and replying are accepted; resolving
someone else's thread is refused. Accepted authoring is tested in test_api_production.py.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.training import services_production as production
from serikat.training import services_review as review
from serikat.training.models import (
    InputLink,
    MeetingInput,
    MeetingParticipant,
    Module,
    Package,
    ProductionMeeting,
    ReviewComment,
    ReviewRound,
    ReviewThread,
    Session,
    Trainer,
)

UNITS = ("PC-SPL-BKS", "PC-SPL-KRW", "FSPMI-SPL")
READ = (401, 404, 404, 200, 200, 200)
LIST = (401, "200-", "200-", "200+", "200+", "200+")
INNER_LIST = (401, 404, 404, "200+", "200+", "200+")
WRITE = (401, 404, 404, 403, 403, 403)
REVIEW = (401, 404, 404, 201, 201, 403)


def extend_world(world: SimpleNamespace) -> None:
    tree, admin = world.tree, world.tree.admin
    package = Package.objects.create(
        unit=tree.pc_bks, code="PC-01", title="Berunding di PUK", theme="foa", created_by=admin
    )
    module = Module.objects.create(package=package, position=1, title="Persiapan berunding")
    session = Session.objects.create(module=module, position=1, title="Menyusun tuntutan")
    meeting = production.record_meeting(
        actor=admin, unit=tree.pc_bks, title="Kelompok produksi Bekasi", held_on=datetime.date(2025, 2, 1),
        packages=[package],
    )  # fmt: skip
    participant = production.add_participant(actor=admin, meeting=meeting, name="Budi", unit=tree.puk_a)
    item = production.record_input(actor=admin, meeting=meeting, kind="need", text="Contoh PKB", raised_by=participant)
    spare = production.record_input(actor=admin, meeting=meeting, kind="approach", text="Simulasi")
    link = production.link_input(actor=admin, input=item, module=module)
    trainer = production.record_trainer(actor=admin, unit=tree.puk_a, name="Rina")
    round_ = review.open_review_round(actor=admin, package=package)
    thread = review.open_thread(actor=admin, module=module, body="Perlu contoh tuntutan.")
    resolved = review.open_thread(actor=admin, module=module, session=session, body="Salah ketik.")
    review.resolve_thread(actor=admin, thread=resolved, resolution="Diperbaiki.")
    world.production = SimpleNamespace(
        package=package, module=module, session=session, meeting=meeting, participant=participant, input=item,
        spare=spare, link=link, trainer=trainer, round=round_, thread=thread, resolved=resolved,
        comment=thread.comments.get(),
    )  # fmt: skip


def _p(w) -> SimpleNamespace:
    return w.production


def _meeting(w, tail=""):
    return f"{API}/training/meetings/{_p(w).meeting.pk}{tail}"


def _package(w, tail=""):
    return f"{API}/training/packages/{_p(w).package.pk}{tail}"


def _thread(w, tail="", key="thread"):
    return f"{API}/training/review-threads/{getattr(_p(w), key).pk}{tail}"


MATRIX: dict[str, Op] = {
    "GET /training/trainers": Op(lambda w: (f"{API}/training/trainers", None), LIST, listed=lambda w: _p(w).trainer.pk),
    "POST /training/trainers": Op(
        lambda w: (f"{API}/training/trainers", {"unit": _u(w, "PUK-A"), "name": "Tono"}), WRITE
    ),
    "GET /training/meetings": Op(
        lambda w: (f"{API}/training/meetings", None), LIST, units=UNITS, listed=lambda w: _p(w).meeting.pk
    ),
    "POST /training/meetings": Op(
        lambda w: (
            f"{API}/training/meetings",
            {"unit": _u(w, "PC-SPL-BKS"), "title": "Rapat lanjutan", "held_on": "2025-03-01"},
        ),
        WRITE,
        units=UNITS,
    ),
    "GET /training/meetings/{meeting_id}": Op(lambda w: (_meeting(w), None), READ, units=UNITS),
    "PATCH /training/meetings/{meeting_id}": Op(lambda w: (_meeting(w), {"place": "Cikarang"}), WRITE, units=UNITS),
    "GET /training/meetings/{meeting_id}/participants": Op(
        lambda w: (_meeting(w, "/participants"), None), INNER_LIST, units=UNITS, listed=lambda w: _p(w).participant.pk
    ),
    "POST /training/meetings/{meeting_id}/participants": Op(
        lambda w: (_meeting(w, "/participants"), {"name": "Ani", "unit": _u(w, "FSPMI")}), WRITE, units=UNITS
    ),
    "POST /training/meeting-participants/{participant_id}/remove": Op(
        lambda w: (f"{API}/training/meeting-participants/{_p(w).participant.pk}/remove", None), WRITE, units=UNITS
    ),
    "GET /training/meetings/{meeting_id}/inputs": Op(
        lambda w: (_meeting(w, "/inputs"), None), INNER_LIST, units=UNITS, listed=lambda w: _p(w).input.pk
    ),
    "POST /training/meetings/{meeting_id}/inputs": Op(
        lambda w: (_meeting(w, "/inputs"), {"kind": "obstacle", "text": "Intimidasi"}), WRITE, units=UNITS
    ),
    "POST /training/meeting-inputs/{input_id}/links": Op(
        lambda w: (f"{API}/training/meeting-inputs/{_p(w).spare.pk}/links", {"module": _p(w).module.pk}),
        WRITE,
        units=UNITS,
    ),
    "POST /training/input-links/{link_id}/remove": Op(
        lambda w: (f"{API}/training/input-links/{_p(w).link.pk}/remove", None), WRITE, units=UNITS
    ),
    "GET /training/packages/{package_id}/review-rounds": Op(
        lambda w: (_package(w, "/review-rounds"), None), INNER_LIST, units=UNITS, listed=lambda w: _p(w).round.pk
    ),
    "POST /training/packages/{package_id}/review-rounds": Op(
        lambda w: (_package(w, "/review-rounds"), {"title": "Putaran 2"}), WRITE, units=UNITS
    ),
    "POST /training/review-rounds/{round_id}/close": Op(
        lambda w: (f"{API}/training/review-rounds/{_p(w).round.pk}/close", None), WRITE, units=UNITS
    ),
    "GET /training/packages/{package_id}/review-threads": Op(
        lambda w: (_package(w, "/review-threads"), None), INNER_LIST, units=UNITS, listed=lambda w: _p(w).thread.pk
    ),
    "POST /training/review-threads": Op(
        lambda w: (
            f"{API}/training/review-threads",
            {"module": _p(w).module.pk, "session": _p(w).session.pk, "body": "Bagaimana dengan PKWT?"},
        ),
        REVIEW,
        units=UNITS,
    ),
    "GET /training/review-threads/{thread_id}": Op(lambda w: (_thread(w), None), READ, units=UNITS),
    "GET /training/review-threads/{thread_id}/comments": Op(
        lambda w: (_thread(w, "/comments"), None), INNER_LIST, units=UNITS, listed=lambda w: _p(w).comment.pk
    ),
    "POST /training/review-threads/{thread_id}/comments": Op(
        lambda w: (_thread(w, "/comments"), {"body": "Setuju."}), REVIEW, units=UNITS
    ),
    "POST /training/review-threads/{thread_id}/resolve": Op(
        lambda w: (_thread(w, "/resolve"), {"resolution": "Selesai."}), WRITE, units=UNITS
    ),
    "POST /training/review-threads/{thread_id}/reopen": Op(
        lambda w: (_thread(w, "/reopen", key="resolved"), {"reason": "Belum."}), WRITE, units=UNITS
    ),
}
SNAPSHOT_MODELS: tuple = (
    Trainer,
    ProductionMeeting,
    ProductionMeeting.packages.through,
    MeetingParticipant,
    MeetingInput,
    InputLink,
    ReviewRound,
    ReviewThread,
    ReviewComment,
)
