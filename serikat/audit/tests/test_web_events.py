"""The audit log screens: scoping, filters, pages, the detail of one event, flat query counts."""

import datetime
import importlib
import pkgutil
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import serikat
from serikat.accounts import services as account_services
from serikat.audit.models import AuditEvent
from serikat.audit.recorder import record_event
from serikat.audit.web.kinds import KIND_LABELS

JABAR_SCOPE = ["DPW-JABAR", "KC-BKS", "KC-KRW", "PC-SPL-BKS", "PC-SPL-KRW", "PUK-A", "PUK-B", "PUK-C"]


def event_ids(response):
    return sorted(int(pk) for pk in re.findall(r'data-event="(\d+)"', response.content.decode()))


def ids_at(*codes):
    return sorted(AuditEvent.objects.filter(unit__code__in=codes).values_list("pk", flat=True))


def record(**kwargs):
    with transaction.atomic():
        return record_event(**kwargs)


@pytest.fixture
def secretary(tree, make_user):
    return make_user("secretariat", tree.dpw_jabar, username="sekretaris-jabar")


@pytest.mark.django_db
def test_the_log_shows_only_events_of_units_in_scope(tree, secretary, client_for):
    record(actor=tree.admin, kind="organisation.unit_changed", subject=tree.spn_puk, unit=tree.spn_puk)
    record(actor=tree.admin, kind="organisation.unit_changed", subject=tree.kc_tng, unit=tree.kc_tng)
    record(actor=tree.admin, kind="organisation.unit_changed", subject=tree.puk_a, unit=tree.puk_a)
    response = client_for(secretary).get("/audit/")
    assert response.status_code == 200
    assert event_ids(response) == ids_at(*JABAR_SCOPE)
    assert len(event_ids(response)) == 9  # eight units created, one change at PUK-A


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["SPN", "SPN-PUK-S", "DPW-BANTEN", "KC-TNG", "PUK-D", "KSPI", "NOPE"])
def test_filtering_by_a_unit_outside_the_scope_shows_nothing(tree, secretary, client_for, code):
    response = client_for(secretary).get("/audit/", {"unit": code})
    assert event_ids(response) == []
    assert "No unit with this code among your units." in response.content.decode()


@pytest.mark.django_db
def test_events_outside_the_scope_answer_404_like_missing_ones(tree, secretary, client_for):
    client = client_for(secretary)
    outside = AuditEvent.objects.filter(unit__code__in=["SPN-PUK-S", "DPW-BANTEN", "KC-TNG", "SPN"])
    assert outside.count() == 5  # four units created, and SPN admitted as a federation
    for event in outside:
        assert client.get(f"/audit/{event.pk}/").status_code == 404
    missing = AuditEvent.objects.order_by("-pk").first().pk + 1000
    assert client.get(f"/audit/{missing}/").status_code == 404
    inside = AuditEvent.objects.get(unit__code="PUK-A")
    assert client.get(f"/audit/{inside.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_unit_filter_covers_the_subtree_and_the_territory(tree, secretary, client_for):
    client = client_for(secretary)
    assert event_ids(client.get("/audit/", {"unit": "KC-BKS"})) == ids_at("KC-BKS", "PC-SPL-BKS", "PUK-A", "PUK-B")
    assert event_ids(client.get("/audit/", {"unit": "PUK-C"})) == ids_at("PUK-C")


@pytest.mark.django_db
def test_filters_by_kind_who_and_days(tree, secretary, client_for, make_user):
    clerk = make_user("secretariat", tree.puk_a, username="clerk")
    changed = record(actor=clerk, kind="organisation.unit_changed", subject=tree.puk_a, unit=tree.puk_a)
    old = record(actor=clerk, kind="organisation.unit_changed", subject=tree.puk_b, unit=tree.puk_b)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=40))
    client = client_for(secretary)
    assert event_ids(client.get("/audit/", {"kind": "organisation.unit_changed"})) == [changed.pk, old.pk]
    assert event_ids(client.get("/audit/", {"actor": "CLERK"})) == [changed.pk, old.pk]
    today = timezone.localdate()
    recent = client.get("/audit/", {"actor": "clerk", "date_from": (today - datetime.timedelta(days=1)).isoformat()})
    assert event_ids(recent) == [changed.pk]
    earlier = client.get("/audit/", {"actor": "clerk", "date_to": (today - datetime.timedelta(days=39)).isoformat()})
    assert event_ids(earlier) == [old.pk]
    backwards = client.get("/audit/", {"date_from": today.isoformat(), "date_to": "2000-01-01"})
    assert event_ids(backwards) == []
    assert "This day is before the “from” day." in backwards.content.decode()


@pytest.mark.django_db
def test_rows_say_what_happened_in_words(tree, secretary, client_for):
    body = client_for(secretary).get("/audit/", {"unit": "PUK-A"}).content.decode()
    assert "Unit created" in body
    assert "root-admin" in body


@pytest.mark.django_db
def test_the_detail_shows_changes_before_and_after(tree, secretary, client_for):
    event = record(
        actor=tree.admin,
        kind="organisation.unit_changed",
        subject=tree.puk_a,
        unit=tree.puk_a,
        changes={"name": ["PUK A", "PUK Maju"]},
        data={"reason": "renamed by congress"},
    )
    AuditEvent.objects.filter(pk=event.pk).update(request_id="req-1234abcd", client_address="10.1.2.3")
    body = client_for(secretary).get(f"/audit/{event.pk}/").content.decode()
    assert re.search(r"<th scope=\"row\"><code>name</code></th><td>PUK A</td><td>PUK Maju</td>", body)
    assert "<dt><code>reason</code></dt><dd>renamed by congress</dd>" in body
    assert "req-1234abcd" in body
    assert "10.1.2.3" in body


@pytest.mark.django_db
def test_events_without_a_unit_are_for_the_root_only(tree, secretary, client_for, make_user):
    account_services.sign_in(username="sekretaris-jabar", password="pw-Serikat-123", address="10.0.0.9")
    signed_in = AuditEvent.objects.get(kind="accounts.signed_in")
    assert client_for(secretary).get(f"/audit/{signed_in.pk}/").status_code == 404
    assert signed_in.pk not in event_ids(client_for(secretary).get("/audit/"))
    root_clerk = make_user("secretariat", tree.root)
    assert client_for(root_clerk).get(f"/audit/{signed_in.pk}/").status_code == 200
    assert signed_in.pk in event_ids(client_for(root_clerk).get("/audit/", {"kind": "accounts.signed_in"}))
    # A filter by unit leaves them out, even at the root.
    assert signed_in.pk not in event_ids(client_for(root_clerk).get("/audit/", {"unit": "KSPI"}))


@pytest.mark.django_db
def test_the_log_pages_older_and_newer_by_id(tree, secretary, client_for):
    for _ in range(60):
        record(actor=tree.admin, kind="organisation.unit_changed", subject=tree.puk_c, unit=tree.puk_c)
    client = client_for(secretary)
    all_ids = ids_at("PUK-C")
    first = client.get("/audit/", {"unit": "PUK-C"})
    assert event_ids(first) == all_ids[-50:]
    before = re.search(r'href="\?unit=PUK-C&amp;before=(\d+)"', first.content.decode()).group(1)
    second = client.get("/audit/", {"unit": "PUK-C", "before": before})
    assert event_ids(second) == all_ids[:-50]
    after = re.search(r'href="\?unit=PUK-C&amp;after=(\d+)"', second.content.decode()).group(1)
    assert event_ids(client.get("/audit/", {"unit": "PUK-C", "after": after})) == all_ids[-50:]


@pytest.mark.django_db
def test_the_log_query_count_is_flat(tree, secretary, client_for):
    client = client_for(secretary)
    client.get("/audit/")

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/audit/", {"unit": "KC-KRW", "kind": "organisation.unit_changed"})
        return len(queries), len(event_ids(response))

    for _ in range(3):
        record(actor=tree.admin, kind="organisation.unit_changed", subject=tree.puk_c, unit=tree.puk_c)
    few = count()
    for _ in range(27):
        record(actor=tree.admin, kind="organisation.unit_changed", subject=tree.pc_krw, unit=tree.pc_krw)
    many = count()
    assert (few[1], many[1]) == (3, 30)
    assert (few[0], many[0]) == (5, 5)  # session, user, grants of the actor, unit filter, page


@pytest.mark.django_db
def test_the_log_is_refused_without_the_permission(tree, make_user, client_for):
    assert client_for(make_user("read_only", tree.root)).get("/audit/").status_code == 403
    event = AuditEvent.objects.filter(unit=tree.puk_a).first()
    assert client_for(make_user("read_only", tree.root)).get(f"/audit/{event.pk}/").status_code == 404


def test_every_event_kind_has_a_label():
    kinds = set()
    for module in pkgutil.iter_modules(serikat.__path__):
        try:
            events = importlib.import_module(f"serikat.{module.name}.events")
        except ModuleNotFoundError:
            continue
        kinds |= {value for name, value in vars(events).items() if name.isupper() and isinstance(value, str)}
    assert kinds
    assert sorted(kinds - set(KIND_LABELS)) == []
