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
update_member and the import writer (one statement per chunk); `rebuild_name_words()` after the
demo seed's COPY, and whenever members were written past the services (a restored dump, a delete
in psql).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

from serikat.membership.models import NameWord

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
    `removed` (names replaced). A word counts once per name. One statement, however many names."""
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
                    FROM unnest(%s::text[], %s::int[]) AS names(name, change),
                         unnest(tsvector_to_array(membership_name_words(names.name))) AS word
                    GROUP BY word
                    HAVING SUM(change) <> 0
                )
                INSERT INTO {table} (word, members)
                SELECT word, GREATEST(change, 0) FROM changes
                ON CONFLICT (word) DO UPDATE SET members = GREATEST(
                    {table}.members + (SELECT c.change FROM changes c WHERE c.word = EXCLUDED.word), 0
                )
                """,  # noqa: S608 - the model's own table name
                [[*added, *removed], [1] * len(added) + [-1] * len(removed)],
            )
        return
    changes: Counter[str] = Counter()
    for name in added:
        changes.update(set(name_words(name)))
    for name in removed:
        changes.subtract(set(name_words(name)))
    rows = [(word, change, change) for word, change in changes.items() if change]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (word, members) VALUES (%s, MAX(%s, 0)) "  # noqa: S608
            f"ON CONFLICT (word) DO UPDATE SET members = MAX({table}.members + %s, 0)",
            rows,
        )


def rebuild_name_words() -> int:
    """Count every word of every member's name again, from the member table. Returns the words."""
    from serikat.membership.models import Member

    table = connection.ops.quote_name(NameWord._meta.db_table)
    members = connection.ops.quote_name(Member._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        if connection.vendor == "postgresql":
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
WITH typed AS (
    SELECT t.word, t.position,
           EXISTS (SELECT 1 FROM {table} k WHERE k.word = t.word AND k.members > 0) AS known
    FROM unnest(string_to_array(membership_name_text(%s), ' ')) WITH ORDINALITY AS t(word, position)
    WHERE t.word <> ''
)
SELECT t.position, t.word, t.known, near.word
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
    for position, typed, known, near in rows:
        spelling = result.setdefault(position, Spelling(typed, known, [typed] if known else []))
        if near is not None:
            spelling.words.append(near)
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
