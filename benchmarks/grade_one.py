"""How long a student waits for `grade ex3` on a correct file, as a ratio against a baseline
checkout of the grader, run alternately in this same script (so load on the machine hits both).

    git worktree add /tmp/baseline <commit>
    python benchmarks/grade_one.py --baseline /tmp/baseline [--exercise ex3] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def time_grade(tree: Path, exercise: str, folder: Path, cache: str | None = None) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), GRADER_COURSE=str(tree))
    if cache:
        env["XDG_CACHE_HOME"] = cache  # where generated inputs are kept between runs
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "grader.cli", exercise, "--submission", str(folder)],
                          env=env, cwd=tree, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"grading with {tree} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of the grader to compare with")
    parser.add_argument("--exercise", default="ex3")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold-cache", action="store_true",
                        help="give every current run an empty cache: inputs generated each time (a first run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = (REPO / "reference" / f"{args.exercise}.py").read_text()
        (Path(folder) / f"{args.exercise}.py").write_text(source)  # a correct file, as a student's
        times = {"baseline": [], "current": []}
        for _ in range(args.runs):
            times["baseline"].append(time_grade(args.baseline.resolve(), args.exercise, Path(folder)))
            with tempfile.TemporaryDirectory() as cache:
                times["current"].append(time_grade(REPO, args.exercise, Path(folder),
                                                   cache if args.cold_cache else None))
    base, current = statistics.median(times["baseline"]), statistics.median(times["current"])
    which = "an empty cache each time" if args.cold_cache else "the generated inputs cached"
    print(f"grade {args.exercise} on a correct file, median of {args.runs} alternating runs ({which}):")
    print(f"  baseline {base:.2f} s   current {current:.2f} s   ratio {current / base:.2f}x")


if __name__ == "__main__":
    main()
