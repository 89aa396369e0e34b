"""Give the standard roles the training permissions and add the two roles that write packages.

Authoring and releasing are separate roles on purpose: the people who write a package are not the
ones who approve and release it (issue 5: "authoring and release need their own roles")."""

from django.db import migrations

VIEW = "training.view_package"
AUTHOR = "training.author_package"
REVIEW = "training.review_package"
RELEASE = "training.release_edition"
DISTRIBUTE = "training.manage_distribution"
RECEIVE = "training.confirm_receipt"
FEEDBACK = "training.send_feedback"
TRIAGE = "training.triage_feedback"
ALL = [VIEW, AUTHOR, REVIEW, RELEASE, DISTRIBUTE, RECEIVE, FEEDBACK, TRIAGE]

ADDED = {
    "administrator": ALL,
    # Review too, so that a secretariat can still grant the trainer role (grants never escalate).
    "secretariat": [VIEW, REVIEW, DISTRIBUTE, RECEIVE, FEEDBACK],
    "membership_admin": [VIEW],
    "treasurer": [VIEW],
    "trainer": [VIEW, REVIEW, FEEDBACK, RECEIVE],
    "legal_aid": [VIEW],
    "read_only": [VIEW],
}
UNIT_VIEW = ["organisation.view_unit", "organisation.view_officer"]
NEW_ROLES = [
    # code, name (id), name (en), permissions, description (id)
    (
        "training_author",
        "Penyusun modul",
        "Package author",
        [*UNIT_VIEW, VIEW, AUTHOR, REVIEW, FEEDBACK, TRIAGE],
        "Menyusun paket pelatihan, mencatat pertemuan kelompok produksi dan menindaklanjuti masukan.",
    ),
    (
        "training_publisher",
        "Penerbit paket",
        "Package publisher",
        [*UNIT_VIEW, VIEW, REVIEW, RELEASE, DISTRIBUTE, TRIAGE],
        "Menyetujui dan menerbitkan edisi, mengatur cetak dan distribusi.",
    ),
]


def add(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, permissions in ADDED.items():
        for role in Role.objects.filter(code=code):
            role.permissions = [*role.permissions, *[p for p in permissions if p not in role.permissions]]
            role.save(update_fields=["permissions"])
    for code, name, name_en, permissions, description in NEW_ROLES:
        Role.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "permissions": permissions, "description": description},
        )


def remove(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    Role.objects.filter(code__in=[row[0] for row in NEW_ROLES]).delete()
    for code, permissions in ADDED.items():
        for role in Role.objects.filter(code=code):
            role.permissions = [p for p in role.permissions if p not in permissions]
            role.save(update_fields=["permissions"])


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial"), ("accounts", "0002_roles"), ("dues", "0002_role_permissions")]
    operations = [migrations.RunPython(add, remove)]
