"""The organisation services through their public signatures, with real rows."""

import datetime

import pytest

from serikat.audit.models import AuditEvent
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.organisation import events
from serikat.organisation.models import OfficerTerm, Position, Unit
from serikat.organisation.services import (
    appoint_officer,
    create_unit,
    end_officer_term,
    link_workplace,
    move_unit,
    register_employer,
    register_workplace,
    set_unit_territory,
    split_unit,
)

pytestmark = pytest.mark.django_db


def fresh(unit):
    return Unit.objects.get(pk=unit.pk)


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def snapshot_tree():
    return list(
        Unit.objects.order_by("pk").values_list("pk", "path", "depth", "numchild", "territory_id", "territory_path")
    )


# --- create_unit -----------------------------------------------------------------------------


def test_a_branch_secretariat_creates_a_plant_union_that_inherits_the_branch_council(tree, make_user):
    # The branch's officers cannot see their council (KC-BKS), yet the new plant sits in it.
    officer = make_user("secretariat", tree.pc_bks)
    unit = create_unit(
        actor=officer, parent=tree.pc_bks, level=tree.level(tree.fspmi, "PUK"), code="PUK-NEW", name="PUK New"
    )
    unit = fresh(unit)
    assert unit.territory_id == tree.kc_bks.pk
    assert unit.territory_path == tree.kc_bks.path
    assert unit.parent_path == tree.pc_bks.path
    event = AuditEvent.objects.get(kind=events.UNIT_CREATED, object_id=str(unit.pk))
    assert event.actor == officer


def test_an_explicit_council_outside_the_actors_view_is_refused_and_nothing_is_written(tree, make_user):
    officer = make_user("secretariat", tree.pc_bks)
    before, events_before = Unit.objects.count(), AuditEvent.objects.count()
    with pytest.raises(NotFound):
        create_unit(
            actor=officer,
            parent=tree.pc_bks,
            level=tree.level(tree.fspmi, "PUK"),
            code="PUK-NEW",
            name="x",
            territory=tree.kc_krw,
        )
    assert (Unit.objects.count(), AuditEvent.objects.count()) == (before, events_before)


def test_create_unit_reports_every_problem_at_once(tree):
    with pytest.raises(DomainError) as caught:
        create_unit(actor=tree.admin, parent=tree.kc_bks, level=tree.level(tree.fspmi, "PUK"), code="PUK-A", name=" ")
    assert sorted(p.field for p in caught.value.problems) == ["code", "level", "name"]


# --- move_unit -------------------------------------------------------------------------------


def test_move_rewrites_the_paths_of_the_whole_subtree(tree):
    spee = create_unit(
        actor=tree.admin, parent=tree.fspmi, level=tree.level(tree.fspmi, "PP"), code="SPEE", name="SPEE"
    )
    move_unit(actor=tree.admin, unit=tree.pc_bks, new_parent=spee, reason="restructuring")
    pc, puk_a, puk_b, spee, spl = (fresh(u) for u in (tree.pc_bks, tree.puk_a, tree.puk_b, spee, tree.spl))
    assert pc.parent_path == spee.path
    assert puk_a.parent_path == pc.path and puk_b.parent_path == pc.path
    assert (pc.depth, puk_a.depth) == (4, 5)
    assert (spee.numchild, spl.numchild) == (1, 2)
    assert codes(Unit.objects.filter(path__startswith=spee.path)) == ["PC-SPL-BKS", "PUK-A", "PUK-B", "SPEE"]
    event = AuditEvent.objects.get(kind=events.UNIT_MOVED)
    assert event.changes == {"parent": [tree.spl.pk, spee.pk]}
    assert event.data["units_moved"] == 3
    assert event.data["reason"] == "restructuring"


def test_moving_a_council_carries_the_territory_paths_of_the_units_in_it(tree, make_user):
    move_unit(actor=tree.admin, unit=tree.kc_bks, new_parent=tree.dpw_banten)
    kc = fresh(tree.kc_bks)
    assert kc.parent_path == tree.dpw_banten.path
    for unit in (tree.pc_bks, tree.puk_a, tree.puk_b):
        assert fresh(unit).territory_path == kc.path
    event = AuditEvent.objects.get(kind=events.UNIT_MOVED)
    assert event.data["territory_links_rewritten"] == 3
    # Scope follows: Banten's council now sees the Bekasi branch, Jawa Barat's no longer does.
    banten = make_user("read_only", tree.dpw_banten)
    jabar = make_user("read_only", tree.dpw_jabar)
    assert codes(Unit.objects.visible_to(banten, perms.VIEW_UNIT)) == [
        "DPW-BANTEN",
        "KC-BKS",
        "KC-TNG",
        "PC-SPL-BKS",
        "PC-SPL-TNG",
        "PUK-A",
        "PUK-B",
        "PUK-D",
    ]
    assert codes(Unit.objects.visible_to(jabar, perms.VIEW_UNIT)) == ["DPW-JABAR", "KC-KRW", "PC-SPL-KRW", "PUK-C"]


@pytest.mark.parametrize(
    ("unit_code", "target_code", "field"),
    [
        ("PUK-A", "DPW-JABAR", "new_parent"),  # a plant union cannot stand under a provincial council
        ("PC-SPL-BKS", "PUK-A", "new_parent"),  # under its own subtree
        ("PUK-A", "PC-SPL-BKS", "new_parent"),  # already there
    ],
)
def test_a_refused_move_changes_nothing(tree, unit_code, target_code, field):
    before, events_before = snapshot_tree(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        move_unit(actor=tree.admin, unit=tree.units[unit_code], new_parent=tree.units[target_code])
    assert [p.field for p in caught.value.problems] == [field]
    assert snapshot_tree() == before
    assert AuditEvent.objects.count() == events_before


def test_a_move_to_a_parent_outside_the_actors_scope_answers_not_found_and_changes_nothing(tree, make_user):
    jabar = make_user("secretariat", tree.dpw_jabar)
    before, events_before = snapshot_tree(), AuditEvent.objects.count()
    with pytest.raises(NotFound):
        move_unit(actor=jabar, unit=tree.puk_a, new_parent=tree.pc_tng)
    assert snapshot_tree() == before
    assert AuditEvent.objects.count() == events_before


def test_a_read_only_user_cannot_move(tree, make_user):
    reader = make_user("read_only", tree.fspmi)
    before = snapshot_tree()
    with pytest.raises(NotFound):
        move_unit(actor=reader, unit=tree.puk_a, new_parent=tree.pc_krw)
    assert snapshot_tree() == before


# --- set_unit_territory ----------------------------------------------------------------------


def test_setting_a_branch_council_takes_the_plants_that_shared_it(tree):
    updated = set_unit_territory(actor=tree.admin, unit=tree.pc_bks, territory=tree.kc_krw)
    assert updated == 3
    for unit in (tree.pc_bks, tree.puk_a, tree.puk_b):
        assert (fresh(unit).territory_id, fresh(unit).territory_path) == (tree.kc_krw.pk, tree.kc_krw.path)
    event = AuditEvent.objects.get(kind=events.UNIT_TERRITORY_SET)
    assert event.changes == {"territory": [tree.kc_bks.pk, tree.kc_krw.pk]}


def test_setting_a_council_without_the_subtree_moves_only_the_unit(tree):
    assert set_unit_territory(actor=tree.admin, unit=tree.pc_bks, territory=tree.kc_krw, with_subtree=False) == 1
    assert fresh(tree.pc_bks).territory_id == tree.kc_krw.pk
    assert fresh(tree.puk_a).territory_id == tree.kc_bks.pk


@pytest.mark.parametrize("territory_code", ["PC-SPL-KRW", "SPN-DPC-BKS"])
def test_a_council_off_the_territorial_axis_or_of_another_federation_is_refused(tree, territory_code):
    before, events_before = snapshot_tree(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        set_unit_territory(actor=tree.admin, unit=tree.pc_bks, territory=tree.units[territory_code])
    assert [p.field for p in caught.value.problems] == ["territory"]
    assert snapshot_tree() == before
    assert AuditEvent.objects.count() == events_before


# --- split_unit ------------------------------------------------------------------------------


def test_splitting_a_council_hands_members_and_their_plants_to_the_new_council(tree, make_user):
    jabar = make_user("secretariat", tree.dpw_jabar)
    new = split_unit(
        actor=jabar,
        unit=tree.kc_bks,
        new_code="KC-BKS-2",
        new_name="KC Bekasi 2",
        children=[],
        territorial_members=[tree.pc_bks],
    )
    new = fresh(new)
    assert new.parent_path == tree.dpw_jabar.path
    assert new.level_id == tree.kc_bks.level_id
    for unit in (tree.pc_bks, tree.puk_a, tree.puk_b):
        assert (fresh(unit).territory_id, fresh(unit).territory_path) == (new.pk, new.path)
    event = AuditEvent.objects.get(kind=events.UNIT_SPLIT)
    assert event.data == {"new_unit": new.pk, "children_moved": [], "territorial_members_moved": 3}
    assert AuditEvent.objects.filter(kind=events.UNIT_CREATED, object_id=str(new.pk), actor=jabar).count() == 1


def test_splitting_moves_the_chosen_children_under_the_new_unit(tree):
    new = split_unit(
        actor=tree.admin,
        unit=tree.dpw_jabar,
        new_code="DPW-JABAR-2",
        new_name="DPW 2",
        children=[tree.kc_krw],
        territorial_members=[],
    )
    assert fresh(tree.kc_krw).parent_path == fresh(new).path
    # Units in the moved council's territory follow its new path.
    assert fresh(tree.puk_c).territory_path == fresh(tree.kc_krw).path


def test_a_split_naming_a_unit_that_is_not_below_is_refused_and_writes_nothing(tree):
    before, events_before = snapshot_tree(), AuditEvent.objects.count()
    with pytest.raises(DomainError):
        split_unit(
            actor=tree.admin,
            unit=tree.kc_bks,
            new_code="KC-X",
            new_name="X",
            children=[],
            territorial_members=[tree.pc_krw],
        )
    assert snapshot_tree() == before
    assert AuditEvent.objects.count() == events_before


# --- officers --------------------------------------------------------------------------------


def chair():
    return Position.objects.get(code="ketua")


def test_a_second_chair_is_refused_and_names_the_current_holder(tree):
    day = datetime.date(2025, 1, 1)
    appoint_officer(actor=tree.admin, unit=tree.puk_a, position=chair(), person_name="Siti", gender="F", started_on=day)
    events_before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        appoint_officer(
            actor=tree.admin,
            unit=tree.puk_a,
            position=chair(),
            person_name="Budi",
            gender="M",
            started_on=datetime.date(2025, 6, 1),
        )
    assert caught.value.problems[0].field == "position"
    assert "Siti" in caught.value.message
    assert list(OfficerTerm.objects.values_list("person_name", "ended_on")) == [("Siti", None)]
    assert AuditEvent.objects.count() == events_before


def test_replacing_the_chair_ends_the_current_term_the_day_before(tree):
    appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=chair(),
        person_name="Siti",
        gender="F",
        started_on=datetime.date(2025, 1, 1),
    )
    appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=chair(),
        person_name="Budi",
        gender="M",
        started_on=datetime.date(2025, 6, 1),
        replace_current=True,
    )
    terms = dict(OfficerTerm.objects.values_list("person_name", "ended_on"))
    assert terms == {"Siti": datetime.date(2025, 5, 31), "Budi": None}
    assert AuditEvent.objects.filter(kind=events.OFFICER_TERM_ENDED).count() == 1
    assert AuditEvent.objects.filter(kind=events.OFFICER_APPOINTED).count() == 2


def test_deputies_may_be_several(tree):
    deputy = Position.objects.get(code="wakil-ketua")
    for name in ("A", "B"):
        appoint_officer(
            actor=tree.admin,
            unit=tree.puk_a,
            position=deputy,
            person_name=name,
            gender="F",
            started_on=datetime.date(2025, 1, 1),
        )
    assert OfficerTerm.objects.filter(unit=tree.puk_a, ended_on__isnull=True).count() == 2


def test_a_term_ends_once(tree):
    term = appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=chair(),
        person_name="Siti",
        gender="F",
        started_on=datetime.date(2025, 1, 1),
    )
    end_officer_term(actor=tree.admin, term=term, ended_on=datetime.date(2025, 3, 1), reason="resigned")
    with pytest.raises(Conflict):
        end_officer_term(actor=tree.admin, term=term, ended_on=datetime.date(2025, 4, 1))
    assert OfficerTerm.objects.get().ended_on == datetime.date(2025, 3, 1)


# --- workplaces ------------------------------------------------------------------------------


def test_only_plant_unions_are_linked_to_workplaces(tree):
    employer = register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Alpha")
    workplace = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name="Plant 1")
    events_before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        link_workplace(actor=tree.admin, unit=tree.pc_bks, workplace=workplace)
    assert [p.field for p in caught.value.problems] == ["unit"]
    assert AuditEvent.objects.count() == events_before
    link = link_workplace(actor=tree.admin, unit=tree.puk_a, workplace=workplace)
    with pytest.raises(Conflict):
        link_workplace(actor=tree.admin, unit=tree.puk_a, workplace=workplace)
    assert list(workplace.unit_links.values_list("pk", flat=True)) == [link.pk]


@pytest.mark.django_db
def test_a_plant_union_moved_to_a_branch_in_another_city_joins_that_citys_council(tree):
    from serikat.organisation.services import move_unit

    moved = move_unit(actor=tree.admin, unit=tree.puk_a, new_parent=tree.pc_tng)
    assert (moved.territory_id, moved.territory_path) == (tree.kc_tng.pk, tree.kc_tng.path)
    event = AuditEvent.objects.get(kind="organisation.unit_moved")
    assert event.data["units_changing_council"] == 1
