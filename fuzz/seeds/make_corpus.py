#!/usr/bin/env python3
"""Writes the seed corpora of corridor's fuzz targets into fuzz/corpus/<target>/ (not committed).

Seeds come from the repository's own scenarios (scenarios/demo, scenarios/demo-institutions), the
small scenario of crates/corridor/tests/common, the hand-written FLEE folder fuzz/seeds/flee and a few
`--set` lines; with --flee DIR (repeatable), FLEE input folders from elsewhere too (e.g. FLEE's
tiny_a2f), read where they are and never copied into the repository.

Run from fuzz/: python3 seeds/make_corpus.py [--flee DIR ...]
"""
import argparse
import hashlib
import os

SEP = b"\n@@@\n"
ABSENT = b"<absent>"
HERE = os.path.dirname(os.path.abspath(__file__))
FUZZ = os.path.dirname(HERE)
ROOT = os.path.dirname(FUZZ)


def read(*parts):
    with open(os.path.join(*parts), "rb") as f:
        return f.read()


def put(target, data):
    d = os.path.join(FUZZ, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


# The scenario of crates/corridor/tests/common/mod.rs, copied by hand.
T_LOCATIONS = (b"#name,region,country,lat,lon,location_type,conflict_date,population\n"
               b"A,R,X,14.0,-90.0,origin,,1000\nB,R,X,15.0,-91.0,town,,1000\nC,R,Y,16.0,-92.0,border_city,,1000\n"
               b"D,R,Z,17.0,-93.0,destination,,0\n")
T_ROUTES = b"#name1,name2,distance\nA,B,100\nB,C,120\nC,D,5\n"
T_SCENARIO = b'''name = "t"
start = 2018-10-01
end = 2018-10-31

[tables]
locations = "locations.csv"
routes = "routes.csv"

[[inflow]]
name = "f"
origin = "A"
from = 2018-10-01
to = 2018-10-10
people_per_day = 5.0
goals = { "C" = 1.0 }
source = "assumption: test"
'''
T_CARAVAN = b'''
[[caravan]]
name = "c"
depart = 2018-10-03
origin = "A"
size = 40
itinerary = ["B", "C", "D"]
speed_km_per_day = 50.0
straggle_rate = 0.05
source = "assumption: test"
[[caravan.pause]]
place = "B"
days = 2
[caravan.makeup]
men = 0.5
women = 0.3
children = 0.2
vulnerable = 0.1

[[observed]]
name = "peak at C"
metric = "peak_count"
place = "C"
from = 2018-10-05
to = 2018-10-20
low = 1
high = 50
source = "assumption: test"
'''
T_CLOSURES = b"#closure_type,name1,name2,closure_start,closure_end\nlink,A,B,1,3\ncountry,X,Y,9,11\n"


def corridor_seeds():
    seeds = []
    for name in ["demo", "demo-institutions"]:
        d = os.path.join(ROOT, "scenarios", name)
        seeds.append(SEP.join([read(d, "scenario.toml"), read(d, "locations.csv"), read(d, "routes.csv")]))
    # The demos with few agents, for the engine to run in a fuzz iteration.
    for name in ["demo", "demo-institutions"]:
        d = os.path.join(ROOT, "scenarios", name)
        toml = read(d, "scenario.toml").replace(b"people_per_agent = 1\n", b"people_per_agent = 200\n")
        seeds.append(SEP.join([toml, read(d, "locations.csv"), read(d, "routes.csv")]))
    seeds.append(SEP.join([T_SCENARIO, T_LOCATIONS, T_ROUTES]))
    seeds.append(SEP.join([T_SCENARIO + T_CARAVAN, T_LOCATIONS, T_ROUTES]))
    with_closures = T_SCENARIO.replace(b'routes = "routes.csv"', b'routes = "routes.csv"\nclosures = "closures.csv"')
    seeds.append(SEP.join([with_closures + T_CARAVAN, T_LOCATIONS, T_ROUTES, T_CLOSURES]))
    seeds.append(read(ROOT, "scenarios", "demo", "scenario.toml"))  # the demo's tables filled in
    return seeds


def flee_folder(d):
    names = ["input_csv/locations.csv", "input_csv/routes.csv", "input_csv/closures.csv",
             "input_csv/conflicts.csv", "simsetting.yml", "input_csv/sim_period.csv",
             "source_data/data_layout.csv"]
    files = []
    for n in names:
        p = os.path.join(d, n)
        files.append(read(p) if os.path.exists(p) else ABSENT)
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--flee", action="append", default=[], help="a FLEE input folder to seed flee_dir from")
    args = ap.parse_args()
    for s in corridor_seeds():
        put("scenario_dir", s)
        put("scenario_run", s)
    own = flee_folder(os.path.join(HERE, "flee"))
    put("flee_dir", SEP.join(own))
    put("flee_dir", b"")
    put("flee_dir", SEP.join(own[:2]))
    put("flee_dir", SEP.join(own[:4] + [ABSENT]))
    put("flee_dir", SEP.join(own + [b"move_rules.max_move_speed=100\noptimisations.hasten=2"]))
    put("flee_dir", SEP.join(own + [b"spawn_rules.take_from_population=true\nmove_rules.awareness_level=2"]))
    for d in args.flee:
        files = flee_folder(d)
        put("flee_dir", SEP.join(files))
    for line in [b"\x00movement.max_move_speed=100", b"\x00caravan.0.size=10\nseed=3",
                 b"\x00inflow[name=Honduras background flow].people_per_day=1.5",
                 b"\x01policy[parameter=mpp.active].value=false", b"\x01seed=3",
                 b"\x01movement.awareness_level=2\npeople_per_agent=5", b"\x00caravan.0.pause.0.until=2018-11-20",
                 b"\x01port.0.name=\"X\"", b"\x00observed.0.high=1e300", b"\x01end=2019-01-01"]:
        put("builtin_sets", line)


if __name__ == "__main__":
    main()
