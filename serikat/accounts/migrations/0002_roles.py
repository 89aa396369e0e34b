"""The standard roles. Their permission sets are data: an administrator may adjust them later."""

from django.db import migrations

VIEW_ALL = [
    "organisation.view_unit",
    "organisation.view_officer",
    "organisation.view_employer",
    "accounts.view_grant",
]
ROLES = [
    # code, name (id), name (en), permissions, description (id)
    (
        "administrator",
        "Administrator",
        "Administrator",
        VIEW_ALL
        + [
            "organisation.change_unit",
            "organisation.move_unit",
            "organisation.change_officer",
            "organisation.change_employer",
            "accounts.manage_grants",
            "audit.view_event",
        ],
        "Seluruh kewenangan di unit dan di bawahnya.",
    ),
    (
        "secretariat",
        "Sekretariat",
        "Secretariat",
        VIEW_ALL
        + [
            "organisation.change_unit",
            "organisation.move_unit",
            "organisation.change_officer",
            "organisation.change_employer",
            "accounts.manage_grants",
            "audit.view_event",
        ],
        "Mengelola struktur organisasi, pengurus, perusahaan dan hak akses.",
    ),
    (
        "membership_admin",
        "Admin keanggotaan",
        "Membership administrator",
        VIEW_ALL
        + [
            "organisation.change_employer",
        ],
        "Mengelola data anggota, perusahaan dan tempat kerja.",
    ),
    ("treasurer", "Bendahara", "Treasurer", VIEW_ALL, "Mengelola iuran dan keuangan."),
    (
        "trainer",
        "Pelatih",
        "Trainer",
        ["organisation.view_unit", "organisation.view_officer"],
        "Menyelenggarakan pendidikan dan pelatihan.",
    ),
    ("legal_aid", "Bantuan hukum", "Legal aid", VIEW_ALL, "Menangani kasus dan advokasi."),
    ("read_only", "Hanya baca", "Read-only", VIEW_ALL, "Melihat tanpa mengubah."),
]


def create_roles(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, name, name_en, permissions, description in ROLES:
        Role.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "permissions": permissions, "description": description},
        )


def remove_roles(apps, schema_editor):
    apps.get_model("accounts", "Role").objects.filter(code__in=[r[0] for r in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_roles, remove_roles)]
