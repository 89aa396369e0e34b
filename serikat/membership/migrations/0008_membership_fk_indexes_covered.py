"""The foreign keys of a membership's union and employer lose their own indexes: membership_unit_status
(unit, status, -id) and membership_employer (employer, status) lead with the same columns and serve
every look-up those did. Two indexes fewer for a member import to maintain on every new row."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0007_membership_name_words"),
        ("organisation", "0003_drop_duplicate_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="employer",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.employer",
                verbose_name="employer",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="unit",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="organisation.unit",
                verbose_name="union",
            ),
        ),
    ]
