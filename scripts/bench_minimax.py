"""Benchmark: EAG-C, EAG-V and FEG PEPs at N = 20 with Clarabel (median of repeats).

For each method the standard setting (``pep.algorithms.get(name).setting(N)``) is built and
solved ``--repeat`` times; the script prints, as a Markdown table for BENCHMARKS.md, the median
build, compile, solve (cvxpy setup + Clarabel) and total wall times, the median process CPU time
(less sensitive than wall time to other jobs on a shared machine; it counts every solver
thread), the PEP value, its status and the load average. Reduced-accuracy stops are accepted
and reported as such (the point is the time).

Usage: ``python scripts/bench_minimax.py [--N 20] [--repeat 3] [--solvers CLARABEL,...]``;
the default compares the cvxpy path with the primal-form (``CLARABEL_DIRECT``) and dual-form
(``CLARABEL_DUAL``) direct adapters, one row per method and solver.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import pep
from pep.algorithms import get

METHODS = ("eag_c", "eag_v", "feg")
SOLVERS = "CLARABEL,CLARABEL_DIRECT,CLARABEL_DUAL"


def measure(name: str, N: int, solver: str) -> dict[str, float | str]:
    """One build + solve: wall and CPU times of the user path ``setting(N).solve()``."""
    c0, t0 = time.process_time(), time.perf_counter()
    problem = get(name).setting(N)
    t1 = time.perf_counter()
    result = problem.solve(solver, accept_inaccurate=True)
    t2, c2 = time.perf_counter(), time.process_time()
    return {
        "build": t1 - t0,
        "compile": result.timings["compile"],
        "solve": t2 - t1 - result.timings["compile"],
        "total": t2 - t0,
        "cpu": c2 - c0,
        "value": result.value,
        "status": result.status.name,
        "size": f"d={result.data.dimension}, m={result.data.n_constraints}",
    }


HEADER = (
    "| method | solver | N | size | build (s) | compile (s) | solve (s) | total (s) | CPU (s) "
    "| value | status |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--solvers", "--solver", default=SOLVERS, help="comma-separated")
    args = parser.parse_args()
    solvers = [s.strip().upper() for s in args.solvers.split(",") if s.strip()]
    print(f"pep {pep.__version__}, Python {platform.python_version()}, {os.cpu_count()} cores")
    for solver in solvers:
        get("feg").setting(1).solve(solver)  # warm-up: imports and first-call costs
    print(f"solvers {', '.join(solvers)}; load average before: {os.getloadavg()[0]:.2f}")
    print(HEADER)
    for name, solver in ((n, s) for n in METHODS for s in solvers):
        runs = [measure(name, args.N, solver) for _ in range(args.repeat)]
        med = {
            k: statistics.median(float(r[k]) for r in runs)
            for k in ("build", "compile", "solve", "total", "cpu")
        }
        statuses = "/".join(sorted({str(r["status"]) for r in runs}))
        print(
            f"| {name} | {solver} | {args.N} | {runs[0]['size']} | {med['build']:.3f} | "
            f"{med['compile']:.3f} | {med['solve']:.2f} | {med['total']:.2f} | {med['cpu']:.2f} | "
            f"{float(runs[0]['value']):.7f} | {statuses} |"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
