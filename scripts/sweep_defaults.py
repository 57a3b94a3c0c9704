"""Every built-in algorithm at N = 1..20 with the default solve (issue 16).

For each ``name`` in :func:`pep.algorithms.names` and each N, runs
``get(name).setting(N).solve()`` (``solver="auto"``, every default) and compares the value
with the algorithm's registered rate when that rate is *tight* (the PEP attains it: a closed
form or known tight value). A row passes when the relative error to the reference is at most
``max(1e-6, the result's own relative error estimate)``; rows without a tight reference pass
when a bound was produced at all. A value that is 0 within its error estimate (an absolute
tolerance, :mod:`pep.sdp.accuracy`) is marked so. Prints a table: name, N, value, reference, relative error,
seconds, the attempt that produced the value.

    python scripts/sweep_defaults.py                      # every algorithm, N = 1..20
    python scripts/sweep_defaults.py --names tmm,item --N 12-20
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

from pep.algorithms import get, names
from pep.errors import NoKnownRate, PepError

RTOL = 1e-6


@dataclass(frozen=True)
class Row:
    """One solve of the sweep (``error`` is the exception's text when it raised)."""

    name: str
    N: int
    value: float | None
    reference: float | None
    relative: float | None
    estimate: float | None
    absolute: float | None
    seconds: float
    path: str
    error: str = ""

    @property
    def ok(self) -> bool:
        if self.error or self.value is None:
            return False
        if self.reference is None:
            return True
        return abs(self.value - self.reference) <= max(
            RTOL * abs(self.reference), self.absolute or 0.0
        )


def reference(name: str, N: int) -> float | None:
    """The registered rate at the default parameters when it is tight, else None."""
    try:
        rate = get(name).rate(N)
    except NoKnownRate:
        return None
    return float(rate.value) if rate.tight else None


def sweep_one(name: str, N: int) -> Row:
    """Solve ``name`` at ``N`` with the defaults and compare (see the module docstring)."""
    ref = reference(name, N)
    start = time.perf_counter()
    try:
        result = get(name).setting(N).solve()
    except PepError as exc:
        first = str(exc).splitlines()[0] if str(exc) else ""
        return Row(
            name,
            N,
            None,
            ref,
            None,
            None,
            None,
            time.perf_counter() - start,
            "-",
            f"{type(exc).__name__}: {first[:160]}",
        )
    seconds = time.perf_counter() - start
    rel = abs(result.value - ref) / abs(ref) if ref not in (None, 0.0) else None
    if ref == 0.0:
        rel = abs(result.value)
    zero = " (0 within the estimate)" if result.estimate.zero else ""
    return Row(
        name,
        N,
        result.value,
        ref,
        rel,
        result.relative_error,
        result.error_estimate,
        seconds,
        result.path + zero,
    )


def _fmt(x: float | None, spec: str) -> str:
    return "-" if x is None else format(x, spec)


def format_row(r: Row) -> str:
    mark = "ok" if r.ok else "FAIL"
    text = (
        f"{r.name:<13} {r.N:>3} {_fmt(r.value, '.10g'):>17} {_fmt(r.reference, '.10g'):>17} "
        f"{_fmt(r.relative, '.1e'):>8} {_fmt(r.estimate, '.1e'):>8} {r.seconds:8.2f}  "
        f"{mark:<4} {r.path}"
    )
    return text + (f"  [{r.error}]" if r.error else "")


def _range(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", default=",".join(names()), help="comma-separated names")
    parser.add_argument("--N", default="1-20", help="e.g. 1-20 or 1,2,4")
    args = parser.parse_args(argv)
    header = (
        f"{'name':<13} {'N':>3} {'value':>17} {'reference':>17} {'rel.err':>8} {'estimate':>8} "
        f"{'seconds':>8}  {'':<4} attempt"
    )
    print(header, flush=True)
    failed = 0
    for name in args.names.split(","):
        for N in _range(args.N):
            row = sweep_one(name, N)
            failed += not row.ok
            print(format_row(row), flush=True)
    print(f"{failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
