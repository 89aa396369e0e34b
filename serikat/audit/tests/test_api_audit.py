"""The audit log through the API: scoped by audit.view_event, newest first, filters, cursor."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import API, build_world, english_answers  # noqa: F401 (autouse fixture)


def ids(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return [e["id"] for e in response.json()["items"]]


@pytest.mark.django_db
def test_events_are_those_of_units_in_scope_newest_first(tree, make_user, client_for):
    build_world(tree)
    client = client_for(make_user("secretariat", tree.pc_bks))
    in_scope = AuditEvent.objects.filter(unit__code__in=["PC-SPL-BKS", "PUK-A", "PUK-B"]).order_by("-id")
    assert ids(client, f"{API}/audit-events") == list(in_scope.values_list("id", flat=True))
    assert len(in_scope) == 3 + 5  # three units created; at PUK-A an employer, two workplaces, a link, a chair


@pytest.mark.django_db
def test_a_role_without_audit_view_sees_no_event(tree, make_user, client_for):
    build_world(tree)
    assert ids(client_for(make_user("read_only", tree.root)), f"{API}/audit-events") == []


@pytest.mark.django_db
def test_filters_by_kind_prefix_unit_actor_and_time(tree, make_user, client_for):
    world = build_world(tree)
    client = client_for(make_user("secretariat", tree.root))
    url = f"{API}/audit-events"
    assert ids(client, url, kind="organisation.employer_created") == [world.employer_event.pk]
    assert ids(client, url, kind="organisation.workplace") == []  # exact, unless it ends in "."
    organisation = AuditEvent.objects.filter(kind__startswith="organisation.", unit__isnull=False).order_by("-id")
    assert ids(client, url, kind="organisation.", limit=200) == list(organisation.values_list("id", flat=True))
    assert ids(client, url, unit=tree.puk_b.pk) == list(
        AuditEvent.objects.filter(unit=tree.puk_b).values_list("id", flat=True)
    )
    assert ids(client, url, actor=tree.admin.pk, kind="organisation.employer_created") == [world.employer_event.pk]
    assert ids(client, url, actor=world.grantee.pk) == []

    AuditEvent.objects.filter(pk=world.employer_event.pk).update(at=timezone.now() - datetime.timedelta(days=10))
    since = (timezone.now() - datetime.timedelta(days=11)).isoformat()
    until = (timezone.now() - datetime.timedelta(days=9)).isoformat()
    assert ids(client, url, since=since, until=until) == [world.employer_event.pk]


@pytest.mark.django_db
def test_pages_walk_the_log_newest_first_by_id(tree, make_user, client_for):
    build_world(tree)
    client = client_for(make_user("secretariat", tree.root))
    seen, url = [], f"{API}/audit-events?limit=7&kind=organisation."
    while url:
        body = client.get(url).json()
        seen += [e["id"] for e in body["items"]]
        url = body["next"]
    expected = AuditEvent.objects.filter(kind__startswith="organisation.", unit__isnull=False).order_by("-id")
    assert seen == list(expected.values_list("id", flat=True))
    assert len(seen) > 14
