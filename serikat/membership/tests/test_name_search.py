"""Name search by words (ADR 0019): exact words, typos corrected against the vocabulary of the
registry's name words, ranking, scope, and the vocabulary kept right by every write of a name.
The same tests run on SQLite (Python ranking) and PostgreSQL (GIN index of name words)."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.db import connection

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.membership import selectors, services
from serikat.membership import services_imports as imports
from serikat.membership.models import Member, MembershipNameWord, NameWord
from serikat.membership.names import name_words, rebuild_name_words, spellings
from serikat.membership.selectors import MemberFilters, member_page
from serikat.membership.tests.import_files import write_csv

pytestmark = pytest.mark.django_db

PEOPLE = [  # NIK (Kabupaten Bekasi; women's birth day + 40), name, union
    ("3216015708850001", "Siti Rahayu Lestari", "PUK-A"),
    ("3216015808850002", "Rahayu Siti", "PUK-B"),
    ("3216015908850003", "Siti Rahayu", "PUK-C"),
    ("3216016008850004", "Sinta Dewi", "PUK-A"),
    ("3216010203900005", "Budi Santoso", "PUK-A"),
    ("3216010303900006", "Budi Hartono", "PUK-B"),
    ("3216010403900007", "Budi Santoso", "PUK-D"),  # DPW Banten: outside DPW Jawa Barat
    ("3216010503900008", "Bambang Nugroho", "SPN-PUK-S"),  # another federation
    ("3216010603900009", "José Ma'ruf-Amin", "PUK-A"),
]


@pytest.fixture
def people(tree):
    made = {}
    for nik, name, unit in PEOPLE:
        made[nik] = services.register_member(
            actor=tree.admin, unit=tree.units[unit], nik=nik, full_name=name, joined_on=datetime.date(2025, 1, 1)
        )
    return made


def found(actor, text):
    return [(m.member.full_name, m.unit.code) for m in member_page(actor, MemberFilters(q=text)).rows]


def names(actor, text):
    return [m.member.full_name for m in member_page(actor, MemberFilters(q=text)).rows]


def test_a_misspelled_word_is_corrected_to_the_nearest_real_word_and_said(people, tree):
    page = member_page(tree.admin, MemberFilters(q="Siti Rahyu"))
    assert [m.member.full_name for m in page.rows] == ["Siti Rahayu", "Siti Rahayu Lestari", "Rahayu Siti"]
    assert (page.ranked, page.searched_for, page.more_matches) == (True, "siti rahayu", False)
    assert names(tree.admin, "Bambng") == ["Bambang Nugroho"]
    assert names(tree.admin, "Nugorho") == ["Bambang Nugroho"]  # two letters swapped


def test_every_word_typed_must_be_in_the_name(people, tree):
    assert names(tree.admin, "Budi Santoso") == ["Budi Santoso", "Budi Santoso"]
    assert names(tree.admin, "budi") == ["Budi Santoso", "Budi Hartono", "Budi Santoso"]  # newest first
    assert names(tree.admin, "Rahayu") == ["Siti Rahayu", "Rahayu Siti", "Siti Rahayu Lestari"]  # shorter first
    assert member_page(tree.admin, MemberFilters(q="Budi Santoso")).searched_for == ""  # nothing corrected


def test_word_order_does_not_matter_but_the_order_typed_ranks_first(people, tree):
    assert names(tree.admin, "Rahayu Siti") == ["Rahayu Siti", "Siti Rahayu", "Siti Rahayu Lestari"]
    assert names(tree.admin, "lestari siti") == ["Siti Rahayu Lestari"]


def test_a_word_absent_from_the_vocabulary_with_no_near_word_finds_nobody(people, tree):
    assert names(tree.admin, "Zzyzx") == []
    assert names(tree.admin, "Budi Zzyzx") == []
    assert names(tree.admin, "Budi Nugroho") == []  # both real words, never in one name
    assert spellings("Zzyzx Budi")[0].words == []


def test_a_typo_that_made_another_real_word_falls_back_to_near_words(people, tree):
    # "Sinta" is someone's name; nobody is called Sinta Rahayu, so Siti Rahayu is what was meant.
    assert names(tree.admin, "Sinta Rahayu") == ["Siti Rahayu", "Rahayu Siti", "Siti Rahayu Lestari"]


def test_accents_case_and_punctuation_are_ignored(people, tree):
    assert name_words("José Ma'ruf-Amin") == ["jose", "ma", "ruf", "amin"]
    assert names(tree.admin, "jose amin") == ["José Ma'ruf-Amin"]
    assert names(tree.admin, "MA'RUF josé") == ["José Ma'ruf-Amin"]
    assert names(tree.admin, "Jose Maruf") == []  # "maruf" is not one word of the name, nor near one


def test_a_province_never_finds_a_member_outside_its_scope(people, tree, make_user):
    province = make_user("secretariat", tree.dpw_jabar)
    assert found(province, "Budi Santoso") == [("Budi Santoso", "PUK-A")]
    assert found(province, "Bambang Nugroho") == found(province, "Bambng") == []
    scope = scope_of(province, perms.VIEW_MEMBER)
    for text in ("Budi", "Siti", "Rahyu", "Santso", "Nugroho", "Hartono", "Sinta Rahayu"):
        page = member_page(province, MemberFilters(q=text))
        assert all(scope.covers(m.unit) for m in page.rows), text
    puk = make_user("secretariat", tree.puk_b)
    assert found(puk, "siti") == [("Rahayu Siti", "PUK-B")]
    nobody = make_user()  # no grant: no scope at all
    assert found(nobody, "siti") == found(nobody, "Siti Rahyu") == found(nobody, "Bambng Nugroho") == []


def test_the_vocabulary_counts_each_word_once_per_member_as_members_register_and_are_renamed(people, tree):
    words = dict(NameWord.objects.values_list("word", "members"))
    assert {w: words[w] for w in ("siti", "rahayu", "budi", "santoso", "jose", "ruf")} == {
        "siti": 3, "rahayu": 3, "budi": 3, "santoso": 2, "jose": 1, "ruf": 1,
    }  # fmt: skip
    hartono = Member.objects.get(nik="3216010303900006")
    services.update_member(actor=tree.admin, member=hartono, full_name="Budi Hartanto Hartanto")
    words = dict(NameWord.objects.values_list("word", "members"))
    assert (words["hartono"], words["hartanto"], words["budi"]) == (0, 1, 3)
    assert names(tree.admin, "Hartanto") == ["Budi Hartanto Hartanto"]
    assert names(tree.admin, "Budi Hartono") == ["Budi Hartanto Hartanto"]  # no Hartono left: the nearest word
    before = dict(NameWord.objects.filter(members__gt=0).values_list("word", "members"))
    rebuild_name_words()
    assert dict(NameWord.objects.values_list("word", "members")) == before


def test_an_import_counts_the_words_of_new_and_renamed_members(people, tree, tmp_path, make_user):
    rows = [
        ["Nama", "NIK"],
        ["Yohanes Kristianto", "3216010703900010"],  # new
        ["Budi Santosa", "3216010203900005"],  # a new spelling of a recorded name
        ["Siti Rahayu Lestari", "3216015708850001"],  # unchanged
        ["Bambang Nugroho", "3216010503900008"],  # a member of SPN joins here too: one person, counted once
    ]
    batch = imports.import_file(write_csv(tmp_path / "anggota.csv", rows), tree.puk_a, tree.admin)
    assert (batch.status, batch.counts["created"], batch.counts["updated"]) == ("committed", 2, 1)
    words = dict(NameWord.objects.values_list("word", "members"))
    assert {w: words.get(w) for w in ("yohanes", "kristianto", "santosa", "santoso", "budi", "siti", "nugroho")} == {
        "yohanes": 1, "kristianto": 1, "santosa": 1, "santoso": 1, "budi": 3, "siti": 3, "nugroho": 1,
    }  # fmt: skip
    assert found(tree.admin, "Yohanes Kristiano") == [("Yohanes Kristianto", "PUK-A")]
    assert sorted(found(tree.admin, "Nugroho")) == [("Bambang Nugroho", "PUK-A"), ("Bambang Nugroho", "SPN-PUK-S")]
    assert found(make_user("secretariat", tree.puk_a), "Nugroho") == [("Bambang Nugroho", "PUK-A")]
    assert names(tree.admin, "Budi Santosa") == ["Budi Santosa"]
    before = dict(NameWord.objects.filter(members__gt=0).values_list("word", "members"))
    rebuild_name_words()
    assert dict(NameWord.objects.values_list("word", "members")) == before


def test_one_or_more_words_within_a_province_a_branch_or_a_union_find_only_members_there(people, tree, make_user):
    # On PostgreSQL these read the words on memberships (ADR 0026); the answers are the same on SQLite.
    province = make_user("secretariat", tree.dpw_jabar)
    assert found(province, "Budi") == [("Budi Hartono", "PUK-B"), ("Budi Santoso", "PUK-A")]  # not PUK-D
    assert found(province, "Rahyu") == [
        ("Siti Rahayu", "PUK-C"),
        ("Rahayu Siti", "PUK-B"),
        ("Siti Rahayu Lestari", "PUK-A"),
    ]
    assert found(province, "Rahayu Siti") == [
        ("Rahayu Siti", "PUK-B"),
        ("Siti Rahayu", "PUK-C"),
        ("Siti Rahayu Lestari", "PUK-A"),
    ]
    assert found(province, "Santoso Budi") == [("Budi Santoso", "PUK-A")]
    assert found(province, "Budi Nugroho") == found(province, "Bambang") == []
    branch = make_user("secretariat", tree.pc_bks)
    assert found(branch, "Siti") == [("Rahayu Siti", "PUK-B"), ("Siti Rahayu Lestari", "PUK-A")]
    by_unit = member_page(tree.admin, MemberFilters(q="budi", unit=tree.kc_bks)).rows  # a unit filter is a scope
    assert [(m.member.full_name, m.unit.code) for m in by_unit] == [
        ("Budi Hartono", "PUK-B"),
        ("Budi Santoso", "PUK-A"),
    ]
    active = member_page(province, MemberFilters(q="siti", statuses=["active"])).rows  # other filters: GIN index
    assert active == []
    applicants = member_page(province, MemberFilters(q="siti", statuses=["applicant"])).rows
    assert [m.unit.code for m in applicants] == ["PUK-C", "PUK-B", "PUK-A"]


def test_names_with_the_best_spellings_are_ranked_even_when_other_spellings_would_fill_the_candidates(
    people, tree, make_user, monkeypatch
):
    # Budi Rahayu, the oldest, in the last union; four newer Budi Rahayo in the first. Three
    # candidates at most: the Rahayo alone would fill them, read newest first (SQLite), union by
    # union (the words on memberships) or as the GIN index gives them.
    monkeypatch.setattr(selectors, "NAME_CANDIDATES", 3)
    services.register_member(
        actor=tree.admin, unit=tree.puk_c, nik="3216011003900011", full_name="Budi Rahayu",
        joined_on=datetime.date(2025, 1, 1),
    )  # fmt: skip
    for i in range(4):
        services.register_member(
            actor=tree.admin, unit=tree.puk_a, nik=f"321601110390001{i + 2}", full_name="Budi Rahayo",
            joined_on=datetime.date(2025, 1, 1),
        )  # fmt: skip
    assert [(s.words[0], "rahayo" in s.words) for s in spellings("Budi Rahyu")] == [("budi", False), ("rahayu", True)]
    for actor in (tree.admin, make_user("secretariat", tree.dpw_jabar)):
        page = member_page(actor, MemberFilters(q="Budi Rahyu"))
        shown = [m.member.full_name for m in page.rows]  # the other spellings: three, or two beside Budi Rahayu
        assert shown[0] == "Budi Rahayu" and shown[1:] in (["Budi Rahayo"] * 2, ["Budi Rahayo"] * 3), shown
        assert (page.more_matches, page.searched_for) == (True, "budi rahayu")
        # The best spellings fill a page of one: the other spellings are not read, so no more match.
        everyone = MemberFilters()
        rows, scopes = selectors.filtered(actor, everyone), selectors.name_scopes(actor, everyone)
        one = selectors.find_names(rows, "Budi Rahyu", limit=1, scopes=scopes)
        assert ([m.member.full_name for m in one.rows], one.more) == (["Budi Rahayu"], False)


def _words_on_memberships():
    from serikat.membership.models import MembershipNameWord

    return sorted(MembershipNameWord.objects.values_list("word", "unit__code", "membership__member__nik"))


def test_the_words_on_memberships_follow_registering_renaming_transfers_and_imports(people, tree, make_user, tmp_path):
    from django.db import connection

    hartono = Member.objects.get(nik="3216010303900006")
    services.update_member(actor=tree.admin, member=hartono, full_name="Budi Hartanto")
    old = services.activate_membership(actor=tree.admin, membership=hartono.memberships.get())
    transfer = services.request_transfer(
        actor=tree.admin, membership=old, to_unit=tree.puk_c, effective_on=datetime.date(2025, 9, 1)
    )
    services.accept_transfer(actor=tree.admin, transfer=transfer)
    rows = [["Nama", "NIK"], ["Yohanes Kristianto", "3216010703900010"], ["Budi Santosa", "3216010203900005"]]
    imports.import_file(write_csv(tmp_path / "anggota.csv", rows), tree.puk_a, tree.admin)
    kept = _words_on_memberships()
    if connection.vendor != "postgresql":
        assert kept == []  # SQLite searches in Python and keeps none
        return
    assert ("hartanto", "PUK-B", "3216010303900006") in kept  # the ended membership keeps its words
    assert ("hartanto", "PUK-C", "3216010303900006") in kept
    assert ("hartono", "PUK-B", "3216010303900006") not in kept
    assert ("santosa", "PUK-A", "3216010203900005") in kept and ("santoso", "PUK-A", "3216010203900005") not in kept
    assert ("kristianto", "PUK-A", "3216010703900010") in kept
    rebuild_name_words()
    assert _words_on_memberships() == kept
    province = make_user("secretariat", tree.dpw_jabar)
    assert found(province, "Hartanto") == [("Budi Hartanto", "PUK-C"), ("Budi Hartanto", "PUK-B")]
    assert found(province, "Hartono") == [("Budi Hartanto", "PUK-C"), ("Budi Hartanto", "PUK-B")]  # the nearest word


def _bits(word: str) -> int:
    """Two bits chosen by the word's MD5, as membership_word_bits computes them (migration 0010)."""
    digest = hashlib.md5(word.encode(), usedforsecurity=False).digest()
    return (1 << (digest[0] & 63)) | (1 << (digest[1] & 63))


def _signature(name: str) -> int:
    """A name's signature as a signed 64-bit integer (a PostgreSQL bigint)."""
    value = 0
    for word in name_words(name):
        value |= _bits(word)
    return value - (1 << 64) if value >= 1 << 63 else value


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the words on memberships are kept on PostgreSQL only")
def test_each_word_on_a_membership_carries_the_signature_of_the_whole_current_name(people, tree, tmp_path):
    hartono = Member.objects.get(nik="3216010303900006")
    services.update_member(actor=tree.admin, member=hartono, full_name="Budi Hartanto")
    rows = [["Nama", "NIK"], ["Yohanes Kristianto", "3216010703900010"], ["Budi Santosa", "3216010203900005"]]
    imports.import_file(write_csv(tmp_path / "anggota.csv", rows), tree.puk_a, tree.admin)
    for written in ("by the services and the import", "by a rebuild"):
        kept = list(MembershipNameWord.objects.values_list("word", "signature", "membership__member__full_name"))
        assert len(kept) > 20, written
        assert [(word, signature) for word, signature, name in kept if signature != _signature(name)] == [], written
        rebuild_name_words()


def test_a_name_whose_signature_looks_like_it_holds_a_word_but_does_not_is_not_found(people, tree, make_user):
    # A made-up surname whose bits, with those of "budi", cover the bits of "siti": "Budi <it>" passes
    # the signature test of a search for "Siti <it>" and only the probe after it can refuse it.
    siti = _bits("siti")
    surname = next(
        word for word in (f"wira{i}" for i in range(100_000)) if siti & (_bits("budi") | _bits(word)) == siti
    )
    services.register_member(
        actor=tree.admin, unit=tree.puk_a, nik="3216011003900011", full_name=f"Budi {surname}",
        joined_on=datetime.date(2025, 1, 1),
    )  # fmt: skip
    province = make_user("secretariat", tree.dpw_jabar)
    assert found(province, f"Budi {surname}") == [(f"Budi {surname}", "PUK-A")]
    assert found(province, f"Siti {surname}") == []
