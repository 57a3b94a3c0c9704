r"""The plan of ``solver="auto"``: which paths, in what order, from the PEP's shape.

:func:`plan` returns the :class:`Step` list that :func:`pep.sdp.auto.solve_auto` runs until an
attempt's error estimate is within ``rtol``; the module docstring of :mod:`pep.sdp.auto`
explains each step and the measurements behind the order. The constants below are the
steps' options, each with the measurement that chose it.

>>> from pep.algorithms import get
>>> [s.name for s in plan(get("gd").setting(2).compile())][:2]
['CLARABEL_DIRECT', 'polish']
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from pep.sdp.compile import CompiledProblem

__all__ = [
    "Step",
    "plan",
    "rescaling",
    "points_pay",
    "SMALL_DIMENSION",
    "POLISH_SUPPORT",
    "TIGHT_CLARABEL",
]

SMALL_DIMENSION = 16
WHITEN_DIMENSION = 48  # the whitened basis makes every row dense: d^2/2 entries a row
SCS_OPTIONS = {"eps_abs": 1e-9, "eps_rel": 1e-9, "max_iters": 20_000}
# Clarabel's default tolerances are absolute below 1: on a value of 1e-5 they leave 1e-3
# relative (TMM N = 10: estimate 1e-2 at the defaults, 6e-7 with these; N = 14 over the
# points basis: 2e-5 with feasibility 1e-12, 6e-7 with 1e-14). Clarabel stops "almost
# solved" where it cannot reach them; the estimate judges what it returns.
TIGHT_CLARABEL = {
    "tol_gap_abs": 1e-16,
    "tol_gap_rel": 1e-14,
    "tol_feas": 1e-14,
    "tol_ktratio": 1e-10,
    "max_iter": 400,
}
# polishing re-solves on the rows the multipliers use; on more than this fraction of them it
# is the full solve again at tight tolerances (FISTA N = 15: 498 of 513 rows), so it is skipped
POLISH_SUPPORT = 0.75
# eigenvalues of G below this fraction of the largest are lifted to it, one Clarabel try per
# floor: its stall point moves with the basis (FISTA-G N = 15 from a 1.1e-6 start: floors
# 1e-8, 1e-6, 1e-4, 1e-3 gave 8.9e-7, 3.6e-6, 5.9e-7, 1.3e-6)
WHITEN_FLOORS = (1e-6, 1e-8, 1e-4)
# SCS on the whitened data converges fast and far (FISTA-G N = 20 from Clarabel's 1e-3: 11300
# iterations to an estimate of 1.4e-8; unwhitened, 100000 were not enough at N = 12); the
# congruence equilibration of SCS_DUAL would undo the whitening
SCS_WHITENED = {"eps_abs": 1e-9, "eps_rel": 1e-9, "max_iters": 20_000, "equilibrate": False}
# Clarabel solves of the pinned problem scaled from the last one (pep.sdp.rescale): each
# refines the scaling (TMM N = 17 from a start 20x off: estimates "0 within E" three times,
# then 5.7e-7 relative); SCS then converges (SC-FGM N = 17: 6.8e-6 -> 4.5e-8)
RESCALE_CLARABEL = 3
# a last Clarabel step scaled with the point's tiny scales lifted to this fraction of the
# largest: a coordinate ~0 at the start stays frozen when scaled by its own size (SC-OGM
# N = 20: the last gradient at 3e-17 of x0's energy; every rescaled solve stopped near a
# quarter of the worst case, this one reaches it and SCS from it a bound)
RESCALE_LIFT = 1e-6


@dataclass(frozen=True)
class Step:
    """One step of a plan: ``solver`` with ``options``; ``points``: over the points basis;
    ``whiten``: over the basis that whitens the best Gram matrix so far; ``polish``: re-solve
    on the best attempt's support; ``rescale``: the pinned problem of :mod:`pep.sdp.rescale`;
    ``scaling``: ``"preferred"`` (the plan's choice, see :func:`plan`), ``"other"`` (its
    opposite), ``"none"`` (:mod:`pep.sdp.scaling`) or, with ``rescale``, ``"solution"``
    (:func:`pep.sdp.rescale.solution_scaling` of the last pinned attempt)."""

    name: str
    solver: str
    options: dict[str, Any] = field(default_factory=dict)
    points: bool = False
    whiten: bool = False
    polish: bool = False
    scaling: str = "preferred"
    floor: float = 1e-6
    rescale: bool = False
    lift: float | None = None  # rescaled: the floor of solution_scaling (None: its default)


def points_pay(problem: Any, data: CompiledProblem) -> bool:
    """True when the points basis should be much sparser (see :mod:`pep.sdp.auto`).

    Rows dense over the leaves, and every record's coordinates (point and gradient) at least
    4x sparser, in sum of squared counts (a pairwise row's entries grow like the product of
    its two records' counts), over the basis of :func:`pep.sdp.basis.point_basis`."""
    from pep.sdp.basis import point_basis
    from pep.sdp.compile import _rows

    d, m = data.dimension, data.n_constraints
    nnz = sum(b.gram.nnz for b in data.blocks)
    if problem is None or m == 0 or nnz < m * d:
        return False
    leaves = [lf for lf in problem.leaves if lf.kind == "point"]
    pos = {lf: k for k, lf in enumerate(leaves)}
    recs = [r for o in problem.oracles for r in o.records]
    X = sp.vstack([_rows([r.x for r in recs], pos, d), _rows([r.g for r in recs], pos, d)])
    over = (X @ sp.csr_matrix(point_basis(problem).leaf_coordinates)).toarray()
    big = np.abs(over) > 1e-12 * max(float(np.abs(over).max(initial=0.0)), 1e-300)
    n = len(recs)

    def score(counts: np.ndarray) -> float:
        return float(((counts[:n] + counts[n:]) ** 2).sum())

    return 4 * score(big.sum(1)) <= score(np.diff(sp.csr_matrix(X).indptr))


def rescaling(data: CompiledProblem, problem: Any = None) -> list[Step]:
    """The steps of :mod:`pep.sdp.rescale` (none without the problem, or above
    :data:`WHITEN_DIMENSION`): the pinned problem scaled from its data, then
    :data:`RESCALE_CLARABEL` Clarabel solves, one with the start's tiny scales lifted
    (:data:`RESCALE_LIFT`) and two SCS solves, each scaled from the best pinned attempt so far."""
    if problem is None or data.dimension > WHITEN_DIMENSION:
        return []
    pinned = Step("CLARABEL_DIRECT pinned", "CLARABEL_DIRECT", TIGHT_CLARABEL, rescale=True)
    again = dataclasses.replace(pinned, scaling="solution")
    scs = Step("SCS_DUAL rescaled", "SCS_DUAL", SCS_WHITENED, rescale=True, scaling="solution")
    return [
        pinned,
        *(
            dataclasses.replace(again, name=f"CLARABEL_DIRECT rescaled {k}")
            for k in range(1, RESCALE_CLARABEL + 1)
        ),
        dataclasses.replace(again, name="CLARABEL_DIRECT rescaled lifted", lift=RESCALE_LIFT),
        scs,
        dataclasses.replace(scs, name="SCS_DUAL rescaled again"),
    ]


def plan(data: CompiledProblem, problem: Any = None) -> list[Step]:
    """The steps for ``data`` (see :mod:`pep.sdp.auto`)."""
    polish = Step("polish", "CLARABEL_DIRECT", polish=True)
    direct = Step("CLARABEL_DIRECT", "CLARABEL_DIRECT")
    other = Step("CLARABEL_DIRECT other scaling", "CLARABEL_DIRECT", scaling="other")
    dual = Step("CLARABEL_DUAL", "CLARABEL_DUAL")
    scs = Step("SCS_DUAL", "SCS_DUAL", SCS_OPTIONS)
    cvxpy = Step("CLARABEL (cvxpy)", "CLARABEL")
    tight = Step("CLARABEL_DIRECT tight", "CLARABEL_DIRECT", TIGHT_CLARABEL)
    tight_points = Step(
        "CLARABEL_DIRECT+points tight", "CLARABEL_DIRECT", TIGHT_CLARABEL, points=True
    )
    tights = [tight, tight_points] if problem is not None else [tight]
    whiten = Step(
        "CLARABEL_DIRECT whitened", "CLARABEL_DIRECT", TIGHT_CLARABEL, whiten=True, scaling="none"
    )
    whitening = []
    if data.dimension <= WHITEN_DIMENSION:  # each from the best G so far: a refinement
        scs_w = Step("SCS_DUAL whitened", "SCS_DUAL", SCS_WHITENED, whiten=True, scaling="none")
        whitening = [
            scs_w,
            *(
                dataclasses.replace(whiten, name=f"CLARABEL_DIRECT whitened {f:.0e}", floor=f)
                for f in WHITEN_FLOORS
            ),
            dataclasses.replace(scs_w, name="SCS_DUAL whitened again"),
        ]
    if data.psd_blocks:  # LMI classes: only the paths that pass PSD blocks on
        return [direct, other, cvxpy]
    last = rescaling(data, problem)  # after every other step: linear rates at large N
    if points_pay(problem, data):
        first = Step("CLARABEL_DIRECT+points", "CLARABEL_DIRECT", points=True)
        scs_points = dataclasses.replace(scs, name="SCS_DUAL+points", points=True)
        return [first, polish, dual, polish, direct, *tights, scs_points, *whitening, *last]
    if data.dimension <= SMALL_DIMENSION:
        return [direct, polish, *tights, other, dual, scs, *whitening, cvxpy, *last]
    return [dual, polish, direct, *tights, other, scs, *whitening, cvxpy, *last]
