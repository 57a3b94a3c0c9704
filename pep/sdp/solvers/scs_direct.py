r"""A direct SCS adapter: the conic data of :mod:`pep.sdp.solvers.clarabel_direct`, handed to SCS.

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
import scipy.sparse as sp

from pep.errors import InvalidArgument, SolverNotInstalled
from pep.sdp.compile import CompiledProblem
from pep.sdp.solvers.base import Solution, SolverRun, Status
from pep.sdp.solvers.clarabel_direct import conic_data, run_info, solution_from

__all__ = ["NAME", "run_scs", "scs_status", "solve_scs_direct"]

NAME = "SCS_DIRECT"

_STATUS = {
    "solved": Status.OPTIMAL,
    "solved_inaccurate": Status.INACCURATE,
    "infeasible": Status.INFEASIBLE,
    "infeasible_inaccurate": Status.INFEASIBLE,
    "unbounded": Status.UNBOUNDED,
    "unbounded_inaccurate": Status.UNBOUNDED,
}


def scs_status(raw: str) -> Status:
    """SCS's status text as a :class:`Status`; "solved (inaccurate - reached max_iters)" and
    the like are reduced-accuracy solves, judged like any other by the error estimate."""
    if raw in _STATUS:
        return _STATUS[raw]
    for prefix, status in (("solved", Status.INACCURATE), ("infeasible", Status.INFEASIBLE)):
        if raw.startswith(prefix):
            return status
    return Status.UNBOUNDED if raw.startswith("unbounded") else Status.ERROR


# Tighter than SCS's own defaults (1e-4): a PEP bound at 1e-4 is rarely what a user wants.
DEFAULTS = {"eps_abs": 1e-7, "eps_rel": 1e-7, "max_iters": 100_000, "verbose": False}


def run_scs(
    c: np.ndarray,
    A: sp.csc_matrix,
    b: np.ndarray,
    cones: tuple[int, int, int],
    settings: dict[str, Any],
    t0: float,
    name: str = NAME,
) -> SolverRun:
    """``min c x  s.t.  A x + s = b``, ``s`` in (zero^n0, nonneg^n1, PSD(d)) for
    ``cones = (n0, n1, d)``, with SCS (``settings`` as given, defaults not added); ``t0`` is
    when the caller started building the data (it counts as set-up)."""
    try:
        import scs
    except ImportError as exc:
        raise SolverNotInstalled(
            f"solver={name!r} needs scs; pip install 'pep-toolkit[scs]'"
        ) from exc
    n_zero, n_nonneg, d = cones
    try:
        solver = scs.SCS(
            {"A": A, "b": b, "c": c}, {"z": n_zero, "l": n_nonneg, "s": [d]}, **settings
        )
    except TypeError as exc:  # an option SCS does not know, or of the wrong type
        raise InvalidArgument(
            f"{name}: {exc}; SCS's settings are e.g. eps_abs, eps_rel, max_iters, "
            "acceleration_lookback (see SCS's documentation)"
        ) from None
    t1 = time.perf_counter()
    out = solver.solve()
    wall = time.perf_counter() - t1
    info = out["info"]
    solve_ms = info.get("solve_time")
    return SolverRun(
        np.asarray(out["x"], float),
        np.asarray(out["y"], float),
        str(info["status"]),
        setup_time=t1 - t0 + float(info.get("setup_time", 0.0)) / 1e3,
        solve_time=float(solve_ms) / 1e3 if solve_ms is not None else wall,
        iterations=int(info["iter"]),
    )


def solve_scs_direct(
    data: CompiledProblem,
    options: dict[str, Any],
    trace_level: float | None = None,
    trace_weight: np.ndarray | None = None,
) -> Solution:
    """Solve the compiled PEP with SCS called directly."""
    settings = {**DEFAULTS, **options}
    t0 = time.perf_counter()
    cd = conic_data(data, "lower_col", trace_level, trace_weight)
    run = run_scs(cd.q, cd.A, cd.b, (cd.n_eq, cd.n_ineq, data.dimension), settings, t0)
    status = scs_status(run.raw_status)
    info = run_info(run, NAME, _version(), settings)
    return solution_from(data, cd, run.x, run.z, status, **info)


def _version() -> str:
    try:
        return importlib.metadata.version("scs")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"
