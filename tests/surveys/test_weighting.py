"""Raking and margins of error against examples computed by hand (in the comments)."""

import math

import pytest

from surveys import weighting


def test_rake_one_margin_matches_population_shares():
    # 30 men, 70 women; population 50/50. Weights sum to n = 100: men 50/30, women 50/70.
    sample = {("r", "m"): 30, ("r", "f"): 70}
    weights = weighting.rake(sample, [{"r": 1}, {"m": 500, "f": 500}], trim=(0.1, 10))
    assert weights[("r", "m")] == pytest.approx(5 / 3)
    assert weights[("r", "f")] == pytest.approx(5 / 7)


def test_estimate_weighted_share_and_kish_margin_by_hand():
    # Yes: 20 of 30 men, 35 of 70 women. Weighted p = (5/3·20 + 5/7·35) / 100 = (33.333 + 25) / 100 = 0.58333.
    # n_eff = 100² / (30·(5/3)² + 70·(5/7)²) = 10000 / (83.333 + 35.714) = 84.0
    # margin = 1.96·√(0.58333·0.41667 / 84) = 0.10543 → 10.54 points.
    weights = {("r", "m"): 5 / 3, ("r", "f"): 5 / 7}
    result = weighting.estimate({("r", "m"): 20, ("r", "f"): 35}, {("r", "m"): 30, ("r", "f"): 70}, weights)
    assert result["count"] == 55
    assert result["base"] == 100
    assert result["share"] == 55.0
    assert result["weighted_share"] == 58.33
    assert result["n_eff"] == 84.0
    assert result["margin"] == 10.54


def test_rake_two_margins_meets_both():
    # 2×2: sex × age; sample skewed to young men. Population: sex 50/50, age 40/60.
    sample = {("r", "m", "y"): 40, ("r", "m", "o"): 20, ("r", "f", "y"): 10, ("r", "f", "o"): 30}
    margins = [{"r": 1}, {"m": 50, "f": 50}, {"y": 40, "o": 60}]
    weights = weighting.rake(sample, margins, trim=(0.1, 10))

    def weighted(predicate):
        return sum(weights[c] * n for c, n in sample.items() if predicate(c))

    assert weighted(lambda c: c[1] == "m") == pytest.approx(50, abs=1e-4)
    assert weighted(lambda c: c[2] == "y") == pytest.approx(40, abs=1e-4)
    assert sum(weights[c] * n for c, n in sample.items()) == pytest.approx(100)


def test_rake_trims_weights_to_the_documented_range():
    # 95 men, 5 women, population 50/50: untrimmed women would weigh 10, men 0.526.
    sample = {("r", "m"): 95, ("r", "f"): 5}
    weights = weighting.rake(sample, [{"r": 1}, {"m": 1, "f": 1}])
    mean = sum(weights[c] * n for c, n in sample.items()) / 100
    assert mean == pytest.approx(1.0)
    assert max(weights.values()) <= weighting.TRIM_HIGH + 1e-9
    assert min(weights.values()) >= weighting.TRIM_LOW - 1e-9
    # Women at the cap of 3 (15 of 100 weighted), men share the rest: 85 / 95.
    assert weights[("r", "f")] == pytest.approx(3.0, abs=1e-3)
    assert weights[("r", "m")] == pytest.approx(85 / 95, abs=1e-3)


def test_rake_drops_margin_categories_nobody_answered_from():
    sample = {("a", "m"): 10, ("a", "f"): 10}
    weights = weighting.rake(sample, [{"a": 100, "b": 900}, {"m": 1, "f": 3}], trim=(0.1, 10))
    assert weights[("a", "m")] == pytest.approx(0.5)
    assert weights[("a", "f")] == pytest.approx(1.5)


def test_suppression_below_ten():
    assert weighting.suppressed(9) and not weighting.suppressed(10)


def test_normalised_score_and_reversal():
    assert weighting.normalised_score(4, 1, 5, 1) == 75.0
    assert weighting.normalised_score(4, 1, 5, -1) == 25.0
    assert weighting.normalised_score(7, 0, 10, 1) == pytest.approx(70.0)
    assert math.isclose(weighting.normalised_score(0, 0, 10, -1), 100.0)


def test_estimate_when_everyone_chose_the_category_despite_float_rounding():
    """Σ w·count and Σ w·base add the same weights in another order: 0.6000000000000001 vs 0.6."""
    weights = {"a": 0.1, "b": 0.2, "c": 0.3}
    base = {"c": 1, "b": 1, "a": 1}
    counts = {"a": 1, "b": 1, "c": 1}

    result = weighting.estimate(counts, base, weights)

    assert (result["weighted_share"], result["margin"], result["share"]) == (100.0, 0.0, 100.0)
