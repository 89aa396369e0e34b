"""The production process through its services: meetings, participants, inputs, links, trainers."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.membership import services as membership
from serikat.training import events
from serikat.training import services_production as production
from serikat.training.models import (
    InputLink,
    MeetingInput,
    MeetingParticipant,
    ProductionMeeting,
    Trainer,
)
from serikat.training.selectors_production import meeting_detail, trainer_rows
from serikat.training.tests.test_production_world import HELD_ON, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tree):
    return build(tree)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids); the product's default is Bahasa Indonesia."""
    with translation.override("en"):
        yield


def _rows():
    return (
        list(ProductionMeeting.objects.values_list("id", "title", "kind").order_by("id")),
        list(ProductionMeeting.packages.through.objects.values_list("id").order_by("id")),
        list(MeetingParticipant.objects.values_list("id", "name").order_by("id")),
        list(MeetingInput.objects.values_list("id", "text").order_by("id")),
        list(InputLink.objects.values_list("id").order_by("id")),
        list(Trainer.objects.values_list("id").order_by("id")),
        AuditEvent.objects.count(),
    )


def _problems(error):
    return sorted((p.field, str(p.message)) for p in error.value.problems)


# --- meetings ------------------------------------------------------------------------------------


def test_an_author_records_a_meeting_with_the_packages_it_worked_on(w):
    meeting = production.record_meeting(
        actor=w.author_fspmi,
        unit=w.tree.fspmi,
        kind="follow_up",
        title="Finalisasi modul K3",
        held_on=HELD_ON,
        place="Cikarang",
        packages=[w.k3.package, w.kb.package],
    )
    assert sorted(meeting.packages.values_list("code", flat=True)) == ["K3-01", "KB-01"]
    event = AuditEvent.objects.get(kind=events.MEETING_RECORDED)
    assert (event.object_id, event.unit_id, event.data["packages"]) == (
        str(meeting.pk),
        w.tree.fspmi.pk,
        sorted([w.k3.package.pk, w.kb.package.pk]),
    )


def test_a_trainer_may_not_record_a_meeting_and_nothing_is_written(w):
    before = _rows()
    with pytest.raises(NotFound):
        production.record_meeting(actor=w.trainer_a, unit=w.tree.puk_a, title="Rapat", held_on=HELD_ON)
    assert _rows() == before


def test_a_package_the_author_cannot_see_answers_not_found_on_the_packages_field(w, tree):
    from serikat.training.tests.test_production_world import package

    spn_package = package(tree.spn, "SPN-01", "Modul SPN", [], admin=w.admin).package
    before = _rows()
    with pytest.raises(NotFound) as error:
        production.record_meeting(
            actor=w.author_fspmi, unit=tree.fspmi, title="Rapat", held_on=HELD_ON, packages=[spn_package]
        )
    assert [p.field for p in error.value.problems] == ["packages"]
    assert _rows() == before


def test_a_meeting_works_only_on_packages_of_its_organisers_line(w, tree):
    with pytest.raises(DomainError) as error:
        production.record_meeting(
            actor=w.author_kspi, unit=tree.spn, title="Rapat SPN", held_on=HELD_ON, packages=[w.k3.package]
        )
    assert _problems(error) == [
        ("packages", "K3 di Pabrik Logam belongs to a unit outside the organiser's line of the tree.")
    ]


def test_a_meeting_needs_a_title_a_date_and_a_known_kind(w):
    with pytest.raises(DomainError) as error:
        production.record_meeting(actor=w.author_fspmi, unit=w.tree.fspmi, kind="party", title=" ", held_on=None)
    assert _problems(error) == [
        ("held_on", "Give a date."),
        ("kind", "Choose the kind of meeting."),
        ("title", "This field is required."),
    ]


def test_changing_a_meeting_records_what_changed(w):
    production.change_meeting(
        actor=w.author_fspmi,
        meeting=w.meeting,
        kind="production_group",
        title="Kelompok produksi FSPMI (hari 1)",
        held_on=HELD_ON,
        place="Bekasi",
        packages=[w.k3.package],
    )
    event = AuditEvent.objects.get(kind=events.MEETING_CHANGED)
    assert event.changes == {
        "title": ["Kelompok produksi FSPMI", "Kelompok produksi FSPMI (hari 1)"],
        "packages": [sorted([w.kb.package.pk, w.k3.package.pk]), [w.k3.package.pk]],
    }
    assert list(w.meeting.packages.values_list("code", flat=True)) == ["K3-01"]


def test_a_package_whose_sections_an_input_shaped_cannot_be_dropped(w):
    item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text="Materi K3 sektor logam")
    production.link_input(actor=w.author_fspmi, input=item, module=w.kb.modules[0])
    before = _rows()
    with pytest.raises(DomainError) as error:
        production.change_meeting(
            actor=w.author_fspmi, meeting=w.meeting, kind="production_group", title="X", held_on=HELD_ON,
            packages=[w.k3.package],
        )  # fmt: skip
    assert _problems(error) == [
        ("packages", "Inputs of this meeting shaped sections of Kebebasan Berserikat; unlink them before dropping it.")
    ]
    assert _rows() == before


# --- participants --------------------------------------------------------------------------------


def test_a_trainer_from_the_pool_fills_in_name_unit_and_sector(w, tree):
    trainer = production.record_trainer(
        actor=w.author_fspmi, unit=tree.puk_a, name="Rina Marlina", sector=w.metal,
        ttm_completed_on=datetime.date(2023, 5, 1),
    )  # fmt: skip
    participant = production.add_participant(
        actor=w.author_fspmi, meeting=w.meeting, role="ttm_alumnus", trainer=trainer
    )
    assert (participant.name, participant.unit, participant.sector, participant.trainer) == (
        "Rina Marlina",
        tree.puk_a,
        w.metal,
        trainer,
    )
    assert AuditEvent.objects.get(kind=events.MEETING_CHANGED).data["participant_added"] == participant.pk


def test_a_participant_may_speak_for_any_federation_but_not_for_a_unit_out_of_reach(w, tree):
    production.add_participant(actor=w.author_fspmi, meeting=w.meeting, name="Wakil SPN", unit=tree.spn)
    before = _rows()
    with pytest.raises(NotFound) as error:
        production.add_participant(actor=w.author_fspmi, meeting=w.meeting, name="Orang SPN", unit=tree.spn_puk)
    assert [p.field for p in error.value.problems] == ["unit"]
    assert _rows() == before


def test_participants_are_grouped_by_the_federation_they_represent(w, tree):
    for name, unit in [("Budi", tree.puk_a), ("Ani", tree.spn), ("Citra", tree.fspmi), ("Dedi", None)]:
        production.add_participant(actor=w.author_fspmi, meeting=w.meeting, name=name, unit=unit)
    detail = meeting_detail(w.author_fspmi, w.meeting)
    assert [(g.label, [p.name for p in g.rows]) for g in detail.participant_groups] == [
        ("FSPMI", ["Budi", "Citra"]),
        ("SPN", ["Ani"]),
        ("No unit named", ["Dedi"]),
    ]


def test_removing_a_participant_keeps_the_inputs_they_raised(w):
    participant = production.add_participant(actor=w.author_fspmi, meeting=w.meeting, name="Budi")
    item = production.record_input(
        actor=w.author_fspmi, meeting=w.meeting, kind="obstacle", text="Pengusaha melarang rapat", raised_by=participant
    )
    production.remove_participant(actor=w.author_fspmi, participant=participant)
    item.refresh_from_db()
    assert (item.raised_by_id, item.text) == (None, "Pengusaha melarang rapat")


# --- inputs and links ----------------------------------------------------------------------------


def test_an_input_is_raised_by_a_participant_of_the_same_meeting(w):
    stranger = MeetingParticipant.objects.create(meeting=w.spn_meeting, name="Orang lain")
    with pytest.raises(DomainError) as error:
        production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text="x", raised_by=stranger)
    assert _problems(error) == [("raised_by", "Choose a participant of this meeting.")]


def test_inputs_are_grouped_by_kind_then_sector_all_sectors_first(w):
    for kind, sector, text in [
        ("approach", None, "Metode diskusi kelompok"),
        ("need", w.metal, "Bahaya bahan kimia di pabrik logam"),
        ("need", None, "Hak cuti haid"),
    ]:
        production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind=kind, sector=sector, text=text)
    detail = meeting_detail(w.author_fspmi, w.meeting)
    shape = [(k.key, [(s.label, [i.text for i in s.rows]) for s in k.groups]) for k in detail.input_groups]
    assert shape == [
        ("need", [("All sectors", ["Hak cuti haid"]), (str(w.metal), ["Bahaya bahan kimia di pabrik logam"])]),
        ("approach", [("All sectors", ["Metode diskusi kelompok"])]),
    ]


def test_an_input_links_to_a_module_and_to_a_session_once_each(w):
    item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text="Sejarah lokal")
    production.link_input(actor=w.author_fspmi, input=item, module=w.kb.modules[0])
    link = production.link_input(actor=w.author_fspmi, input=item, module=w.kb.modules[0], session=w.kb.sessions[0])
    assert list(item.links.order_by("id").values_list("module_id", "session_id")) == [
        (w.kb.modules[0].pk, None),
        (w.kb.modules[0].pk, w.kb.sessions[0].pk),
    ]
    assert AuditEvent.objects.filter(kind=events.INPUT_LINKED).count() == 2
    before = _rows()
    with pytest.raises(Conflict):
        production.link_input(actor=w.author_fspmi, input=item, module=w.kb.modules[0], session=w.kb.sessions[0])
    assert _rows() == before
    production.unlink_input(actor=w.author_fspmi, link=link)
    assert AuditEvent.objects.filter(kind=events.MEETING_CHANGED).latest("id").data["input_unlinked"] == item.pk


def test_an_input_links_only_to_sections_of_the_meetings_packages(w, tree):
    from serikat.training.tests.test_production_world import package

    other = package(tree.root, "GE-01", "Kesetaraan Gender", [("Gender", ["Peran"])], admin=w.admin)
    item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text="x")
    before = _rows()
    with pytest.raises(DomainError) as error:
        production.link_input(actor=w.author_fspmi, input=item, module=other.modules[0])
    assert _problems(error) == [("section", "Choose a section of one of the meeting's packages.")]
    with pytest.raises(DomainError) as error:
        production.link_input(actor=w.author_fspmi, input=item, module=w.kb.modules[1], session=w.kb.sessions[0])
    assert _problems(error) == [("section", "This session is not part of that module.")]
    assert _rows() == before


def test_only_an_author_over_the_organiser_links_inputs(w):
    item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text="x")
    before = _rows()
    for actor in (w.trainer_a, w.reader_fspmi, w.trainer_spn):
        with pytest.raises(NotFound):
            production.link_input(actor=actor, input=item, module=w.kb.modules[0])
    assert _rows() == before


# --- the trainer pool ----------------------------------------------------------------------------


def _member(tree, nik="3216015708850001", name="Siti Rahayu"):
    joined = datetime.date(2024, 3, 1)
    membership_row = membership.register_member(
        actor=tree.admin, unit=tree.puk_a, nik=nik, full_name=name, joined_on=joined
    )
    return membership.activate_membership(actor=tree.admin, membership=membership_row, activated_on=joined)


def test_a_trainer_is_linked_to_the_member_found_by_nik_and_takes_their_name(w, tree):
    member = _member(tree).member
    trainer = production.record_trainer(actor=tree.admin, unit=tree.puk_a, nik="3216015708850001")
    assert (trainer.name, trainer.member, trainer.unit) == ("Siti Rahayu", member, tree.puk_a)
    assert AuditEvent.objects.get(kind=events.TRAINER_RECORDED).data["member"] == member.pk


def test_a_trainer_is_linked_by_kta_number(w, tree):
    membership_row = _member(tree)
    membership_row.kta_number = "FSPMI-000123"
    membership_row.save(update_fields=["kta_number"])
    trainer = production.record_trainer(actor=tree.admin, unit=tree.puk_a, name="Siti", kta_number="fspmi-000123")
    assert trainer.member == membership_row.member


def test_a_nik_outside_the_actors_member_scope_is_a_problem_on_the_nik_field(w, tree):
    _member(tree)  # a member of PUK-A; the author holds no membership.view_member
    before = _rows()
    with pytest.raises(DomainError) as error:
        production.record_trainer(actor=w.author_fspmi, unit=tree.puk_a, name="Siti", nik="3216015708850001")
    assert _problems(error) == [("nik", "No member with this NIK in the units you may see.")]
    assert _rows() == before


def test_the_trainer_pool_is_seen_downward_only(w, tree):
    production.record_trainer(actor=w.author_kspi, unit=tree.puk_a, name="Rina")
    production.record_trainer(actor=w.author_kspi, unit=tree.root, name="Tono")
    seen = {
        who: [t.name for t in trainer_rows(getattr(w, who))]
        for who in ("author_kspi", "author_fspmi", "trainer_a", "trainer_b", "trainer_spn")
    }
    assert seen == {
        "author_kspi": ["Rina", "Tono"],
        "author_fspmi": ["Rina"],
        "trainer_a": ["Rina"],
        "trainer_b": [],
        "trainer_spn": [],
    }


def test_a_trainer_needs_a_name_and_a_past_ttm_date(w, tree):
    with pytest.raises(DomainError) as error:
        production.record_trainer(actor=w.author_fspmi, unit=tree.puk_a, ttm_completed_on=datetime.date(2999, 1, 1))
    assert _problems(error) == [
        ("name", "This field is required."),
        ("ttm_completed_on", "This date is in the future."),
    ]
