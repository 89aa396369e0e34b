"""Whole-Rupiah arithmetic for dues: what a wage owes under a policy, and exact splits between levels.

Every function takes and returns `int` Rupiah (callers convert the Decimal columns with `int()`), so
no fraction of a Rupiah is ever created or lost.

The split method (largest remainder, also called Hamilton's method): each part first gets the whole
Rupiah of its exact share, rounded down; the Rupiah left over (fewer than the number of parts) go
one each to the parts with the largest fractional remainders, ties to the part listed first. So
  * the parts always sum to the whole, exactly;
  * no part differs from its exact share by a whole Rupiah or more;
  * the result depends only on the amount and the weights in their order (it is repeatable).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence

BASIS = 10_000  # basis points in a whole: 100 basis points = 1%


def split(amount: int, weights: Sequence[int]) -> list[int]:
    """Split `amount` Rupiah in proportion to non-negative integer `weights` (largest remainder)."""
    if amount < 0:
        return [-part for part in split(-amount, weights)]
    total = sum(weights)
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    if total == 0:
        if amount:
            raise ValueError("cannot split a non-zero amount by zero weights")
        return [0] * len(weights)
    floors = [amount * weight // total for weight in weights]
    remainders = [amount * weight % total for weight in weights]
    left = amount - sum(floors)
    # Largest remainder first; among equal remainders the earlier part first.
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for index in order[:left]:
        floors[index] += 1
    return floors


def round_to(numerator: int, denominator: int, *, rule: str, step: int = 1) -> int:
    """numerator / denominator rounded to a multiple of `step` Rupiah by `rule` (down, half_up, up).

    Exact for any size: the division is done on integers, never in floating point."""
    if denominator <= 0 or step <= 0:
        raise ValueError("denominator and step must be positive")
    if numerator < 0:
        raise ValueError("amounts due are never negative")
    unit = denominator * step
    whole, rest = divmod(numerator, unit)
    if rule == "down":
        return whole * step
    if rule == "up":
        return (whole + (1 if rest else 0)) * step
    if rule == "half_up":
        return (whole + (1 if 2 * rest >= unit else 0)) * step
    raise ValueError(f"unknown rounding rule {rule!r}")


def dues_for_wage(
    wage: int | None,
    *,
    kind: str,
    rate_basis_points: int | None = None,
    flat_amount: int | None = None,
    floor_amount: int | None = None,
    cap_amount: int | None = None,
    rounding: str = "half_up",
    rounding_step: int = 1,
) -> int | None:
    """A month's dues under one policy. None when a percentage policy meets an unknown wage.

    Order: the percentage of the wage is rounded first, then raised to the minimum and lowered to
    the maximum (which are whole amounts already)."""
    if kind == "flat":
        return int(flat_amount or 0)
    if wage is None:
        return None
    amount = round_to(int(wage) * int(rate_basis_points or 0), BASIS, rule=rounding, step=rounding_step)
    if floor_amount is not None:
        amount = max(amount, int(floor_amount))
    if cap_amount is not None:
        amount = min(amount, int(cap_amount))
    return amount


def dues_under(policy, wage: int | None) -> int | None:
    """`dues_for_wage` with the terms of a DuesPolicy row."""
    return dues_for_wage(
        wage,
        kind=policy.kind,
        rate_basis_points=policy.rate_basis_points,
        flat_amount=policy.flat_amount,
        floor_amount=policy.floor_amount,
        cap_amount=policy.cap_amount,
        rounding=policy.rounding,
        rounding_step=policy.rounding_step,
    )


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@functools.lru_cache(maxsize=256)  # asked once per membership when a 200,000-line file is matched
def last_of_month(month: datetime.date) -> datetime.date:
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def payment_deadline(month: datetime.date) -> datetime.date:
    """The day by which a month's dues must have arrived: the 10th of the following month."""
    return last_of_month(month) + datetime.timedelta(days=10)


def parse_month(text: str) -> datetime.date:
    """'2026-03' -> 2026-03-01; ValueError with a readable message otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        raise ValueError(f"{text!r} is not a month written as YYYY-MM") from None
