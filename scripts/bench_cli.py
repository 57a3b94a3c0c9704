"""Time the ``pep`` command end to end: ``pep table gd ogm --N 1:10`` on a cold and on a warm
cache, and the start-up cost (``pep --version``, ``pep list``).

Each measurement is a fresh subprocess (what a user runs); the cold runs each get a new empty
cache directory. Prints medians and the warm/cold ratio as a Markdown table for BENCHMARKS.md.

Usage: python scripts/bench_cli.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

TABLE = ["table", "gd", "ogm", "--N", "1:10", "--quiet"]


def timed(args: list[str], cache: str) -> float:
    env = {**os.environ, "PEP_CACHE_DIR": cache}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pep.cli", *args], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cold, warm, version, listing = [], [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(timed(TABLE, cache))
            warm.append(timed(TABLE, cache))
            version.append(timed(["--version"], cache))
            listing.append(timed(["list"], cache))
    med = {k: statistics.median(v) for k, v in
           {"cold": cold, "warm": warm, "version": version, "list": listing}.items()}  # fmt: skip
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"repeats: {args.repeat} (medians; min-max in brackets)\n")
    print("| command | median (s) | range (s) |")
    print("|---|---|---|")
    for name, data, label in [
        ("cold", cold, "`pep table gd ogm --N 1:10`, cold cache (20 SDPs)"),
        ("warm", warm, "`pep table gd ogm --N 1:10`, warm cache (0 SDPs)"),
        ("version", version, "`pep --version` (start-up)"),
        ("list", listing, "`pep list`"),
    ]:
        print(f"| {label} | {med[name]:.2f} | {min(data):.2f}-{max(data):.2f} |")
    print(f"\nwarm/cold ratio: {med['warm'] / med['cold']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
