#!/usr/bin/env python
"""SCS on four formulations of the same PEP: iterations, solve time, distance to the rate.

For each method and horizon: ``SCS_DIRECT`` (primal form); the dual PEP as it is
(``SCS_DUAL`` with ``equilibrate=False``); after the Ruiz congruence of
``pep.solvers.scs_dual`` (``SCS_DUAL`` as shipped); and with ``translate=True`` as well (the
stationary point as the origin, ``pep.solvers.translation``, where the PEP allows it). SCS at
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


def iterations(
    algo: str, N: int, equilibrate: bool | None, translate: bool = False
) -> tuple[int, float, float]:
    """SCS's iteration count, its solve time and the value, on one formulation."""
    import scs

    from pep.algorithms import get
    from pep.solvers.clarabel_direct import conic_data
    from pep.solvers.clarabel_dual import dual_data
    from pep.solvers.scs_direct import DEFAULTS
    from pep.solvers.scs_dual import congruence_scaling, congruent
    from pep.solvers.translation import reduce_translation

    data = get(algo).setting(N).compile()
    reduction = reduce_translation(data) if translate else None
    if reduction is not None:
        data = reduction.data
    d = data.dimension
    if equilibrate is None:  # the primal form of SCS_DIRECT
        cd = conic_data(data, "lower_col")
        prob = {"A": cd.A, "b": cd.b, "c": cd.q}
        cone = {"z": cd.n_eq, "l": cd.n_ineq, "s": [d]}
        sign = -1.0
    else:
        if equilibrate:
            data = congruent(data, congruence_scaling(data))
        dd = dual_data(data, None, "lower_col")
        prob = {"A": dd.A, "b": dd.b, "c": dd.c}
        cone = {"z": dd.n_zero, "l": dd.n_nonneg, "s": [d]}
        sign = 1.0
    t0 = time.perf_counter()
    out = scs.SCS(prob, cone, **DEFAULTS).solve()
    wall = time.perf_counter() - t0
    info = out["info"]
    return int(info["iter"]), wall, sign * float(info["pobj"])


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
            for mode, translate in ((None, False), (False, False), (True, False), (True, True)):
                it, wall, val = iterations(algo, N, mode, translate)
                cells.append(f"{it} it, {wall:.2f} s")
                value = val if (mode, translate) == (True, False) else value  # SCS_DUAL
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
