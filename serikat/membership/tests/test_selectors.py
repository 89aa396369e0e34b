import datetime

import pytest

from serikat.membership import services
from serikat.membership.names import levenshtein, similarity
from serikat.membership.selectors import MemberFilters, classify, member_page

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("3216015708850001", "Siti Rahayu Lestari", "PUK-A"),
    ("3216010203900002", "Budi Santoso", "PUK-A"),
    ("3216011111880003", "Agus Setiawan", "PUK-B"),
    ("3216016512920004", "Dewi Kartika Sari", "PUK-C"),
    ("3216010101870005", "Bambang Nugroho", "SPN-PUK-S"),
]


@pytest.fixture
def people(tree):
    made = {}
    for nik, name, unit in PEOPLE:
        m = services.register_member(
            actor=tree.admin, unit=tree.units[unit], nik=nik, full_name=name, joined_on=datetime.date(2025, 1, 1)
        )
        made[name] = services.activate_membership(actor=tree.admin, membership=m)
    return made


def test_classify_reads_what_was_typed():
    assert classify("3216 0157 0885 0001") == ("nik", "3216015708850001")
    assert classify("0812-3456-7890") == ("phone", "+6281234567890")
    assert classify("FSPMI-2026-0000041") == ("kta", "FSPMI-2026-0000041")
    assert classify("  siti   rahayu ") == ("name", "siti rahayu")


def test_near_words_are_measured_as_postgresql_measures_them():
    assert (levenshtein("bambng", "bambang"), levenshtein("rahyu", "rahayu"), levenshtein("dwei", "dewi")) == (1, 1, 2)
    assert similarity("rahyu", "rahayu") == 4 / 9  # pg_trgm: 4 shared trigrams of 9
    assert similarity("joko", "bambang") == 0.0


def test_a_misspelled_name_finds_the_member_within_scope_only(people, tree, make_user):
    province = make_user("secretariat", tree.dpw_jabar)
    page = member_page(province, MemberFilters(q="Bambng Nugroho"))
    assert page.rows == []  # the SPN member is outside FSPMI Jawa Barat
    page = member_page(province, MemberFilters(q="Dewi Kartka"))
    assert [m.member.full_name for m in page.rows] == ["Dewi Kartika Sari"]
    spn = make_user("secretariat", tree.spn)
    assert [m.member.full_name for m in member_page(spn, MemberFilters(q="Bambng")).rows] == ["Bambang Nugroho"]


def test_exact_nik_kta_and_phone(people, tree):
    siti = people["Siti Rahayu Lestari"]
    admin = tree.admin
    assert member_page(admin, MemberFilters(q="3216015708850001")).rows == [siti]
    assert member_page(admin, MemberFilters(q=siti.kta_number)).rows == [siti]


def test_keyset_pages_walk_every_row_once_without_counting(people, tree):
    seen, after = [], None
    while True:
        page = member_page(tree.admin, MemberFilters(), after=after, limit=2)
        seen += [m.pk for m in page.rows]
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == sorted((m.pk for m in people.values()), reverse=True)


def test_filters_by_unit_subtree_along_the_territory_gender_and_age(people, tree):
    in_bekasi = member_page(tree.admin, MemberFilters(unit=tree.kc_bks)).rows
    assert sorted(m.member.full_name for m in in_bekasi) == ["Agus Setiawan", "Budi Santoso", "Siti Rahayu Lestari"]
    women = member_page(tree.admin, MemberFilters(gender="F")).rows
    assert sorted(m.member.full_name for m in women) == ["Dewi Kartika Sari", "Siti Rahayu Lestari"]
    born = {m.member.full_name: m.member.birth_date for m in people.values()}
    assert born["Dewi Kartika Sari"] == datetime.date(1992, 12, 25)
    young = member_page(tree.admin, MemberFilters(age_to=34)).rows
    today = datetime.date.today()
    age = {n: today.year - b.year - ((today.month, today.day) < (b.month, b.day)) for n, b in born.items()}
    expected = sorted(n for n, years in age.items() if years <= 34)
    assert sorted(m.member.full_name for m in young) == expected
