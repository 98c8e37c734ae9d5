"""Benchmark `grade batch` against the naive way, on synthetic classes.

    python benchmarks/batch.py                      # sizes 20, 100, 400; ex1, ex2, ex3, ex5
    python benchmarks/batch.py --sizes 20 100 -e ex3 --naive-sample 10
    python benchmarks/batch.py --sizes 60 -e ex3 --cluster   # also on --jobs Dask workers

A class mixes copies of the reference, the correct and wrong variants from
tests/submissions/, and one submission in 50 that loops forever (it times out). For each
size it prints the wall time, submissions per second, the grader's own overhead per
(student, exercise) beyond the time spent inside checks and student code, the peak memory
of a job slot (it must not grow with the class), and the naive
way: one fresh `python -m grader.cli <ex>` process per student and exercise (each imports
torch, starts pytest, grades one file), timed on a sample and scaled to the class size.

--cluster also grades each class on a Dask LocalCluster on 127.0.0.1 of --jobs worker
processes (one thread each: as many slots as the local run) through `grade batch --cluster`'s
path, and prints both wall times (worker start-up not counted: workers are long-lived; their
slots' start-up is, as the local slots' is). The engine should cost little: within 15%.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.classroom.batch import ResultStore, discover, run_batch  # noqa: E402
from grader.grading.course import Course  # noqa: E402

LOOP = "def {name}(*args, **kwargs):\n    while True:\n        pass\n"


def variants(exercise: str) -> list[str]:
    folder = REPO / "tests" / "submissions" / exercise
    sources = [(REPO / "reference" / f"{exercise}.py").read_text()]
    for path in sorted(folder.glob("correct_*.py")) + sorted(folder.glob("wrong_*.py")):
        sources.append(path.read_text())
    return sources


def make_class(root: Path, size: int, exercises: list[str], course: Course) -> Path:
    cls = root / f"class{size}"
    pools = {e: variants(e) for e in exercises}
    for i in range(size):
        student = cls / f"student{i:04d}"
        student.mkdir(parents=True)
        for e in exercises:
            if i % 50 == 49:  # one in fifty never returns
                first = course.exercise(e).functions[0]
                source = pools[e][0] + "\n" + LOOP.format(name=first)
            else:
                source = pools[e][i % len(pools[e])]
            (student / f"{e}.py").write_text(source)
    return cls


class PeakMemory:
    """Samples the resident memory of the job slots (this process's children) while it runs."""

    def __init__(self):
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            for child in multiprocessing.active_children():
                try:
                    status = Path(f"/proc/{child.pid}/status").read_text()
                except OSError:
                    continue
                rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
                self.peak_kib = max(self.peak_kib, rss)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_ours(course: Course, cls: Path, exercises: list[str], jobs: int) -> tuple[float, list[dict], int]:
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    started = time.perf_counter()
    with PeakMemory() as memory:
        records = run_batch(course, discover(cls), exercises, ResultStore(out), jobs, resume=False)
    wall = time.perf_counter() - started
    shutil.rmtree(out)
    return wall, records, memory.peak_kib


def run_cluster(course: Course, cls: Path, exercises: list[str], workers: int) -> tuple[float, list[dict]]:
    """Wall time of the same class on a Dask LocalCluster of `workers` one-thread workers."""
    import logging

    from distributed import LocalCluster

    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        started = time.perf_counter()
        records = run_batch(course, discover(cls), exercises, ResultStore(out), workers, resume=False,
                            cluster=cluster.scheduler_address)
        wall = time.perf_counter() - started
    shutil.rmtree(out)
    return wall, records


def run_naive(cls: Path, exercises: list[str], sample: int, jobs: int) -> float:
    """Seconds per (student, exercise) the naive way, with the same number of parallel jobs."""
    students = sorted(cls.iterdir())[:sample]
    commands = [[sys.executable, "-m", "grader.cli", e, "--submission", str(s), "--format", "json"]
                for s in students for e in exercises]
    started = time.perf_counter()
    running: list[subprocess.Popen] = []
    for command in commands:
        while len(running) >= jobs:
            running = [p for p in running if p.poll() is None]
            time.sleep(0.01)
        running.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO))
    for p in running:
        p.wait()
    return (time.perf_counter() - started) / len(commands)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100, 400])
    parser.add_argument("-e", "--exercise", dest="exercises", action="append")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--naive-sample", type=int, default=10, help="students timed the naive way")
    parser.add_argument("--cluster", action="store_true",
                        help="also grade each class on --jobs Dask workers (needs the [cluster] extra)")
    args = parser.parse_args()
    course = Course(REPO)
    exercises = args.exercises or [e.name for e in course.exercises if e.name != "ex4"] or ["ex3"]
    root = Path(tempfile.mkdtemp(prefix="bench-class-"))
    print(f"exercises: {', '.join(exercises)}; jobs: {args.jobs}; machine: {os.cpu_count()} cores")
    rows, cluster_rows = [], []
    naive_per_pair = None
    try:
        for size in args.sizes:
            cls = make_class(root, size, exercises, course)
            wall, records, peak_kib = run_ours(course, cls, exercises, args.jobs)
            # Everything a job slot spent on a student (reading, pytest, workers, results) minus
            # the time inside checks and student code, per (student, exercise).
            inside = sum(e.get("timing", {}).get("check_seconds", 0) for r in records for e in r["exercises"])
            total = sum(r.get("timing", {}).get("seconds", 0) for r in records)
            overhead = (total - inside) / (len(records) * len(exercises))
            if naive_per_pair is None:
                naive_per_pair = run_naive(cls, exercises, min(args.naive_sample, size), args.jobs)
            naive = naive_per_pair * size * len(exercises)
            rows.append((size, wall, size / wall, overhead * 1000, inside, naive, naive / wall, peak_kib / 1024))
            if args.cluster:
                cluster_wall, cluster_records = run_cluster(course, cls, exercises, args.jobs)
                same = [r["score"] for r in cluster_records] == [r["score"] for r in records]
                cluster_rows.append((size, wall, cluster_wall, same))
            shutil.rmtree(cls)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    header = ("students", "wall s", "subs/s", "overhead ms/(student,ex)", "in checks s", "naive s (est.)",
              "speed-up", "slot peak RSS MiB")
    print(" | ".join(header))
    for size, wall, rate, overhead, inside, naive, ratio, peak in rows:
        print(f"{size:8d} | {wall:6.1f} | {rate:6.2f} | {overhead:24.1f} | {inside:11.1f} | {naive:14.1f} | "
              f"{ratio:7.1f}x | {peak:17.0f}")
    print(f"naive: {naive_per_pair:.2f} s per (student, exercise), measured on {args.naive_sample} students "
          "and scaled to each class size")
    for size, wall, cluster_wall, same in cluster_rows:
        change = 100 * (cluster_wall - wall) / wall
        print(f"{size} students: {args.jobs} Dask workers {cluster_wall:.1f} s vs {args.jobs} local slots {wall:.1f} s: "
              f"{change:+.1f}% ({'within' if change <= 15 else 'NOT within'} 15%); "
              f"{'same scores' if same else 'SCORES DIFFER'}")


if __name__ == "__main__":
    main()
