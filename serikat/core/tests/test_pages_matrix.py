"""The permission matrix across every screen of the site.

1. Completeness: every URL pattern outside the API is either public or listed in a matrix (this
   file's, or organisation's, which has the organisation screens). A new screen without a row fails.
2. Reading (GET) the account, access and audit screens as: not signed in, no grant, a grant at the
   sibling plant union (PUK-B), at the own plant union (PUK-A), at the federation (ancestor in the
   tree) and at the provincial council (ancestor along the territory).
3. Writing (POST) to every screen that changes something, as each refused actor: the answer is a
   redirect to sign in, 404 or 403, and nothing in the database changed, audit log included.
"""

import datetime
import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from serikat.accounts.models import ApiToken, Grant, Role, User
from serikat.accounts.services import create_api_token, grant_role
from serikat.audit.models import AuditEvent
from serikat.organisation.models import Employer, OfficerTerm, Position, Unit, UnitWorkplace, Workplace
from serikat.organisation.services import appoint_officer, link_workplace, register_employer, register_workplace
from serikat.organisation.tests.test_web_matrix import MATRIX as ORGANISATION_MATRIX

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")

PUBLIC = {
    "set_language",
    "javascript-catalog",
    "accounts:login",
    "accounts:login_code",
    "accounts:logout",
    "core:healthz",
}

# name, object key, expected GET status per actor (ACTORS order)
MATRIX = [
    ("core:home", None, (302, 200, 200, 200, 200, 200)),
    ("accounts:profile", None, (302, 200, 200, 200, 200, 200)),
    ("accounts:two_factor", None, (302, 200, 200, 200, 200, 200)),
    ("accounts:two_factor_start", None, (302, 405, 405, 405, 405, 405)),
    ("accounts:two_factor_confirm", None, (302, 405, 405, 405, 405, 405)),
    ("accounts:two_factor_disable", None, (302, 405, 405, 405, 405, 405)),
    ("accounts:tokens", None, (302, 200, 200, 200, 200, 200)),
    ("accounts:token_revoke", "token", (302, 405, 405, 405, 405, 405)),
    # Holding accounts.view_grant nowhere: the list itself is refused.
    ("accounts:grants", None, (302, 403, 200, 200, 200, 200)),
    ("accounts:grant_role", None, (302, 403, 200, 200, 200, 200)),
    ("accounts:grant_revoke", "grant", (302, 405, 405, 405, 405, 405)),
    ("accounts:user_create", None, (302, 403, 200, 200, 200, 200)),
    ("audit:events", None, (302, 403, 200, 200, 200, 200)),
    ("audit:event", "event", (302, 404, 404, 200, 200, 200)),
]

# Screens that write, with the object they act on; each refused actor must change nothing.
WRITES = [
    ("organisation:unit_create", "unit"),
    ("organisation:unit_edit", "unit"),
    ("organisation:unit_move", "unit"),
    ("organisation:unit_territory", "unit"),
    ("organisation:unit_split", "unit"),
    ("organisation:officer_appoint", "unit"),
    ("organisation:officer_end", "term"),
    ("organisation:employer_create", None),
    ("organisation:employer_edit", "employer"),
    ("organisation:workplace_create", "employer"),
    ("organisation:workplace_edit", "workplace"),
    ("organisation:workplace_link_unit", "workplace"),
    ("organisation:unit_link_workplace", "unit"),
    ("organisation:link_end", "link"),
    ("accounts:grant_role", None),
    ("accounts:grant_revoke", "grant"),
    ("accounts:user_create", None),
    ("accounts:token_revoke", "token"),
]
# Expected POST status per refused actor: not signed in, no grant, sibling secretariat, own read-only.
REFUSED = {
    "organisation:employer_create": (302, 403, None, 403),
    "accounts:grant_role": (302, 403, None, 403),
    "accounts:user_create": (302, 403, None, 403),
}
DEFAULT_REFUSED = (302, 404, 404, 403)
# The token belongs to the own secretariat: everybody else's attempt is a 404, whatever their role.
REFUSED["accounts:token_revoke"] = (302, 404, 404, 404)


def _all_names():
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("api/"):
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


# Later apps test their own screens' matrix next to their code; each module names what it covers.
COVERING_MODULES = (
    "serikat.membership.tests.test_web_members_matrix",
    "serikat.membership.tests.test_web_imports_matrix",
    "serikat.membership.tests.test_web_cards_matrix",
    "serikat.dues.tests.test_web_rules_matrix",
    "serikat.dues.tests.test_web_authorisations_matrix",
    "serikat.dues.tests.test_web_remittances_matrix",
    "serikat.dues.tests.test_web_reports_matrix",
    "serikat.training.tests.test_web_packages_matrix",
    "serikat.training.tests.test_web_production_matrix",
    "serikat.training.tests.test_web_editions_matrix",
    "serikat.training.tests.test_web_distribution_matrix",
    "serikat.training.tests.test_web_feedback_matrix",
)


def test_every_screen_is_public_or_in_a_matrix():
    listed = {row[0] for row in MATRIX} | {f"organisation:{row[0]}" for row in ORGANISATION_MATRIX} | PUBLIC
    for module in COVERING_MODULES:
        listed |= importlib.import_module(module).COVERED
    assert _all_names() - listed == set()
    assert listed - _all_names() == set()


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
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("secretariat", tree.puk_b),
        "own": make_user("secretariat", tree.puk_a),
        "ancestor": make_user("secretariat", tree.fspmi),
        "territory": make_user("secretariat", tree.dpw_jabar),
        "own_reader": make_user("read_only", tree.puk_a),
    }
    member = make_user()
    grant = grant_role(actor=admin, user=member, role=Role.objects.get(code="read_only"), unit=tree.puk_a)
    token, _raw = create_api_token(actor=actors["own"], name="phone")
    event = AuditEvent.objects.filter(unit=tree.puk_a).latest("id")
    objects = {
        "unit": tree.puk_a,
        "term": term,
        "employer": employer,
        "workplace": workplace,
        "link": link,
        "grant": grant,
        "token": token,
        "event": event,
    }
    return objects, actors


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk] if key else [])


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    objects, actors = world
    url = _url(name, key, objects)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def _fingerprint():
    return (
        list(Unit.objects.values_list("id", "path", "name", "territory_id", "status").order_by("id")),
        list(OfficerTerm.objects.values_list("id", "ended_on").order_by("id")),
        Employer.objects.count(),
        list(Employer.objects.values_list("name", flat=True).order_by("id")),
        list(Workplace.objects.values_list("id", "name").order_by("id")),
        list(UnitWorkplace.objects.values_list("id", "until_on").order_by("id")),
        list(Grant.objects.values_list("id", "revoked_at").order_by("id")),
        User.objects.count(),
        list(ApiToken.objects.values_list("id", "revoked_at").order_by("id")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, tree, name, key):
    objects, actors = world
    url = _url(name, key, objects)
    # A plausible form, so that a refusal comes from scope and permission, not from missing fields.
    data = {
        "name": "Changed",
        "code": "NEW-1",
        "level": tree.level(tree.fspmi, "PUK").pk,
        "new_parent": tree.pc_krw.pk,
        "territory": tree.kc_krw.pk,
        "position": Position.objects.get(code="sekretaris").pk,
        "person_name": "X",
        "gender": "M",
        "started_on": "2025-01-01",
        "ended_on": "2025-06-01",
        "until_on": "2025-06-01",
        "username": "newuser",
        "password": "a-Long-password-123",
        "role": Role.objects.get(code="read_only").pk,
        "unit": "PUK-A",
        "unit_code": "PUK-A",
        "workplace": objects["workplace"].pk,
        "confirm": "1",
    }
    expected = REFUSED.get(name, DEFAULT_REFUSED)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), expected, strict=True):
        if status is None:
            continue
        before = _fingerprint()
        response = client_for(actors[actor]).post(url, data)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor
