r"""The S-procedure as an LMI: "E >= 0 for every function of the class" with E linear in unknowns.

For a problem whose interpolation inequalities are :math:`I_i \ge 0` (slacks), a Scalar
:math:`E = \sum_j M_j u_j` (Gram entries, function values and a constant, linear in the unknowns
:math:`u`) is nonnegative on the class if

.. math:: E - \sum_i \lambda_i I_i = \langle S, G\rangle + c,\qquad
          \lambda \ge 0,\ S \succeq 0,\ c \ge 0,\ \text{no function-value terms left},

which is exactly the dual of a PEP. Used by :mod:`pep.discover.lyapunov` and :mod:`pep.discover.autoproof`
(cvxpy is imported by the callers, lazily).

>>> import pep
>>> problem = pep.Problem()
>>> x = problem.point("x")
>>> Space(problem).vec(pep.sqnorm(x) + 1).tolist()
[1.0, 1.0]
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pep.errors import PepError
from pep.model import coefficients as C
from pep.model.algebra import Scalar
from pep.model.problem import Problem

__all__ = [
    "Space",
    "Condition",
    "lmi",
    "certified",
    "TOL",
    "ProveError",
    "solve_search",
    "solved_value",
]

#: residual checks a numeric certificate must pass to count (relative to its scale)
TOL = {"psd": 1e-7, "multiplier": 1e-7, "values": 1e-6}


class Space:
    """Scalars of one problem as vectors [Gram (d*d, symmetric split) | values | constant]."""

    def __init__(self, problem: Problem):
        self.points = [lf for lf in problem.leaves if lf.kind == "point"]
        self.values = [lf for lf in problem.leaves if lf.kind == "value"]
        self.pp = {lf: i for i, lf in enumerate(self.points)}
        self.fp = {lf: i for i, lf in enumerate(self.values)}
        self.d, self.nf = len(self.points), len(self.values)
        self.size = self.d * self.d + self.nf + 1

    def vec(self, s: Scalar) -> np.ndarray:
        v = np.zeros(self.size)
        d = self.d
        for key, c in s.terms.items():
            w = C.to_float(c, "lyapunov")
            if isinstance(key, tuple):
                p, q = self.pp[key[0]], self.pp[key[1]]
                if p == q:
                    v[p * d + p] += w
                else:  # <a,b> = (G_ab + G_ba)/2 each
                    v[p * d + q] += w / 2
                    v[q * d + p] += w / 2
            else:
                v[d * d + self.fp[key]] += w
        v[-1] += C.to_float(s.constant, "lyapunov")
        return v

    def columns(self, scalars: Sequence[Scalar]) -> np.ndarray:
        return (
            np.stack([self.vec(s) for s in scalars], axis=1)
            if scalars
            else np.zeros((self.size, 0))
        )


@dataclass
class Condition:
    """``sum_j M_j @ u_j - sum_i lam_i I_i`` is a nonnegative form (an S-procedure LMI)."""

    name: str
    problem: Problem
    parts: list[tuple[np.ndarray, Any]] = field(default_factory=list)
    constraints: list[Any] | None = None  # default: every constraint of the problem

    def add(self, scalars: Sequence[Scalar], coeffs: Any, space: Space, sign: float = 1.0) -> None:
        self.parts.append((sign * space.columns(scalars), coeffs))


def lmi(cp: Any, cond: Condition, space: Space) -> tuple[list[Any], dict[str, Any]]:
    cons = cond.constraints if cond.constraints is not None else cond.problem.constraints()
    slacks = space.columns([-c.expr for c in cons])
    ineq = np.array([c.sense == "<=" for c in cons], bool)
    lam = cp.Variable(len(cons)) if cons else None
    expr = sum((M @ u for M, u in cond.parts), start=np.zeros(space.size))
    if lam is not None:
        expr = expr - slacks @ lam
    d = space.d
    S = cp.Variable((d, d), PSD=True)
    out = [cp.reshape(expr[: d * d], (d, d), order="C") == S, expr[-1] >= 0]
    if space.nf:
        out.append(expr[d * d : d * d + space.nf] == 0)
    if lam is not None and ineq.any():
        out.append(lam[np.flatnonzero(ineq)] >= 0)
    return out, {"lam": lam, "S": S, "names": [c.name for c in cons], "expr": expr}


def certified(handle: dict[str, Any], scale: float) -> bool:
    """Independent check of one solved LMI: the residual form is PSD, multipliers >= 0."""
    S = handle["S"].value
    lam = handle["lam"].value if handle["lam"] is not None else np.zeros(0)
    expr = np.asarray(handle["expr"].value, float)
    if S is None or expr is None:
        return False
    n = S.shape[0]
    G = expr[: n * n].reshape(n, n)
    eig = np.linalg.eigvalsh((G + G.T) / 2) if n else np.zeros(1)
    vals = expr[n * n : -1]
    s = max(1.0, scale)
    return bool(
        eig.min(initial=0.0) >= -TOL["psd"] * s
        and (lam.min(initial=0.0) >= -TOL["multiplier"] * s)
        and (np.abs(vals).max(initial=0.0) <= TOL["values"] * s)
        and expr[-1] >= -TOL["values"] * s
    )


# -- solving the search SDPs ------------------------------------------------------------------
_log = logging.getLogger(__name__)


class ProveError(PepError):
    """A stage of the pipeline failed (the message names the stage and the culprit)."""


#: tighter than Clarabel's defaults: the numbers are rounded to rationals afterwards
SOLVER_OPTIONS: dict[str, Any] = {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}

#: solvers tried in turn by :func:`solve_search`; every switch is logged at WARNING level (the
#: numbers only guide the search: what is claimed is decided by the exact symbolic check)
ATTEMPTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("CLARABEL", SOLVER_OPTIONS),
    ("CLARABEL", {}),
    ("SCS", {"eps_abs": 1e-9, "eps_rel": 1e-9, "max_iters": 200_000}),
)


def solve_search(cp: Any, problem: Any, objective: Any, cons: list[Any]) -> int:
    """Solve with tight Clarabel tolerances, then default ones, then SCS (tiny degenerate
    SDPs, e.g. a potential forced to 0, sometimes stall one solver but not another)."""
    prob = cp.Problem(objective, cons)
    errors = []
    from pep.sdp.solvers.quiet import captured

    for attempt, (solver, options) in enumerate(ATTEMPTS):
        try:
            # accuracy is judged by rounding + the symbolic check; a Rust panic's message and
            # backtrace go to descriptor 2, captured here and logged in one line
            with warnings.catch_warnings(), captured() as noise:
                warnings.filterwarnings("ignore", message="Solution may be inaccurate")
                prob.solve(solver=solver, **options)
        except BaseException as exc:  # Clarabel can panic (a Rust panic is a BaseException)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            note = noise.summary()
            errors.append(f"{solver}: {type(exc).__name__}" + (f" ({note})" if note else ""))
            continue
        if prob.status in ("optimal", "optimal_inaccurate"):
            if attempt:
                _log.warning(
                    "numeric search: %s; solved with %s %s instead",
                    "; ".join(errors),
                    solver,
                    options,
                )
            return attempt
        errors.append(f"{solver}: {prob.status}")
        if prob.status in ("infeasible", "unbounded"):
            break
    raise ProveError(f"numeric: the SDP failed ({'; '.join(errors)})")


def solved_value(x: Any) -> np.ndarray:
    """A solved cvxpy expression's value (a solved problem always has one)."""
    if x.value is None:
        raise ProveError("numeric: the solver returned no value")
    return np.asarray(x.value, float)
