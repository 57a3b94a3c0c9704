"""EAG-C: PEP value, the proved rate and their ratio at alpha = 1/(8L) and 1/(4L).

Writes ``docs/tables/eag_c_steps.md`` and ``.csv`` (the format of the other tables there):
for N = 1, 2, ... (default up to 30) the PEP value of ``eag_c`` (pairwise Lipschitz +
monotone conditions, an upper bound on the true worst case) at both steps, next to the rate
:math:`4(1 + \\alpha L + \\alpha^2L^2)/(\\alpha^2(1 + \\alpha L))\\,R^2/(N+1)^2` of Yoon and
Ryu's Thm 1, which ``proofs/eag_c.py`` proves for every :math:`\\alpha \\le 1/(4L)` (the
paper states :math:`\\alpha \\le 1/(8L)`), and ``rate / PEP value`` (>= 1 where the proof
holds). L = R = 1. Points are cached like ``pep table`` (``--cache DIR``); a step size stops
growing N after a point slower than ``--max-seconds``.

Usage::

    python scripts/eag_c_table.py                  # N = 1..30
    python scripts/eag_c_table.py --N 1:3 --out /tmp/tables
"""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

from pep.cli.report import to_csv, to_markdown
from pep.cli.sweep import Cache, PointSpec, atomic_write_text, parse_N, run_sweep

ROOT = Path(__file__).resolve().parents[1]
STEPS = {"1/8": Fraction(1, 8), "1/4": Fraction(1, 4)}
TITLE = (
    "EAG-C: PEP value (pairwise class: upper bound), the rate 4(1 + a + a^2)/(a^2 (1 + a))/(N+1)^2 "
    "(Yoon-Ryu Thm 1; proved for a <= 1/4 by proofs/eag_c.py) and rate / PEP, L = R = 1"
)


def sweep_step(
    alpha: Fraction, Ns: list[int], cache: Cache, max_seconds: float
) -> list[dict[str, Any]]:
    """Records for one step size in increasing N, stopping after a slow point."""
    records = []
    for n in Ns:
        (rec,) = run_sweep([PointSpec.make("eag_c", n, {"alpha": alpha})], cache=cache)
        records.append(rec)
        print(f"  alpha={alpha} N={n}: {rec.get('value')} ({rec.get('time', 0):.2f} s)",
              file=sys.stderr)  # fmt: skip
        if rec.get("time", 0.0) > max_seconds:
            break
    return records


def rows_for(by_step: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One row per N: for each step, PEP value, rate (exact text and value), rate / PEP."""
    Ns = sorted({r["N"] for recs in by_step.values() for r in recs})
    rows = []
    for n in Ns:
        row: dict[str, Any] = {"N": n}
        seconds = 0.0
        for name, recs in by_step.items():
            rec = next((r for r in recs if r["N"] == n), {})
            value, rate = rec.get("value"), rec.get("rate")
            row[f"PEP a={name}"] = value
            row[f"rate a={name}"] = rec.get("rate_exact") or "-"
            row[f"rate value a={name}"] = rate
            row[f"rate/PEP a={name}"] = rate / value if value and rate else None
            seconds += rec.get("time", 0.0)
        row["label"] = "upper bound (relaxed class); numerical evidence"
        row["seconds"] = round(seconds, 2)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--N", default="1:30", help="range of N (default 1:30)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "tables"), help="output directory")
    parser.add_argument("--cache", help="cache directory (default as pep table)")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per-point time limit")
    args = parser.parse_args(argv)
    Ns, out, cache = parse_N(args.N), Path(args.out), Cache(args.cache)
    by_step = {name: sweep_step(a, Ns, cache, args.max_seconds) for name, a in STEPS.items()}
    rows = rows_for(by_step)
    atomic_write_text(out / "eag_c_steps.md", to_markdown(rows, TITLE))
    atomic_write_text(out / "eag_c_steps.csv", to_csv(rows))
    print(f"wrote eag_c_steps.md/.csv ({len(rows)} rows) to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
