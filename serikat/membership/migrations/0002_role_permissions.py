"""Give the standard roles the registry's permissions."""

from django.db import migrations

ADDED = {
    "administrator": [
        "membership.view_member",
        "membership.change_member",
        "membership.transfer_member",
        "membership.import_members",
        "membership.export_members",
        "membership.print_cards",
    ],
    "secretariat": [
        "membership.view_member",
        "membership.change_member",
        "membership.transfer_member",
        "membership.import_members",
        "membership.export_members",
        "membership.print_cards",
    ],
    "membership_admin": [
        "membership.view_member",
        "membership.change_member",
        "membership.transfer_member",
        "membership.import_members",
        "membership.export_members",
        "membership.print_cards",
    ],
    "treasurer": ["membership.view_member", "membership.export_members"],
    "legal_aid": ["membership.view_member"],
    "read_only": ["membership.view_member"],
}


def add(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, permissions in ADDED.items():
        for role in Role.objects.filter(code=code):
            role.permissions = [*role.permissions, *[p for p in permissions if p not in role.permissions]]
            role.save(update_fields=["permissions"])


def remove(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, permissions in ADDED.items():
        for role in Role.objects.filter(code=code):
            role.permissions = [p for p in role.permissions if p not in permissions]
            role.save(update_fields=["permissions"])


class Migration(migrations.Migration):
    dependencies = [("membership", "0001_initial"), ("accounts", "0002_roles")]
    operations = [migrations.RunPython(add, remove)]
