"""Time ``pep check proofs/`` (the library call behind it): per-proof and total medians.

Usage: python scripts/bench_proofs.py [REPEATS]. Prints a Markdown table for BENCHMARKS.md.
Wall-clock and process CPU time are both reported (the machines are shared); the CPU time
includes the per-file child processes and the numeric cross-check, as ``pep check`` runs them.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from pep.symbolic import check_paths

ROOT = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    """CPU seconds of this process and its finished children (each proof file is checked
    in a child process)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(repeats: int = 3) -> None:
    walls, cpus, per_proof = [], [], {}
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), _cpu()
        results = check_paths([ROOT / "proofs"])
        walls.append(time.perf_counter() - w0)
        cpus.append(_cpu() - c0)
        assert all(r.ok for r in results)
        for r in results:
            per_proof.setdefault(r.name, []).append(r.seconds)
    print(f"| proof | median s (of {repeats}) |")
    print("|---|---|")
    for name, ts in sorted(per_proof.items()):
        print(f"| {name} | {statistics.median(ts):.2f} |")
    print(f"| **all ({len(per_proof)})**, wall | {statistics.median(walls):.2f} |")
    print(f"| **all**, process CPU | {statistics.median(cpus):.2f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
