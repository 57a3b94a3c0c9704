"""Run ``pep.prove`` on every built-in spec, write ``proofs/auto/`` and time each stage.

Usage: ``python scripts/bench_prove.py [NAME ...] [--repeat R] [--out DIR]``. Prints one
Markdown row per spec (median wall time over R runs) for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
import warnings

from pep.prove import prove
from pep.prove_specs import names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("names", nargs="*", default=names())
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--out", default="proofs/auto")
    args = ap.parse_args()
    warnings.filterwarnings("ignore", message="Solution may be inaccurate")
    print(
        f"# pep.prove, {time.strftime('%Y-%m-%d')}, {platform.machine()} {platform.python_version()}"
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


if __name__ == "__main__":
    main()
