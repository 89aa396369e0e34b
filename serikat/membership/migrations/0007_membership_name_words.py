"""The words of members' names on their memberships, with each membership's union (ADR 0026): the
index a one-word name search reads within the actor's scope. Filled from the registry on PostgreSQL
(about 40 s for 2 million memberships); SQLite gets the empty table (its search runs in Python)."""

import django.db.models.deletion
from django.db import migrations, models


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "INSERT INTO membership_membershipnameword (word, unit_id, membership_id)"
        " SELECT word, m.unit_id, m.id FROM membership_membership m"
        " JOIN membership_member p ON p.id = m.member_id,"
        " unnest(tsvector_to_array(membership_name_words(p.full_name))) AS word",
        params=None,
    )
    # Statistics now, for the search's plans (autovacuum sets the visibility map soon after: until
    # then the index-only scans of the search visit the table too).
    schema_editor.execute("ANALYZE membership_membershipnameword", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0006_name_search_vocabulary"),
        ("organisation", "0003_drop_duplicate_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="MembershipNameWord",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "word", "unit", "membership", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("word", models.CharField(max_length=150, verbose_name="word")),
                (
                    "membership",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="name_words",
                        to="membership.membership",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisation.unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "word of a member's name in a union",
                "verbose_name_plural": "words of members' names in unions",
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
