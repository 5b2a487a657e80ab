"""The statistics of a comparison in tiers: the paired t-test's p-value and Holm's adjustment."""
from __future__ import annotations

import math

import pytest

from fixtures.regress.tiers import Tier, holm, paired_shift, step, tier
from fixtures.rules.distributions import t_quantile, t_two_sided_p


@pytest.mark.parametrize("df", [2, 4, 9, 30])
@pytest.mark.parametrize("p", [0.05, 0.01, 1e-4])
def test_the_p_value_inverts_the_t_quantile(df, p):
    assert t_two_sided_p(t_quantile(1 - p / 2, df), df) == pytest.approx(p, rel=1e-3)


def test_holm_multiplies_the_smallest_by_the_count_and_never_decreases():
    assert holm([0.01, 0.04, 0.03, 0.5]) == pytest.approx([0.04, 0.09, 0.09, 0.5])
    assert holm([0.6, 0.5]) == [1.0, 1.0] or holm([0.6, 0.5]) == pytest.approx([1.0, 1.0])


def test_every_seed_moved_by_the_same_amount_is_certain_and_nothing_moved_is_identical():
    same = paired_shift([math.pi, math.e, math.sqrt(2)], [math.pi + 0.5, math.e + 0.5, math.sqrt(2) + 0.5])
    assert same.p == 0.0 and tier(same, 0.0, drift=1.0) == Tier.SHIFTED
    still = paired_shift([1.0, None], [1.0, None])
    assert still.identical and tier(still, 1.0, drift=1.0) == Tier.IDENTICAL


def test_no_pairs_means_no_test():
    shift = paired_shift([None, None], [1.0, 2.0])
    assert (shift.paired, shift.diverged_changed, shift.p) == (0, 2, 1.0) and math.isnan(shift.mean)
    assert tier(shift, 1.0, drift=0.1) == Tier.ROUNDING


def test_tiers_are_named_as_the_command_line_takes_them():
    assert [str(t) for t in Tier] == ["identical", "rounding", "shifted", "drifted", "flipped"]
    assert Tier.named("drifted") == Tier.DRIFTED


def test_a_count_that_moved_one_step_in_every_seed_is_not_certain():
    """Accuracy over 2 000 images, as float32 records it: one image more in each of 5 seeds.
    Each reading is known to half a step, so the differences carry at least step^2/6 of
    variance (Sheppard): t = sqrt(30), p about 0.005, where an identical shift of a continuous
    metric has p = 0. Forty steps in every seed is certain again."""
    old = [0.9380000233650208, 0.9325000047683716, 0.9365000128746033, 0.9355000257492065,
           0.9235000014305115]
    one = [0.9384999871253967, 0.9330000281333923, 0.9369999766349792, 0.9359999895095825,
           0.9240000247955322]
    assert step(old + one) == pytest.approx(0.0005, rel=1e-4)
    assert paired_shift(old, one).p == pytest.approx(0.0054, abs=5e-4)
    assert paired_shift(old, [v + 0.02 for v in old]).p < 1e-8
    assert step([math.pi, math.e, 2.77, 2.7712]) == step([0.5]) == 0.0
    assert step([k / 64 for k in (3, 7, 10, 12)]) == 1 / 64
