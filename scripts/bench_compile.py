#!/usr/bin/env python
"""Compile time of pep vs PEPit's build time, gd and ogm at N = 10, 20, 40, 80, 160 (issue 2).

pep: ``model`` is the algorithm's ``setting(N)`` (the Python loop over symbolic points) and
``compile`` is ``Problem.compile()`` (the sparse SDP data); medians of ``--repeats`` runs in
this process; ``direct data`` is the conic data handed to Clarabel by ``CLARABEL_DIRECT``
(so model + compile + direct data is everything before the solver). PEPit, in a fresh process
of its virtual environment (driver of ``scripts/bench.py``, the solve itself skipped):
``build`` is everything from ``PEP()`` up to the call of cvxpy's ``Problem.solve`` (model,
interpolation constraints, cvxpy expressions) and ``canon`` is cvxpy's canonicalisation of
that problem into Clarabel's data (``get_problem_data``), the part of its solve call that
is not the solver.

    python scripts/bench_compile.py [--ns 10,20,40,80,160] [--pepit-venv PATH] [--create-venv]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import DEFAULT_VENV, ensure_pepit, pepit  # noqa: E402


def ours(algo: str, N: int, repeats: int) -> tuple[float, float, float]:
    from pep.algorithms import get
    from pep.sdp.solvers.clarabel_direct import conic_data

    model, comp, direct = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        problem = get(algo).setting(N)
        t1 = time.perf_counter()
        data = problem.compile()
        t2 = time.perf_counter()
        conic_data(data)
        model.append(t1 - t0)
        comp.append(t2 - t1)
        direct.append(time.perf_counter() - t2)
    return statistics.median(model), statistics.median(comp), statistics.median(direct)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--algos", default="gd,ogm")
    ap.add_argument("--ns", default="10,20,40,80,160")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument(
        "--pepit-repeats", type=int, default=3, help="PEPit runs per cell (1 at N >= 80)"
    )
    ap.add_argument("--pepit-venv", type=Path, default=DEFAULT_VENV)
    ap.add_argument("--create-venv", action="store_true")
    ap.add_argument("--no-pepit", action="store_true")
    ap.add_argument(
        "--canon-max-n", type=int, default=80, help="skip cvxpy's canonicalisation above this N"
    )
    args = ap.parse_args()
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    venv = None if args.no_pepit else ensure_pepit(args.pepit_venv, args.create_venv)
    print(
        "| method | N | pep model s | pep compile s | pep direct data s | PEPit build s "
        "| PEPit canon s | PEPit build / pep compile | PEPit build / pep model+compile "
        "| PEPit (build+canon) / pep (model+compile+data) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for algo in args.algos.split(","):
        for N in (int(n) for n in args.ns.split(",")):
            model, comp, direct = ours(algo, N, args.repeats)
            reps = args.pepit_repeats if N < 80 else 1
            canon = args.canon_max_n >= N
            runs = [
                pepit(venv, algo, N, "CLARABEL", {}, build_only=True, canon=canon)
                for _ in range(reps)
            ]
            ok = [r for r in runs if "build" in r]
            if ok:
                bld = statistics.median(r["build"] for r in ok)
                can = statistics.median(r["canon"] for r in ok)
                whole = (bld + can) / (model + comp + direct)  # nan when canon skipped
                cells = [
                    f"{bld:.3g}",
                    f"{can:.3g}",
                    f"{bld / comp:.0f}x",
                    f"{bld / (model + comp):.0f}x",
                    f"{whole:.0f}x",
                ]
            else:
                cells = [f"({runs[0].get('error', '?')})", "—", "—", "—", "—"]
            print(
                f"| {algo} | {N} | {model:.3g} | {comp:.3g} | {direct:.3g} | "
                + " | ".join(cells)
                + " |",
                flush=True,
            )


if __name__ == "__main__":
    main()
