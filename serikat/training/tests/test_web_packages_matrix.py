"""Permission matrix of the training package screens (URL names in COVERED; see
core/tests/test_pages_matrix.py).

A confederation package is readable down the whole tree (the people who use it work below it); a
federation's package by its own units and by the confederation, not by another federation. Writing
needs training_author at a unit that covers the owning unit: a trainer or a reader who sees the
package gets 403, someone who does not see it 404. Every refused write changes nothing, audit log
and stored images included.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from serikat.audit.models import AuditEvent
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
from serikat.training.tests.packages_helpers import build_package

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "training:home",
    "training:package_create",
    "training:package",
    "training:package_edit",
    "training:stage_move",
    "training:objectives",
    "training:objective_edit",
    "training:objective_remove",
    "training:objective_move",
    "training:terms",
    "training:term_edit",
    "training:term_remove",
    "training:module_add",
    "training:image_upload",
    "training:image",
    "training:module",
    "training:module_remove",
    "training:module_move",
    "training:session_add",
    "training:session",
    "training:session_remove",
    "training:session_move",
    "training:question_add",
    "training:question_edit",
    "training:question_remove",
    "training:question_move",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "other_federation", "author", "federation_author")

# What each URL needs, by the objects in its path.
ARGS = {
    "home": (),
    "package_create": (),
    "package": ("package",),
    "package_edit": ("package",),
    "stage_move": ("package",),
    "objectives": ("package",),
    "objective_edit": ("package", "objective"),
    "objective_remove": ("package", "objective"),
    "objective_move": ("package", "objective"),
    "terms": ("package",),
    "term_edit": ("package", "term"),
    "term_remove": ("package", "term"),
    "module_add": ("package",),
    "image_upload": ("package",),
    "image": ("package", "image"),
    "module": ("module",),
    "module_remove": ("module",),
    "module_move": ("module",),
    "session_add": ("module",),
    "session": ("session",),
    "session_remove": ("session",),
    "session_move": ("session",),
    "question_add": ("session",),
    "question_edit": ("session", "question"),
    "question_remove": ("session", "question"),
    "question_move": ("session", "question"),
}
READS = {"package", "objectives", "terms", "image", "module", "session"}
AUTHOR_FORMS = {"package_edit", "objective_edit", "term_edit", "module_add", "session_add", "question_edit"}
POST_ONLY = set(ARGS) - READS - AUTHOR_FORMS - {"home", "package_create"}

#                 anonymous no_grant sibling own ancestor other_fed author federation_author
READ = {
    "confederation": (302, 404, 200, 200, 200, 200, 200, 200),
    "federation": (302, 404, 200, 200, 200, 404, 200, 200),
}
AUTHOR = {
    "confederation": (302, 404, 403, 403, 403, 403, 200, 403),
    "federation": (302, 404, 403, 403, 403, 404, 200, 200),
}
METHOD_NOT_ALLOWED = (405,) * len(ACTORS)


@pytest.fixture
def world(tree, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    author = make_user("training_author", tree.root)
    objects = {}
    for key, unit in (("confederation", tree.root), ("federation", tree.fspmi)):
        built = build_package(tree, author, unit=unit, code=f"P-{key[:4]}")
        question = s.add_question(actor=author, session=built.sessions[0], text="Apa?")
        buffer = io.BytesIO()
        Image.new("RGB", (2, 2)).save(buffer, "PNG")
        image = s.upload_image(actor=author, package=built.package, data=buffer.getvalue())
        objects[key] = {
            "package": built.package,
            "objective": built.objectives[0],
            "term": built.term,
            "module": built.modules[0],
            "session": built.sessions[0],
            "question": question,
            "image": image,
        }
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("trainer", tree.puk_b),
        "own": make_user("trainer", tree.puk_a),
        "ancestor": make_user("read_only", tree.root),
        "other_federation": make_user("trainer", tree.spn),
        "author": author,
        "federation_author": make_user("training_author", tree.fspmi),
    }
    return objects, actors


def _url(name, objects):
    return reverse(f"training:{name}", args=[objects[key].pk for key in ARGS[name]])


def _expected(name, key):
    if name == "home":
        return (302,) + (200,) * (len(ACTORS) - 1)
    if name == "package_create":
        return (302, 403, 403, 403, 403, 403, 200, 200)
    if name in READS:
        return READ[key]
    if name in AUTHOR_FORMS:
        return AUTHOR[key]
    return METHOD_NOT_ALLOWED


def test_covered_names_are_the_package_urls():
    assert {f"training:{name}" for name in ARGS} == COVERED


@pytest.mark.parametrize("key", ["confederation", "federation"])
@pytest.mark.parametrize("name", sorted(ARGS))
def test_reading(world, client_for, name, key):
    objects, actors = world
    url = _url(name, objects[key])
    got = tuple(client_for(actors[a]).get(url).status_code for a in ACTORS)
    assert got == _expected(name, key)


def test_home_lists_the_packages_each_actor_may_read(world, client_for):
    _objects, actors = world
    pages = {a: client_for(actors[a]).get(reverse("training:home")).content.decode() for a in ACTORS[1:]}
    seen = {a: ("P-CONF" in page, "P-FEDE" in page) for a, page in pages.items()}
    assert seen == {
        "no_grant": (False, False),
        "sibling": (True, True),
        "own": (True, True),
        "ancestor": (True, True),
        "other_federation": (True, False),
        "author": (True, True),
        "federation_author": (True, True),
    }


def test_a_reader_sees_no_edit_controls(world, client_for):
    objects, actors = world
    page = client_for(actors["own"]).get(_url("session", objects["confederation"])).content.decode()
    assert 'data-testid="session-form"' not in page and 'data-editor="rich"' not in page
    page = client_for(actors["author"]).get(_url("session", objects["confederation"])).content.decode()
    assert 'data-testid="session-form"' in page


def _fingerprint(media):
    return (
        list(Package.objects.values_list("id", "code", "title", "revision", "stage").order_by("id")),
        list(LearningObjective.objects.values_list("id", "text", "position").order_by("id")),
        list(GlossaryTerm.objects.values_list("id", "term").order_by("id")),
        list(Module.objects.values_list("id", "title", "position").order_by("id")),
        list(Session.objects.values_list("id", "title", "position", "module_id").order_by("id")),
        list(AssessmentQuestion.objects.values_list("id", "text", "position").order_by("id")),
        list(ContentImage.objects.values_list("id", flat=True).order_by("id")),
        StageChange.objects.count(),
        AuditEvent.objects.count(),
        sorted(str(p) for p in media.rglob("*")),
    )


def _form(objects):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "x.png"
    return {
        "revision": objects["package"].revision,
        "unit": objects["package"].unit_id,
        "code": "NEW",
        "title": "Changed",
        "theme": "foa",
        "text": "Changed",
        "term": "Changed",
        "introduction": "<p>x</p>",
        "duration_minutes": "10",
        "method": "role_play",
        "kind": "open",
        "position": "2",
        "to_stage": "production_review",
        "note": "x",
        "file": buffer,
    }


WRITES = sorted(set(ARGS) - {"home", "image", "package"})
# Refused POSTs: anonymous, no grant, a trainer of the own union, a reader at the confederation, a
# trainer of another federation, an author at a federation (for the confederation's package).
REFUSED = ("anonymous", "no_grant", "own", "ancestor", "other_federation", "federation_author")
REFUSED_STATUS = {
    "confederation": (302, 404, 403, 403, 403, 403),
    "federation": (302, 404, 403, 403, 404, None),  # the federation's author may write it
}


@pytest.mark.parametrize("key", ["confederation", "federation"])
@pytest.mark.parametrize("name", WRITES)
def test_refused_writes_change_nothing(world, client_for, settings, name, key):
    objects, actors = world
    url = _url(name, objects[key])
    for actor, status in zip(REFUSED, REFUSED_STATUS[key], strict=True):
        if status is None:
            continue
        if name == "package_create":
            status = {"anonymous": 302, "federation_author": 200}.get(actor, 403)  # 200: the unit is not offered
        before = _fingerprint(settings.MEDIA_ROOT)
        response = client_for(actors[actor]).post(url, _form(objects[key]))
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint(settings.MEDIA_ROOT) == before, actor
