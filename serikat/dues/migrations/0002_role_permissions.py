"""Give the standard roles the dues permissions."""

from django.db import migrations

ALL = [
    "dues.view_dues",
    "dues.manage_rules",
    "dues.manage_authorisations",
    "dues.reconcile",
    "dues.run_allocation",
    "dues.export_dues",
]
ADDED = {
    "administrator": ALL,
    "treasurer": ALL,
    "secretariat": ["dues.view_dues", "dues.manage_authorisations"],
    "membership_admin": ["dues.view_dues", "dues.manage_authorisations"],
    "read_only": ["dues.view_dues"],
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
    dependencies = [("dues", "0001_initial"), ("accounts", "0002_roles"), ("membership", "0002_role_permissions")]
    operations = [migrations.RunPython(add, remove)]
