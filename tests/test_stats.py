"""The verdict helpers on inputs whose answer is known."""
from __future__ import annotations

import math

import pytest

from fixtures.rules.distributions import mean_bounds, t_quantile
from fixtures.rules.stats import (
    KINDS,
    Verdict,
    at_least,
    at_most,
    combine,
    equivalent_in_most,
    equivalent_to,
    worse_in_most,
    worse_in_some,
    worse_than,
)

HOLDS, DOES_NOT_HOLD, INCONCLUSIVE = Verdict.HOLDS, Verdict.DOES_NOT_HOLD, Verdict.INCONCLUSIVE


@pytest.mark.parametrize(("p", "df", "expected"), [
    (0.975, 1, 12.7062), (0.975, 2, 4.3027), (0.975, 4, 2.7764), (0.975, 30, 2.0423),
    (0.995, 9, 3.2498), (0.95, 4, 2.1318), (0.5, 7, 0.0)])
def test_t_quantile_matches_tables(p, df, expected):
    assert t_quantile(p, df) == pytest.approx(expected, abs=2e-4)


def test_mean_bounds_edges():
    assert mean_bounds([0.3, 0.3, 0.3]) == (pytest.approx(0.3), pytest.approx(0.3), pytest.approx(0.3))
    mean, lo, hi = mean_bounds([0.5])
    assert mean == 0.5 and lo == -math.inf and hi == math.inf


def test_control_against_itself_does_not_hold():
    accuracy = [0.91, 0.87, 0.90, 0.93, 0.88]
    v = worse_than(accuracy, accuracy, margin=0.1)
    assert v.outcome == DOES_NOT_HOLD and v.effects == (0.0,) * 5 and v.support == 0


def test_clear_drop_holds_and_reports_every_seed():
    v = worse_than([0.9] * 5, [0.5, 0.6, 0.55, 0.7, 0.45], margin=0.1)
    assert v.outcome == HOLDS
    assert v.effects == pytest.approx((0.4, 0.3, 0.35, 0.2, 0.45))
    assert v.support == 5 and v.needed == 3 and v.interval[0] > 0


def test_drop_smaller_than_margin_does_not_hold():
    v = worse_than([0.90] * 5, [0.88, 0.89, 0.87, 0.885, 0.875], margin=0.1)
    assert v.outcome == DOES_NOT_HOLD


def test_one_lucky_seed_is_inconclusive():
    # A mean above the margin carried by one seed: the interval reaches below 0.
    v = worse_than([0.9] * 5, [0.9, 0.91, 0.89, 0.9, 0.2], margin=0.1)
    assert v.mean >= 0.1 and v.interval[0] < 0 and v.outcome == INCONCLUSIVE


def test_too_few_seeds_pointing_the_claims_way_is_not_holds():
    v = worse_than([0.9] * 5, [0.95, 0.95, 0.95, 0.2, 0.2], margin=0.1, min_support=0.6)
    assert v.support == 2 and v.outcome != HOLDS


def test_one_seed_decides_nothing():
    assert worse_than([0.9], [0.1], margin=0.1).outcome == INCONCLUSIVE


def test_diverged_seed_supports_nothing_and_leaves_the_interval():
    v = worse_than([0.9] * 4, [0.5, 0.5, 0.5, math.nan], margin=0.1)
    assert math.isnan(v.effects[3]) and v.support == 3 and v.mean == pytest.approx(0.4)
    assert v.outcome == HOLDS  # 3 of 4 meets ceil(0.6 * 4) = 3
    assert worse_than([0.9] * 4, [0.5, math.nan, math.nan, math.nan], margin=0.1).outcome == INCONCLUSIVE


def test_lower_is_better_flips_the_sign():
    v = worse_than([0.2] * 3, [0.7, 0.8, 0.75], margin=0.3, higher_is_better=False)
    assert v.outcome == HOLDS and v.mean == pytest.approx(0.55)


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError, match="3 control values but 2 treatment"):
        worse_than([1, 2, 3], [1, 2], margin=0.1)


def test_equivalent_arms_hold_and_a_clear_gap_does_not():
    base = [0.85, 0.86, 0.84, 0.855, 0.845]
    close = [b - d for b, d in zip(base, [0.004, -0.003, 0.006, 0.001, 0.002])]
    assert equivalent_to(base, close, margin=0.02).outcome == HOLDS
    assert equivalent_to(base, base, margin=0.02).outcome == HOLDS
    far = [b - 0.2 for b in base]
    v = equivalent_to(base, far, margin=0.02)
    assert v.outcome == DOES_NOT_HOLD and v.mean == pytest.approx(-0.2) and v.support == 0


def test_equivalence_with_wide_spread_is_inconclusive():
    v = equivalent_to([0.8] * 5, [0.85, 0.75, 0.82, 0.78, 0.80], margin=0.02)
    assert v.outcome == INCONCLUSIVE


def test_bounds_on_one_arm_count_seeds():
    tiny = [1e-7, 2e-7, 1.5e-7]
    assert at_most(tiny, margin=1e-4).outcome == HOLDS
    assert at_most([0.3, 0.5, 0.4], margin=1e-4).outcome == DOES_NOT_HOLD
    assert at_least([33.1, 33.2, 33.0], margin=32.9).outcome == HOLDS
    assert at_least([20.0, 21.0, 19.5], margin=32.9).outcome == DOES_NOT_HOLD
    # One unsettled seed among collapsed ones does not spoil the count, as it would a mean.
    collapsed = [0.0, 0.0001, 0.89, 0.0, 0.0077]
    assert at_most(collapsed, margin=0.01, min_support=0.8).outcome == HOLDS
    assert at_most(collapsed[:4] + [0.5], margin=0.01, min_support=0.8).outcome == INCONCLUSIVE
    assert at_most([0.7, 0.75, math.nan, 0.0, 0.72], margin=0.01).outcome == DOES_NOT_HOLD


def test_checks_combine_into_one_verdict():
    assert combine([HOLDS, HOLDS]) == HOLDS
    assert combine([HOLDS, INCONCLUSIVE]) == INCONCLUSIVE
    assert combine([INCONCLUSIVE, DOES_NOT_HOLD]) == DOES_NOT_HOLD
    assert combine([]) == INCONCLUSIVE


def test_a_risk_that_strikes_some_seeds():
    control = [0.96] * 10
    struck = [0.96, 0.86, 0.69, 0.96, 0.95, 0.96, 0.96, 0.96, 0.96, 0.96]
    v = worse_in_some(control, struck, margin=0.05, min_support=0.2)
    assert v.outcome == HOLDS and v.support == 2 and v.needed == 2
    assert worse_in_some(control, control, margin=0.05, min_support=0.2).outcome == DOES_NOT_HOLD
    once = [0.96] * 9 + [0.80]
    assert worse_in_some(control, once, margin=0.05, min_support=0.2).outcome == INCONCLUSIVE


def test_the_typical_seed_decides_an_effect_that_strikes_a_few_seeds_hard():
    """Three struck seeds of ten carry the mean past a 0.05 margin's reach (the mean check is
    inconclusive); the typical seed lost a point, so the majority check does not hold."""
    control = [0.90] * 10
    treatment = [0.89] * 7 + [0.82] * 3
    assert worse_than(control, treatment, margin=0.05).outcome == INCONCLUSIVE
    v = worse_in_most(control, treatment, margin=0.05)
    assert v.outcome == DOES_NOT_HOLD and v.support == 3 and v.needed == 6
    assert worse_in_most(control, [0.84] * 6 + [0.89] * 4, margin=0.05).outcome == HOLDS
    assert worse_in_most(control, [0.84] * 5 + [0.89] * 5, margin=0.05).outcome == INCONCLUSIVE


def test_the_typical_seed_decides_a_small_cost_with_a_tail():
    """One tail seed of five stretches the mean's bounds past the margin (the bounded
    equivalence is inconclusive); four of five seeds lie inside it, so the typical seed does."""
    control = [0.90] * 5
    treatment = [0.88, 0.885, 0.875, 0.88, 0.83]
    assert equivalent_to(control, treatment, margin=0.05).outcome == INCONCLUSIVE
    v = equivalent_in_most(control, treatment, margin=0.05)
    assert v.outcome == HOLDS and v.support == 4 and v.needed == 3
    two_inside = [0.80] * 3 + [0.88] * 2
    assert equivalent_in_most(control, two_inside, margin=0.05).outcome == DOES_NOT_HOLD
    assert equivalent_in_most(control, two_inside, margin=0.05,
                              min_support=0.8).outcome == INCONCLUSIVE  # 4 needed
    better = [0.96] * 5  # a gain past the margin is outside it too
    assert equivalent_in_most(control, better, margin=0.05).outcome == DOES_NOT_HOLD


# Each decision on inputs where its effect is plainly there, as (positional arms, margin).
PRESENT = {
    "worse_than": (([0.9] * 5, [0.5] * 5), 0.1),
    "equivalent_to": (([0.9] * 5, [0.9] * 5), 0.03),
    "worse_in_some": (([0.9] * 5, [0.5] * 5), 0.05),
    "worse_in_most": (([0.9] * 5, [0.5] * 5), 0.05),
    "equivalent_in_most": (([0.9] * 5, [0.9] * 5), 0.03),
    "at_most": (([0.0] * 5,), 0.01),
    "at_least": (([1.0] * 5,), 0.99),
}


@pytest.mark.parametrize("kind", sorted(PRESENT))
def test_every_decision_on_equal_seeds_holds_with_bounds_at_the_mean(kind):
    arms, margin = PRESENT[kind]
    v = KINDS[kind].decide(*arms, margin=margin)
    assert v.outcome == HOLDS and v.interval[0] == pytest.approx(v.mean) == pytest.approx(v.interval[1])


@pytest.mark.parametrize("kind", sorted(PRESENT))
def test_every_decision_on_one_seed_decides_nothing(kind):
    arms, margin = PRESENT[kind]
    assert KINDS[kind].decide(*(a[:1] for a in arms), margin=margin).outcome != HOLDS


@pytest.mark.parametrize("kind", sorted(PRESENT))
def test_every_decision_counts_a_diverged_seed_for_nothing(kind):
    arms, margin = PRESENT[kind]
    one_diverged = KINDS[kind].decide(*arms[:-1], arms[-1][:-1] + [math.nan], margin=margin)
    assert math.isnan(one_diverged.effects[-1]) and one_diverged.support == 4
    assert one_diverged.outcome == HOLDS  # 4 of 5 still carry it
    all_diverged = KINDS[kind].decide(*arms[:-1], [math.nan] * 5, margin=margin)
    assert all_diverged.support == 0 and all_diverged.outcome != HOLDS
