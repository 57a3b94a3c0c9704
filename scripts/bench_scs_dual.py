#!/usr/bin/env python
"""SCS on four formulations of the same PEP: iterations, solve time, distance to the rate.

For each method and horizon: ``SCS_DIRECT`` (primal form); the dual PEP as it is
(``SCS_DUAL`` with ``equilibrate=False``); after the Ruiz congruence of
``pep.sdp.solvers.scs_dual`` (``SCS_DUAL`` as shipped); and with ``translate=True`` as well (the
stationary point as the origin, ``pep.sdp.solvers.translation``, where the PEP allows it). SCS at
eps 1e-7 (the adapters' default), one solve each in this process. The iteration count is
what matters here (it does not depend on the machine's load); the time is SCS's own. The last
column is the distance of ``SCS_DUAL``'s value to the method's closed form where that form is
the PEP's value (tight), else its ratio to the bound.

    python scripts/bench_scs_dual.py                           # N = 20 and 40
    python scripts/bench_scs_dual.py --algos ogm,halpern --ns 40
"""

from __future__ import annotations

import argparse
import math
import platform
import time


def iterations(algo: str, N: int, solver: str, options: dict) -> tuple[int, float, float]:
    """SCS's iteration count, its solve time and the value, through the adapter ``solver``."""
    from pep.algorithms import get

    result = get(algo).setting(N).solve(solver=solver, accept_inaccurate=True, **options)
    sol = result.solution
    return int(sol.iterations or 0), sol.solve_time, result.value


# (adapter, options) per column: primal form, dual form, SCS_DUAL as shipped, translated
FORMS = (
    ("SCS_DIRECT", {}),
    ("SCS_DUAL", {"equilibrate": False}),
    ("SCS_DUAL", {}),
    ("SCS_DUAL", {"translate": True}),
)


def main() -> None:
    from pep.algorithms import get

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--algos", default="gd,fgm,ogm,ogm_g,ppm,appm,fista,halpern,feg")
    ap.add_argument("--ns", default="20,40")
    args = ap.parse_args()
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}, "
        f"Python {platform.python_version()}"
    )
    print(
        "| method | N | primal form | dual form | dual, equilibrated (SCS_DUAL) | "
        "+ translated (translate=True) | SCS_DUAL: rel to rate |"
    )
    print("|---|---|---|---|---|---|---|")
    for algo in args.algos.split(","):
        for N in [int(n) for n in args.ns.split(",")]:
            cells = []
            value = math.nan
            for k, (solver, options) in enumerate(FORMS):
                it, wall, val = iterations(algo, N, solver, options)
                cells.append(f"{it} it, {wall:.2f} s")
                value = val if k == 2 else value  # SCS_DUAL as shipped
            try:
                rate = get(algo).rate(N)
                bound = float(rate.value)
                # a tight rate is the PEP's value; otherwise only an upper bound on it
                rel = (
                    f"{(value - bound) / abs(bound):.1e}"
                    if rate.tight
                    else (f"below the bound ({value / bound:.3f} of it)")
                )
            except (TypeError, ValueError, AttributeError):
                rel = "—"
            print(f"| {algo} | {N} | " + " | ".join(cells) + f" | {rel} |", flush=True)


if __name__ == "__main__":
    main()
