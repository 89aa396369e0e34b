import pytest

from serikat.accounts.services import sign_out
from serikat.audit.models import AuditEvent


@pytest.mark.django_db
def test_events_of_no_unit_are_shown_only_at_the_root_in_the_screen_and_the_api(tree, make_user, client_for):
    root_auditor = make_user("administrator", tree.root)
    province = make_user("secretariat", tree.dpw_jabar)
    sign_out(actor=province)
    event = AuditEvent.objects.get(kind="accounts.signed_out")
    assert AuditEvent.objects.visible_to(root_auditor, "audit.view_event").filter(pk=event.pk).exists()
    assert not AuditEvent.objects.visible_to(province, "audit.view_event").filter(pk=event.pk).exists()
    for user, expected in ((root_auditor, True), (province, False)):
        listed = client_for(user).get("/api/v1/audit-events?kind=accounts.signed_out").json()["items"]
        assert ([e["id"] for e in listed] == [event.pk]) is expected
        assert (client_for(user).get(f"/audit/{event.pk}/").status_code == 200) is expected
