#!/usr/bin/env python
"""Compile size, time and memory of gradient descent's PEP at large N (issue 16, item 5).

Each N runs in a fresh process (peak RSS is per process): ``model`` is ``setting(N)``, the
Python loop over symbolic points; ``compile`` is ``compile_problem`` with the size guard
switched off (this measures the compiler, not the guard); ``peak RSS`` is the process's
maximum resident set (``ru_maxrss``) after compiling, the model included. ``rows`` and
``nnz`` are the Gram rows and their nonzeros; ``estimate`` is :func:`pep.sdp.size.estimate`'s
nonzeros and compile memory, made before compiling (the figures the guard decides on).

    python scripts/bench_size.py [--algo gd] [--ns 100,300,1000] [--repeats 1]

To measure another tree (e.g. the code before a change), run it with ``--tree PATH``: the
children then import ``pep`` from ``PATH`` (the estimate columns need this tree's pep).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(algo: str, N: int) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    from pep.algorithms import get
    from pep.sdp import compile as comp

    t0 = time.perf_counter()
    problem = get(algo).setting(N)
    t1, c1 = time.perf_counter(), time.process_time()
    try:
        from pep.model.limits import SizeLimits

        guard = {"limits": SizeLimits.unlimited()}
    except ImportError:  # a tree from before the guard
        guard = {}
    data = comp.compile_problem(problem, **guard)
    t2, c2 = time.perf_counter(), time.process_time()
    out = {
        "N": N,
        "rows": data.n_constraints,
        "nnz": sum(b.gram.nnz + b.values.nnz for b in data.blocks),
        "model_s": t1 - t0,
        "compile_s": t2 - t1,
        "compile_cpu_s": c2 - c1,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    return out


def estimate(algo: str, N: int) -> dict[str, float]:
    from pep.algorithms import get
    from pep.sdp.size import estimate as size_estimate

    est = size_estimate(get(algo).setting(N))
    return {"est_nnz": est.nnz, "est_compile_mb": est.compile_bytes / 2**20}


def run(algo: str, N: int, tree: Path, what: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, __file__, f"--{what}", algo, str(N)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--algo", default="gd")
    ap.add_argument("--ns", default="100,300,1000")
    ap.add_argument("--repeats", type=int, default=1, help="runs per N (the median is shown)")
    ap.add_argument("--tree", type=Path, default=ROOT, help="import pep from this tree")
    ap.add_argument("--child", nargs=2, metavar=("ALGO", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--estimate", nargs=2, metavar=("ALGO", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return
    if args.estimate:
        print(json.dumps(estimate(args.estimate[0], int(args.estimate[1]))))
        return
    print(f"# {args.algo}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs,")
    print(f"# load average {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"# tree {args.tree}")
    print(
        "| N | rows | nnz | est. nnz | est. compile MB | model s | compile s | compile CPU s "
        "| peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for N in (int(n) for n in args.ns.split(",")):
        runs = sorted(
            (run(args.algo, N, args.tree, "child") for _ in range(args.repeats)),
            key=lambda r: r["compile_s"],
        )
        r = runs[len(runs) // 2]
        try:
            e = run(args.algo, N, ROOT, "estimate")
            est = f"{e['est_nnz']:.3g} | {e['est_compile_mb']:.0f}"
        except subprocess.CalledProcessError:
            est = "— | —"
        print(
            f"| {N} | {r['rows']} | {r['nnz']} | {est} | {r['model_s']:.2f} | "
            f"{r['compile_s']:.2f} | {r['compile_cpu_s']:.2f} | {r['peak_rss_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
