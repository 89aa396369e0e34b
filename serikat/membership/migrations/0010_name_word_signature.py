"""A signature of the whole name on each row of MembershipNameWord (ADR 0029): two bits per word,
chosen by the word's MD5, OR-ed together. The primary key's index carries it (INCLUDE), so that a
name search of several words within a scope reads it with the leading word's rows and drops nearly
every membership whose name cannot hold the other words before it looks them up.

PostgreSQL only, like the table's rows (SQLite keeps the empty column). MD5 and the word cutting of
migration 0006 never change, so a signature written today is valid after any upgrade.
"""

from django.db import migrations, models

FUNCTIONS = """
CREATE OR REPLACE FUNCTION membership_word_bits(word text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (1::bigint << (get_byte(decode(md5(word), 'hex'), 0) & 63))
         | (1::bigint << (get_byte(decode(md5(word), 'hex'), 1) & 63))
$$;
"""
DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS membership_word_bits(text);
"""
FILL = """
UPDATE membership_membershipnameword x
SET signature = (
    SELECT coalesce(bit_or(membership_word_bits(w)), 0)
    FROM unnest(tsvector_to_array(membership_name_words(p.full_name))) AS w
)
FROM membership_membership m JOIN membership_member p ON p.id = m.member_id
WHERE m.id = x.membership_id
"""
KEY_WITH_SIGNATURE = """
ALTER TABLE membership_membershipnameword
    DROP CONSTRAINT membership_membershipnameword_pkey,
    ADD CONSTRAINT membership_membershipnameword_pkey PRIMARY KEY (word, unit_id, membership_id) INCLUDE (signature)
"""
KEY_WITHOUT_SIGNATURE = """
ALTER TABLE membership_membershipnameword
    DROP CONSTRAINT membership_membershipnameword_pkey,
    ADD CONSTRAINT membership_membershipnameword_pkey PRIMARY KEY (word, unit_id, membership_id)
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS, params=None)
    schema_editor.execute(FILL, params=None)
    schema_editor.execute(KEY_WITH_SIGNATURE, params=None)
    schema_editor.execute("ANALYZE membership_membershipnameword", params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(KEY_WITHOUT_SIGNATURE, params=None)
    schema_editor.execute(DROP_FUNCTIONS, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0009_import_indexes_and_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="membershipnameword",
            name="signature",
            field=models.BigIntegerField(default=0, verbose_name="signature of the name's words"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
