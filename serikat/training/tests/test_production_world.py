"""Rows the production and review tests share (no tests here).

Two packages: KB-01 of the confederation (KSPI) with two modules (the first with two sessions), and
K3-01 of FSPMI with one module. Meetings: one organised by FSPMI on both packages, one by SPN on
none. People: package authors at KSPI and at FSPMI, trainers at PUK-A, PUK-B and SPN, a reader at
FSPMI, and someone without a grant.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from serikat.accounts.models import Grant, Role, User
from serikat.organisation.models import Sector
from serikat.training.models import Module, Package, ProductionMeeting, Session

HELD_ON = datetime.date(2025, 2, 10)


def user(username: str, role: str | None = None, unit=None) -> User:
    person = User.objects.create_user(username=username, password="pw-Serikat-123")
    if role is not None:
        Grant.objects.create(user=person, role=Role.objects.get(code=role), unit=unit)
    return person


def package(unit, code: str, title: str, modules: list[tuple[str, list[str]]], *, admin) -> SimpleNamespace:
    """A package with its modules and sessions, written straight to the tables (authoring is
    another part's service; these tests need the rows, not the way they were written)."""
    row = Package.objects.create(unit=unit, code=code, title=title, theme="foa", created_by=admin)
    made_modules, made_sessions = [], []
    for m, (module_title, session_titles) in enumerate(modules, start=1):
        module = Module.objects.create(package=row, position=m, title=module_title)
        made_modules.append(module)
        for s, session_title in enumerate(session_titles, start=1):
            made_sessions.append(Session.objects.create(module=module, position=s, title=session_title))
    return SimpleNamespace(package=row, modules=made_modules, sessions=made_sessions)


def build(tree) -> SimpleNamespace:
    admin = tree.admin
    kb = package(
        tree.root,
        "KB-01",
        "Kebebasan Berserikat",
        [("Hak berserikat", ["Sejarah serikat", "Undang-undang"]), ("Berunding", [])],
        admin=admin,
    )
    k3 = package(
        tree.fspmi, "K3-01", "K3 di Pabrik Logam", [("Bahaya di lantai pabrik", ["Alat pelindung"])], admin=admin
    )
    meeting = ProductionMeeting.objects.create(
        unit=tree.fspmi, title="Kelompok produksi FSPMI", held_on=HELD_ON, place="Bekasi", created_by=admin
    )
    meeting.packages.set([kb.package, k3.package])
    spn_meeting = ProductionMeeting.objects.create(
        unit=tree.spn, title="Kelompok produksi SPN", held_on=HELD_ON, created_by=admin
    )
    return SimpleNamespace(
        tree=tree,
        admin=admin,
        kb=kb,
        k3=k3,
        meeting=meeting,
        spn_meeting=spn_meeting,
        metal=Sector.objects.get(code="metal"),
        author_kspi=user("author-kspi", "training_author", tree.root),
        author_fspmi=user("author-fspmi", "training_author", tree.fspmi),
        trainer_a=user("trainer-a", "trainer", tree.puk_a),
        trainer_b=user("trainer-b", "trainer", tree.puk_b),
        trainer_spn=user("trainer-spn", "trainer", tree.spn),
        reader_fspmi=user("reader-fspmi", "read_only", tree.fspmi),
        no_grant=user("nobody"),
    )
