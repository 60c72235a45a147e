#!/usr/bin/env python3
"""Run FLEE and corridor on the same generated FLEE input folders and compare speed and results.

Usage:
    python3 bench/flee_vs_corridor.py FLEE_CHECKOUT [--corridor BIN] [--out DIR]
        [--agents 10000 100000 1000000:20] [--days 60] [--folders DIR...] [--python PY] [--seed 1]
        [--repeat 3] [--flee-repeat 1] [--stat-seeds 1] [--corridor-seeds 40]

FLEE_CHECKOUT is a checkout of github.com/djgroen/flee made by the person running this (FLEE's
code is never part of this repository); its Python dependencies must be importable by --python
(default: this interpreter), e.g. after `pip install -e FLEE_CHECKOUT` in a venv.

Nothing is fetched at run time; the script needs only python3's standard library.

For each agent count N (optionally `N:DAYS` to override --days for that count) the script
  1. writes a FLEE input folder `OUT/N-agents-D-days/scenario/` (generator below; deterministic);
  2. runs FLEE's own `runscripts/run.py` on it from inside the folder, exactly as the reference
     outputs in this project were made (Python's `random` and NumPy's global generator seeded
     from outside, PYTHONHASHSEED=0), timing it and taking the child's peak RSS from wait4();
     then again for one day only, to measure FLEE's fixed cost (interpreter start, imports,
     loading): FLEE's day loop is estimated as the full run less that one-day run;
  3. runs `corridor run scenario --threads 1` and `corridor run scenario` (all cores); steps 2 and 3
     go in --flee-repeat rounds (FLEE's run, its one-day run, then a share of corridor's --repeat
     runs), so that both programs' best runs come from the same stretch of time; FLEE's figures are
     those of its run of least CPU (and its one-day run's least CPU), corridor's times each its own
     best: least wall, least CPU, quickest day loop (peak RSS of the run of least wall);
  4. reads the three out.csv files: agent-steps = sum over days of `total refugees (simulation)`;
     checks that the totals agree and that every camp's final count agrees within the stated
     tolerance (CAMP_TOLERANCE below), printing WARNING lines if not.
Each FLEE input folder given with --folders (input_csv/, source_data/, simsetting.yml, as FLEE's
run.py takes them; FLEE's defaults when simsetting.yml is absent) is copied to OUT/NAME/scenario/
and measured the same way, for its own period and agents.
  5. with --stat-seeds K (K > 1), runs FLEE for K seeds and corridor for --corridor-seeds M (default
     40) seeds from --seed on, outside the timings, and compares every camp's mean final count by
     the two-sample t statistic with pooled variance (bench/camp_stats.py says why and how): the
     table gives the z's mean, standard deviation and largest |z|, and the median ratio of the
     camps' variances; a WARNING when the z's sum of squares or mean departs at the 0.999 level, or
     a camp constant in both programs differs.
Results go to OUT/results.csv and OUT/results.md (also printed). The exit status is 1 when a check
warned, 0 otherwise.

The generated world ("grid corridor"): ROWS x COLS = 40 x 5 = 200 places. Column 0 holds 40
conflict zones (populations 50k..440k), columns 1..3 hold 120 towns, column 4 holds 40 camps in a
second country. Routes join each place to its right-hand and lower neighbour (355 routes, 40..159 km
from a fixed integer hash). The grid is short so that most agents reach a camp within the run (about
80% after 60 days) and the per-camp check compares hundreds of agents, not a handful. Every camp's
observed series rises linearly from 0 on day 0 to its share of N on day RAMP (10 days, or days/3 if
shorter) and stays there, so FLEE's data-driven spawning creates exactly N agents over days 1..RAMP
for both programs. Camp capacities are 10x their final share, so capacity never binds: the
benchmark measures the common rules, not the capacity-ordering difference documented in
docs/flee-compat.md. Settings: FLEE's shipped values
max_move_speed 200, camp_weight 5, conflict_weight 0.25; everything else FLEE's defaults.
"""

import argparse
import csv
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time

from camp_stats import MIN_DEGREES, StatsError, camp_stats

ROWS, COLS = 40, 5
START = dt.date(2020, 1, 1)

# A camp's final count passes when |corridor - FLEE| <= REL * FLEE + ABS_SQRT * sqrt(FLEE) + ABS.
# The two programs use different random streams, so one run of each is compared as two draws of
# the same process: the binomial-like noise (sqrt term) plus 10% for the rule differences that
# remain (docs/flee-compat.md) plus a few agents for tiny camps.
CAMP_TOLERANCE = {"REL": 0.10, "ABS_SQRT": 4.0, "ABS": 5.0}

FLEE_SEEDED = (
    "import sys,random,runpy,numpy as np; s=int(sys.argv[1]); random.seed(s); np.random.seed(s); "
    "sys.argv=sys.argv[2:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


def name(row, col):
    if col == 0:
        return f"Z{row:02d}"
    if col == COLS - 1:
        return f"K{row:02d}"
    return f"T{row:02d}_{col}"


def distance(a, b):
    """A fixed pseudo-random distance in 40..159 km from the two grid cells (no RNG state)."""
    h = (a * 2654435761 + b * 40503 + 12345) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 1103515245 + 12345) & 0xFFFFFFFF
    return 40 + (h >> 8) % 120


def generate(folder, agents, days):
    """Writes a FLEE input folder with about `agents` agents over `days` days."""
    inp = os.path.join(folder, "input_csv")
    src = os.path.join(folder, "source_data")
    os.makedirs(inp, exist_ok=True)
    os.makedirs(src, exist_ok=True)
    ramp = max(1, min(10, days // 3))
    shares = [agents // ROWS + (1 if r < agents % ROWS else 0) for r in range(ROWS)]

    with open(os.path.join(inp, "locations.csv"), "w", newline="") as f:
        f.write('#"name","region","country","lat","lon","location_type","conflict_date","population"\n')
        for r in range(ROWS):
            for c in range(COLS):
                n = name(r, c)
                lat, lon = 10.0 + 0.5 * r, 20.0 + 0.5 * c
                if c == 0:
                    f.write(f"{n},R{r},Alpha,{lat},{lon},conflict_zone,0,{50000 + 10000 * r}\n")
                elif c == COLS - 1:
                    f.write(f"{n},R{r},Beta,{lat},{lon},camp,,{10 * max(shares[r], 1)}\n")
                else:
                    f.write(f"{n},R{r},Alpha,{lat},{lon},town,0,{5000 + 100 * (r + c)}\n")

    with open(os.path.join(inp, "routes.csv"), "w", newline="") as f:
        f.write('#"name1","name2","distance",forced_redirection\n')
        for r in range(ROWS):
            for c in range(COLS):
                cell = r * COLS + c
                if c + 1 < COLS:
                    f.write(f"{name(r, c)},{name(r, c + 1)},{distance(cell, cell + 1)},0\n")
                if r + 1 < ROWS:
                    f.write(f"{name(r, c)},{name(r + 1, c)},{distance(cell, cell + COLS)},0\n")

    with open(os.path.join(inp, "closures.csv"), "w", newline="") as f:
        f.write("#closure_type,name1,name2,closure_start,closure_end\n")

    with open(os.path.join(inp, "conflicts.csv"), "w", newline="") as f:
        zones = [name(r, 0) for r in range(ROWS)]
        f.write("#Day," + ",".join(zones) + "\n")
        for d in range(days):
            f.write(f"{d}," + ",".join("1" for _ in zones) + "\n")

    with open(os.path.join(inp, "sim_period.csv"), "w", newline="") as f:
        f.write(f"StartDate,{START.isoformat()}\nLength,{days}\n")

    def series(path, final):
        with open(path, "w", newline="") as f:
            f.write("#Date,refugees\n")
            f.write(f"{START.isoformat()},0\n")
            f.write(f"{(START + dt.timedelta(days=ramp)).isoformat()},{final}\n")
            f.write(f"{(START + dt.timedelta(days=days + 30)).isoformat()},{final}\n")

    layout = ["total,total.csv"]
    series(os.path.join(src, "total.csv"), agents)
    for r in range(ROWS):
        camp = name(r, COLS - 1)
        series(os.path.join(src, f"{camp}.csv"), shares[r])
        layout.append(f"{camp},{camp}.csv")
    with open(os.path.join(src, "data_layout.csv"), "w", newline="") as f:
        f.write("\n".join(layout) + "\n")

    with open(os.path.join(folder, "simsetting.yml"), "w", newline="") as f:
        f.write(
            "log_levels:\n  agent: 0\n  link: 0\n  camp: 0\n  conflict: 0\n  init: 0\n"
            "move_rules:\n  max_move_speed: 200\n  camp_weight: 5\n  conflict_weight: 0.25\n"
        )


def copy_flee_folder(src, dst):
    """Copies a FLEE input folder's inputs (input_csv/, source_data/, simsetting.yml) to `dst`, so that
    neither program writes into the original; an absent simsetting.yml becomes an empty one (FLEE's
    defaults, as corridor reads a folder without one). Returns `dst`."""
    for sub in ("input_csv", "source_data"):
        if not os.path.isdir(os.path.join(src, sub)):
            sys.exit(f"error: {src} is not a FLEE input folder: no {sub}/")
        if os.path.isdir(os.path.join(dst, sub)):
            shutil.rmtree(os.path.join(dst, sub))
        shutil.copytree(os.path.join(src, sub), os.path.join(dst, sub))
    settings = os.path.join(src, "simsetting.yml")
    if os.path.isfile(settings):
        shutil.copy(settings, os.path.join(dst, "simsetting.yml"))
    else:
        open(os.path.join(dst, "simsetting.yml"), "w").close()
    return dst


def period_days(folder):
    """`Length` from the folder's input_csv/sim_period.csv (the days both programs simulate)."""
    with open(os.path.join(folder, "input_csv", "sim_period.csv"), newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 2 and row[0].strip().strip('"').lower() == "length":
                return int(row[1].strip().strip('"'))
    sys.exit(f"error: {folder}/input_csv/sim_period.csv has no Length row")


def run_measured(cmd, cwd, stdout_path, stderr_path, env=None):
    """Runs `cmd`; returns (wall seconds, CPU seconds (user + system), peak RSS in MiB, exit code),
    all of the child alone (wait4's rusage)."""
    with open(stdout_path, "w") as out, open(stderr_path, "w") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, p.returncode


def read_out(path):
    """FLEE's out.csv: (camp names, per-day totals, final camp counts)."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise ValueError(f"{path} is empty")
    header = [h.strip() for h in rows[0]]
    camps = [h[: -len(" sim")] for h in header if h.endswith(" sim")]
    ti = header.index("total refugees (simulation)")
    body = [r for r in rows[1:] if r]
    totals = [int(float(r[ti])) for r in body]
    last = body[-1]
    final = {c: int(float(last[header.index(c + " sim")])) for c in camps}
    return camps, totals, final


def compare(flee, ours, label):
    """Warnings (a list of strings) where `ours` departs from FLEE's out.csv beyond tolerance."""
    warnings = []
    if flee[1] != ours[1]:
        bad = [d for d, (a, b) in enumerate(zip(flee[1], ours[1])) if a != b]
        if len(flee[1]) != len(ours[1]):
            warnings.append(f"{label}: FLEE ran {len(flee[1])} days, corridor {len(ours[1])}")
        if bad:
            d = bad[0]
            warnings.append(
                f"{label}: total agents differ on {len(bad)} days (first day {d}: FLEE {flee[1][d]}, corridor {ours[1][d]})"
            )
    t = CAMP_TOLERANCE
    worst = 0.0
    for camp, f in flee[2].items():
        o = ours[2].get(camp)
        if o is None:
            warnings.append(f"{label}: camp {camp} missing from corridor's out.csv")
            continue
        tol = t["REL"] * f + t["ABS_SQRT"] * f**0.5 + t["ABS"]
        worst = max(worst, abs(o - f) / tol)
        if abs(o - f) > tol:
            warnings.append(f"{label}: camp {camp} final count {o} vs FLEE {f} (tolerance {tol:.0f})")
    return warnings, worst


def cpu_name():
    """The processor's name and, on x86, its family and model (from /proc/cpuinfo where there is one):
    ratios against FLEE depend on it, as interpreters and compiled code gain unequally from newer
    cores."""
    fields = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if ":" in line:
                    key, value = (part.strip() for part in line.split(":", 1))
                    fields.setdefault(key, value)
    except OSError:
        return platform.processor() or "unknown processor"
    name = fields.get("model name", platform.processor() or "unknown processor")
    if "cpu family" in fields and "model" in fields:
        name += f" (family {fields['cpu family']}, model {fields['model']})"
    return name


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("flee", help="path of a FLEE checkout with its Python dependencies installed")
    ap.add_argument("--corridor", default="target/release/corridor", help="corridor binary")
    ap.add_argument("--out", default="flee-bench", help="output folder (created)")
    ap.add_argument("--agents", nargs="+", default=None,
                    help="agent counts of the generated world; N:DAYS overrides --days for that count "
                         "(default 10000 100000 1000000, none when --folders is given)")
    ap.add_argument("--folders", nargs="+", default=[],
                    help="FLEE input folders to measure as they are (copied first)")
    ap.add_argument("--days", type=int, default=60, help="simulated days (default 60)")
    ap.add_argument("--python", default=sys.executable, help="python that can import FLEE's dependencies")
    ap.add_argument("--seed", type=int, default=1, help="seed for FLEE's generators and corridor")
    ap.add_argument("--repeat", type=int, default=3, help="corridor runs per case, spread over the rounds; the fastest counts (default 3)")
    ap.add_argument("--flee-repeat", type=int, default=1,
                    help="rounds per case: FLEE runs (and one-day runs); the least CPU counts (default 1)")
    ap.add_argument("--skip-flee", action="store_true", help="only run corridor (no ratio, no check)")
    ap.add_argument("--stat-seeds", type=int, default=1,
                    help="FLEE runs (seeds from --seed) for the per-camp statistical check (step 5); 1 = none")
    ap.add_argument("--corridor-seeds", type=int, default=40,
                    help="corridor runs for the per-camp statistical check (default 40)")
    args = ap.parse_args()
    if args.flee_repeat < 1 or args.repeat < 1:
        sys.exit("error: --repeat and --flee-repeat must be at least 1")
    if args.stat_seeds < 1 or (args.stat_seeds > 1 and args.corridor_seeds < 2):
        sys.exit("error: --stat-seeds must be at least 1, and --corridor-seeds at least 2 with --stat-seeds above 1")
    if args.stat_seeds > 1 and args.stat_seeds + args.corridor_seeds - 2 < MIN_DEGREES:
        sys.exit(f"error: --stat-seeds plus --corridor-seeds must be at least {MIN_DEGREES + 2} "
                 "(bench/camp_stats.py: the thresholds need t's of many degrees of freedom)")
    if args.stat_seeds > 1 and args.skip_flee:
        sys.exit("error: --stat-seeds compares with FLEE's runs: it cannot go with --skip-flee")

    flee_run = os.path.join(os.path.abspath(args.flee), "runscripts", "run.py")
    if not args.skip_flee and not os.path.isfile(flee_run):
        sys.exit(f"error: {flee_run} not found: the first argument must be a FLEE checkout")
    corridor = os.path.abspath(args.corridor)
    if not os.path.isfile(corridor):
        sys.exit(f"error: corridor binary {corridor} not found (cargo build --release -p corridor-cli)")
    os.makedirs(args.out, exist_ok=True)
    flee_commit = ""
    if not args.skip_flee:
        try:
            flee_commit = subprocess.run(["git", "-C", args.flee, "rev-parse", "HEAD"], capture_output=True,
                                         text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            flee_commit = "unknown"

    cases = []  # (name, case folder, scenario folder, days)
    specs = args.agents if args.agents is not None else ([] if args.folders else ["10000", "100000", "1000000"])
    for spec in specs:
        n, _, d = spec.partition(":")
        agents, days = int(n), int(d) if d else args.days
        case = os.path.join(os.path.abspath(args.out), f"{agents}-agents-{days}-days")
        generate(os.path.join(case, "scenario"), agents, days)
        cases.append(("grid", case, os.path.join(case, "scenario"), days))
    for folder in args.folders:
        name = os.path.basename(os.path.normpath(folder))
        case = os.path.join(os.path.abspath(args.out), name)
        scen = copy_flee_folder(folder, os.path.join(case, "scenario"))
        cases.append((name, case, scen, period_days(scen)))

    results = []
    all_warnings = []
    for name, case, scen, days in cases:
        row = {"case": name, "days": days}
        print(f"== {name}, {days} days: {scen}", flush=True)

        outs = {}
        env = dict(os.environ, PYTHONHASHSEED="0")
        # FLEE's run.py for `seed`, over `days` days (its third argument caps the days; 0 runs the
        # period of sim_period.csv).
        def flee_cmd(seed, days=0):
            return [args.python, "-c", FLEE_SEEDED, str(seed), flee_run, "input_csv", "source_data", str(days),
                    "simsetting.yml"]
        cmd_flee = flee_cmd(args.seed)
        # FLEE's fixed cost: the same command for one day.
        cmd_flee_1day = flee_cmd(args.seed, 1)
        flee_out = os.path.join(case, "flee-out.csv")
        corridor_dirs = {}
        for label, threads in (("c1", 1), ("cN", 0)):
            out_dir = os.path.join(case, f"corridor-{'1thread' if threads == 1 else 'allthreads'}")
            os.makedirs(out_dir, exist_ok=True)
            corridor_dirs[label] = (out_dir, [corridor, "run", scen, "--out", out_dir, "--threads", str(threads),
                                              "--seed", str(args.seed), "--quiet"])
        # The runs go in rounds, each FLEE's run, its one-day run and a share of corridor's, so that both
        # programs' best runs come from the same stretch of time: this machine's speed drifts by up to a
        # tenth from one minute to the next (session 20), which runs of one program after the other's
        # would count as a difference between them.
        flee_rounds = 0 if args.skip_flee else args.flee_repeat
        rounds = max(flee_rounds, 1)
        flee_runs, flee_1day_runs = [], []
        corridor_runs = {"c1": [], "cN": []}
        for r in range(rounds):
            if r < flee_rounds:
                for command, out, err, what, runs in (
                    (cmd_flee, flee_out, "flee-stderr.txt", "FLEE", flee_runs),
                    (cmd_flee_1day, os.path.join(case, "flee-1day-out.csv"), "flee-1day-stderr.txt",
                     "FLEE's one-day run", flee_1day_runs),
                ):
                    wall, cpu, rss, rc = run_measured(command, scen, out, os.path.join(case, err), env)
                    if rc != 0:
                        sys.exit(f"error: {what} failed (exit {rc}); see {case}/{err}")
                    runs.append((wall, cpu, rss))
            # corridor's --repeat runs, spread over the rounds (its runs are short and noise-prone).
            share = args.repeat // rounds + (1 if r < args.repeat % rounds else 0)
            for label, (out_dir, cmd) in corridor_dirs.items():
                for _ in range(share):
                    wall, cpu, rss, rc = run_measured(cmd, None, os.path.join(out_dir, "stdout.txt"),
                                                      os.path.join(out_dir, "stderr.txt"))
                    if rc != 0:
                        sys.exit(f"error: corridor failed (exit {rc}); see {out_dir}/stderr.txt")
                    with open(os.path.join(out_dir, "summary.json")) as f:
                        summary = json.load(f)
                    corridor_runs[label].append((wall, cpu, rss, summary))
        if flee_runs:
            # FLEE's run of least CPU, with that run's wall time and peak RSS; its day loop is that CPU
            # less the least CPU of its one-day runs.
            wall, cpu, rss = min(flee_runs, key=lambda run: run[1])
            w1, c1, _ = min(flee_1day_runs, key=lambda run: run[1])
            outs["flee"] = read_out(flee_out)
            row.update(flee_seconds=round(wall, 2), flee_cpu_seconds=round(cpu, 2), flee_rss_mib=round(rss, 1))
            print(f"   FLEE: {wall:.1f} s wall, {cpu:.1f} s CPU, {rss:.0f} MiB", flush=True)
            row.update(flee_fixed_seconds=round(w1, 2), flee_fixed_cpu_seconds=round(c1, 2),
                       flee_loop_cpu_seconds=round(max(cpu - c1, 0.0), 2))
            print(f"   FLEE, one day: {w1:.1f} s wall, {c1:.1f} s CPU (its day loop: ~{cpu - c1:.1f} s CPU)", flush=True)
        for label, runs in corridor_runs.items():
            # Each time its own best: the least whole-process wall (with that run's RSS), the least CPU,
            # and the quickest day loop of all the runs, which is seldom the run of least wall's (taking
            # that run's read up to a tenth slow at 10^4), as FLEE's day loop is worked out from its
            # least CPU.
            wall, _, rss, summary = min(runs, key=lambda run: run[0])
            cpu = min(run[1] for run in runs)
            day_loop = min(run[3]["wall_seconds"] for run in runs)
            outs[label] = read_out(os.path.join(corridor_dirs[label][0], "out.csv"))
            # To the microsecond: at 10^4 agents corridor's whole run takes about 5 ms, so seconds
            # rounded to the millisecond would move its ratios by up to a tenth.
            row[f"{label}_seconds"] = round(wall, 6)
            row[f"{label}_cpu_seconds"] = round(cpu, 6)
            row[f"{label}_engine_seconds"] = day_loop
            row[f"{label}_threads"] = summary["threads"]
            row[f"{label}_rss_mib"] = round(rss, 1)
            print(f"   corridor ({summary['threads']} thread(s)): {wall:.4f} s wall (day loop {day_loop} s),"
                  f" {cpu:.4f} s CPU, {rss:.0f} MiB", flush=True)

        steps = sum(outs["c1"][1])
        row["agent_steps"] = steps
        row["final_agents"] = outs["c1"][1][-1] if outs["c1"][1] else 0
        row["agents"] = row["final_agents"]
        for key in ("flee", "c1", "cN"):
            if f"{key}_seconds" in row:
                row[f"{key}_steps_per_s"] = round(steps / max(row[f"{key}_seconds"], 1e-9))
        if "flee" in outs:
            flee_steps = sum(outs["flee"][1])
            row["flee_agent_steps"] = flee_steps
            row["speedup_1thread"] = round(row["flee_seconds"] / row["c1_seconds"], 1)
            row["speedup_1thread_cpu"] = round(row["flee_cpu_seconds"] / max(row["c1_cpu_seconds"], 1e-9), 1)
            row["speedup_allthreads"] = round(row["flee_seconds"] / row["cN_seconds"], 1)
            row["speedup_1thread_dayloop"] = round(row["flee_loop_cpu_seconds"] / max(row["c1_engine_seconds"], 1e-9), 1)
            w, worst = compare(outs["flee"], outs["c1"], f"{name}, {row['agents']} agents")
            row["camp_check_worst"] = round(worst, 2)
            row["check"] = "ok" if not w else "WARN"
            for x in w:
                print("WARNING: " + x, flush=True)
            all_warnings += w
        if "flee" in outs and args.stat_seeds > 1:
            flee_finals, ours_finals = [outs["flee"][2]], []
            for k in range(1, args.stat_seeds):
                seed = args.seed + k
                path = os.path.join(case, f"flee-seed{seed}-out.csv")
                err = os.path.join(case, f"flee-seed{seed}-stderr.txt")
                rc = run_measured(flee_cmd(seed), scen, path, err, env)[3]
                if rc != 0:
                    sys.exit(f"error: FLEE failed with seed {seed} (exit {rc}); see {err}")
                flee_finals.append(read_out(path)[2])
            stat_dir = os.path.join(case, "corridor-stat")
            for k in range(args.corridor_seeds):
                seed = args.seed + k
                cmd = [corridor, "run", scen, "--out", stat_dir, "--threads", "0", "--seed", str(seed),
                       "--quiet", "--no-report"]
                err = os.path.join(case, "corridor-stat-stderr.txt")
                rc = run_measured(cmd, None, os.devnull, err)[3]
                if rc != 0:
                    sys.exit(f"error: corridor failed with seed {seed} (exit {rc}); see {err}")
                ours_finals.append(read_out(os.path.join(stat_dir, "out.csv"))[2])
            try:
                st = camp_stats(flee_finals, ours_finals)
            except StatsError as e:
                sys.exit(f"error: {name}: the per-camp comparison: {e}")
            row.update(stat_flee_seeds=args.stat_seeds, stat_corridor_seeds=args.corridor_seeds,
                       stat_camps=st["camps"], stat_exact_camps=len(st["exact"]))
            if st["camps"]:
                row.update(stat_mean_z=round(st["z_mean"], 2), stat_sd_z=round(st["z_sd"], 2),
                           stat_max_z=round(st["z_max"], 2), stat_max_z_camp=st["z_max_camp"],
                           stat_chi2=round(st["chi2"], 1), stat_chi2_limit=round(st["chi2_limit"], 1))
            if st["variance_ratio_median"] is not None:
                row["stat_variance_ratio_median"] = round(st["variance_ratio_median"], 2)
            said = (f"z mean {st['z_mean']:+.2f}, sd {st['z_sd']:.2f}, largest |z| {st['z_max']:.2f} "
                    f"({st['z_max_camp']}), sum of z^2 {st['chi2']:.1f} (0.999 limit {st['chi2_limit']:.1f}) over "
                    f"{st['camps']} camps" if st["camps"] else "no camp varies")
            ratio = st["variance_ratio_median"]
            print(f"   per-camp final means over {args.stat_seeds} FLEE and {args.corridor_seeds} corridor seeds: "
                  f"{said}; {len(st['exact'])} camps equal in every run"
                  + (f"; variances corridor/FLEE, median {ratio:.2f}" if ratio is not None else ""), flush=True)
            if st["departs"]:
                msg = f"{name}, {row['agents']} agents: per-camp counts depart from FLEE's ({'; '.join(st['why'])})"
                print("WARNING: " + msg, flush=True)
                all_warnings.append(msg)
        if outs["c1"][1] != outs["cN"][1] or outs["c1"][2] != outs["cN"][2]:
            msg = f"{name}, {row['agents']} agents: corridor's 1-thread and all-thread out.csv differ"
            print("WARNING: " + msg, flush=True)
            all_warnings.append(msg)
        results.append(row)

    keys = []
    for r in results:
        keys += [k for k in r if k not in keys]
    with open(os.path.join(args.out, "results.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(results)

    def fmt(x, digits=0):
        return "–" if x is None else f"{x:,.{digits}f}"

    lines = [
        f"Machine: {cpu_name()}, {platform.machine()} {platform.system()}, {os.cpu_count()} logical cores; "
        f"FLEE commit {flee_commit or 'not run'}; seed {args.seed}; "
        + ("" if args.skip_flee else f"FLEE best of {args.flee_repeat}, ")
        + "corridor best of "
        f"{args.repeat} runs; "
        f"{dt.date.today().isoformat()}.",
        "",
        "| case | agents | days | agent-steps | FLEE s wall (CPU; day loop CPU) | FLEE steps/s | FLEE peak RSS "
        "| corridor 1 thread s wall (CPU; day loop) | steps/s | peak RSS "
        "| corridor all threads s wall (day loop) | steps/s | peak RSS "
        "| speed-up 1 thread: wall (CPU; day loop) | speed-up all threads | camp check |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        has_flee = "flee_seconds" in r
        lines.append(
            "| {case} | {a} | {d} | {s} | {fs} | {fr} | {fm} | {c1} ({c1c}; {c1e}) | {c1r} | {c1m} | {cn} ({cne}) | {cnr} "
            "| {cnm} | {x1} | {xn} | {chk} |".format(
                case=r["case"], a=fmt(r["agents"]), d=r["days"], s=fmt(r["agent_steps"]),
                fs=(f"{fmt(r['flee_seconds'], 1)} ({fmt(r['flee_cpu_seconds'], 1)}; "
                    f"{fmt(r['flee_loop_cpu_seconds'], 1)})") if has_flee else "–",
                fr=fmt(r.get("flee_steps_per_s")),
                fm=fmt(r["flee_rss_mib"]) + " MiB" if has_flee else "–",
                c1=fmt(r["c1_seconds"], 4), c1c=fmt(r["c1_cpu_seconds"], 4), c1e=fmt(r["c1_engine_seconds"], 4),
                c1r=fmt(r["c1_steps_per_s"]), c1m=fmt(r["c1_rss_mib"]) + " MiB",
                cn=fmt(r["cN_seconds"], 4), cne=fmt(r["cN_engine_seconds"], 4), cnr=fmt(r["cN_steps_per_s"]),
                cnm=fmt(r["cN_rss_mib"]) + " MiB",
                x1=(f"{fmt(r['speedup_1thread'])}× ({fmt(r['speedup_1thread_cpu'])}×; "
                    f"{fmt(r['speedup_1thread_dayloop'])}×)") if has_flee else "–",
                xn=f"{fmt(r['speedup_allthreads'])}×" if has_flee else "–",
                chk=(f"{r['check']} (worst {r['camp_check_worst']:.2f} of tolerance)" if "check" in r else "–")
                + (f"; per-camp means over {r['stat_flee_seeds']}/{r['stat_corridor_seeds']} seeds: z mean "
                   f"{r['stat_mean_z']:+.2f}, sd {r['stat_sd_z']:.2f}, largest |z| {r['stat_max_z']:.2f}, Σz² "
                   f"{r['stat_chi2']:.1f} (limit {r['stat_chi2_limit']:.1f})"
                   if "stat_mean_z" in r else "")
                + (f", variance ratio {r['stat_variance_ratio_median']:.2f}"
                   if "stat_variance_ratio_median" in r else ""),
            )
        )
    lines += [
        "",
        "Seconds: whole-process wall time (start-up, loading and output included) and, in brackets, the "
        "process's CPU time (user + system, from wait4) and corridor's own day-loop `wall_seconds` "
        "(summary.json): FLEE's run of least CPU (with that run's wall time and RSS) and its one-day run of "
        "least CPU; corridor's least wall (with that run's RSS), least CPU and quickest day loop, each of all "
        "its runs. agent-steps = Σ over days of `total refugees (simulation)` in out.csv; "
        "steps/s = agent-steps ÷ wall seconds. FLEE's day loop CPU = its CPU seconds less those of the same "
        "command run for one day (start-up, imports and loading). Speed-up = FLEE ÷ corridor: whole-process "
        "wall, whole-process CPU, and day loop (FLEE's day-loop CPU over corridor's day-loop seconds on one "
        "thread). Camp check: equal daily totals, and every camp's "
        "final count within {REL:.0%} + {ABS_SQRT:g}·√FLEE + {ABS:g} agents of FLEE's.".format(**CAMP_TOLERANCE)
        + (" Per-camp means (--stat-seeds; bench/camp_stats.py): each camp's z = (mean corridor − mean FLEE) ÷ "
           "its standard error from the pooled variance, over FLEE/corridor seeds, near N(0, 1) when both draw "
           "from one distribution; limit = chi-square's 0.999 quantile, one degree per camp (a WARNING also when "
           "the z's mean passes 3.29/√camps, or a camp constant in both programs differs); variance ratio = "
           "median over camps of corridor's variance over FLEE's."
           if any("stat_mean_z" in r for r in results) else ""),
    ]
    if all_warnings:
        lines += ["", "Warnings:", ""] + [f"- {x}" for x in all_warnings]
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 1 if all_warnings else 0


if __name__ == "__main__":
    sys.exit(main())
