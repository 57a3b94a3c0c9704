r"""A Clarabel adapter that poses the *dual* PEP: multipliers are the solver's variables.

The compiled PEP (:mod:`pep.sdp.compile`) is

.. math:: \max_{G \succeq 0,\, F}\ \min_k\ \langle O_k, G\rangle + o_k^\top F + c_k
   \quad\text{s.t.}\quad \langle A_r, G\rangle + a_r^\top F + c_r \le 0,\quad
   \langle E_j, G\rangle + e_j^\top F + c_j = 0 .

Its Lagrange dual (Drori-Teboulle 2014; the identity of ``docs/certificate-format.md``) is

.. math:: \min_{\lambda \ge 0,\, \mu,\, \nu \ge 0}\ \sum_k \nu_k c_k - \sum_r \lambda_r c_r
   - \sum_j \mu_j c_j \quad\text{s.t.}\quad \sum_k \nu_k = 1,\quad
   \sum_r \lambda_r a_r + \sum_j \mu_j e_j - \sum_k \nu_k o_k = 0,

.. math:: S = \sum_r \lambda_r A_r + \sum_j \mu_j E_j - \sum_k \nu_k O_k \succeq 0 .

It is handed to Clarabel as :math:`\min c^\top y` s.t. :math:`Ay + s = b`,
:math:`s \in \mathcal K` with :math:`y = (\text{multipliers of every block in block order},
\nu)` and the cones, in this order,

* zero cone: one row per function value (the :math:`F`-stationarity above) and
  :math:`\sum_k \nu_k = 1`;
* nonnegative cone: :math:`s = (\lambda, \nu)` (equality multipliers :math:`\mu` stay free);
* PSD triangle cone: :math:`s = \operatorname{svec}(S)`. A compiled Gram column ``p*d + q``
  (``p <= q``) holds the coefficient of :math:`G_{pq}`, so the symmetric matrix :math:`A_r` has
  half of it off the diagonal, and svec scales off-diagonals by :math:`\sqrt 2`: the svec
  coefficient is the compiled one divided by :math:`\sqrt 2` off the diagonal.

Clarabel's own dual :math:`z` is then the PEP's primal point: :math:`G = \operatorname{smat}
(z_{psd})`, :math:`F = -z_F` (the zero-cone duals of the :math:`F` rows, sign flipped), and
the nonnegative duals are the constraint slacks. Clarabel's "primal infeasible" therefore
means an infeasible *dual* PEP, i.e. an unbounded (feasible) PEP, and vice versa: the status
map is swapped.

Why it is cheaper. In the primal form (:mod:`pep.sdp.solvers.clarabel_direct`) the dense block
:math:`\operatorname{svec}(G)` appears twice in Clarabel's KKT system: as variables (filled by
the dense interpolation rows) and as the PSD cone's scaling block. Here the variables are the
multipliers and the svec block appears once, as the PSD scaling block; the factorisation cost
grows like (number of multipliers) x (svec size)^2 instead. Measured with Clarabel 0.11.1
(shared 2-core machine, load ~3, medians of 3): OGM N = 20, 0.10 s against 0.74 s in the
primal form; GD N = 20, 0.08 s against 0.21 s; Halpern N = 20, 0.06 s against 0.09 s; on a
quiet machine at N = 20 (EAG, FEG) and N = 40 (OGM, Halpern, GD) 1.4x to 7x (see
BENCHMARKS.md when recorded). Not on FEG N = 40 (d = 82, 6481 rows): about 2 s per
iteration in both forms, and the dual form stops ``AlmostSolved`` there.

When it is less accurate. Clarabel's stopping tests are then on the multipliers, and the
worst-case point :math:`G` is Clarabel's dual iterate: both objectives settle about 1e-8 in
absolute terms above the optimum, which is large relative to a small value. Measured: OGM
N = 20 (value 1.9e-3) 5.5e-6 relative to the closed form, also with tolerances 1e-10 (primal
form 6e-7, and 7e-8 with 1e-10); Halpern N = 20 4e-6 (primal form 5e-7); FEG N = 10 2e-6
(primal form 9e-8). In each of these cases the value lay above the closed form (the
multipliers are dual feasible to ~1e-9, so it is an upper bound up to that); this is observed,
not guaranteed. Use ``CLARABEL_DIRECT`` when the last digits matter.

``trace_level`` (``dimension_reduction="trace"``): the primal problem "minimise
:math:`\operatorname{tr} G` subject to every objective row :math:`\ge` level" has the dual
above with the identity added to :math:`S`, each objective weight's cost :math:`c_k` lowered
by ``level`` and no :math:`\sum_k \nu_k = 1` row; the same data with those three changes.

Selected by name only (``solver="CLARABEL_DUAL"``); never used as a fallback.

>>> from pep.algorithms import get
>>> r = get("gd").setting(2).solve(solver="CLARABEL_DUAL")
>>> round(r.value, 7), r.solver  # 1/(4N + 2) at N = 2 (Drori-Teboulle 2014)
(0.1, 'CLARABEL_DUAL')

References: Y. Drori, M. Teboulle, "Performance of first-order methods for smooth convex
minimization: a novel approach", Math. Program. 145 (2014) (the PEP and its dual);
P. J. Goulart, Y. Chen, "Clarabel: An interior-point solver for conic programs with quadratic
objectives", arXiv:2405.12762 (2024).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from pep.sdp.compile import CompiledProblem
from pep.sdp.solvers.base import Solution, Status
from pep.sdp.solvers.clarabel_direct import (
    _STATUS,
    _version,
    block_triplets,
    run_clarabel,
    run_info,
    svec_index,
    svec_positions,
    symmetric,
)

__all__ = ["NAME", "DualData", "dual_data", "dual_solution_from", "solve_clarabel_dual"]

NAME = "CLARABEL_DUAL"

# Clarabel solves the PEP's dual, so its "primal infeasible" is an unbounded PEP and its
# "dual infeasible" an infeasible one; every other status means the same in both forms.
_SWAP = {Status.INFEASIBLE: Status.UNBOUNDED, Status.UNBOUNDED: Status.INFEASIBLE}
_DUAL_STATUS = {name: _SWAP.get(status, status) for name, status in _STATUS.items()}


@dataclass(frozen=True)
class DualData:
    r"""``min c y  s.t.  A y + s = b``, ``s`` in (zero^n_zero, nonneg^n_nonneg, PSD(d)).

    ``y`` holds the multipliers of ``data.blocks`` in block order (``n_rows`` of them), then
    the objective weights :math:`\nu`; ``p, qq, scale`` are the svec order of the PSD cone.
    """

    c: np.ndarray
    A: sp.csc_matrix
    b: np.ndarray
    n_zero: int
    n_nonneg: int
    n_rows: int
    p: np.ndarray
    qq: np.ndarray
    scale: np.ndarray


def dual_data(
    data: CompiledProblem,
    trace_level: float | None = None,
    order: str = "upper_col",
    trace_weight: np.ndarray | None = None,
) -> DualData:
    r"""Standard conic form of the dual PEP (see the module docstring) in a solver's svec order
    (``"upper_col"`` for Clarabel, ``"lower_col"`` for SCS). With ``trace_level``, the
    objective is :math:`\langle W, G\rangle` for ``trace_weight`` :math:`W` (a symmetric
    matrix, or a vector ``w`` for :math:`\operatorname{diag}(w)`; default :math:`I`, the
    trace): the identity added to :math:`S` becomes :math:`W`."""
    d, nf, m, no = data.dimension, len(data.value_names), data.n_constraints, len(data.objective)
    p, qq, scale = svec_index(d, order)
    ns, n = len(p), m + no
    signs = [1.0] * len(data.blocks) + [-1.0]  # the objective rows enter S negated
    gr, gc, gv, vr, vc, vv = block_triplets([*data.blocks, data.objective], signs)
    n_zero = nf + (1 if trace_level is None else 0)
    inequality = np.concatenate(
        [np.full(len(blk), blk.sense == "<=") for blk in data.blocks] + [np.ones(no, bool)]
    )
    picked = np.flatnonzero(inequality)
    svec_row = svec_positions(d, p, qq)[gc]
    # svec(S) = K y: the svec coefficient of a compiled entry is c (diagonal) or c/sqrt 2
    coef = np.where(p == qq, 1.0, 1.0 / math.sqrt(2.0))[svec_row]
    rows = [vc, np.arange(len(picked)) + n_zero, svec_row + n_zero + len(picked)]
    cols = [vr, picked, gr]
    vals = [vv, -np.ones(len(picked)), -gv * coef]
    if trace_level is None:  # sum of the objective weights = 1
        rows.append(np.full(no, nf))
        cols.append(np.arange(m, n))
        vals.append(np.ones(no))
    shape = (n_zero + len(picked) + ns, n)
    A = sp.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape)
    W = np.eye(d) if trace_weight is None else np.asarray(trace_weight, float)
    W = np.diag(W) if W.ndim == 1 else (W + W.T) / 2
    psd_b = np.zeros(ns) if trace_level is None else W[p, qq] * scale  # svec(W)
    b = np.concatenate([np.zeros(nf), np.ones(n_zero - nf), np.zeros(len(picked)), psd_b])
    level = 0.0 if trace_level is None else trace_level
    c = np.concatenate([*(-blk.const for blk in data.blocks), data.objective.const - level])
    return DualData(c, A, b, n_zero, len(picked), m, p, qq, scale)


def dual_solution_from(
    data: CompiledProblem,
    dd: DualData,
    y: np.ndarray,
    z: np.ndarray,
    status: Status,
    trace: bool,
    **info: Any,
) -> Solution:
    """Map Clarabel's ``(x, z)`` for :func:`dual_data` back to a :class:`Solution`.

    ``y`` (Clarabel's ``x``) holds the multipliers; ``z`` the PEP point, :math:`G` in its PSD
    part and :math:`-F` in its first ``nf`` entries. :math:`S` is rebuilt from ``y`` rather
    than read from Clarabel's slack ``s``: then the dual identity holds to rounding and the
    solver's tolerance shows up as tiny negative eigenvalues / multipliers instead, which is
    measured smaller (FEG N = 10: identity residual 1e-7 from ``s``, eigenvalue -6e-9 from
    ``y``) and is what :meth:`pep.Result.accuracy` and the rounding step cope with best.
    """
    d, nf, m, ns = data.dimension, len(data.value_names), dd.n_rows, len(dd.p)
    ok = status in (Status.OPTIMAL, Status.INACCURATE)
    if not ok:
        y, z = np.full(len(y), np.nan), np.full(len(z), np.nan)
    svec_S = dd.b[len(dd.b) - ns :] - dd.A[len(dd.b) - ns :] @ y
    G = symmetric(z[len(z) - ns :] / dd.scale, dd.p, dd.qq, d)
    S = symmetric(svec_S / dd.scale, dd.p, dd.qq, d)
    F = -z[:nf]
    # min-trace solve: <W, G> = svec(W) . svec(G); otherwise the PEP objective at (G, F),
    # its smallest row
    objective = float(np.min(data.objective.evaluate(G, F))) if ok else math.nan
    psd_b = dd.b[len(dd.b) - ns :]
    primal = float(psd_b @ z[len(z) - ns :]) if trace else objective
    cuts = np.cumsum([0, *(len(blk) for blk in data.blocks)])
    return Solution(
        status=status,
        primal_value=primal,
        gram=G,
        values=F.copy(),
        duals=tuple(y[a:b].copy() for a, b in zip(cuts[:-1], cuts[1:])),
        objective_duals=y[m:].copy(),
        psd_dual=S,
        **info,
    )


def solve_clarabel_dual(
    data: CompiledProblem,
    options: dict[str, Any],
    trace_level: float | None = None,
    trace_weight: np.ndarray | None = None,
) -> Solution:
    """Solve the compiled PEP in dual form with Clarabel (see the module docstring)."""
    t0 = time.perf_counter()
    dd = dual_data(data, trace_level, trace_weight=trace_weight)
    run = run_clarabel(dd.c, dd.A, dd.b, (dd.n_zero, dd.n_nonneg, data.dimension), options, t0)
    status = _DUAL_STATUS.get(run.raw_status, Status.ERROR)
    info = run_info(run, NAME, _version(), dict(options))
    return dual_solution_from(data, dd, run.x, run.z, status, trace_level is not None, **info)
