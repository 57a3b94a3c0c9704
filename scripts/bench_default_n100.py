"""gd and ogm at N = 100 with the default solve (``Problem.solve()``, solver="auto"): the path
used, the value against the closed form, the error estimate, seconds and attempts. Prints
Markdown rows for BENCHMARKS.md ("Large N").

    python scripts/bench_default_n100.py
"""

from __future__ import annotations

import time

from pep.algorithms import get, theta_sequence


def main() -> None:
    closed = {"gd": 1 / (4 * 100 + 2), "ogm": 1 / (2 * theta_sequence(100)[-1] ** 2)}
    for name, value in closed.items():
        start = time.perf_counter()
        r = get(name).setting(100).solve()
        seconds = time.perf_counter() - start
        print(
            f"| {name} | 100 | {r.path} | {r.value:.10g} | {value:.10g} | "
            f"{abs(r.value - value) / value:.1e} | {r.relative_error:.1e} | {seconds:.1f} | "
            f"{len(r.attempts)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
