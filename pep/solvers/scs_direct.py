r"""A direct SCS adapter: the conic data of :mod:`pep.solvers.clarabel_direct`, handed to SCS.

SCS solves :math:`\min c^\top x` s.t. :math:`Ax + s = b`, :math:`s \in \mathcal K` with the
same sign conventions as Clarabel (dual :math:`y \in \mathcal K^*`, :math:`A^\top y + c = 0`);
only the order of the PSD triangle differs (SCS stores the *lower* triangle column-major, with
off-diagonals scaled by :math:`\sqrt 2`). SCS is a first-order (ADMM) method: its answers are
accurate to its tolerances ``eps_abs`` / ``eps_rel`` (defaults here 1e-7), far looser than an
interior-point solve, and are labelled as the solver reports them.

Selected by name only (``solver="SCS_DIRECT"``); never used as a fallback.

>>> from pep.algorithms import get
>>> r = get("gd").setting(2).solve(solver="SCS_DIRECT")
>>> abs(r.value - 0.1) < 1e-4  # 1/(4N + 2) at N = 2 (Drori-Teboulle 2014)
True

Reference: B. O'Donoghue, E. Chu, N. Parikh, S. Boyd, "Conic optimization via operator
splitting and homogeneous self-dual embedding", J. Optim. Theory Appl. 169 (2016).
"""

from __future__ import annotations

import importlib.metadata
import time
from typing import Any

import numpy as np

from pep.compile import CompiledProblem
from pep.errors import SolverNotInstalled
from pep.solvers.base import Solution, Status
from pep.solvers.clarabel_direct import conic_data, solution_from

__all__ = ["NAME", "solve_scs_direct"]

NAME = "SCS_DIRECT"

_STATUS = {
    "solved": Status.OPTIMAL,
    "solved_inaccurate": Status.INACCURATE,
    "infeasible": Status.INFEASIBLE,
    "infeasible_inaccurate": Status.INFEASIBLE,
    "unbounded": Status.UNBOUNDED,
    "unbounded_inaccurate": Status.UNBOUNDED,
}

# Tighter than SCS's own defaults (1e-4): a PEP bound at 1e-4 is rarely what a user wants.
DEFAULTS = {"eps_abs": 1e-7, "eps_rel": 1e-7, "max_iters": 100_000, "verbose": False}


def solve_scs_direct(
    data: CompiledProblem, options: dict[str, Any], trace_level: float | None = None
) -> Solution:
    """Solve the compiled PEP with SCS called directly."""
    try:
        import scs
    except ImportError as exc:
        raise SolverNotInstalled(
            "solver='SCS_DIRECT' needs scs; pip install 'pep-toolkit[scs]'"
        ) from exc
    t0 = time.perf_counter()
    cd = conic_data(data, "lower_col", trace_level)
    cone = {"z": cd.n_eq, "l": cd.n_ineq, "s": [data.dimension]}
    solver = scs.SCS({"A": cd.A, "b": cd.b, "c": cd.q}, cone, **{**DEFAULTS, **options})
    t1 = time.perf_counter()
    out = solver.solve()
    wall = time.perf_counter() - t1
    info = out["info"]
    status = _STATUS.get(str(info["status"]), Status.ERROR)
    solve_ms = info.get("solve_time")
    return solution_from(
        data,
        cd,
        np.asarray(out["x"], float),
        np.asarray(out["y"], float),
        status,
        solver=NAME,
        solver_version=_version(),
        setup_time=t1 - t0 + float(info.get("setup_time", 0.0)) / 1e3,
        solve_time=float(solve_ms) / 1e3 if solve_ms is not None else wall,
        raw_status=str(info["status"]),
        options={**DEFAULTS, **options},
    )


def _version() -> str:
    try:
        return importlib.metadata.version("scs")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"
