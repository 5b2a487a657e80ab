"""The statistics of a comparison in tiers: the paired t-test's p-value and Holm's adjustment."""
from __future__ import annotations

import math

import pytest

from fixtures.regress.tiers import Tier, holm, paired_shift, tier
from fixtures.rules.distributions import t_quantile, t_two_sided_p


@pytest.mark.parametrize("df", [2, 4, 9, 30])
@pytest.mark.parametrize("p", [0.05, 0.01, 1e-4])
def test_the_p_value_inverts_the_t_quantile(df, p):
    assert t_two_sided_p(t_quantile(1 - p / 2, df), df) == pytest.approx(p, rel=1e-3)


def test_holm_multiplies_the_smallest_by_the_count_and_never_decreases():
    assert holm([0.01, 0.04, 0.03, 0.5]) == pytest.approx([0.04, 0.09, 0.09, 0.5])
    assert holm([0.6, 0.5]) == [1.0, 1.0] or holm([0.6, 0.5]) == pytest.approx([1.0, 1.0])


def test_every_seed_moved_by_the_same_amount_is_certain_and_nothing_moved_is_identical():
    same = paired_shift([1.0, 2.0, 3.0], [1.5, 2.5, 3.5])
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
