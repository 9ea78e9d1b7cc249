#!/usr/bin/env python3
"""Scores `dondoc extract --json` on a folder of gold files with ../shared/eval/score.py, prints
the full table (metrics, detail, and every mismatch with --verbose), and fails when a metric is
below its floor. Floors block regressions; they are raised when the extraction improves.

  score_floor.py --dondoc build/dondoc --gold tests/corpus --floors tests/quality/floors.json --set corpus
"""
import argparse, json, os, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--dondoc", required=True)
ap.add_argument("--gold", required=True)
ap.add_argument("--floors", required=True)
ap.add_argument("--set", required=True, help="the key of this gold folder in the floors file")
ap.add_argument("--score", required=True, help="path of score.py")
ap.add_argument("--verbose", action="store_true")
a = ap.parse_args()

cmd = [sys.executable, a.score, "--gold", a.gold, "--cmd", a.dondoc + " extract --json"]
table = subprocess.run(cmd + (["--verbose"] if a.verbose else []), capture_output=True, text=True)
print(table.stdout)
sys.stderr.write(table.stderr)
res = subprocess.run(cmd + ["--json"], capture_output=True, text=True)
data = json.loads(res.stdout[: res.stdout.rfind("}") + 1])
floors = json.load(open(a.floors, encoding="utf-8"))[a.set]
failed = []
for metric, floor in floors.items():
    got = data["metrics"].get(metric, data["detail"].get(metric))
    if got is None:
        failed.append(f"{metric}: missing from the scorer's output")
    elif got + 1e-9 < floor:
        failed.append(f"{metric}: {got:.3f} < floor {floor:.3f}")
if data["detail"].get("documents failed"):
    failed.append(f"documents failed: {data['detail']['documents failed']}")
for f in failed:
    print("BELOW FLOOR  " + f)
sys.exit(1 if failed else 0)
