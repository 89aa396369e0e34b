"""The permission matrix of every organisation screen (GET): anonymous, no grant, sibling unit, own
unit, ancestor in the tree and provincial council over the territory. The object of every row is
PUK-A or something that belongs to it; the sibling is PUK-B under the same branch."""

import datetime

import pytest
from django.urls import reverse

from serikat.organisation.models import Position
from serikat.organisation.services import appoint_officer, link_workplace, register_employer, register_workplace

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")

# screen, object key, expected status per actor (in the order of ACTORS)
MATRIX = [
    ("tree", None, (302, 200, 200, 200, 200, 200)),
    ("unit_search", None, (302, 200, 200, 200, 200, 200)),
    ("employers", None, (302, 200, 200, 200, 200, 200)),
    ("employer_create", None, (302, 403, 200, 200, 200, 200)),
    ("unit", "unit", (302, 404, 404, 200, 200, 200)),
    ("unit_children", "unit", (302, 404, 404, 200, 200, 200)),
    ("officers_past", "unit", (302, 404, 404, 200, 200, 200)),
    ("unit_edit", "unit", (302, 404, 404, 200, 200, 200)),
    ("unit_move", "unit", (302, 404, 404, 200, 200, 200)),
    ("unit_territory", "unit", (302, 404, 404, 200, 200, 200)),
    ("officer_appoint", "unit", (302, 404, 404, 200, 200, 200)),
    ("unit_link_workplace", "unit", (302, 404, 404, 200, 200, 200)),
    ("workplace_picker", "unit", (302, 404, 404, 200, 200, 200)),
    # Nothing is created under, or split off, a plant union.
    ("unit_create", "unit", (302, 404, 404, 403, 403, 403)),
    ("unit_split", "unit", (302, 404, 404, 403, 403, 403)),
    # Federations are admitted at the confederation only: a plant union answers 403 where it is seen.
    ("federation_create", "unit", (302, 404, 404, 403, 403, 403)),
    ("officer_end", "term", (302, 404, 404, 200, 200, 200)),
    ("employer", "employer", (302, 404, 404, 200, 200, 200)),
    # The branch registered the employer and its plant: the plant union sees them, may not edit them.
    ("employer_edit", "employer", (302, 404, 404, 403, 200, 200)),
    ("workplace_create", "employer", (302, 404, 404, 200, 200, 200)),
    ("workplace", "workplace", (302, 404, 404, 200, 200, 200)),
    ("workplace_edit", "workplace", (302, 404, 404, 403, 200, 200)),
    ("workplace_link_unit", "workplace", (302, 404, 404, 200, 200, 200)),
    ("link_end", "link", (302, 404, 404, 200, 200, 200)),
]


@pytest.fixture
def world(tree, make_user):
    admin = tree.admin
    employer = register_employer(actor=admin, unit=tree.pc_bks, name="PT Alpha")
    workplace = register_workplace(actor=admin, employer=employer, unit=tree.pc_bks, name="Plant 1")
    link = link_workplace(actor=admin, unit=tree.puk_a, workplace=workplace)
    term = appoint_officer(
        actor=admin,
        unit=tree.puk_a,
        position=Position.objects.get(code="ketua"),
        person_name="Siti",
        gender="F",
        started_on=datetime.date(2024, 1, 1),
    )
    objects = {"unit": tree.puk_a, "term": term, "employer": employer, "workplace": workplace, "link": link}
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("secretariat", tree.puk_b),
        "own": make_user("secretariat", tree.puk_a),
        "ancestor": make_user("secretariat", tree.fspmi),
        "territory": make_user("secretariat", tree.dpw_jabar),
    }
    return objects, actors


@pytest.mark.parametrize(("screen", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(world, client_for, screen, key, expected):
    objects, actors = world
    target = reverse(f"organisation:{screen}", args=[objects[key].pk] if key else [])
    answers = tuple(client_for(actors[actor]).get(target).status_code for actor in ACTORS)
    assert answers == expected


def test_every_organisation_screen_is_in_the_matrix():
    from serikat.organisation.web.urls import urlpatterns

    assert sorted(p.name for p in urlpatterns) == sorted(row[0] for row in MATRIX)
