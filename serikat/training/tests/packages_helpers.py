"""Rows the package tests build on: an author at the confederation and a small package."""

from __future__ import annotations

from types import SimpleNamespace

from serikat.training import services_packages as s


def build_package(tree, author, *, unit=None, code="KB-01", aligned=False):
    """A package with two objectives, a term, two modules and three sessions. With `aligned`, every
    alignment check passes (objectives covered, durations add up, questions, no variants)."""
    unit = unit or tree.root
    package = s.create_package(
        actor=author, unit=unit, code=code, title="Kebebasan Berserikat", theme="foa", stated_minutes=240
    )
    o1 = s.add_objective(actor=author, package=package, text="Menjelaskan hak berserikat")
    o2 = s.add_objective(actor=author, package=package, text="Menyusun rencana pengorganisasian")
    term = s.add_term(actor=author, package=package, term="serikat pekerja", variants="serikat buruh\nSB")
    m1 = s.add_module(actor=author, package=package, title="Hak dasar", introduction="<p>Pengantar</p>")
    m2 = s.add_module(actor=author, package=package, title="Pengorganisasian", introduction="<p>Pengantar</p>")
    s1 = s.add_session(actor=author, module=m1, title="Sejarah", duration_minutes=90, objectives=[o1])
    s2 = s.add_session(actor=author, module=m1, title="Konvensi ILO 87", duration_minutes=60, objectives=[o1])
    s3 = s.add_session(
        actor=author, module=m2, title="Pemetaan", duration_minutes=90, objectives=[o2] if aligned else []
    )
    if aligned:
        for session in (s1, s2, s3):
            s.add_question(actor=author, session=session, text="Apa yang Anda pelajari?")
    package.refresh_from_db()
    return SimpleNamespace(package=package, objectives=[o1, o2], term=term, modules=[m1, m2], sessions=[s1, s2, s3])
