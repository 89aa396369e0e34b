"""Rows the distribution and feedback tests build on: a package of the confederation with two
modules and a released edition whose snapshot names them, made directly (the authoring and release
services are tested by their own modules). Holds no tests."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from serikat.training.models import Edition, Module, Package, Session

TODAY = datetime.date(2025, 3, 10)


def snapshot_of(package: Package) -> dict[str, Any]:
    """The part of an edition's snapshot (serikat.training.snapshot) that distribution and feedback
    read: modules and sessions with their live ids, numbers and titles."""
    modules = []
    for number, module in enumerate(package.modules.order_by("position", "id"), start=1):
        sessions = [
            {"id": s.pk, "number": n, "title": s.title}
            for n, s in enumerate(module.sessions.order_by("position", "id"), start=1)
        ]
        modules.append({"id": module.pk, "number": number, "title": module.title, "sessions": sessions})
    # English, so that section titles read the same whatever the catalogues translate.
    return {"language": "en", "package": {"id": package.pk, "title": package.title}, "modules": modules}


def release(package: Package, user: Any, *, number: int | None = None) -> Edition:
    """An edition of the package as it stands, made current (what release_edition leaves behind)."""
    number = number or (package.editions.count() + 1)
    edition = Edition.objects.create(
        package=package,
        number=number,
        title=package.title,
        snapshot=snapshot_of(package),
        content_sha256=f"{number:064d}",
        released_by=user,
    )
    package.current_edition = edition
    package.save(update_fields=["current_edition"])
    return edition


def make_package(tree: Any, *, unit: Any = None, code: str = "KB-01", title: str = "Kebebasan Berserikat") -> Any:
    """A package with two modules (the first with two sessions) and its first edition."""
    package = Package.objects.create(unit=unit or tree.root, code=code, title=title, theme="foa", created_by=tree.admin)
    first = Module.objects.create(package=package, position=1, title="Hak berserikat")
    second = Module.objects.create(package=package, position=2, title="Perundingan bersama")
    s1 = Session.objects.create(module=first, position=1, title="Sejarah serikat", duration_minutes=60)
    s2 = Session.objects.create(module=first, position=2, title="Konvensi ILO 87", duration_minutes=90)
    edition = release(package, tree.admin)
    return SimpleNamespace(
        package=package, module=first, other_module=second, session=s1, other_session=s2, edition=edition
    )
