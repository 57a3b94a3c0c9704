"""Time ``pep.discover.prove`` on the built-in specs (writing to ``--out``) and ``pep.discover.lyapunov``.

Usage: ``python scripts/bench_prove.py [NAME ...] [--repeat R] [--out DIR] [--lyapunov]``.
Prints Markdown rows (median wall time over R runs) for BENCHMARKS.md; with ``--lyapunov``
also the chain bound at horizon K against the PEP value and solve time, and linear rates.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
import warnings

from pep.discover.prove import prove
from pep.discover.specs import names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("names", nargs="*", default=names())
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--out", default="proofs/auto")
    ap.add_argument("--lyapunov", action="store_true")
    args = ap.parse_args()
    if args.lyapunov:
        lyapunov_rows(args.repeat)
        return
    warnings.filterwarnings("ignore", message="Solution may be inaccurate")
    print(
        f"# pep.discover.prove, {time.strftime('%Y-%m-%d')}, {platform.machine()} {platform.python_version()}"
    )
    print("| spec | verified | proved rate | vs known rate | median s |")
    print("|---|---|---|---|---|")
    for name in args.names:
        times, report = [], None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            report = prove(name, out_dir=args.out)
            times.append(time.perf_counter() - t0)
        assert report is not None
        match = {True: "equal", False: "weaker", None: "no known rate"}[report.tight_match]
        print(
            f"| {name} | {report.ok} ({report.stage}) | {report.rate} | {match} | "
            f"{statistics.median(times):.1f} |"
        )


def _median_time(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def lyapunov_rows(repeat: int) -> None:
    import pep
    from pep.discover.lyapunov import chain, linear_rate

    def gd(problem, k):
        f = problem.function(pep.SmoothConvex(L=1))
        x, xs = problem.point("x"), f.minimizer()
        x1 = x - f.grad(x)
        return (
            {"x": x - xs, "g": f.grad(x), "f": f(x) - f(xs)},
            {"x": x1 - xs, "g": f.grad(x1), "f": f(x1) - f(xs)},
        )

    print("| task | value | reference | median s |")
    print("|---|---|---|---|")
    for K in (5, 10):
        t_pep, res = _median_time(lambda K=K: pep.algorithms.get("gd").setting(K).solve(), repeat)
        t_chain, ch = _median_time(
            lambda K=K: chain(
                gd, K, initial=lambda s: pep.sqnorm(s["x"]), measure=lambda s: s["f"]
            ),
            repeat,
        )
        print(
            f"| gd chain K={K} | {ch.tau:.7f} | PEP {res.value:.7f} ({t_pep:.2f} s) | {t_chain:.2f} |"
        )
    for h, ref in ((1.0, 0.81), (2 / 1.1, (0.9 / 1.1) ** 2)):

        def step(problem, k, h=h):
            f = problem.function(pep.SmoothStronglyConvex(L=1, mu=0.1))
            x, xs = problem.point("x"), f.minimizer()
            return {"x": x - xs}, {"x": x - h * f.grad(x) - xs}

        t, r = _median_time(
            lambda step=step: linear_rate(step, measure=lambda s: pep.sqnorm(s["x"]), rtol=1e-7),
            repeat,
        )
        print(
            f"| gd rate h={h:.4f}, mu=0.1 | {r.rho:.8f} ({len(r.history)} solves) | {ref:.8f} | {t:.2f} |"
        )


if __name__ == "__main__":
    main()
