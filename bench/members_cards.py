"""(e) KTA cards per second: serikat.membership.documents.cards.render_cards(memberships).

A plant union prints the cards of its members in one batch: one PDF of A4 sheets (2 x 5 cards,
fronts then mirrored backs), one Typst compile, a QR code per card. The benchmark issues cards
(MemberCard rows with fresh tokens, bulk-inserted: not what is timed) for active members of the
biggest plant unions in DPW Jawa Barat's scope, then renders batches of 1,000 and of 100 cards,
3 times each (goal: at least 100 cards a second), and one single card (render_card) 20 times.
"""

from __future__ import annotations

import secrets
from typing import Any

from bench.harness import heading, record, repeat, summary, summary_line, timed
from bench.members_common import DPW, peak_rss_mb, users

GOAL_PER_SECOND = 100


def _issue(count: int) -> list[int]:
    """Active memberships in the DPW's scope with a current card (issued here when missing)."""
    from django.db.models import Count

    from serikat.membership.models import MemberCard, Membership
    from serikat.membership.selectors import visible_memberships

    dpw = users()[DPW]
    units = (
        visible_memberships(dpw)
        .filter(status="active")
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("unit_id", flat=True)[:100]
    )
    ids = list(
        Membership.objects.filter(unit_id__in=list(units), status="active")
        .exclude(kta_number="")
        .order_by("unit_id", "kta_number")
        .values_list("pk", flat=True)[:count]
    )
    carded = set(
        MemberCard.objects.filter(membership_id__in=ids, revoked_at__isnull=True).values_list(
            "membership_id", flat=True
        )
    )
    MemberCard.objects.bulk_create(
        [MemberCard(membership_id=pk, token=secrets.token_urlsafe(32)) for pk in ids if pk not in carded],
        batch_size=1000,
    )
    return ids


def run(*, cards: int, env: dict[str, Any]) -> dict[str, Any]:
    from serikat.membership.documents.cards import current_cards, render_card, render_cards

    heading(f"KTA cards: render_cards() of {cards:,} and of 100 memberships, render_card() of one")
    ids = _issue(cards)
    results: dict[str, Any] = {"cards": len(ids)}
    seconds, pdf = timed(lambda: render_cards(ids))  # the first run loads fonts and the template
    print(f"  first batch of {len(ids):,} (fonts and template loaded): {seconds:.2f} s, PDF {len(pdf) / 2**20:.1f} MB")
    for size in (len(ids), 100):
        batch = ids[:size]
        times = repeat(lambda batch=batch: render_cards(batch), times=3)
        figures = summary(times)
        figures["cards_per_second"] = round(size / (figures["median_ms"] / 1000), 1)
        results[f"batch_{size}"] = figures
        print(summary_line(f"batch of {size:,}", figures, width=20) + f"   {figures['cards_per_second']:,.0f} cards/s")
    card = current_cards(ids[:1])[0]
    figures = summary(repeat(lambda: render_card(card), times=20, warmup=2))
    results["single"] = figures
    print(summary_line("one card (render_card)", figures, width=20))
    rate = results[f"batch_{len(ids)}"]["cards_per_second"]
    results["peak_rss_mb"] = peak_rss_mb()
    verdict = "meets" if rate >= GOAL_PER_SECOND else "MISSES"
    print(f"\n  {verdict}: >= {GOAL_PER_SECOND} cards/s ({rate:,.0f} in a batch of {len(ids):,})")
    print(f"  peak memory of the benchmark process so far: {results['peak_rss_mb']:,.0f} MB")
    record("members_cards", results, env)
    return results
