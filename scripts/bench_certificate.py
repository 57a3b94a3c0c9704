"""Time exact certificates of gradient descent: rationalization and the two exact checks.

For each N: solve gd (h = 1) with Clarabel, rationalize to the exact bound 1/(4N+2), then time
ExactCertificate.verify() (identity rebuilt from the problem's constraints + LDL^T) and the
independent checker pep.certificates.verify on the exported JSON. Medians of ``--repeat`` runs; the output
is a Markdown table for BENCHMARKS.md.

    python scripts/bench_certificate.py --N 10 50 100 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from fractions import Fraction
from typing import Any

from pep.algorithms import get
from pep.certificates import verify


def median_time(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall and CPU seconds (CPU time is less sensitive to a shared machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def bench(N: int, repeat: int, solver: str = "CLARABEL") -> dict[str, Any]:
    t0 = time.perf_counter()
    result = get("gd").setting(N).solve(solver)
    solve = time.perf_counter() - t0
    t0 = time.perf_counter()
    exact = result.certificate().rationalize(bound=Fraction(1, 4 * N + 2))
    rationalize = time.perf_counter() - t0
    doc = json.loads(json.dumps(exact.to_dict()))
    assert exact.verify() and verify.check(doc) == []
    bits = max(
        max(Fraction(v).numerator.bit_length(), Fraction(v).denominator.bit_length())
        for row in exact.S
        for v in row
    )
    return {
        "N": N,
        "solve": solve,
        "rationalize": rationalize,
        "verify()": median_time(exact.verify, repeat),
        "pep.certificates.verify": median_time(lambda: verify.check(doc), repeat),
        "bits": bits,
        "multipliers": len(exact.multipliers),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--N", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--solver", default="CLARABEL")
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')}, {platform.python_version()}, {platform.machine()}")
    print(
        "| N | solve (s) | rationalize (s) | verify() wall / CPU (s) | pep.certificates.verify wall / CPU (s) "
        "| max bits in S | multipliers |"
    )
    print("|---|---|---|---|---|---|---|")
    for N in args.N:
        r = bench(N, args.repeat, args.solver)
        print(
            f"| {N} | {r['solve']:.2f} | {r['rationalize']:.2f} "
            f"| {r['verify()'][0]:.3f} / {r['verify()'][1]:.3f} "
            f"| {r['pep.certificates.verify'][0]:.3f} / {r['pep.certificates.verify'][1]:.3f} "
            f"| {r['bits']} | {r['multipliers']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
