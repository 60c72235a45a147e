#!/usr/bin/env bash
# usage: bench/compare_outputs.sh OLD NEW DIR...
# Runs two corridor binaries on each FLEE folder DIR (one thread, no report) and says where their
# stderr, exit code or out.csv differ: a change that should leave FLEE's path as it was is checked so.
old=$1; new=$2; shift 2
n=0; d=0
for f in "$@"; do
  [ -d "$f/input_csv" ] || [ -f "$f/locations.csv" ] || continue
  n=$((n+1))
  o1=$(mktemp -d); o2=$(mktemp -d)
  "$old" run "$f" --threads 1 --out "$o1/o" --quiet --no-report >"$o1/out" 2>"$o1/err"; r1=$?
  "$new" run "$f" --threads 1 --out "$o2/o" --quiet --no-report >"$o2/out" 2>"$o2/err"; r2=$?
  outd=0
  if [ -e "$o1/o/out.csv" ] || [ -e "$o2/o/out.csv" ]; then cmp -s "$o1/o/out.csv" "$o2/o/out.csv" || outd=1; fi
  if [ "$r1" != "$r2" ] || ! cmp -s "$o1/err" "$o2/err" || [ "$outd" = 1 ]; then
    d=$((d+1)); echo "DIFF $f ($r1 vs $r2)"; diff "$o1/err" "$o2/err" | head -5
  fi
  rm -rf "$o1" "$o2"
done
echo "$n folders, $d differ"
