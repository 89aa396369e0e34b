"""`manage.py create_confederation` on a fresh installation."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from serikat.accounts.models import Grant, User
from serikat.audit.models import AuditEvent
from serikat.organisation.models import Unit

STRONG = "Buruh-Bersatu-2026"


def install(**options):
    out = StringIO()
    call_command("create_confederation", "--no-input", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_installs_the_confederation_and_its_administrator_on_an_empty_database():
    output = install(code="KSPI", name="Konfederasi Serikat Pekerja Indonesia", admin_username="admin", password=STRONG)
    root = Unit.objects.get()
    assert (root.code, root.name, root.depth, root.level.code) == (
        "KSPI",
        "Konfederasi Serikat Pekerja Indonesia",
        1,
        "KONF",
    )
    admin = User.objects.get()
    assert (admin.username, admin.check_password(STRONG)) == ("admin", True)
    assert list(Grant.objects.values_list("user__username", "role__code", "unit__code")) == [
        ("admin", "administrator", "KSPI")
    ]
    assert list(AuditEvent.objects.values_list("kind", "actor_id", "unit_id")) == [
        ("organisation.confederation_installed", admin.pk, root.pk)
    ]
    assert "Installed Konfederasi Serikat Pekerja Indonesia (KSPI); admin is its administrator." in output


@pytest.mark.django_db
def test_the_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SERIKAT_ADMIN_PASSWORD", STRONG)
    install(code="KSPI", name="KSPI", admin_username="admin")
    assert User.objects.get(username="admin").check_password(STRONG)


@pytest.mark.django_db
def test_a_second_installation_is_refused_and_changes_nothing():
    install(code="KSPI", name="KSPI", admin_username="admin", password=STRONG)
    with pytest.raises(CommandError, match="A confederation already exists"):
        install(code="OTHER", name="Other", admin_username="other", password=STRONG)
    assert list(Unit.objects.values_list("code", flat=True)) == ["KSPI"]
    assert list(User.objects.values_list("username", flat=True)) == ["admin"]
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"name": "KSPI", "admin_username": "admin", "password": STRONG}, "Give --code"),
        ({"code": "KSPI", "name": "KSPI", "admin_username": "admin"}, "SERIKAT_ADMIN_PASSWORD"),
        ({"code": "KSPI", "name": "KSPI", "admin_username": "admin", "password": "12345"}, "too weak"),
    ],
)
def test_missing_values_and_weak_passwords_are_refused_before_anything_is_written(monkeypatch, options, message):
    monkeypatch.delenv("SERIKAT_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match=message):
        install(**options)
    assert (Unit.objects.count(), User.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_asks_for_what_is_missing_when_run_in_a_terminal(monkeypatch):
    answers = iter(["KSPI", "Konfederasi Serikat Pekerja Indonesia", "admin"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    passwords = iter([STRONG, STRONG])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(passwords))
    monkeypatch.delenv("SERIKAT_ADMIN_PASSWORD", raising=False)
    call_command("create_confederation", stdout=StringIO())
    assert Unit.objects.get().code == "KSPI"
    assert User.objects.get().check_password(STRONG)
