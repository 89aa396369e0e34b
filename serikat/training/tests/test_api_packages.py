"""The package API as an author uses it: create, write, move, stale saves (409), stage moves and the
alignment answer. Refusals are in the matrix (api_matrix_packages.py); here the ones that need an
author or a publisher."""

from __future__ import annotations

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import API, call
from serikat.training.models import Package, Session
from serikat.training.tests.packages_helpers import build_package

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def author(make_user, tree):
    return make_user("training_author", tree.root)


def test_an_author_builds_a_package_through_the_api(author, tree, client_for):
    client = client_for(author)
    created = call(
        client,
        "POST",
        f"{API}/training/packages",
        {"unit": tree.root.pk, "code": "gei-01", "title": "Kesetaraan Gender", "theme": "gender", "stated_minutes": 60},
    )
    assert created.status_code == 201, created.content
    package = created.json()
    assert (package["code"], package["stage"], package["revision"], package["unit"]["code"]) == (
        "GEI-01", "drafting", 1, "KSPI",
    )  # fmt: skip
    base = f"{API}/training/packages/{package['id']}"
    objective = call(client, "POST", f"{base}/objectives", {"text": "Mengenali diskriminasi", "revision": 1}).json()
    module = call(client, "POST", f"{base}/modules", {"title": "Dasar", "introduction": "<p>Hai<script>x</script></p>"})
    assert (module.status_code, module.json()["introduction"]) == (201, "<p>Hai</p>")
    session = call(
        client,
        "POST",
        f"{API}/training/modules/{module.json()['id']}/sessions",
        {"title": "Curah pendapat", "duration_minutes": 60, "method": "brainstorm", "objectives": [objective["id"]]},
    )
    assert (session.status_code, session.json()["objectives"]) == (201, [objective["id"]])
    question = call(
        client,
        "POST",
        f"{API}/training/sessions/{session.json()['id']}/questions",
        {"kind": "true_false", "text": "Upah sama untuk kerja sama nilainya?"},
    )
    assert question.status_code == 201
    alignment = client.get(f"{base}/alignment").json()
    assert (alignment["can_be_approved"], alignment["problems"], alignment["revision"]) == (True, [], 5)


def test_a_stale_revision_answers_409_and_changes_nothing(author, tree, client_for):
    world = build_package(tree, author)
    url = f"{API}/training/packages/{world.package.pk}"
    old = world.package.revision
    assert call(client_for(author), "PATCH", url, {"title": "Baru", "revision": old}).status_code == 200
    before = (list(Package.objects.values_list("title", "revision")), AuditEvent.objects.count())
    stale = call(client_for(author), "PATCH", url, {"audience": "PUK", "revision": old})
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale-revision"
    assert stale.json()["errors"] == [{"field": "body.revision", "message": stale.json()["detail"]}]
    assert (list(Package.objects.values_list("title", "revision")), AuditEvent.objects.count()) == before


def test_validation_problems_name_the_body_field(author, tree, client_for):
    world = build_package(tree, author)
    answer = call(
        client_for(author),
        "PATCH",
        f"{API}/training/sessions/{world.sessions[0].pk}",
        {"method": "lecture", "title": ""},
    )
    assert answer.status_code == 400
    assert sorted(e["field"] for e in answer.json()["errors"]) == ["body.method", "body.title"]


def test_moves_a_session_to_another_module(author, tree, client_for):
    world = build_package(tree, author)
    answer = call(
        client_for(author),
        "PATCH",
        f"{API}/training/sessions/{world.sessions[0].pk}",
        {"module": world.modules[1].pk, "position": 1},
    )
    assert (answer.status_code, answer.json()["module"], answer.json()["position"]) == (200, world.modules[1].pk, 1)
    assert list(Session.objects.filter(module=world.modules[1]).values_list("title", flat=True)) == [
        "Sejarah",
        "Pemetaan",
    ]
    both = call(
        client_for(author), "PATCH", f"{API}/training/sessions/{world.sessions[1].pk}", {"position": 1, "title": "x"}
    )
    assert (both.status_code, both.json()["code"]) == (400, "one-change-at-a-time")


def test_approval_needs_a_publisher_and_an_aligned_package(author, make_user, tree, client_for):
    world = build_package(tree, author)
    url = f"{API}/training/packages/{world.package.pk}/stage"
    for stage in ("production_review", "finalisation", "alignment"):
        assert call(client_for(author), "POST", url, {"to_stage": stage}).status_code == 200
    assert call(client_for(author), "POST", url, {"to_stage": "approved"}).status_code == 403
    publisher = make_user("training_publisher", tree.root)
    refused = call(client_for(publisher), "POST", url, {"to_stage": "approved"})
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (400, "body.to_stage")
    assert Package.objects.get(pk=world.package.pk).stage == "alignment"


def test_a_trainer_reads_a_confederation_package_but_cannot_change_it(author, make_user, tree, client_for):
    world = build_package(tree, author)
    trainer = client_for(make_user("trainer", tree.puk_a))
    assert trainer.get(f"{API}/training/packages/{world.package.pk}").status_code == 200
    events = AuditEvent.objects.count()
    answer = call(trainer, "DELETE", f"{API}/training/modules/{world.modules[0].pk}")
    assert answer.status_code == 403
    assert AuditEvent.objects.count() == events
    other = client_for(make_user("training_author", tree.spn))
    federation_package = build_package(tree, author, unit=tree.fspmi, code="FED")
    assert other.get(f"{API}/training/packages/{federation_package.package.pk}").status_code == 404


def test_deleting_an_objective_closes_the_gap(author, tree, client_for):
    world = build_package(tree, author)
    url = f"{API}/training/packages/{world.package.pk}/objectives/{world.objectives[0].pk}"
    assert call(client_for(author), "DELETE", f"{url}?revision={world.package.revision}").status_code == 204
    listed = client_for(author).get(f"{API}/training/packages/{world.package.pk}/objectives").json()["items"]
    assert [(o["text"], o["position"]) for o in listed] == [("Menyusun rencana pengorganisasian", 1)]
