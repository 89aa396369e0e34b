"""Whole-Rupiah arithmetic (serikat.dues.money): the split's three promises tested with generated
inputs, the rounding rules, and a month's dues for a wage with its minimum and maximum."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from serikat.dues.money import dues_for_wage, round_to, split

amounts = st.integers(min_value=0, max_value=10**13)
weights = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8).filter(lambda w: sum(w) > 0)


@settings(deadline=None)  # timing varies on a shared machine; correctness does not
@given(amounts, weights)
def test_the_parts_sum_to_the_whole(amount, shares):
    assert sum(split(amount, shares)) == amount


@settings(deadline=None)  # timing varies on a shared machine; correctness does not
@given(amounts, weights)
def test_each_part_is_within_one_rupiah_of_its_exact_share(amount, shares):
    total = sum(shares)
    for part, weight in zip(split(amount, shares), shares, strict=True):
        assert abs(Fraction(part) - Fraction(amount * weight, total)) < 1


@settings(deadline=None)  # timing varies on a shared machine; correctness does not
@given(amounts, weights)
def test_the_split_is_deterministic_and_never_negative(amount, shares):
    first = split(amount, shares)
    assert first == split(amount, list(shares)) and all(part >= 0 for part in first)


@settings(deadline=None)  # timing varies on a shared machine; correctness does not
@given(amounts, weights)
def test_a_part_gets_at_most_one_rupiah_more_than_its_floor(amount, shares):
    total = sum(shares)
    for part, weight in zip(split(amount, shares), shares, strict=True):
        assert part - amount * weight // total in (0, 1)


@settings(deadline=None)  # timing varies on a shared machine; correctness does not
@given(st.integers(min_value=-(10**9), max_value=-1), weights)
def test_a_negative_amount_splits_as_the_mirror_image(amount, shares):
    assert split(amount, shares) == [-part for part in split(-amount, shares)]


def test_leftovers_go_to_the_largest_remainders_then_to_the_part_listed_first():
    assert split(100, [1, 1, 1]) == [34, 33, 33]
    assert split(33_333, [4000, 1000, 1000, 1000, 1000, 2000]) == [13_333, 3_334, 3_333, 3_333, 3_333, 6_667]
    assert split(10, [3, 3, 4]) == [3, 3, 4]
    assert split(11, [3, 3, 4]) == [3, 3, 5]  # 3.3, 3.3, 4.4: the one Rupiah left goes to the largest remainder (.4)
    assert split(12, [3, 3, 4]) == [4, 3, 5]  # 3.6, 3.6, 4.8: two left, to .8 and then the first of the tied .6


def test_order_of_the_weights_decides_ties_only():
    assert split(1, [1, 1]) == [1, 0]
    assert split(1, [1, 1][::-1]) == [1, 0]
    assert split(5, [2, 1]) == [3, 2]
    assert split(5, [1, 2]) == [2, 3]


def test_zero_weights_take_nothing_and_zero_amount_splits_to_zeros():
    assert split(0, [0, 0]) == [0, 0]
    assert split(7, [0, 5]) == [0, 7]
    with pytest.raises(ValueError):
        split(1, [0, 0])
    with pytest.raises(ValueError):
        split(1, [-1, 2])


@pytest.mark.parametrize(
    ("numerator", "rule", "step", "expected"),
    [
        (12_345, "down", 1, 1),  # 1.2345 -> 1
        (15_000, "half_up", 1, 2),  # 1.5 -> 2 (halves go up)
        (14_999, "half_up", 1, 1),
        (10_001, "up", 1, 2),
        (10_000, "up", 1, 1),  # exact stays
        (1_234_567_890, "half_up", 100, 123_500),  # 123,456.789 -> nearest 100
        (1_234_567_890, "down", 1000, 123_000),
        (1_234_567_890, "up", 1000, 124_000),
        (0, "up", 100, 0),
    ],
)
def test_round_to_rules(numerator, rule, step, expected):
    assert round_to(numerator, 10_000, rule=rule, step=step) == expected


@settings(deadline=None)  # timing varies on a shared machine; correctness does not
@given(
    st.integers(min_value=0, max_value=10**16),
    st.integers(min_value=1, max_value=10**4),
    st.sampled_from([1, 100, 1000]),
)
def test_round_to_lands_on_a_multiple_of_the_step_next_to_the_exact_value(numerator, denominator, step):
    exact = Fraction(numerator, denominator)
    down = round_to(numerator, denominator, rule="down", step=step)
    up = round_to(numerator, denominator, rule="up", step=step)
    nearest = round_to(numerator, denominator, rule="half_up", step=step)
    assert down % step == up % step == nearest % step == 0
    assert down <= exact <= up and up - down in (0, step)
    assert nearest in (down, up) and abs(nearest - exact) <= Fraction(step, 2)


def test_round_to_refuses_what_it_cannot_mean():
    for kwargs in ({"rule": "sideways"}, {"rule": "down", "step": 0}):
        with pytest.raises(ValueError):
            round_to(1, 1, **kwargs)
    with pytest.raises(ValueError):
        round_to(-1, 1, rule="down")


def test_dues_for_a_wage_are_raised_to_the_minimum_and_lowered_to_the_maximum():
    percent = {"kind": "percent", "rate_basis_points": 100, "floor_amount": 25_000, "cap_amount": 100_000}
    assert dues_for_wage(2_000_000, **percent) == 25_000  # 20,000 -> the minimum
    assert dues_for_wage(5_000_000, **percent) == 50_000
    assert dues_for_wage(20_000_000, **percent) == 100_000  # 200,000 -> the maximum
    assert dues_for_wage(None, **percent) is None  # wage missing
    assert dues_for_wage(None, kind="flat", flat_amount=30_000) == 30_000
    assert (
        dues_for_wage(4_567_890, kind="percent", rate_basis_points=100, rounding="half_up", rounding_step=100) == 45_700
    )
    assert (
        dues_for_wage(4_567_890, kind="percent", rate_basis_points=100, rounding="down", rounding_step=1000) == 45_000
    )


@settings(deadline=None)  # timing varies on a shared machine; correctness does not
@given(
    st.integers(min_value=0, max_value=10**11),
    st.integers(min_value=1, max_value=10_000),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
)
def test_dues_always_lie_between_the_minimum_and_the_maximum(wage, rate, floor, extra):
    cap = floor + extra
    amount = dues_for_wage(wage, kind="percent", rate_basis_points=rate, floor_amount=floor, cap_amount=cap)
    assert floor <= amount <= cap
