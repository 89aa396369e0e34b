"""Permission-matrix rows of the training package API (see serikat/core/tests/test_api_matrix.py).

The world (extend_world) gives FSPMI a package with an objective, a term, a module, a session and
a question. The callers stand at FSPMI (own), SPN (sibling: another federation, which does not see
FSPMI's packages) and KSPI (ancestor). A secretariat reads packages but does not write them: every
write is refused, 403 where the caller sees the package (or the unit), 404 where it does not.
Accepted writes are tested in test_api_packages.py.
"""

from __future__ import annotations

from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.training import services_packages as s
from serikat.training.models import (
    AssessmentQuestion,
    ContentImage,
    GlossaryTerm,
    LearningObjective,
    Module,
    Package,
    Session,
    StageChange,
)

UNITS = ("FSPMI", "SPN", "KSPI")
READ = (401, 404, 404, 200, 200, 200)
LIST = (401, "200-", "200-", "200+", "200+", "200+")
INNER_LIST = (401, 404, 404, "200+", "200+", "200+")
WRITE = (401, 404, 404, 403, 403, 403)


def extend_world(world: SimpleNamespace) -> None:
    admin = world.tree.admin
    package = s.create_package(
        actor=admin, unit=world.tree.fspmi, code="K3-01", title="K3 di pabrik logam", theme="osh", stated_minutes=90
    )
    objective = s.add_objective(actor=admin, package=package, text="Mengenali bahaya di tempat kerja")
    term = s.add_term(actor=admin, package=package, term="P2K3", variants="panitia K3")
    module = s.add_module(actor=admin, package=package, title="Bahaya kerja")
    session = s.add_session(
        actor=admin, module=module, title="Peta risiko", duration_minutes=90, objectives=[objective]
    )
    question = s.add_question(actor=admin, session=session, text="Sebutkan tiga bahaya.")
    package.refresh_from_db()
    world.training_package = package
    world.training_objective, world.training_term = objective, term
    world.training_module, world.training_session, world.training_question = module, session, question


def _p(w, tail=""):
    return f"{API}/training/packages/{w.training_package.pk}{tail}"


def _m(w, tail=""):
    return f"{API}/training/modules/{w.training_module.pk}{tail}"


def _s(w, tail=""):
    return f"{API}/training/sessions/{w.training_session.pk}{tail}"


def op(request, expect, **kw):
    return Op(request, expect, units=UNITS, **kw)


MATRIX: dict[str, Op] = {
    "GET /training/packages": op(
        lambda w: (f"{API}/training/packages", None), LIST, listed=lambda w: w.training_package.pk
    ),
    "POST /training/packages": op(
        lambda w: (
            f"{API}/training/packages",
            {"unit": _u(w, "FSPMI"), "code": "NEW", "title": "Baru", "theme": "foa"},
        ),
        WRITE,
    ),
    "GET /training/packages/{package_id}": op(lambda w: (_p(w), None), READ),
    "PATCH /training/packages/{package_id}": op(lambda w: (_p(w), {"title": "Diubah"}), WRITE),
    "POST /training/packages/{package_id}/stage": op(
        lambda w: (_p(w, "/stage"), {"to_stage": "production_review"}), WRITE
    ),
    "GET /training/packages/{package_id}/alignment": op(lambda w: (_p(w, "/alignment"), None), READ),
    "GET /training/packages/{package_id}/objectives": op(
        lambda w: (_p(w, "/objectives"), None), INNER_LIST, listed=lambda w: w.training_objective.pk
    ),
    "POST /training/packages/{package_id}/objectives": op(lambda w: (_p(w, "/objectives"), {"text": "Baru"}), WRITE),
    "PATCH /training/packages/{package_id}/objectives/{objective_id}": op(
        lambda w: (_p(w, f"/objectives/{w.training_objective.pk}"), {"text": "Diubah"}), WRITE
    ),
    "DELETE /training/packages/{package_id}/objectives/{objective_id}": op(
        lambda w: (_p(w, f"/objectives/{w.training_objective.pk}"), None), WRITE
    ),
    "GET /training/packages/{package_id}/terms": op(
        lambda w: (_p(w, "/terms"), None), INNER_LIST, listed=lambda w: w.training_term.pk
    ),
    "POST /training/packages/{package_id}/terms": op(lambda w: (_p(w, "/terms"), {"term": "PKB"}), WRITE),
    "PUT /training/packages/{package_id}/terms/{term_id}": op(
        lambda w: (_p(w, f"/terms/{w.training_term.pk}"), {"term": "P2K3", "variants": []}), WRITE
    ),
    "DELETE /training/packages/{package_id}/terms/{term_id}": op(
        lambda w: (_p(w, f"/terms/{w.training_term.pk}"), None), WRITE
    ),
    "GET /training/packages/{package_id}/modules": op(
        lambda w: (_p(w, "/modules"), None), INNER_LIST, listed=lambda w: w.training_module.pk
    ),
    "POST /training/packages/{package_id}/modules": op(lambda w: (_p(w, "/modules"), {"title": "Baru"}), WRITE),
    "GET /training/modules/{module_id}": op(lambda w: (_m(w), None), READ),
    "PATCH /training/modules/{module_id}": op(lambda w: (_m(w), {"title": "Diubah"}), WRITE),
    "DELETE /training/modules/{module_id}": op(lambda w: (_m(w), None), WRITE),
    "GET /training/modules/{module_id}/sessions": op(
        lambda w: (_m(w, "/sessions"), None), INNER_LIST, listed=lambda w: w.training_session.pk
    ),
    "POST /training/modules/{module_id}/sessions": op(lambda w: (_m(w, "/sessions"), {"title": "Baru"}), WRITE),
    "GET /training/sessions/{session_id}": op(lambda w: (_s(w), None), READ),
    "PATCH /training/sessions/{session_id}": op(lambda w: (_s(w), {"duration_minutes": 45}), WRITE),
    "DELETE /training/sessions/{session_id}": op(lambda w: (_s(w), None), WRITE),
    "GET /training/sessions/{session_id}/questions": op(
        lambda w: (_s(w, "/questions"), None), INNER_LIST, listed=lambda w: w.training_question.pk
    ),
    "POST /training/sessions/{session_id}/questions": op(lambda w: (_s(w, "/questions"), {"text": "Apa?"}), WRITE),
    "PATCH /training/sessions/{session_id}/questions/{question_id}": op(
        lambda w: (_s(w, f"/questions/{w.training_question.pk}"), {"text": "Diubah"}), WRITE
    ),
    "DELETE /training/sessions/{session_id}/questions/{question_id}": op(
        lambda w: (_s(w, f"/questions/{w.training_question.pk}"), None), WRITE
    ),
}
SNAPSHOT_MODELS: tuple = (
    Package,
    LearningObjective,
    GlossaryTerm,
    Module,
    Session,
    AssessmentQuestion,
    ContentImage,
    StageChange,
)
