"""Regenerate the worst-case tables of the reference notes (section 3) into docs/tables/.

For every method of the reference tables it solves the PEP for N = 1, 2, ... (default up to
30) and writes ``docs/tables/<method>.md`` and ``.csv``: each PEP value next to the method's
closed form (``pep.algorithms.get(name).rate``, exact where one exists) and next to the value
printed in the reference notes where there is one. A method stops growing N as soon as one
point takes longer than ``--max-seconds`` (default 60 s) to solve; ``docs/tables/README.md``
lists what was computed, the time per point and the machine.

Points are cached like ``pep table`` (``--cache DIR``, default ``$PEP_CACHE_DIR`` or
``~/.cache/pep``), so an interrupted run resumes.

The published tables in ``docs/tables/`` are replaced only when asked (``--overwrite``): a run
for a subset (``--N 1:3``, ``--only``) would otherwise overwrite them with fewer points.

Usage::

    python scripts/regenerate_tables.py --overwrite                # N = 1..30, all methods
    python scripts/regenerate_tables.py --N 1:3 --out /tmp/tables  # the fast CI subset
"""

from __future__ import annotations

import argparse
import datetime
import platform
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from pep import __version__
from pep.cli.report import to_csv, to_markdown
from pep.cli.sweep import Cache, PointSpec, atomic_write_text, parse_N, run_sweep

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Table:
    """One method of the reference tables (L = 1, measure divided by the initial quantity)."""

    algorithm: str
    params: dict[str, Any]
    caption: str
    # values printed in the reference notes, section 3 (7 significant digits), by N
    printed: dict[int, float]


TABLES = (
    Table("gd", {"h": 1}, "Gradient descent, h = 1: closed form 1/(4N+2), tight",
          {1: 0.1666667, 2: 0.1, 3: 0.0714286, 4: 0.0555556, 5: 0.0454545, 6: 0.0384615,
           7: 0.0333333, 8: 0.0294118, 10: 0.0238095}),
    Table("ogm", {}, "OGM: closed form 1/(2 theta_N^2), tight",
          {1: 0.125, 2: 0.0618942, 3: 0.0376924, 4: 0.0255839, 5: 0.0185881, 6: 0.014156,
           7: 0.0111604, 8: 0.0090361, 10: 0.0062865}),
    Table("ogm_g", {}, "OGM-G: closed form 2/theta_N^2, tight",
          {1: 0.5, 2: 0.2475767, 3: 0.1507696, 4: 0.1023358, 5: 0.0743525, 6: 0.0566239,
           7: 0.0446417, 8: 0.0361443, 10: 0.0251459}),
    Table("fgm", {}, "FGM: PEP value; the closed form 1/(2 t_N^2) is an upper bound only",
          {1: 0.1666667, 2: 0.1, 3: 0.0661069, 4: 0.0468332, 5: 0.0348938, 6: 0.0270029,
           7: 0.0215203, 8: 0.0175576, 10: 0.0123351}),
    Table("halpern", {}, "Halpern / OHM: closed form 4/(N+1)^2, tight",
          {1: 1.0, 2: 0.4444444, 3: 0.25, 4: 0.16, 5: 0.1111111, 6: 0.0816327, 7: 0.0625,
           8: 0.0493827, 10: 0.0330579}),
    Table("appm", {}, "APPM: closed form 1/N^2, tight",
          {1: 1.0, 2: 0.25, 3: 0.1111111, 4: 0.0625, 5: 0.04, 6: 0.0277778, 7: 0.0204082,
           8: 0.015625, 10: 0.01}),
    Table("feg", {}, "FEG (pairwise Lipschitz + monotone: upper bound): 4/N^2 for N >= 2",
          {1: 2.0, 2: 1.0, 3: 0.4444444, 4: 0.25, 5: 0.16, 7: 0.0816327}),
    Table("eag_c", {"alpha": Fraction(1, 8)}, "EAG-C, alpha = 1/8 (pairwise class: upper bound)",
          {1: 0.9846191, 2: 0.9711882, 3: 0.9553373, 4: 0.9371224, 5: 0.9166703, 7: 0.8697641}),
    Table("eag_v", {"alpha0": Fraction(618, 1000)}, "EAG-V, alpha_0 = 0.618 (pairwise class: upper bound)",
          {1: 0.7639419, 2: 0.6781366, 3: 0.5774505, 4: 0.4679767, 5: 0.3680799, 7: 0.2327653}),
    Table("ppm", {"gamma": 1}, "Proximal point (convex), gamma = 1: closed form 1/(4N), tight",
          {}),
    Table("ppm_monotone", {"alpha": 1}, "Proximal point (monotone): (1 - 1/N)^(N-1)/N, tight",
          {1: 1.0, 2: 0.25, 3: 0.1481481, 4: 0.1054687, 5: 0.08192}),
)  # fmt: skip


def rows_for(table: Table, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table rows: N, PEP value, closed form (exact text and value), relative difference,
    the printed reference value, status and label."""
    rows = []
    for r in records:
        value, closed = r.get("value"), r.get("rate")
        rel = (value - closed) / closed if value is not None and closed else None
        rows.append(
            {
                "N": r["N"],
                "PEP value": value,
                "closed form": r.get("rate_exact") or r.get("rate_formula") or "-",
                "closed-form value": closed,
                "relative difference": rel,
                "reference notes": table.printed.get(r["N"]),
                "status": r.get("status", ""),
                "label": r.get("label", ""),
                "seconds": round(r.get("time", 0.0), 2),
            }
        )
    return rows


def sweep_table(table: Table, Ns: list[int], cache: Cache, max_seconds: float) -> tuple[list, str]:
    """Points of one table in increasing N; stop after the first point slower than the limit
    or after three failed solves in a row (a failed point is kept as an ``error`` row)."""
    records: list[dict[str, Any]] = []
    notes: list[str] = []
    failures, last = 0, Ns[-1]
    for n in Ns:
        spec = PointSpec.make(table.algorithm, n, table.params)
        (rec,) = run_sweep([spec], cache=cache)
        records.append(rec)
        print(f"  {table.algorithm} N={n}: {rec.get('value')} ({rec.get('time', 0):.2f} s)",
              file=sys.stderr)  # fmt: skip
        failures = failures + 1 if rec.get("status") == "error" else 0
        if failures:
            notes.append(f"N = {n}: {str(rec.get('error')).split(':')[0]}")
        if failures == 3:
            notes.append("stopped after three failed solves in a row")
            break
        if rec.get("time", 0.0) > max_seconds and n < last:
            notes.append(
                f"stopped after N = {n}: it took {rec['time']:.0f} s > {max_seconds:.0f} s"
            )
            break
    return records, "; ".join(notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--N", default="1:30", help="range of N (default 1:30)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "tables"), help="output directory")
    parser.add_argument("--cache", help="cache directory (default as pep table)")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per-point time limit")
    parser.add_argument("--only", help="comma list of methods (default: all)")
    parser.add_argument(
        "--overwrite", action="store_true", help="replace the published tables in docs/tables"
    )
    args = parser.parse_args(argv)
    Ns, out, cache = parse_N(args.N), Path(args.out), Cache(args.cache)
    published = ROOT / "docs" / "tables"
    if out.resolve() == published.resolve() and any(published.iterdir()) and not args.overwrite:
        print(
            f"regenerate_tables: {published} holds the published tables; pass --overwrite to "
            "replace them, or --out DIR to write elsewhere",
            file=sys.stderr,
        )
        return 2
    chosen = [t for t in TABLES if not args.only or t.algorithm in args.only.split(",")]
    index = [
        "# Worst-case tables",
        "",
        f"Generated by `python scripts/regenerate_tables.py --N {args.N}` on "
        f"{datetime.date.today()} ({platform.machine()}, Python {platform.python_version()}, "
        f"pep {__version__}, Clarabel via cvxpy). L = 1; measures divided by the initial "
        "quantity. Values are numerical evidence (SDP solver, dual objective) unless labelled "
        "verified; a row with status `error` is a point the solver did not solve accurately, and "
        "no value is reported for it. Per-point limit: {:.0f} s.".format(args.max_seconds),
        "",
        "| method | N computed | largest point time (s) | note |",
        "|---|---|---|---|",
    ]
    for table in chosen:
        records, note = sweep_table(table, Ns, cache, args.max_seconds)
        rows = rows_for(table, records)
        title = f"{table.caption} ({table.algorithm})"
        atomic_write_text(out / f"{table.algorithm}.md", to_markdown(rows, title))
        atomic_write_text(out / f"{table.algorithm}.csv", to_csv(rows))
        done = [r["N"] for r in records]
        slowest = max((r.get("time", 0.0) for r in records), default=0.0)
        span = f"{done[0]}..{done[-1]}" if done else "-"
        index.append(
            f"| [{table.algorithm}]({table.algorithm}.md) | {span} | {slowest:.1f} | {note} |"
        )
    index += [
        "",
        "Also: [eag_c_steps](eag_c_steps.md) (EAG-C at alpha = 1/8 and 1/4: PEP value, the rate "
        "proved by proofs/eag_c.py and their ratio), written by `python scripts/eag_c_table.py`.",
    ]
    atomic_write_text(out / "README.md", "\n".join(index) + "\n")
    print(f"wrote {len(chosen)} tables to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
