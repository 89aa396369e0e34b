"""(b) Member search at 2 million members, through serikat.membership.selectors.member_page.

What a secretariat types in the search box: a NIK, a KTA number, a phone number (as people write it,
0812-...), or a name with a typo. Each kind is timed 200 times (sampled from real rows in the actor's
scope) for demo-admin (the whole confederation) and demo-dpw-jabar (its province's councils, branches
and plant unions). For names, the misspelling is one edit in one word of a real member's name, and
the benchmark also counts how often that very member is on the first page (recall), and how often a
member of exactly the original name is.

A name search (ADR 0019) reads the vocabulary of name words (NameWord: exact words, or the nearest
real words for a typo), then finds the memberships holding those words and ranks the first
NAME_CANDIDATES in scope: within a scope below a federation (demo-dpw-jabar), and for one word
always, from the words on memberships (MembershipNameWord, ADR 0026: the scope filtered inside the
index scan); otherwise through the GIN index member_name_words. The benchmark also counts how often
more members matched than were ranked (a single common name, "Siti").

Then one query of each kind is EXPLAINed (ANALYZE, BUFFERS), to show which indexes are used: the
unique B-tree on NIK, the KTA index, the phone index; for a name as demo-dpw-jabar, the
vocabulary's indexes and membership_membershipnameword_pkey (word, unit, membership).
"""

from __future__ import annotations

import random
import re
from typing import Any

from bench.harness import count_queries, heading, record, summary, summary_line, timed
from bench.members_common import ADMIN, DPW, users

WARMUP = 10
GOALS_MS = {"nik": 5.0, "kta": 5.0, "phone": 5.0, "name": 50.0}


def misspell(name: str, rng: random.Random) -> str:
    """One edit (swap, drop, double or change a letter) inside one word of three letters or more."""
    words = name.split()
    candidates = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha()]
    if not candidates:
        return name
    i = rng.choice(candidates)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)  # keep the first letter: people rarely get that wrong
    kind = rng.choice(("swap", "drop", "double", "change"))
    if kind == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == "drop":
        word = word[:at] + word[at + 1 :]
    elif kind == "double":
        word = word[:at] + word[at] + word[at:]
    else:
        vowels = "aiueo"
        new = rng.choice(vowels if word[at] in vowels else "bdgkmnprst")
        word = word[:at] + new + word[at + 1 :]
    words[i] = word
    return " ".join(words)


def national_phone(e164: str) -> str:
    """+6281234567890 -> 0812-3456-7890, as people write it."""
    digits = "0" + e164[3:]
    return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"


def _samples(actor: Any, count: int, rng: random.Random) -> list[Any]:
    """`count` memberships in the actor's scope, spread over the table (random ids, no ORDER BY random())."""
    from serikat.membership.models import Membership
    from serikat.membership.selectors import visible_memberships

    top = Membership.objects.order_by("-pk").values_list("pk", flat=True).first()
    found: list[Any] = []
    while len(found) < count:
        ids = rng.sample(range(1, top + 1), min(top, 20 * count))
        rows = (
            visible_memberships(actor)
            .filter(pk__in=ids, status="active")
            .select_related("member")
            .exclude(member__phone="")
        )
        found.extend(rows[: count - len(found)])
    rng.shuffle(found)
    return found


def _queries(samples: list[Any], rng: random.Random) -> dict[str, list[tuple[str, Any]]]:
    return {
        "nik": [(m.member.nik, m) for m in samples],
        "kta": [(m.kta_number.lower() if i % 2 else m.kta_number, m) for i, m in enumerate(samples)],
        "phone": [(national_phone(m.member.phone), m) for m in samples],
        "name": [(misspell(m.member.full_name, rng), m) for m in samples],
    }


def _time_kind(actor: Any, queries: list[tuple[str, Any]], kind: str) -> dict[str, Any]:
    from serikat.membership.selectors import MemberFilters, classify, member_page

    for text, _m in queries[:WARMUP]:
        member_page(actor, MemberFilters(q=text))
    seconds, found, recall, same_name, misread, more = [], 0, 0, 0, 0, 0
    for text, membership in queries:
        if classify(text)[0] != kind:
            misread += 1
        elapsed, page = timed(lambda text=text: member_page(actor, MemberFilters(q=text)))
        seconds.append(elapsed)
        ids = {row.pk for row in page.rows}
        found += bool(page.rows)
        more += page.more_matches
        recall += membership.pk in ids
        same_name += any(row.member.full_name == membership.member.full_name for row in page.rows)
    queries_per_call, _page = count_queries(lambda: member_page(actor, MemberFilters(q=queries[0][0])))
    figures = summary(seconds)
    figures.update(
        {
            "queries_per_search": queries_per_call,
            "answered": found,
            "target_on_first_page": recall,
            "read_as_other_kind": misread,
        }
    )
    if kind == "name":
        figures["same_name_on_first_page"] = same_name
        figures["more_matches_than_ranked"] = more
    return figures


def _explain(actor: Any, text: str) -> tuple[str, list[str]]:
    """EXPLAIN ANALYZE of the statements member_page runs for `text`; the indexes the plans use."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from serikat.membership.selectors import MemberFilters, member_page

    with CaptureQueriesContext(connection) as captured:
        member_page(actor, MemberFilters(q=text))
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                cursor.execute(sql)  # a statement other than a query (none today)
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    plan = "\n\n".join(plans)
    indexes = sorted(
        set(re.findall(r"(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)", plan))
    )
    return plan, indexes


def run(*, queries: int, env: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(20260101)
    actors = users()
    results: dict[str, Any] = {}
    explained: dict[str, Any] = {}
    for username in (ADMIN, DPW):
        actor = actors[username]
        heading(f"Member search as {username}: {queries} queries per kind through member_page()")
        samples = _samples(actor, queries, rng)
        by_kind = _queries(samples, rng)
        results[username] = {}
        for kind, kind_queries in by_kind.items():
            figures = _time_kind(actor, kind_queries, kind)
            results[username][kind] = figures
            goal = GOALS_MS[kind]
            verdict = "meets" if figures["p95_ms"] < goal else "MISSES"
            print(summary_line(f"{kind} ({verdict} p95 < {goal:.0f} ms)", figures, width=30))
            n = len(kind_queries)
            extra = f"    queries per search {figures['queries_per_search']}; answered {figures['answered']}/{n}"
            extra += f"; the sampled member on the first page {figures['target_on_first_page']}/{n}"
            if kind == "name":
                extra += f"; someone of the exact original name on it {figures['same_name_on_first_page']}/{n}"
                extra += f"; more matches than ranked {figures['more_matches_than_ranked']}/{n}"
            if figures["read_as_other_kind"]:
                extra += f"; classified as another kind {figures['read_as_other_kind']}"
            print(extra)
        if username == DPW:
            for kind, kind_queries in by_kind.items():
                text = kind_queries[0][0]
                plan, indexes = _explain(actor, text)
                heading(f"EXPLAIN ANALYZE: {kind} search {text!r} as {username}")
                print(plan)
                print(f"\n  indexes used: {', '.join(indexes) or 'NONE (sequential scans)'}")
                explained[kind] = {"text": text, "indexes": indexes}
    record("members_search", {"queries": queries, "results": results, "explain_indexes": explained}, env)
    return results
