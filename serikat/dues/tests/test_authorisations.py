"""Deduction authorisations (surat kuasa): the rules of docs/dues.md section 2, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.dues import events
from serikat.dues import services_authorisations as services
from serikat.dues.models import Authorisation, EmployerLetter
from serikat.dues.tests.authorisations_world import JPEG_BYTES, PDF_BYTES, PNG_BYTES, SIGNED, plant_union
from serikat.membership import services as membership_services
from serikat.membership.models import Membership
from serikat.membership.tests.cards_helpers import active_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def union(tree):
    return plant_union(tree)


def _state():
    return (
        list(Authorisation.objects.values_list("id", "membership_id", "employer_id", "signed_on", "revoked_on")),
        list(EmployerLetter.objects.values_list("id", "number")),
        AuditEvent.objects.count(),
    )


def test_records_an_authorisation_with_a_scan_under_an_unguessable_name(tree, make_user, union, media):
    officer = make_user("secretariat", tree.puk_a)
    scan = SimpleUploadedFile("kuasa Siti.pdf", PDF_BYTES, content_type="application/pdf")
    authorisation = services.record_authorisation(
        actor=officer, membership=union.members[0], employer=union.employer, signed_on=SIGNED, document=scan
    )
    authorisation.refresh_from_db()
    assert (authorisation.unit_id, authorisation.employer_id, authorisation.signed_on) == (
        tree.puk_a.pk,
        union.employer.pk,
        SIGNED,
    )
    name = authorisation.document.name
    assert name.startswith("dues/authorisations/") and name.endswith(".pdf")
    assert "kuasa" not in name and "Siti" not in name and len(name.rsplit("/", 1)[1]) >= 32
    assert (media / name).read_bytes() == PDF_BYTES
    event = AuditEvent.objects.get(kind=events.AUTHORISATION_RECORDED)
    assert (event.unit_id, event.object_id, event.data["document"], event.data["employer"]) == (
        tree.puk_a.pk,
        str(authorisation.pk),
        True,
        union.employer.pk,
    )
    data, content_type, filename = services.scan_of(actor=officer, authorisation=authorisation)
    assert (data, content_type, filename) == (PDF_BYTES, "application/pdf", f"surat-kuasa-{authorisation.pk}.pdf")


@pytest.mark.parametrize(("content", "extension"), [(PNG_BYTES, "png"), (JPEG_BYTES, "jpg")])
def test_accepts_png_and_jpeg_scans_by_their_first_bytes(tree, union, media, content, extension):
    scan = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")  # the name does not matter
    authorisation = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED, document=scan
    )
    assert authorisation.document.name.endswith(f".{extension}")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 an executable", "The scan must be a PDF, JPEG or PNG file."),
        (b"<html><script>alert(1)</script>", "The scan must be a PDF, JPEG or PNG file."),
        (b"", "The scan is empty."),
        (b"%PDF-" + b"0" * (5 * 1024 * 1024), "The scan is too large: at most 5 MB."),
    ],
    ids=["exe", "html", "empty", "too-large"],
)
def test_refuses_a_bad_scan_naming_the_field_and_changes_nothing(tree, union, media, content, message):
    before = _state()
    scan = SimpleUploadedFile("kuasa.pdf", content, content_type="application/pdf")
    with pytest.raises(DomainError) as error:
        services.record_authorisation(
            actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED, document=scan
        )
    assert [(p.field, p.message) for p in error.value.problems] == [("document", message)]
    assert _state() == before
    assert not media.exists() or list(media.rglob("*.*")) == []


def test_one_open_authorisation_per_membership_and_employer(tree, union):
    first = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    before = _state()
    with pytest.raises(Conflict):
        services.record_authorisation(
            actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED
        )
    assert _state() == before
    services.revoke_authorisation(
        actor=tree.admin, authorisation=first, revoked_on=datetime.date(2025, 5, 31), reason="dicabut anggota"
    )
    again = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=datetime.date(2025, 7, 1)
    )
    assert list(
        Authorisation.objects.filter(membership=union.members[0]).order_by("pk").values_list("pk", "revoked_on")
    ) == [(first.pk, datetime.date(2025, 5, 31)), (again.pk, None)]


def test_refuses_an_employer_neither_the_members_nor_linked_to_the_union(tree, union):
    before = _state()
    with pytest.raises(DomainError) as error:
        services.record_authorisation(
            actor=tree.admin, membership=union.members[0], employer=union.other_employer, signed_on=SIGNED
        )
    assert [p.field for p in error.value.problems] == ["employer"]
    assert _state() == before


def test_refuses_dates_in_the_future_or_before_joining(tree, union, today):
    for signed_on, message in (
        (today + datetime.timedelta(days=1), "The signing date cannot be in the future."),
        (datetime.date(2023, 12, 31), "The authorisation cannot be signed before the member joined."),
    ):
        with pytest.raises(DomainError) as error:
            services.record_authorisation(
                actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=signed_on
            )
        assert [(p.field, p.message) for p in error.value.problems] == [("signed_on", message)]
    assert Authorisation.objects.count() == 0


def test_an_applicant_or_a_former_member_cannot_authorise(tree, union):
    applicant = membership_services.register_member(
        actor=tree.admin, unit=tree.puk_a, nik=union.nik(40), full_name="Pelamar", joined_on=SIGNED
    )
    membership_services.end_membership(
        actor=tree.admin, membership=union.members[1], reason="resignation", ended_on=datetime.date(2025, 1, 31)
    )
    for membership in (applicant, union.members[1]):
        with pytest.raises(DomainError) as error:
            services.record_authorisation(
                actor=tree.admin, membership=membership, employer=union.employer, signed_on=SIGNED
            )
        assert [p.field for p in error.value.problems] == ["membership"]
    assert Authorisation.objects.count() == 0


def test_only_officers_of_the_members_union_may_record(tree, make_user, union):
    before = _state()
    for actor in (make_user("secretariat", tree.puk_b), make_user(), make_user("treasurer", tree.puk_c)):
        with pytest.raises(NotFound):
            services.record_authorisation(
                actor=actor, membership=union.members[0], employer=union.employer, signed_on=SIGNED
            )
    with pytest.raises(NotFound):
        services.record_authorisation(
            actor=make_user("read_only", tree.puk_a),
            membership=union.members[0],
            employer=union.employer,
            signed_on=SIGNED,
        )
    assert _state() == before


def test_bulk_records_the_forms_of_a_meeting_and_skips_members_already_authorised(tree, make_user):
    union = plant_union(tree, members=6)
    officer = make_user("secretariat", tree.puk_a)
    services.record_authorisation(actor=officer, membership=union.members[2], employer=union.employer, signed_on=SIGNED)
    ids = [m.pk for m in union.members]
    meeting = datetime.date(2025, 3, 8)
    with CaptureQueriesContext(connection) as queries:
        result = services.record_authorisations(
            actor=officer, unit=tree.puk_a, employer=union.employer, membership_ids=ids, signed_on=meeting
        )
    assert sorted(a.membership_id for a in result["created"]) == sorted(set(ids) - {union.members[2].pk})
    assert result["skipped"] == [union.members[2].pk]
    assert dict(Authorisation.objects.values_list("membership_id", "signed_on")) == {
        **dict.fromkeys(ids, meeting),
        union.members[2].pk: SIGNED,
    }
    recorded = AuditEvent.objects.filter(kind=events.AUTHORISATION_RECORDED, data__bulk=True)
    assert sorted(int(e.object_id) for e in recorded) == sorted(a.pk for a in result["created"])
    small = len(queries)
    more = plant_union_more(tree, union, 20)
    with CaptureQueriesContext(connection) as queries:
        services.record_authorisations(
            actor=officer, unit=tree.puk_a, employer=union.employer, membership_ids=more, signed_on=meeting
        )
    assert len(queries) == small  # set-based: the same statements for 5 forms and 20


def plant_union_more(tree, union, count):
    return [
        active_member(tree.admin, tree.puk_a, 100 + n, full_name=f"Tambahan {n:02d}", employer=union.employer).pk
        for n in range(count)
    ]


def test_bulk_refuses_members_of_another_union_and_changes_nothing(tree, union):
    stranger = active_member(tree.admin, tree.puk_b, 77, full_name="Orang PUK-B", employer=union.employer)
    applicant = membership_services.register_member(
        actor=tree.admin, unit=tree.puk_a, nik=union.nik(41), full_name="Pelamar Dua", joined_on=SIGNED
    )
    before = _state()
    with pytest.raises(DomainError) as error:
        services.record_authorisations(
            actor=tree.admin,
            unit=tree.puk_a,
            employer=union.employer,
            membership_ids=[union.members[0].pk, stranger.pk, applicant.pk],
            signed_on=SIGNED,
        )
    assert [(p.field, p.message) for p in error.value.problems] == [
        (
            "membership_ids",
            f"Not members of this union: {stranger.pk}. Not active members: Pelamar Dua.",
        )
    ]
    assert _state() == before
    with pytest.raises(DomainError) as error:
        services.record_authorisations(
            actor=tree.admin, unit=tree.puk_a, employer=union.employer, membership_ids=[], signed_on=SIGNED
        )
    assert [p.field for p in error.value.problems] == ["membership_ids"]


def test_revoking_issues_a_numbered_notice_in_the_same_transaction(tree, make_user, union, today):
    officer = make_user("secretariat", tree.puk_a)
    authorisation = services.record_authorisation(
        actor=officer, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    revoked = services.revoke_authorisation(
        actor=officer, authorisation=authorisation, revoked_on=datetime.date(2025, 6, 15), reason="permintaan anggota"
    )
    notice = revoked.notice
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[today.month - 1]
    assert notice.number == f"001/COS/PUK-A/{roman}/{today.year}"
    assert (notice.kind, notice.authorisation_id, notice.employer_id, notice.issued_on) == (
        "revocation",
        authorisation.pk,
        union.employer.pk,
        today,
    )
    assert notice.content["member"]["revoked_on"] == "2025-06-15"
    assert notice.content["reason"] == "permintaan anggota"
    assert notice.content["first_month_without"] == "Juni 2025"
    assert list(AuditEvent.objects.filter(unit=tree.puk_a).order_by("pk").values_list("kind", flat=True))[-3:] == [
        events.AUTHORISATION_RECORDED,
        events.AUTHORISATION_REVOKED,
        events.LETTER_ISSUED,
    ]
    before = _state()
    with pytest.raises(Conflict):
        services.revoke_authorisation(actor=officer, authorisation=revoked, revoked_on=today, reason="lagi")
    assert _state() == before


def test_revoking_refuses_a_date_before_signing_or_no_reason(tree, union):
    authorisation = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    before = _state()
    for revoked_on, reason, field in (
        (datetime.date(2025, 2, 2), "alasan", "revoked_on"),
        (datetime.date(2025, 6, 1), "   ", "reason"),
    ):
        with pytest.raises(DomainError) as error:
            services.revoke_authorisation(
                actor=tree.admin, authorisation=authorisation, revoked_on=revoked_on, reason=reason
            )
        assert [p.field for p in error.value.problems] == [field]
    assert _state() == before


def test_ending_a_membership_revokes_its_authorisations_with_a_notice_per_employer(tree, make_user, union):
    officer = make_user("secretariat", tree.puk_a)
    leaving = union.members[0]
    own = services.record_authorisation(actor=officer, membership=leaving, employer=union.employer, signed_on=SIGNED)
    # The union is also linked to a second employer (e.g. an outsourcing company at the same plant).
    from serikat.organisation.services import link_workplace, register_workplace

    outsourcer_site = register_workplace(
        actor=tree.admin, employer=union.other_employer, unit=tree.puk_b, name="Gudang Cikarang"
    )
    link_workplace(actor=tree.admin, unit=tree.puk_a, workplace=outsourcer_site)
    second = services.record_authorisation(
        actor=officer, membership=leaving, employer=union.other_employer, signed_on=SIGNED
    )
    staying = services.record_authorisation(
        actor=officer, membership=union.members[1], employer=union.employer, signed_on=SIGNED
    )
    ended_on = datetime.date(2025, 8, 20)
    membership_services.end_membership(actor=officer, membership=leaving, reason="resignation", ended_on=ended_on)
    assert dict(Authorisation.objects.values_list("pk", "revoked_on")) == {
        own.pk: ended_on,
        second.pk: ended_on,
        staying.pk: None,
    }
    notices = EmployerLetter.objects.filter(kind="revocation").order_by("pk")
    assert [(n.authorisation_id, n.employer_id) for n in notices] == [
        (own.pk, union.employer.pk),
        (second.pk, union.other_employer.pk),
    ]
    assert [n.number[:3] for n in notices] == ["001", "002"]
    assert notices[0].content["reason"] == "anggota mengundurkan diri dari keanggotaan serikat pekerja"
    assert notices[0].content["first_month_without"] == "Agustus 2025"


def test_a_failed_end_leaves_authorisations_open(tree, union):
    authorisation = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    before = _state()
    with pytest.raises(DomainError):
        membership_services.end_membership(
            actor=tree.admin, membership=union.members[0], reason="resignation", ended_on=datetime.date(2020, 1, 1)
        )
    assert _state() == before
    authorisation.refresh_from_db()
    assert authorisation.revoked_on is None


def test_a_backdated_end_revokes_no_earlier_than_the_signing_day(tree, union):
    late = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=datetime.date(2025, 4, 1)
    )
    membership_services.end_membership(
        actor=tree.admin, membership=union.members[0], reason="left_employer", ended_on=datetime.date(2025, 3, 1)
    )
    late.refresh_from_db()
    assert late.revoked_on == datetime.date(2025, 4, 1)


def test_an_accepted_transfer_revokes_the_old_unions_authorisations(tree, make_user, union):
    authorisation = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    sender = make_user("secretariat", tree.puk_a)
    receiver = make_user("secretariat", tree.puk_c)  # sees nothing of PUK-A
    transfer = membership_services.request_transfer(
        actor=sender, membership=union.members[0], to_unit=tree.puk_c, effective_on=datetime.date(2025, 9, 1)
    )
    new = membership_services.accept_transfer(actor=receiver, transfer=transfer)
    authorisation.refresh_from_db()
    assert authorisation.revoked_on == datetime.date(2025, 9, 1)
    notice = EmployerLetter.objects.get(authorisation=authorisation)
    assert (notice.unit_id, notice.issued_by_id) == (tree.puk_a.pk, receiver.pk)
    assert notice.content["reason"] == "keanggotaan dipindahkan (mutasi) ke unit serikat pekerja lain"
    assert Authorisation.objects.filter(membership=new).count() == 0


def test_revoke_on_leaving_refuses_a_current_membership_and_strangers(tree, make_user, union):
    services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    before = _state()
    with pytest.raises(DomainError):
        services.revoke_on_leaving(actor=tree.admin, membership=union.members[0], on=SIGNED)
    Membership.objects.filter(pk=union.members[0].pk).update(
        status="ended", ended_on=datetime.date(2025, 5, 1), end_reason="resignation"
    )
    union.members[0].refresh_from_db()
    with pytest.raises(NotFound):
        services.revoke_on_leaving(
            actor=make_user("secretariat", tree.puk_b), membership=union.members[0], on=datetime.date(2025, 5, 1)
        )
    assert _state() == before


def test_notification_letters_are_numbered_per_union_and_year(tree, union, today):
    services.record_authorisations(
        actor=tree.admin,
        unit=tree.puk_a,
        employer=union.employer,
        membership_ids=[m.pk for m in union.members],
        signed_on=SIGNED,
    )
    first = services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)
    second = services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[today.month - 1]
    assert [first.number, second.number] == [
        f"001/COS/PUK-A/{roman}/{today.year}",
        f"002/COS/PUK-A/{roman}/{today.year}",
    ]
    event = AuditEvent.objects.filter(kind=events.LETTER_ISSUED).latest("pk")
    assert (event.object_id, event.data["members"], event.data["kind"]) == (str(second.pk), 3, "notification")


def test_a_notification_needs_members_with_an_authorisation_in_force(tree, union):
    before = _state()
    with pytest.raises(DomainError) as error:
        services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)
    assert [p.field for p in error.value.problems] == ["employer"]
    with pytest.raises(DomainError) as error:
        services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.other_employer)
    assert [p.field for p in error.value.problems] == ["employer"]
    assert _state() == before


def test_a_notification_cannot_be_dated_in_the_future(tree, union, today):
    services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    before = _state()
    with pytest.raises(DomainError) as error:
        services.issue_notification_letter(
            actor=tree.admin, unit=tree.puk_a, employer=union.employer, issued_on=today + datetime.timedelta(days=1)
        )
    assert [p.field for p in error.value.problems] == ["issued_on"]
    assert _state() == before
