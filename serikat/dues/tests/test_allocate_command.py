"""`manage.py allocate_month`: every federation with a rule, the named ones, the JSON object, errors."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from serikat.audit.models import AuditEvent
from serikat.dues import events
from serikat.dues.models import AllocationRun
from serikat.dues.tests.rules_helpers import JAN, fspmi_rules, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages(settings):
    settings.LANGUAGE_CODE = "en"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("allocate_month", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_gives_each_federation_with_a_rule_and_lists_the_others_as_skipped(tree):
    fspmi_rules(tree, levy_kind="per_capita", levy_amount=1_500)
    member(tree.admin, tree.puk_a, 1, wage=5_000_000)
    member(tree.admin, tree.puk_c, 2, wage=3_000_000)
    out, _err = run("--month", JAN.strftime("%Y-%m"), "--json")
    result = json.loads(out)
    assert result["month"] == JAN.strftime("%Y-%m")
    assert result["runs"] == [
        {"federation": "FSPMI", "members": 2, "due": 80_000, "received": 0, "unpriced": 0, "revision": 1, "levy": 3_000}
    ]
    assert result["skipped"] == [{"federation": "SPN", "reason": "no allocation rule in force in that month"}]
    event = AuditEvent.objects.get(kind=events.ALLOCATION_RUN)
    assert event.actor_label.startswith("manage.py allocate_month (")


def test_running_the_month_again_gives_the_next_revision(tree):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1, wage=5_000_000)
    run("--month", JAN.strftime("%Y-%m"), "--federation", "FSPMI")
    out, _err = run("--month", JAN.strftime("%Y-%m"), "--federation", "FSPMI")
    assert out.splitlines()[0] == "FSPMI: 1 members, due 50000, received 0, unpriced 0, levy 1000, revision 2."
    assert AllocationRun.objects.get().revision == 2


def test_a_named_federation_without_a_rule_is_refused_and_nothing_is_written(tree):
    with pytest.raises(CommandError, match="No allocation rule of this federation is in force in that month"):
        run("--month", JAN.strftime("%Y-%m"), "--federation", "SPN")
    assert not AllocationRun.objects.exists()


def test_unknown_federation_bad_month_and_a_user_outside_the_federation(tree, make_user):
    with pytest.raises(CommandError, match="No federation with the code 'XYZ'"):
        run("--month", "2026-01", "--federation", "XYZ")
    with pytest.raises(CommandError):
        run("--month", "January")
    fspmi_rules(tree)
    outsider = make_user("treasurer", tree.spn)
    with pytest.raises(CommandError, match="Not found"):
        run("--month", JAN.strftime("%Y-%m"), "--federation", "FSPMI", "--user", outsider.username)
    assert not AllocationRun.objects.exists()
