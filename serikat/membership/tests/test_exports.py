"""Exports of member lists: scoped, filtered, streamed, formula-safe, audited."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from serikat.audit.models import AuditEvent
from serikat.core.errors import DomainError, Forbidden
from serikat.membership import exports, services
from serikat.membership.selectors import MemberFilters
from serikat.membership.tests.test_web_members import register

pytestmark = pytest.mark.django_db

EXPORT = reverse("membership:member_export")


@pytest.fixture(autouse=True)
def english():
    """Headers and labels are written in the language of the request; these tests read English."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(tree):
    admin = tree.admin
    return {
        "siti": register(admin, tree.puk_a, 1, '=HYPERLINK("http://x")', female=True, phone="0812-3456-7890"),
        "budi": register(admin, tree.puk_b, 2, "Budi Santoso", activate=False, department="@SUM(A1)"),
        "joko": register(admin, tree.puk_d, 3, "Joko Susilo", monthly_wage_amount=5_200_000),
        "bambang": register(admin, tree.spn_puk, 4, "Bambang Nugroho"),
    }


def read(export) -> bytes:
    return b"".join(export.chunks)


def rows_of_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+6281234", "'+6281234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Siti = Rahayu", "Siti = Rahayu"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_could_run_are_neutralised(value, expected):
    assert exports.neutralise(value) == expected


def test_a_csv_export_holds_the_scoped_filtered_list_with_formulas_neutralised(people, tree, make_user):
    jabar = make_user("secretariat", tree.dpw_jabar)
    export = exports.export_members(jabar, MemberFilters(), "csv")
    rows = rows_of_csv(read(export))
    assert rows[0][:3] == ["NIK", "Full name", "Gender"]
    by_name = {row[1]: row for row in rows[1:]}
    assert sorted(by_name) == ['\'=HYPERLINK("http://x")', "Budi Santoso"]
    header = rows[0]
    siti = dict(zip(header, by_name['\'=HYPERLINK("http://x")'], strict=True))
    assert (siti["Phone"], siti["Unit code"], siti["Status"], siti["Gender"]) == (
        "'+6281234567890",
        "PUK-A",
        "Active",
        "Female",
    )
    budi = dict(zip(header, by_name["Budi Santoso"], strict=True))
    assert (budi["Department"], budi["Status"], budi["KTA number"]) == ("'@SUM(A1)", "Applicant", "")
    assert export.row_count == 2


def test_every_export_is_audited_with_its_filters_and_row_count_before_it_streams(people, tree, make_user):
    treasurer = make_user("treasurer", tree.fspmi)
    export = exports.export_members(
        treasurer,
        MemberFilters(unit=tree.kc_bks, statuses=["active"], joined_from=datetime.date(2025, 1, 1), q=""),
        "xlsx",
    )
    event = AuditEvent.objects.get(kind="membership.members_exported")
    assert (event.unit_id, event.actor_id) == (tree.kc_bks.pk, treasurer.pk)
    assert event.data == {
        "format": "xlsx",
        "filters": {"unit": "KC-BKS", "statuses": ["active"], "joined_from": "2025-01-01"},
        "rows": 1,
    }
    assert export.row_count == 1  # nothing read yet: the event is already there


def test_an_export_without_a_unit_filter_is_recorded_at_each_top_unit_of_the_scope(people, tree, make_user):
    from serikat.accounts.models import Grant, Role

    user = make_user("treasurer", tree.puk_a)
    Grant.objects.create(user=user, role=Role.objects.get(code="treasurer"), unit=tree.spn)
    read(exports.export_members(user, MemberFilters(), "csv"))
    events = AuditEvent.objects.filter(kind="membership.members_exported")
    assert sorted(events.values_list("unit__code", flat=True)) == ["PUK-A", "SPN"]
    assert {e.data["rows"] for e in events} == {2}


def test_an_xlsx_export_reads_back_with_dates_numbers_and_neutralised_text(people, tree, make_user):
    fspmi = make_user("secretariat", tree.fspmi)
    content = read(exports.export_members(fspmi, MemberFilters(statuses=["active"]), "xlsx"))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [r["Full name"] for r in records] == ["Joko Susilo", '\'=HYPERLINK("http://x")']
    joko = records[0]
    assert (joko["Monthly wage (Rp)"], joko["Joined on"]) == (5_200_000, datetime.datetime(2025, 1, 6))
    assert joko["Phone"] is None and records[1]["Phone"] == "'+6281234567890"


def test_a_long_list_continues_on_a_second_sheet(people, tree, make_user, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_ROWS_PER_SHEET", 2)
    content = read(exports.export_members(make_user("secretariat", tree.fspmi), MemberFilters(), "xlsx"))
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert [len(list(sheet.iter_rows())) for sheet in book.worksheets] == [3, 2]


def test_the_search_box_narrows_the_export_too(people, tree, make_user):
    fspmi = make_user("secretariat", tree.fspmi)
    by_name = rows_of_csv(read(exports.export_members(fspmi, MemberFilters(q="Joko Susilp"), "csv")))
    by_nik = rows_of_csv(read(exports.export_members(fspmi, MemberFilters(q=people["budi"].member.nik), "csv")))
    assert ([r[1] for r in by_name[1:]], [r[1] for r in by_nik[1:]]) == (["Joko Susilo"], ["Budi Santoso"])


def test_exporting_needs_the_export_permission_and_a_known_format(people, tree, make_user):
    reader = make_user("read_only", tree.fspmi)
    with pytest.raises(Forbidden):
        exports.export_members(reader, MemberFilters(), "csv")
    with pytest.raises(DomainError):
        exports.export_members(make_user("secretariat", tree.fspmi), MemberFilters(), "pdf")
    assert not AuditEvent.objects.filter(kind="membership.members_exported").exists()


def test_the_export_screen_streams_an_attachment_of_the_filtered_list(people, tree, make_user, client_for):
    client = client_for(make_user("treasurer", tree.dpw_jabar))
    response = client.post(f"{EXPORT}?unit=PUK-A&gender=F", {"format": "csv"})
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="members-')
    assert response["X-Row-Count"] == "1"
    rows = rows_of_csv(b"".join(response.streaming_content))
    assert [r[1] for r in rows[1:]] == ['\'=HYPERLINK("http://x")']
    xlsx = client.post(EXPORT, {"format": "xlsx"})
    assert xlsx["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_an_export_naming_a_hidden_unit_is_refused_and_not_recorded(people, tree, make_user, client_for):
    client = client_for(make_user("treasurer", tree.dpw_jabar))
    for query in ("unit=PUK-D", "unit=SPN-PUK-S", "joined_from=2025-02-01&joined_to=2025-01-01"):
        response = client.post(f"{EXPORT}?{query}", {"format": "csv"})
        assert response.status_code == 400, query
    assert client.post(EXPORT, {"format": "pdf"}).status_code == 400
    assert not AuditEvent.objects.filter(kind="membership.members_exported").exists()


def test_rows_added_while_the_file_is_written_are_left_out(people, tree, make_user):
    export = exports.export_members(make_user("secretariat", tree.puk_a), MemberFilters(), "csv")
    services.register_member(
        actor=tree.admin, unit=tree.puk_a, nik="3216014408950005", full_name="Late", joined_on=datetime.date(2025, 2, 1)
    )
    rows = rows_of_csv(read(export))
    assert (len(rows) - 1, export.row_count) == (1, 1)


def test_the_sector_is_the_workplaces_else_the_employers(people, tree, make_user):
    from serikat.organisation.models import Sector
    from serikat.organisation.services import link_workplace, register_employer, register_workplace

    first, second = Sector.objects.order_by("code")[:2]
    employer = register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Alpha", sector=first)
    plant = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name="Plant 1", sector=second)
    office = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name="Office")
    link_workplace(actor=tree.admin, unit=tree.puk_a, workplace=plant)
    link_workplace(actor=tree.admin, unit=tree.puk_b, workplace=office)
    services.update_membership(actor=tree.admin, membership=people["siti"], workplace=plant)
    services.update_membership(actor=tree.admin, membership=people["budi"], workplace=office)
    rows = rows_of_csv(read(exports.export_members(make_user("secretariat", tree.pc_bks), MemberFilters(), "csv")))
    table = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert (table["Budi Santoso"]["Sector"], table["Budi Santoso"]["Workplace"]) == (first.name_en, "Office")
    assert table['\'=HYPERLINK("http://x")']["Sector"] == second.name_en
