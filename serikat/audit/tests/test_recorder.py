import pytest

from serikat.audit.models import AuditEvent
from serikat.audit.recorder import changes_between, record_event


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        record_event(actor=None, kind="test.thing")
    assert AuditEvent.objects.count() == 0


def test_changes_list_only_the_fields_that_changed():
    assert changes_between({"name": "A", "code": "X"}, {"name": "B", "code": "X"}) == {"name": ["A", "B"]}
