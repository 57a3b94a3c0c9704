"""Time ``pep verify`` on hostile certificates (issue "soundness": any input under 10 MB in
< 10 s) and on genuine ones (gd and Halpern with ``--expect``).

Each input is written to a temporary file and checked by a fresh ``python -m pep.cli verify``
process, as a user runs it; wall and child CPU time are medians of ``--repeat`` runs. Prints a
Markdown table for BENCHMARKS.md.

    python scripts/bench_verify.py --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402  (the builders the tests use)


def hostile_inputs() -> dict[str, str]:
    docs = {
        "d = 1000 (diagonal S)": hostile.dimension(1000),
        "4000-digit entries, d = 24": hostile.long_entries(24, 4000),
        "dense PSD, d = 400": hostile.dense_psd(400, 1),
        "dense PSD, d = 120, 8 digits": hostile.dense_psd(120, 8),
        "89 700 pair conditions": hostile.many_conditions(6, 300),
        "600 000 small numbers": hostile.many_numbers(400, 1500),
    }
    texts = {name: json.dumps(doc) for name, doc in docs.items()}
    texts.update({f"raw: {k}": v for k, v in hostile.raw_attacks().items()})
    return texts


def genuine_inputs(tmp: Path) -> dict[str, tuple[Path, list[str]]]:
    out = {}
    for algo, N in (("gd", 20), ("halpern", 10)):
        path = tmp / f"{algo}{N}.json"
        subprocess.run(
            [sys.executable, "-m", "pep.cli", "run", algo, "--N", str(N), "--quiet",
             "--save-certificate", str(path)],
            check=True, capture_output=True, env=_env(tmp),
        )  # fmt: skip
        out[f"{algo} N = {N}, --expect"] = (path, ["--expect", algo, "--N", str(N)])
    return out


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PEP_CACHE_DIR"] = str(tmp / "cache")
    return env


def timed(path: Path, extra: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pep.cli", "verify", str(path), *extra],
        capture_output=True, env=env, timeout=600,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        env = _env(tmp)
        cases: dict[str, tuple[Path, list[str]]] = {}
        for k, (name, text) in enumerate(hostile_inputs().items()):
            path = tmp / f"hostile{k}.json"
            path.write_text(text, errors="surrogatepass")
            cases[name] = (path, [])
        cases.update(genuine_inputs(tmp))
        print("| input | size MB | exit | wall s (median) | CPU s (median) |")
        print("|---|---|---|---|---|")
        for name, (path, extra) in cases.items():
            runs = [timed(path, extra, env) for _ in range(args.repeat)]
            size = path.stat().st_size / 1e6
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"| {name} | {size:.2f} | {runs[0][2]} | {wall:.2f} | {cpu:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
