"""Raking (iterative proportional fitting) on aggregated cells, trimmed weights, Kish margins of error.

Pure functions on small dictionaries: the database groups responses into weighting cells (region × sex ×
age group, at most 20 × 2 × 6 = 240 of them) and everything here works on those counts, so that 200,000
responses cost no more than 200. One weight per cell: every respondent of a cell weighs the same.
"""

import math
from collections import defaultdict
from collections.abc import Hashable

# Weights are trimmed to [TRIM_LOW, TRIM_HIGH] × the mean weight (documented in the README).
TRIM_LOW = 0.3
TRIM_HIGH = 3.0
MAX_ITERATIONS = 100
TOLERANCE = 1e-6
Z95 = 1.959964
SUPPRESS_BELOW = 10

Cell = tuple  # (region_id, sex, age_group)


def rake(
    sample: dict[Cell, int],
    margins: list[dict[Hashable, float]],
    *,
    trim: tuple[float, float] = (TRIM_LOW, TRIM_HIGH),
) -> dict[Cell, float]:
    """Weight per respondent of each sample cell so the weighted sample matches every margin.

    `sample` counts respondents by cell (a tuple, one value per margin); `margins[i]` is the population
    by the i-th value of the cell. Categories missing from the sample are dropped from a margin and
    the rest rescaled (a margin cannot be met with nobody to weight). The weights are normalised to a
    mean of 1 (they sum to the sample size), trimmed to `trim` × the mean, and raked again, until both
    hold or MAX_ITERATIONS.
    """
    n = sum(sample.values())
    if n == 0:
        return {}
    targets = []
    for axis, margin in enumerate(margins):
        present = {cell[axis] for cell, count in sample.items() if count}
        kept = {key: value for key, value in margin.items() if key in present and value > 0}
        total = sum(kept.values())
        if not total:  # no population figures for this margin: it is not used
            targets.append(None)
            continue
        targets.append({key: n * value / total for key, value in kept.items()})
    weights = {cell: 1.0 for cell, count in sample.items() if count}
    low, high = trim
    for _iteration in range(MAX_ITERATIONS):
        largest_change = 0.0
        for axis, target in enumerate(targets):
            if target is None:
                continue
            current: dict = defaultdict(float)
            for cell, weight in weights.items():
                current[cell[axis]] += weight * sample[cell]
            for cell in weights:
                wanted = target.get(cell[axis])
                if wanted is None:
                    continue
                factor = wanted / current[cell[axis]]
                largest_change = max(largest_change, abs(factor - 1))
                weights[cell] *= factor
        weights = _trim(_normalise(weights, sample, n), sample, n, low, high)
        if largest_change < TOLERANCE:
            break
    return weights


def _trim(weights: dict, sample: dict, n: int, low: float, high: float) -> dict:
    """Weights held to [low, high] (the mean being 1): cells outside are set to the bound and the
    others rescaled so the weights still sum to n, until none is outside."""
    weights = dict(weights)
    fixed: dict = {}
    for _round in range(len(weights) + 1):
        outside = {
            c: (low if w < low else high)
            for c, w in weights.items()
            if c not in fixed and not low <= w <= high
        }
        if not outside:
            break
        fixed.update(outside)
        free = [c for c in weights if c not in fixed]
        fixed_total = sum(fixed[c] * sample[c] for c in fixed)
        free_total = sum(weights[c] * sample[c] for c in free)
        scale = (n - fixed_total) / free_total if free_total else 1.0
        weights = {c: fixed[c] if c in fixed else weights[c] * scale for c in weights}
    return weights


def _normalise(weights: dict, sample: dict, n: int) -> dict:
    total = sum(w * sample[cell] for cell, w in weights.items())
    return {cell: w * n / total for cell, w in weights.items()}


def estimate(counts: dict[Cell, int], base: dict[Cell, int], weights: dict[Cell, float]) -> dict:
    """Share of a category among the respondents in `base`, unweighted and weighted, with its 95% margin.

    counts: respondents choosing the category by cell; base: respondents asked (who answered) by cell.
    Weighted share p = Σ w·count / Σ w·base; Kish effective sample size n_eff = (Σ w·base)² / Σ w²·base;
    margin = 1.96 · √(p(1 − p) / n_eff), in percentage points like the shares.
    """
    n = sum(base.values())
    k = sum(counts.values())
    if n == 0:
        return {"count": k, "base": 0, "share": None, "weighted_share": None, "margin": None, "n_eff": 0.0}
    sum_w = sum(weights.get(cell, 0.0) * b for cell, b in base.items())
    sum_w2 = sum(weights.get(cell, 0.0) ** 2 * b for cell, b in base.items())
    sum_wk = sum(weights.get(cell, 0.0) * c for cell, c in counts.items())
    # Everyone (or no one) chose it: the two sums add the same terms in another order and may differ in
    # the last bit, p = 1.0000000000000002 and a square root of a negative number (seen in bench/).
    p = min(max(sum_wk / sum_w, 0.0), 1.0) if sum_w else 0.0
    n_eff = sum_w**2 / sum_w2 if sum_w2 else 0.0
    margin = Z95 * math.sqrt(p * (1 - p) / n_eff) if n_eff else None
    return {
        "count": k,
        "base": n,
        "share": round(100 * k / n, 2),
        "weighted_share": round(100 * p, 2),
        "margin": round(100 * margin, 2) if margin is not None else None,
        "n_eff": round(n_eff, 1),
    }


def suppressed(count: int) -> bool:
    return count < SUPPRESS_BELOW


def normalised_score(number: int, low: int, high: int, direction: int) -> float:
    """An answer on a low…high scale as 0–100; reversed (direction −1) when agreeing means less."""
    score = 100.0 * (number - low) / (high - low)
    return 100.0 - score if direction < 0 else score
