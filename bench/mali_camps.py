#!/usr/bin/env python3
"""Per-camp figures of corridor on a FLEE folder, in both capacity modes (docs/flee-compat.md (a)).

Usage:
    python3 bench/mali_camps.py CORRIDOR FOLDER --seeds 1-200 \
        [--summary crates/corridor/tests/data/mali2012-flee-seeds-1-61.csv] \
        [--at Mangaize:176 --at Bobo-Dioulasso:200 ...] [--jump-camp Mangaize] [--jobs 2]

Runs `CORRIDOR run FOLDER --seed N --quiet --no-report --threads 1` for every seed, once with
`--set corridor.capacity_counts=snapshot` and once with `=flee_order` (at most --jobs at a time, each
in a temporary folder deleted once its out.csv is read), and prints for each mode:

* the mean and standard error (sd/sqrt(n)) of each camp's simulated count on the --at days;
* the conformance rule of crates/corridor/tests/flee_conformance.rs, per camp and day
  |m_corridor - m_FLEE| <= 3*sqrt(s_FLEE^2/n_FLEE + s_corridor^2/n_corridor) + 0.05*m_FLEE + 3,
  as the worst camp-day's fraction of its tolerance, against the --summary file (mean, sd, runs per
  camp and day) and against the folder's out-seed*.csv (FLEE's reference runs);
* each camp's largest deviation from the summary in standard errors of the difference of the means;
* the jump day of --jump-camp in every run: the first day its count is at least --jump (20) above
  its count two days before, counted from the day it first reached --full (224; Mangaize's
  nearly-full line): the late jump of docs/flee-compat.md (a). Their distribution, and the
  two-sample Kolmogorov-Smirnov D against the other mode and against the folder's out-seed*.csv;
* the largest difference of a run's daily total from out-seed1.csv's `total refugees (simulation)`.

Standard library only; it runs the given binary and reads local files, nothing else. The runs'
temporary folders go where Python's tempfile puts them (TMPDIR).
"""
import argparse
import concurrent.futures
import csv
import glob
import math
import os
import statistics
import subprocess
import tempfile

MODES = ("snapshot", "flee_order")


def read_out(path):
    """FLEE out.csv -> ({camp: [count per day]}, [total per day])."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    camps = [k[: -len(" sim")] for k in rows[0] if k.endswith(" sim")]
    counts = {c: [float(r[c + " sim"]) for r in rows] for c in camps}
    return counts, [float(r["total refugees (simulation)"]) for r in rows]


def run_one(corridor, folder, mode, seed):
    with tempfile.TemporaryDirectory(prefix="mali_camps_") as out:
        subprocess.run(
            [corridor, "run", folder, "--seed", str(seed), "--quiet", "--no-report", "--threads", "1",
             "--out", out, "--set", f"corridor.capacity_counts={mode}"],
            check=True, stdout=subprocess.DEVNULL)
        return read_out(os.path.join(out, "out.csv"))


def fmt(x):
    return f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"


def mean_sd(xs):
    return statistics.fmean(xs), (statistics.stdev(xs) if len(xs) > 1 else 0.0)


def stats_of_runs(runs):
    """[(counts, totals)] -> {(camp, day): (mean, sd, n)}."""
    camps = runs[0][0]
    return {(c, d): mean_sd([r[0][c][d] for r in runs]) + (len(runs),)
            for c in camps for d in range(len(camps[c]))}


def read_summary(path):
    with open(path, newline="") as f:
        return {(r["camp"], int(r["day"])): (float(r["mean"]), float(r["sd"]), float(r["runs"]))
                for r in csv.DictReader(f)}


def conformance(ours, flee):
    """Worst camp-day of the test's rule: (ratio, camp, day, m_corridor, m_FLEE, tolerance)."""
    worst = (0.0, "", 0, 0.0, 0.0, 0.0)
    for key, (mo, so, no) in ours.items():
        mf, sf, nf = flee[key]
        tol = 3 * math.sqrt(sf * sf / nf + so * so / no) + 0.05 * mf + 3
        ratio = abs(mo - mf) / tol
        if ratio > worst[0]:
            worst = (ratio, key[0], key[1], mo, mf, tol)
    return worst


def deviations(ours, flee):
    """Each camp's camp-day farthest from FLEE in standard errors of the difference of the means,
    farthest first, and how many camp-days have a nonzero standard error."""
    worst, n = {}, 0
    for (camp, day), (mo, so, no) in ours.items():
        mf, sf, nf = flee[(camp, day)]
        se = math.sqrt(sf * sf / nf + so * so / no)
        n += se > 0
        z = (mo - mf) / se if se > 0 else (0.0 if mo == mf else math.copysign(math.inf, mo - mf))
        if abs(z) > abs(worst.get(camp, (0.0,))[0]):
            worst[camp] = (z, day, mo, mf)
    return sorted(worst.items(), key=lambda kv: -abs(kv[1][0])), n


def jump_day(series, rise, line):
    """First day d whose count is at least `rise` above day d-2's, with d-2 on or after the first
    day the count reached `line` (the nearly-full line), so the camp's first filling is no jump."""
    full = next((d for d, x in enumerate(series) if x >= line), len(series))
    return next((d for d in range(full + 2, len(series)) if series[d] - series[d - 2] >= rise), None)


def ks(a, b):
    """Two-sample Kolmogorov-Smirnov D and its asymptotic 5% critical value."""
    a, b = sorted(a), sorted(b)
    d = max(abs(sum(x <= t for x in a) / len(a) - sum(x <= t for x in b) / len(b)) for t in a + b)
    return d, 1.358 * math.sqrt((len(a) + len(b)) / (len(a) * len(b)))


def parse_seeds(text):
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corridor")
    p.add_argument("folder")
    p.add_argument("--seeds", default="1-12", help="A-B, inclusive")
    p.add_argument("--summary", help="FLEE summary CSV: day,camp,runs,mean,sd")
    p.add_argument("--at", action="append", default=[], help="CAMP:DAY to print mean and SE of")
    p.add_argument("--jump-camp", default="Mangaize")
    p.add_argument("--jump", type=float, default=20, help="rise over two days that makes a jump")
    p.add_argument("--full", type=float, default=224, help="the jump camp's nearly-full line")
    p.add_argument("--by", type=int, default=175, help="count the runs that jump by this day")
    p.add_argument("--jobs", type=int, default=2, help="runs at a time (at most 2: one per mode)")
    a = p.parse_args()
    seeds = parse_seeds(a.seeds)
    corridor = os.path.abspath(a.corridor)
    reference = [read_out(f) for f in sorted(glob.glob(os.path.join(a.folder, "out-seed*.csv")))]
    summary = read_summary(a.summary) if a.summary else None
    print(f"corridor {corridor}, folder {a.folder}, seeds {seeds[0]}-{seeds[-1]} ({len(seeds)} runs), "
          f"{len(reference)} FLEE reference runs" + (f", summary {a.summary}" if summary else ""))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(a.jobs, 2))) as pool:
        jobs = {m: [pool.submit(run_one, corridor, a.folder, m, s) for s in seeds] for m in MODES}
        runs = {m: [j.result() for j in jobs[m]] for m in MODES}
    jumps = {m: [jump_day(r[0][a.jump_camp], a.jump, a.full) for r in runs[m]] for m in MODES}
    ref_jumps = [jump_day(r[0][a.jump_camp], a.jump, a.full) for r in reference]
    ref_stats = stats_of_runs(reference) if reference else None
    for m in MODES:
        ours = stats_of_runs(runs[m])
        print(f"\n== {m}")
        for spec in a.at:
            camp, _, day = spec.rpartition(":")
            mo, so, no = ours[(camp, int(day))]
            line = f"{camp} day {day}: {mo:.1f} (SE {so / math.sqrt(no):.1f})"
            for name, flee in (("FLEE summary", summary), ("FLEE reference runs", ref_stats)):
                if flee:
                    mf, sf, nf = flee[(camp, int(day))]
                    z = (mo - mf) / (math.sqrt(sf * sf / nf + so * so / no) or math.nan)
                    line += f"; {name} {mf:.1f} (SE {sf / math.sqrt(nf):.1f}; difference {z:+.1f} SE)"
            print(line)
        for name, flee in (("summary", summary), ("reference runs", ref_stats)):
            if flee:
                r, camp, day, mo, mf, tol = conformance(ours, flee)
                print(f"rule against FLEE {name}: worst {r:.2f} "
                      f"({camp} day {day}: {mo:.1f} vs {mf:.1f} ± {tol:.1f})")
        if summary:
            worst, n = deviations(ours, summary)
            print(f"largest deviation from the summary per camp, in SE of the difference ({len(ours)} "
                  f"camp-days, {n} with a nonzero SE):")
            for camp, (z, day, mo, mf) in worst:
                print(f"  {camp} day {day}: {fmt(mo)} vs {fmt(mf)} ({z:+.1f} SE)")
        j = [d for d in jumps[m] if d is not None]
        print(f"{a.jump_camp} jump day (rise >= {a.jump:g} in two days): {len(j)} of {len(jumps[m])} runs jump"
              + (f"; min {min(j)}, median {statistics.median(j):g}, max {max(j)}, "
                 f"by day {a.by}: {sum(d <= a.by for d in j)}" if j else ""))
        other = MODES[1 - MODES.index(m)]
        jo = [d for d in jumps[other] if d is not None]
        rj = [d for d in ref_jumps if d is not None]
        if j and jo:
            print("  KS against %s: D = %.2f (5%% critical %.2f)" % ((other,) + ks(j, jo)))
        if j and rj:
            print("  KS against FLEE reference runs %s: D = %.2f (5%% critical %.2f)"
                  % ((sorted(rj),) + ks(j, rj)))
        if reference:
            flee_total = reference[0][1]
            worst = max(abs(t - f) / max(f, 1) for r in runs[m] for t, f in zip(r[1], flee_total))
            print(f"largest daily total difference from out-seed1.csv: {100 * worst:.2f}%")


if __name__ == "__main__":
    main()
