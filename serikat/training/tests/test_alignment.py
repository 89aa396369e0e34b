"""Alignment lists what to fix before approval, names the section, and costs the same number of
queries for a small package as for a large one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.training import alignment as a
from serikat.training import services_packages as s
from serikat.training.models import Package
from serikat.training.tests.packages_helpers import build_package

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def author(make_user, tree):
    return make_user("training_author", tree.root)


def _codes(package):
    return [p.code for p in a.check_alignment(Package.objects.get(pk=package.pk))]


def test_an_aligned_package_has_no_problems(author, tree):
    world = build_package(tree, author, aligned=True)
    assert a.check_alignment(world.package) == []


def test_names_the_objective_no_session_covers(author, tree):
    world = build_package(tree, author)
    problems = [p for p in a.check_alignment(world.package) if p.code == a.OBJECTIVE_NOT_COVERED]
    assert [(p.message, p.objective_id) for p in problems] == [
        ('Objective 2 "Menyusun rencana pengorganisasian" is not covered by any session.', world.objectives[1].pk)
    ]
    assert problems[0].target.endswith(f"/objectives/#objective-{world.objectives[1].pk}")


def test_says_both_durations_and_the_difference(author, tree):
    world = build_package(tree, author, aligned=True)
    s.change_package(actor=author, package=world.package, revision=None, stated_minutes=270)
    [problem] = a.check_alignment(world.package)
    assert problem.code == a.DURATION_MISMATCH
    assert problem.message == "The sessions add up to 240 minutes; the package states 270 (30 minutes short)."
    assert problem.extra == {"sessions_minutes": 240, "stated_minutes": 270, "difference": -30}
    s.change_package(actor=author, package=world.package, revision=None, stated_minutes=239)
    [problem] = a.check_alignment(world.package)
    assert problem.message == "The sessions add up to 240 minutes; the package states 239 (1 minute too many)."
    s.change_package(actor=author, package=world.package, revision=None, stated_minutes=None)
    assert _codes(world.package) == [a.NO_STATED_TOTAL]


def test_finds_a_glossary_variant_by_whole_words_in_any_case(author, tree):
    world = build_package(tree, author, aligned=True)
    s.change_session(
        actor=author,
        session=world.sessions[1],
        handout="<p>Hak <b>Serikat Buruh</b> dijamin.</p><p>SERIKAT BURUH bebas. Kata SBSI dan SB.</p>",
    )
    s.change_module(
        actor=author, module=world.modules[1], title="Pengorganisasian", introduction="<p>serikat buruhnya</p>"
    )
    problems = a.check_alignment(world.package)
    assert [(p.code, p.message, p.session_id, p.term_id) for p in problems] == [
        (
            a.GLOSSARY_VARIANT,
            'Module 1 \u201cHak dasar\u201d, session 1.2 \u201cKonvensi ILO 87\u201d uses "serikat buruh" 2 times '
            'instead of the glossary term "serikat pekerja".',
            world.sessions[1].pk,
            world.term.pk,
        ),
        (
            a.GLOSSARY_VARIANT,
            'Module 1 \u201cHak dasar\u201d, session 1.2 \u201cKonvensi ILO 87\u201d uses "SB" once '
            'instead of the glossary term "serikat pekerja".',
            world.sessions[1].pk,
            world.term.pk,
        ),
    ]
    assert problems[0].target.endswith(f"/training/sessions/{world.sessions[1].pk}/")


def test_finds_a_variant_in_the_package_summary(author, tree):
    world = build_package(tree, author, aligned=True)
    s.change_package(actor=author, package=world.package, revision=None, summary="<p>Untuk SB di pabrik.</p>")
    [problem] = a.check_alignment(world.package)
    assert problem.message == (
        'The package summary and implementation guide uses "SB" once instead of the glossary term "serikat pekerja".'
    )


def test_flags_sessions_without_assessment_duration_or_objective(author, tree):
    world = build_package(tree, author, aligned=True)
    session = s.add_session(actor=author, module=world.modules[1], title="Latihan", duration_minutes=0)
    problems = [p for p in a.check_alignment(world.package) if p.session_id == session.pk]
    assert [(p.code, p.message) for p in problems] == [
        (
            a.SESSION_WITHOUT_ASSESSMENT,
            "Module 2 \u201cPengorganisasian\u201d, session 2.2 \u201cLatihan\u201d has no assessment question.",
        ),
        (
            a.SESSION_ZERO_DURATION,
            "Module 2 \u201cPengorganisasian\u201d, session 2.2 \u201cLatihan\u201d has no duration.",
        ),
        (
            a.SESSION_WITHOUT_OBJECTIVE,
            "Module 2 \u201cPengorganisasian\u201d, session 2.2 \u201cLatihan\u201d covers no learning objective.",
        ),
    ]


def test_flags_empty_modules_and_modules_without_sessions(author, tree):
    world = build_package(tree, author, aligned=True)
    empty = s.add_module(actor=author, package=world.package, title="Kosong")
    intro_only = s.add_module(actor=author, package=world.package, title="Penutup", introduction="<p>Refleksi</p>")
    problems = a.check_alignment(world.package)
    assert [(p.code, p.module_id, p.message) for p in problems] == [
        (a.EMPTY_MODULE, empty.pk, "Module 3 \u201cKosong\u201d is empty: no introduction and no sessions."),
        (a.MODULE_WITHOUT_SESSIONS, intro_only.pk, "Module 4 \u201cPenutup\u201d has no sessions."),
    ]


def test_a_new_package_lists_what_is_missing(author, tree):
    package = s.create_package(actor=author, unit=tree.root, code="K3", title="K3", theme="osh", stated_minutes=60)
    assert _codes(package) == [a.NO_OBJECTIVES, a.NO_MODULES, a.DURATION_MISMATCH]


def _grow(author, package, modules):
    objective = s.add_objective(actor=author, package=package, text="Tujuan")
    s.add_term(actor=author, package=package, term=f"istilah {package.pk}", variants="varian")
    for m in range(modules):
        module = s.add_module(actor=author, package=package, title=f"Modul {m}", introduction="<p>varian</p>")
        for n in range(3):
            session = s.add_session(
                actor=author, module=module, title=f"Sesi {n}", duration_minutes=30, objectives=[objective]
            )
            s.add_question(actor=author, session=session, text="Apa?")


def test_costs_the_same_queries_for_a_small_and_a_large_package(author, tree):
    small = s.create_package(actor=author, unit=tree.root, code="S", title="S", theme="foa")
    large = s.create_package(actor=author, unit=tree.root, code="L", title="L", theme="foa")
    _grow(author, small, 1)
    _grow(author, large, 10)
    counts = []
    for package in (small, large):
        package = Package.objects.get(pk=package.pk)
        with CaptureQueriesContext(connection) as queries:
            problems = a.check_alignment(package)
        counts.append((len(queries), len([p for p in problems if p.code == a.GLOSSARY_VARIANT])))
    assert counts == [(5, 1), (5, 10)]
