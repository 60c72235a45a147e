#!/usr/bin/env python3
"""Day loop of several corridor binaries on one case, taking turns round by round.

Usage: python3 bench/day_loop.py ROUNDS CASE BIN[:EXTRA ARGS]...

Each round runs `BIN run CASE --threads 1 --out TMP [EXTRA ARGS]` for every binary (in turn, the
order reversed every other round, so that a machine's drift falls on all of them alike) and keeps
each binary's least `wall_seconds` from summary.json: the day loop, without loading or the closing
outputs. Prints one line per binary: the best day loop in ms. Needs only python3's standard library.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    rounds, case, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    best = {b: float("inf") for b in bins}
    out = tempfile.mkdtemp()
    for r in range(rounds):
        for b in bins if r % 2 == 0 else bins[::-1]:
            exe, _, extra = b.partition(":")
            subprocess.run([exe, "run", case, "--threads", "1", "--out", out] + extra.split(),
                           check=True, capture_output=True)
            with open(os.path.join(out, "summary.json")) as f:
                best[b] = min(best[b], json.load(f)["wall_seconds"])
    for b in bins:
        print(f"{best[b] * 1000:.3f} ms  {b}")


if __name__ == "__main__":
    main()
