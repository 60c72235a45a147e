"""Per-camp comparison of two programs' final camp counts over several seeds each, for
flee_vs_corridor.py's --stat-seeds step. Standard library only; `python3 bench/camp_stats.py` runs its checks.

For each camp, z = (mean corridor - mean FLEE) / (s * sqrt(1/K + 1/M)), the two-sample t statistic with
pooled variance s^2 over K FLEE and M corridor runs. The hypothesis tested is that both programs draw
each camp's count from one distribution, so one variance: a handful of FLEE runs alone estimates a
camp's variance too poorly to divide by (at 10^5 agents, 6 FLEE runs put one camp's sd at 21 against
52 over 40 corridor runs). Under it each z is t-distributed with K + M - 2 degrees of freedom, near
N(0, 1). The camps' z's are not independent (they share runs and agents: a mover who reaches one camp
misses the others), so the summary's thresholds are a screen, not an exact test:

* a departure when sum(z^2) exceeds the chi-square quantile 0.999 with one degree per camp (a
  threshold that grows with the number of camps, unlike a fixed bound on the z's spread), or
  |mean z| exceeds 3.29 / sqrt(camps) (0.999, two-sided);
* camps with the same count in every run of both programs are exact matches, left out of the z's;
  such a camp whose constant differs between the programs is a departure by itself.

The pooled t is made for a difference of means; with K far from M it also reacts to a difference of
spreads (the pooled variance is then mostly the larger sample's: a FLEE spread twice corridor's, K = 6
and M = 40, is flagged in about 4 trials of 10), so a departure means the means or the spreads
differ. The ratio of variances (corridor's over FLEE's) is given apart, as its median over the camps.
The normal and chi-square thresholds hold for t's of many degrees of freedom: K + M - 2 must be at
least MIN_DEGREES (with 3 runs a side, a third of null comparisons of 10 camps would be flagged).
"""

import math
import statistics

# The least K + M - 2 for which each camp's t is near enough N(0, 1) for the thresholds below.
MIN_DEGREES = 30

# The standard normal's 0.999 quantile (one-sided), for the chi-square quantile below.
Z_999 = 3.090232
# The standard normal's two-sided 0.999 bound, for the mean of the z's.
Z_999_TWO_SIDED = 3.290527


def chi2_quantile_999(degrees):
    """The chi-square distribution's 0.999 quantile: exact for 1 and 2 degrees, else by the
    Wilson-Hilferty approximation (within 2% from 3 degrees on, nearer with more; enough for a
    screening threshold)."""
    if degrees == 1:
        return Z_999_TWO_SIDED**2
    if degrees == 2:
        return -2 * math.log(0.001)
    k = float(degrees)
    return k * (1 - 2 / (9 * k) + Z_999 * math.sqrt(2 / (9 * k))) ** 3


class StatsError(ValueError):
    """The runs cannot be compared (a camp missing from one program's output, too few runs)."""


def camp_stats(flee_finals, ours_finals):
    """Compares per-camp final counts: `flee_finals` and `ours_finals` are lists (one per run) of
    {camp: count}. Returns a dict: z_mean, z_sd, z_max (largest |z|), z_max_camp, camps (with a z),
    exact (camps constant and equal in both), differing_constants (camps constant in both but at
    different values), chi2 (sum of z^2), chi2_limit, variance_ratio_median (corridor's over FLEE's, over
    camps where FLEE's variance is above 0, or None), departs (bool) and why (list of strings)."""
    if len(flee_finals) < 2 or len(ours_finals) < 2 or len(flee_finals) + len(ours_finals) - 2 < MIN_DEGREES:
        raise StatsError(f"need at least 2 runs of each program and {MIN_DEGREES + 2} in all "
                         f"(got {len(flee_finals)} and {len(ours_finals)})")
    camps = list(flee_finals[0])
    for who, runs in (("FLEE", flee_finals), ("corridor", ours_finals)):
        for i, run in enumerate(runs):
            if set(run) != set(camps):
                missing = sorted(set(camps) - set(run))
                extra = sorted(set(run) - set(camps))
                raise StatsError(f"{who}'s run {i + 1} has other camps than FLEE's first: "
                                 f"missing {', '.join(missing) or 'none'}, more {', '.join(extra) or 'none'}")
    zs, exact, differing, ratios = [], [], [], []
    for camp in camps:
        f = [run[camp] for run in flee_finals]
        o = [run[camp] for run in ours_finals]
        vf, vo = statistics.variance(f), statistics.variance(o)
        if vf == 0 and vo == 0:
            (exact if f[0] == o[0] else differing).append(camp)
            continue
        if vf > 0:
            ratios.append(vo / vf)
        pooled = ((len(f) - 1) * vf + (len(o) - 1) * vo) / (len(f) + len(o) - 2)
        se = math.sqrt(pooled * (1 / len(f) + 1 / len(o)))
        zs.append(((statistics.mean(o) - statistics.mean(f)) / se, camp))
    out = {"camps": len(zs), "exact": exact, "differing_constants": differing, "why": []}
    if zs:
        values = [z for z, _ in zs]
        worst = max(zs, key=lambda z: abs(z[0]))
        out.update(z_mean=statistics.mean(values), z_sd=statistics.stdev(values) if len(values) > 1 else 0.0,
                   z_max=abs(worst[0]), z_max_camp=worst[1], chi2=sum(z * z for z in values),
                   chi2_limit=chi2_quantile_999(len(values)))
        if out["chi2"] > out["chi2_limit"]:
            out["why"].append(f"sum of z^2 {out['chi2']:.1f} above chi-square(0.999, {len(values)}) "
                              f"{out['chi2_limit']:.1f}")
        if abs(out["z_mean"]) > Z_999_TWO_SIDED / math.sqrt(len(values)):
            out["why"].append(f"mean z {out['z_mean']:+.2f} beyond ±{Z_999_TWO_SIDED / math.sqrt(len(values)):.2f}")
    if differing:
        out["why"].append(f"camp(s) {', '.join(differing)} constant in both programs at different counts")
    out["variance_ratio_median"] = statistics.median(ratios) if ratios else None
    out["departs"] = bool(out["why"])
    return out


def _checks():
    # Wilson-Hilferty against tabled chi-square 0.999 quantiles.
    for k, table in ((1, 10.828), (2, 13.816), (3, 16.266), (10, 29.588), (40, 73.402)):
        assert abs(chi2_quantile_999(k) - table) / table < 0.02, (k, chi2_quantile_999(k))
    same = [{"a": 10 + d % 5 - 2, "b": 20 - d % 5 + 2, "c": 5} for d in range(30)]
    r = camp_stats(same[:5], same)
    assert r["z_mean"] == 0 and r["exact"] == ["c"] and not r["departs"], r
    shifted = [dict(x, a=x["a"] + 20) for x in same]
    assert camp_stats(same[:5], shifted)["departs"]
    assert camp_stats(same[:5], [dict(x, c=6) for x in same])["differing_constants"] == ["c"]
    for flee, ours, said in (
        (same[:5], [{"a": 1}] * 30, "missing b, c"),
        (same[:4] + [dict(same[4], d=1)], same, "more d"),
        (same[:1], same, "at least 2 runs"),
        (same[:3], same[:3], "32 in all"),
    ):
        try:
            camp_stats(flee, ours)
            raise AssertionError(f"{said}: must be an error")
        except StatsError as e:
            assert said in str(e), e
    print("camp_stats: checks passed")


if __name__ == "__main__":
    _checks()
