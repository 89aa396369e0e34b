"""The words of members' names, and the vocabulary the name search corrects typos against (ADR 0019).

A name's words are its runs of letters and digits, lower-cased and without accents:
"Siti-Rahayu  LESTARI" has the words siti, rahayu, lestari. `NameWord` holds every word of the
registry's names with the number of members whose name holds it. A word typed in the search box
that is in the vocabulary is searched as it is; one that is not is a typo, replaced by the nearest
words that are ("did you mean").

PostgreSQL splits names in SQL, with the functions of migration 0006 (membership_name_text and
membership_name_words, which the GIN index on member names is built on), so that the index, the
vocabulary and the words of a query are always cut the same way. SQLite has no such index: there
`name_words()` below does the same in Python, for the vocabulary and the query alike.

The vocabulary is kept by every write of a name, set-based: `count_name_words()` in register_member,
update_member and the import writer (the words of the new people's names are counted by
`index_name_words()`, with their memberships' words on PostgreSQL, and added by
`add_word_counts()`; both take the words in order, so that two writers wait instead of
deadlocking); `rebuild_name_words()` after the demo seed's COPY, and whenever members were written
past the services (a restored dump, a delete in psql).

On PostgreSQL the words are also kept per membership with its union (`MembershipNameWord`, ADR 0026),
so that a one-word search filters the actor's scope inside an index scan: `index_name_words()` in
every service that creates a membership or renames a person, and in the import writer;
`rebuild_name_words()` rebuilds them too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

from serikat.membership.models import MembershipNameWord, NameWord

MAX_ALTERNATIVES = 3  # nearest real words tried for one typed word, best first
TRIGRAM_SIMILARITY = 0.5  # a word this close counts as near whatever its first letter
_WORD = re.compile(r"[^\W_]+")


def name_words(text: str) -> list[str]:
    """The words of a name as the search sees them (Python; PostgreSQL does the same in SQL)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(plain.casefold())


def max_edits(word: str) -> int:
    """Typos forgiven in a word: one in a short word, two (a swap of neighbours is two) in a longer one."""
    return 1 if len(word) <= 3 else 2


# --- keeping the vocabulary ------------------------------------------------------------------------


def count_name_words(*, added: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
    """Count the words of the names in `added` (new members, or new names) and uncount those of
    `removed` (names replaced). A word counts once per name. One statement, however many names,
    taking the words in order (see add_word_counts)."""
    added, removed = [n for n in added if n], [n for n in removed if n]
    if not added and not removed:
        return
    table = connection.ops.quote_name(NameWord._meta.db_table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                # The proposed row must pass the column's CHECK (members >= 0) before the conflict
                # is seen, so it carries max(change, 0); the update reads the change itself.
                f"""
                WITH changes AS (
                    SELECT word, SUM(change) AS change
                    FROM (
                        SELECT e->>0 AS name, (e->>1)::int AS change FROM json_array_elements(%s::json) AS e
                    ) AS names,
                    unnest(tsvector_to_array(membership_name_words(names.name))) AS word
                    GROUP BY word
                    HAVING SUM(change) <> 0
                )
                INSERT INTO {table} (word, members)
                SELECT word, GREATEST(change, 0) FROM changes ORDER BY word
                ON CONFLICT (word) DO UPDATE SET members = GREATEST(
                    {table}.members + (SELECT c.change FROM changes c WHERE c.word = EXCLUDED.word), 0
                )
                """,  # noqa: S608 - the model's own table name
                # One JSON text, not two arrays: psycopg adapts a list item by item, in Python.
                [json.dumps([*([name, 1] for name in added), *([name, -1] for name in removed)])],
            )
        return
    changes: Counter[str] = Counter()
    for name in added:
        changes.update(set(name_words(name)))
    for name in removed:
        changes.subtract(set(name_words(name)))
    rows = sorted((word, change, change) for word, change in changes.items() if change)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (word, members) VALUES (%s, MAX(%s, 0)) "  # noqa: S608
            f"ON CONFLICT (word) DO UPDATE SET members = MAX({table}.members + %s, 0)",
            rows,
        )


# PostgreSQL: the words of each membership's person with the membership's union, cut by the same
# function as the GIN index and the vocabulary. Lists of ids are passed as JSON text (adapted in C:
# an import passes 5,000 ids a chunk).
# Each row carries the signature of the whole name: two bits per word (membership_word_bits,
# migration 0010; ADR 0029), worked out once per name (OFFSET 0: not again for each of its words).
_SIGNATURE = "(SELECT coalesce(bit_or(membership_word_bits(w)), 0) FROM unnest(words) AS w)"
_POSTINGS_SQL = """
INSERT INTO {postings} (word, unit_id, membership_id, signature)
SELECT word, m.unit_id, m.id, cut.signature
FROM {memberships} m
JOIN {members} p ON p.id = m.member_id,
     LATERAL (
         SELECT words, {signature} AS signature
         FROM (SELECT tsvector_to_array(membership_name_words(p.full_name)) AS words OFFSET 0) AS name
         OFFSET 0
     ) AS cut,
     unnest(cut.words) AS word
{where}
{on_conflict}
"""
# ARRAY(...) is computed once and `= ANY` probes the two indexes; `IN (SELECT ...)` twice, joined
# by OR, would be checked against every membership.
_OF_MEMBERSHIPS = """
WHERE m.id = ANY(ARRAY(SELECT value::bigint FROM json_array_elements_text(%s::json)))
   OR m.member_id = ANY(ARRAY(SELECT value::bigint FROM json_array_elements_text(%s::json)))
"""
# New memberships with their unions and names given: no look-up of the rows just written. The words
# are cut once, for the memberships' rows and for the counts of the new people's names returned.
_NAMED_SQL = """
WITH cut AS MATERIALIZED (
    SELECT unit_id, membership_id, counted, words, {signature} AS signature
    FROM (
        SELECT (e->>1)::bigint AS unit_id, (e->>0)::bigint AS membership_id, (e->>3)::boolean AS counted,
               tsvector_to_array(membership_name_words(e->>2)) AS words
        FROM json_array_elements(%s::json) AS e
        OFFSET 0
    ) AS name
), named AS MATERIALIZED (
    SELECT word, unit_id, membership_id, counted, signature FROM cut, unnest(cut.words) AS word
), postings AS (
    INSERT INTO {postings} (word, unit_id, membership_id, signature)
    SELECT word, unit_id, membership_id, signature FROM named
)
SELECT word, COUNT(*) FROM named WHERE counted GROUP BY word
"""
# The rows of a person's former name, on every membership of theirs.
_UNINDEX_RENAMED_SQL = """
DELETE FROM {postings} AS x
USING json_to_recordset(%s::json) AS r(member_id bigint, name text)
JOIN {memberships} m ON m.member_id = r.member_id,
     unnest(tsvector_to_array(membership_name_words(r.name))) AS former(word)
WHERE x.word = former.word AND x.unit_id = m.unit_id AND x.membership_id = m.id
"""


def index_name_words(
    *,
    memberships: Iterable[int] = (),
    named: Iterable[tuple[int, int, str, bool]] = (),
    renamed: Iterable[tuple[int, str]] = (),
) -> Counter[str]:
    """PostgreSQL: add the name words of new `memberships` (ids; the names and unions read from the
    tables) or of new memberships `named` ((id, union id, name, counted): the import's, which knows
    them), and replace those of people `renamed` ((member id, former name)) on all their
    memberships. Three statements at most, however many rows.

    Returns how many of the `named` names marked `counted` (new people's) hold each word, cut in the
    statement that writes their words: the caller adds them to the vocabulary (add_word_counts), as
    count_name_words(added=...) would. On SQLite, whose search does not read the words, only these
    counts, cut in Python."""
    memberships, named, renamed = list(memberships), list(named), list(renamed)
    counts: Counter[str] = Counter()
    if connection.vendor != "postgresql":
        for _id, _unit, name, counted in named:
            if counted and name:
                counts.update(set(name_words(name)))
        return counts
    if not (memberships or named or renamed):
        return counts
    from serikat.membership.models import Member, Membership

    quote = connection.ops.quote_name
    tables = {
        "postings": quote(MembershipNameWord._meta.db_table),
        "memberships": quote(Membership._meta.db_table),
        "members": quote(Member._meta.db_table),
        "signature": _SIGNATURE,
    }
    with connection.cursor() as cursor:
        if named:
            cursor.execute(_NAMED_SQL.format(**tables), [json.dumps(named)])
            counts.update(dict(cursor.fetchall()))
            if not (memberships or renamed):
                return counts
        if renamed:
            cursor.execute(
                _UNINDEX_RENAMED_SQL.format(**tables),
                [json.dumps([{"member_id": pk, "name": name} for pk, name in renamed])],
            )
        # New memberships have no rows yet (a plain insert, the cheapest for an import's thousands);
        # a renamed person's rows are written again after those of the former name were deleted,
        # skipping any that a write past the services left behind.
        cursor.execute(
            _POSTINGS_SQL.format(
                where=_OF_MEMBERSHIPS, on_conflict="ON CONFLICT DO NOTHING" if renamed else "", **tables
            ),
            [json.dumps(memberships), json.dumps([pk for pk, _name in renamed])],
        )
    return counts


def add_word_counts(counts: dict[str, int]) -> None:
    """Add `counts` (word -> names that hold it, from index_name_words) to the vocabulary. One
    statement; the words are taken in order, so that two transactions adding to the same words wait
    for each other instead of deadlocking."""
    if not counts:
        return
    table = connection.ops.quote_name(NameWord._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""
                INSERT INTO {table} (word, members)
                SELECT e->>0, (e->>1)::int FROM json_array_elements(%s::json) AS e ORDER BY 1
                ON CONFLICT (word) DO UPDATE SET members = {table}.members + EXCLUDED.members
                """,  # noqa: S608 - the model's own table name
                [json.dumps(sorted(counts.items()))],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {table} (word, members) VALUES (%s, %s) "  # noqa: S608
                f"ON CONFLICT (word) DO UPDATE SET members = {table}.members + excluded.members",
                sorted(counts.items()),
            )


def rebuild_name_words(*, postings: bool = True) -> int:
    """Count every word of every member's name again, from the member table, and (PostgreSQL,
    unless `postings` is false) write every membership's name words again. Returns the words."""
    from serikat.membership.models import Member, Membership

    table = connection.ops.quote_name(NameWord._meta.db_table)
    members = connection.ops.quote_name(Member._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        if connection.vendor == "postgresql":
            if postings:
                quote = connection.ops.quote_name
                postings_table = quote(MembershipNameWord._meta.db_table)
                cursor.execute(f"TRUNCATE {postings_table}")
                cursor.execute(
                    _POSTINGS_SQL.format(
                        where="",
                        on_conflict="",
                        postings=postings_table,
                        memberships=quote(Membership._meta.db_table),
                        members=members,
                        signature=_SIGNATURE,
                    )
                )
            cursor.execute(
                f"""
                INSERT INTO {table} (word, members)
                SELECT word, COUNT(*)
                FROM {members}, unnest(tsvector_to_array(membership_name_words(full_name))) AS word
                GROUP BY word
                """  # noqa: S608
            )
            return cursor.rowcount
    counts: Counter[str] = Counter()
    for (name,) in Member.objects.values_list("full_name").iterator(chunk_size=20_000):
        counts.update(set(name_words(name)))
    NameWord.objects.bulk_create([NameWord(word=w, members=n) for w, n in counts.items()], batch_size=2_000)
    return len(counts)


# --- reading what was typed ------------------------------------------------------------------------


@dataclass
class Spelling:
    """One typed word: whether the registry knows it, and the real words to search for, best first."""

    typed: str
    known: bool
    words: list[str] = field(default_factory=list)
    members: dict[str, int] = field(default_factory=dict)  # members whose names hold each of `words`


def spellings(text: str, *, near_known: bool = False) -> list[Spelling]:
    """The typed words in order, each with the words to search for: itself when the vocabulary has
    it, else up to MAX_ALTERNATIVES nearest words (fewest edits with the same first letter, or a
    trigram similarity of at least TRIGRAM_SIMILARITY; then closer, then more common). With
    `near_known`, known words get their near words too (after themselves): for a typo that made
    another real word. One query on either backend."""
    if connection.vendor == "postgresql":
        return _spellings_postgresql(text, near_known)
    return _spellings_python(text, near_known)


_SPELLINGS_SQL = """
WITH counted AS (
    SELECT t.word, t.position, (SELECT k.members FROM {table} k WHERE k.word = t.word AND k.members > 0) AS members
    FROM unnest(string_to_array(membership_name_text(%s), ' ')) WITH ORDINALITY AS t(word, position)
    WHERE t.word <> ''
), typed AS (
    SELECT word, position, members IS NOT NULL AS known, coalesce(members, 0) AS members FROM counted
)
SELECT t.position, t.word, t.known, t.members, near.word, near.members
FROM typed t
LEFT JOIN LATERAL (
    SELECT v.word, levenshtein(v.word, t.word) AS edits, similarity(v.word, t.word) AS likeness, v.members
    FROM {table} v
    WHERE (NOT t.known OR %s) AND v.members > 0 AND v.word <> t.word
      AND (v.word %% t.word
           OR (left(v.word, 1) = left(t.word, 1)
               AND length(v.word) BETWEEN length(t.word) - %s AND length(t.word) + %s))
      AND ((left(v.word, 1) = left(t.word, 1)
            AND levenshtein(v.word, t.word) <= CASE WHEN length(t.word) <= 3 THEN 1 ELSE 2 END)
           OR similarity(v.word, t.word) >= %s)
    ORDER BY edits, likeness DESC, v.members DESC, v.word
    LIMIT %s
) near ON true
ORDER BY t.position, near.edits, near.likeness DESC, near.members DESC, near.word
"""


def _spellings_postgresql(text: str, near_known: bool) -> list[Spelling]:
    sql = _SPELLINGS_SQL.format(table=connection.ops.quote_name(NameWord._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [text, near_known, 2, 2, TRIGRAM_SIMILARITY, MAX_ALTERNATIVES])
        rows = cursor.fetchall()
    result: dict[int, Spelling] = {}
    for position, typed, known, members, near, near_members in rows:
        spelling = result.setdefault(position, Spelling(typed, known, [typed] if known else []))
        if known:
            spelling.members[typed] = members
        if near is not None:
            spelling.words.append(near)
            spelling.members[near] = near_members
    return list(result.values())


def _spellings_python(text: str, near_known: bool) -> list[Spelling]:
    typed = name_words(text)
    if not typed:
        return []
    vocabulary = dict(NameWord.objects.filter(members__gt=0).values_list("word", "members"))
    result = []
    for word in typed:
        known = word in vocabulary
        spelling = Spelling(word, known, [word] if known else [])
        if not known or near_known:
            spelling.words += _nearest(word, vocabulary)
        spelling.members = {w: vocabulary[w] for w in spelling.words}
        result.append(spelling)
    return result


def _nearest(word: str, vocabulary: dict[str, int]) -> list[str]:
    """The rule of _SPELLINGS_SQL, in Python."""
    wanted = trigrams(word)
    ranked = []
    for candidate, members in vocabulary.items():
        if candidate == word:
            continue
        near_in_length = candidate[0] == word[0] and abs(len(candidate) - len(word)) <= 2
        edits = levenshtein(candidate, word) if near_in_length else None
        likeness = _similarity(wanted, trigrams(candidate))
        if (edits is not None and edits <= max_edits(word)) or likeness >= TRIGRAM_SIMILARITY:
            edits = levenshtein(candidate, word) if edits is None else edits
            ranked.append((edits, -likeness, -members, candidate))
    ranked.sort()
    return [candidate for *_order, candidate in ranked[:MAX_ALTERNATIVES]]


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of each word: lower-cased, padded with two spaces before and one after."""
    result: set[str] = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        result |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return result


def _similarity(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0


def similarity(first: str, second: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both."""
    return _similarity(trigrams(first), trigrams(second))


def levenshtein(first: str, second: str) -> int:
    """Edits (insert, delete, replace one letter) from one word to the other, as fuzzystrmatch counts."""
    if len(first) < len(second):
        first, second = second, first
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]
