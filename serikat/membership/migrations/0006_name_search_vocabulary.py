"""Name search by words (ADR 0019): the vocabulary of name words, the GIN index of each name's words
on PostgreSQL, and the trigram index on member names (migration 0004) dropped.

PostgreSQL: the extensions unaccent and fuzzystrmatch (trusted contrib extensions, as pg_trgm is),
two IMMUTABLE functions that cut a name into words the same way for the index, the vocabulary and
the search (membership_name_text: lower case, no accents, runs of letters and digits separated by
one space; membership_name_words: those words as a tsvector of the 'simple' configuration), the
GIN index on membership_name_words(full_name), and a trigram index on the vocabulary. SQLite gets
the vocabulary table only (the search ranks in Python there).

The vocabulary is filled from the members already there. The index on a person's memberships now
holds the unit and the id too, so that "which of these people's memberships are in scope" is an
index-only scan; it replaces the foreign key's own index on member_id, which it makes redundant.
"""

import re
import unicodedata
from collections import Counter

import django.db.models.deletion
from django.db import migrations, models


def _words(name):
    """serikat.membership.names.name_words as of this migration."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.findall(r"[^\W_]+", plain.casefold())


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        NameWord, Member = apps.get_model("membership", "NameWord"), apps.get_model("membership", "Member")
        counts = Counter()
        for name in Member.objects.values_list("full_name", flat=True).iterator(chunk_size=20_000):
            counts.update(set(_words(name)))
        NameWord.objects.bulk_create([NameWord(word=w, members=n) for w, n in counts.items()], batch_size=2_000)
        return
    run = schema_editor.execute
    run("CREATE EXTENSION IF NOT EXISTS unaccent", params=None)
    run("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch", params=None)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'unaccent'"
        )
        schema = connection.ops.quote_name(cursor.fetchone()[0])
    # SQL-standard bodies (PostgreSQL 14+): names are resolved now, not at each call, so the index
    # keeps working under the restricted search_path of maintenance commands.
    run(
        "CREATE OR REPLACE FUNCTION membership_name_text(name text) RETURNS text"
        " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
        f" RETURN btrim(regexp_replace(lower({schema}.unaccent('{schema}.unaccent'::regdictionary, name)),"
        " '[^[:alnum:]]+', ' ', 'g'))",
        params=None,
    )
    run(
        "CREATE OR REPLACE FUNCTION membership_name_words(name text) RETURNS tsvector"
        " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
        " RETURN to_tsvector('simple'::regconfig, membership_name_text(name))",
        params=None,
    )
    run(
        "CREATE INDEX IF NOT EXISTS member_name_words ON membership_member"
        " USING gin (membership_name_words(full_name))",
        params=None,
    )
    run("DROP INDEX IF EXISTS member_name_trgm", params=None)
    run("CREATE INDEX IF NOT EXISTS nameword_trgm ON membership_nameword USING gin (word gin_trgm_ops)", params=None)
    run("CREATE INDEX IF NOT EXISTS nameword_initial ON membership_nameword (left(word, 1), length(word))", params=None)
    run(
        "INSERT INTO membership_nameword (word, members)"
        " SELECT word, COUNT(*) FROM membership_member,"
        " unnest(tsvector_to_array(membership_name_words(full_name))) AS word GROUP BY word",
        params=None,
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("DROP INDEX IF EXISTS member_name_words", params=None)
    run("DROP FUNCTION IF EXISTS membership_name_words(text)", params=None)
    run("DROP FUNCTION IF EXISTS membership_name_text(text)", params=None)
    run(
        "CREATE INDEX IF NOT EXISTS member_name_trgm ON membership_member USING gin (full_name gin_trgm_ops)",
        params=None,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0005_bench_index"),
        ("organisation", "0003_drop_duplicate_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=150, unique=True, verbose_name="word")),
                ("members", models.PositiveIntegerField(default=0, verbose_name="members")),
            ],
            options={
                "verbose_name": "word of names",
                "verbose_name_plural": "words of names",
            },
        ),
        migrations.RemoveIndex(
            model_name="membership",
            name="membership_by_member",
        ),
        migrations.AlterField(
            model_name="membership",
            name="member",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="membership.member",
                verbose_name="member",
            ),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["member", "status", "unit", "id"], name="membership_member_scope"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
