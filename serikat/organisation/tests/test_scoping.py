import pytest

from serikat.core import permissions as perms
from serikat.organisation.models import Unit


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


@pytest.mark.django_db
def test_dpw_grant_covers_its_councils_and_the_branches_and_plants_in_its_territory(tree, make_user):
    user = make_user("secretariat", tree.dpw_jabar)
    assert codes(Unit.objects.visible_to(user, perms.VIEW_UNIT)) == [
        "DPW-JABAR",
        "KC-BKS",
        "KC-KRW",
        "PC-SPL-BKS",
        "PC-SPL-KRW",
        "PUK-A",
        "PUK-B",
        "PUK-C",
    ]


@pytest.mark.django_db
def test_sector_union_grant_covers_its_tree_only(tree, make_user):
    user = make_user("read_only", tree.pc_bks)
    assert codes(Unit.objects.visible_to(user, perms.VIEW_UNIT)) == ["PC-SPL-BKS", "PUK-A", "PUK-B"]


@pytest.mark.django_db
def test_no_grant_sees_nothing_and_a_permission_outside_the_role_sees_nothing(tree, make_user):
    assert codes(Unit.objects.visible_to(make_user(), perms.VIEW_UNIT)) == []
    reader = make_user("read_only", tree.fspmi)
    assert codes(Unit.objects.visible_to(reader, perms.CHANGE_UNIT)) == []
