r"""Low-dimensional worst cases: the trace and the iterated log-det heuristics.

A PEP's optimal Gram matrix :math:`G` is the Gram matrix of a worst-case instance in
:math:`\operatorname{rank} G` dimensions. An interior-point solver returns a point near the
centre of the optimal face, usually of full rank; a worst case in few dimensions is an
optimal point of small rank. Rank minimisation is hard, so after the bound is solved the
solver is asked, among the points whose objective is within ``rtol`` of the bound,

.. math:: \min_{G, F}\ \langle W, G\rangle \quad\text{s.t. the PEP's constraints},\quad
   \text{objective}_k(G, F) \ge v - \text{rtol}\cdot|v| \ \text{for every } k,

where :math:`v` is the solved value.

* ``"trace"``: one re-solve with :math:`W = I` (over the basis the solver sees), the convex
  envelope of the rank on the spectral-norm ball (Fazel 2002).
* ``"logdet"``: ``steps`` re-solves with :math:`W_k = (\hat G_{k-1} + \delta_k I)^{-1}`, where
  :math:`G_0` is the first solve's Gram matrix, :math:`\hat G` is :math:`G` with the
  eigenvalues the rank count drops set to zero, and :math:`\delta_k` is ``DELTA`` times
  :math:`\hat G_{k-1}`'s largest eigenvalue. Each step minimises the linearisation at
  :math:`G_{k-1}` of the concave :math:`\log\det(G + \delta I)`, a smooth surrogate of the
  rank, so the surrogate decreases from step to step (Fazel, Hindi, Boyd 2003). Directions
  that :math:`G_{k-1}` hardly uses cost :math:`1/\delta` times more than the others and are
  dropped. PEPit calls this heuristic ``"logdetK"`` (Goujaud, Moucer, Glineur, Hendrickx,
  Taylor, Dieuleveut 2024); here the regularisation is relative to :math:`G`'s scale.

Dimensions are counted by :func:`dimension`: eigenvalues above ``RANK_RTOL`` times the
largest, and above the noise floor (twice the largest negative eigenvalue's magnitude: a
solver's :math:`G` is PSD only up to its tolerance, so an eigenvalue of the size of the
negative ones is indistinguishable from zero).

The bound is never touched: the re-solves only pick an example among near-optimal points.
Each re-solve is recorded as an :class:`pep.sdp.result.Attempt` (outcome ``"example"`` when
it is used); the dimensions along the way are recorded as :class:`ReductionStep` s. A failed
re-solve ends the sequence with a warning, keeping the lowest-dimensional example found so far
(the first solve's worst case if there is none).

>>> from pep.algorithms import get
>>> r = get("gd").setting(3).solve("CLARABEL_DIRECT", dimension_reduction="logdet")
>>> [s.dimension for s in r.reduction][-1], r.worst_case(tol=RANK_RTOL).dimension
(1, 1)

References: M. Fazel, H. Hindi, S. Boyd, "Log-det heuristic for matrix rank minimization with
applications to Hankel and Euclidean distance matrices", Proc. American Control Conference
(2003); M. Fazel, "Matrix rank minimization with applications", PhD thesis, Stanford (2002);
B. Goujaud et al., "PEPit: computer-assisted worst-case analyses of first-order optimization
methods in Python", Math. Program. Comput. 16 (2024).
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from pep.errors import InvalidArgument, SolverError
from pep.sdp.accuracy import _dual_value
from pep.sdp.compile import CompiledProblem
from pep.sdp.result import Attempt
from pep.sdp.solvers.base import Solution, Status

__all__ = [
    "HEURISTICS",
    "DEFAULT_RTOL",
    "DEFAULT_STEPS",
    "RANK_RTOL",
    "DELTA",
    "Reduction",
    "ReductionStep",
    "reduction_spec",
    "dimension",
    "kept_eigenvalues",
    "reduce_dimension",
]

HEURISTICS = ("trace", "logdet")
DEFAULT_RTOL = 1e-5  # objective slack, relative: room for a low-rank point below the optimum
DEFAULT_STEPS = 5  # log-det re-solves (a step stops the sequence early at dimension <= 1)
# eigenvalues below this fraction of the largest are not counted; above an interior-point
# solver's accuracy on the small eigenvalues of a near-optimal point (gd N = 3 after the
# trace re-solve: a spurious 5.7e-7 next to -2.1e-7), far below a real coordinate
RANK_RTOL = 1e-5
DELTA = 1e-3  # log-det regularisation, relative to the largest eigenvalue
_SOLVED = (Status.OPTIMAL, Status.INACCURATE)


@dataclass(frozen=True)
class Reduction:
    """What ``solve(dimension_reduction=...)`` asks for: the ``heuristic`` (``"trace"`` or
    ``"logdet"``), the number of re-solves ``steps`` and the objective slack ``rtol``."""

    heuristic: str
    steps: int = 1
    rtol: float = DEFAULT_RTOL


@dataclass(frozen=True)
class ReductionStep:
    """One point of the reduction: ``name`` (``"solve"`` for the first solve's worst case,
    ``"trace"``, ``"logdet k/K"``), the ``dimension`` of its Gram matrix (:func:`dimension`),
    its PEP ``objective`` and the weighted trace :math:`\\langle W, G\\rangle` it minimised
    (None for the first solve)."""

    name: str
    dimension: int
    objective: float
    weighted_trace: float | None = None


def reduction_spec(
    dimension_reduction: Any, steps: Any = None, rtol: Any = None
) -> Reduction | None:
    """The validated request: ``dimension_reduction`` is None, ``"trace"``, ``"logdet"``,
    ``"logdetK"`` (PEPit's spelling, K steps) or a :class:`Reduction`; ``steps`` (log-det
    only, default :data:`DEFAULT_STEPS`) and ``rtol`` (default :data:`DEFAULT_RTOL`).

    >>> reduction_spec("logdet3")
    Reduction(heuristic='logdet', steps=3, rtol=1e-05)
    >>> reduction_spec("trace", rtol=1e-4)
    Reduction(heuristic='trace', steps=1, rtol=0.0001)
    """
    if isinstance(dimension_reduction, Reduction):
        if steps is not None or rtol is not None:
            raise InvalidArgument("give steps and rtol inside the Reduction, not beside it")
        return dimension_reduction
    if dimension_reduction is None:
        if steps is not None or rtol is not None:
            raise InvalidArgument(
                "reduction_steps and reduction_rtol need dimension_reduction='trace' or 'logdet'"
            )
        return None
    name = dimension_reduction if isinstance(dimension_reduction, str) else None
    match = re.fullmatch(r"(trace|logdet)(\d*)", name or "")
    if match is None or (match.group(1) == "trace" and match.group(2)):
        raise InvalidArgument(
            f"dimension_reduction={dimension_reduction!r}; use None, 'trace', 'logdet' or "
            "'logdetK' (K log-det steps, e.g. 'logdet3')"
        )
    heuristic, digits = match.group(1), match.group(2)
    if digits and steps is not None:
        raise InvalidArgument(
            f"dimension_reduction={name!r} and reduction_steps={steps!r} both give the steps"
        )
    if digits:
        steps = int(digits)
    if heuristic == "trace" and steps not in (None, 1):
        raise InvalidArgument(f"reduction_steps={steps!r}: the trace heuristic is one re-solve")
    n = 1 if heuristic == "trace" else (DEFAULT_STEPS if steps is None else steps)
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 100:
        raise InvalidArgument(f"reduction_steps={steps!r} must be an integer in 1..100, e.g. 5")
    tol = DEFAULT_RTOL if rtol is None else rtol
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 < tol < 1:
        raise InvalidArgument(f"reduction_rtol={rtol!r} must be a number in (0, 1), e.g. 1e-5")
    return Reduction(heuristic, n, float(tol))


def _spectrum(G: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.linalg.eigh((G + G.T) / 2)  # type: ignore[no-any-return]


def kept_eigenvalues(w: np.ndarray, rtol: float = RANK_RTOL) -> np.ndarray:
    """Which of the eigenvalues ``w`` count (:func:`dimension`)."""
    top = float(w.max(initial=0.0))
    floor = max(rtol * top, 2 * float(-w.min(initial=0.0)), 1e-300)
    return w > floor  # type: ignore[no-any-return]


def dimension(G: np.ndarray, rtol: float = RANK_RTOL) -> int:
    """The number of eigenvalues of ``G`` above ``rtol`` times the largest and above twice
    the largest negative eigenvalue's magnitude (the solver's noise floor).

    >>> dimension(np.diag([1.0, 1e-3, 1e-9, -1e-8]))
    2
    """
    if not G.size or not np.isfinite(G).all():
        return 0
    return int(kept_eigenvalues(_spectrum(G)[0], rtol).sum())


def _weight(G: np.ndarray) -> np.ndarray:
    """:math:`(\\hat G + \\delta I)^{-1}` (module docstring)."""
    w, V = _spectrum(G)
    hat = np.where(kept_eigenvalues(w, RANK_RTOL), w, 0.0)
    delta = DELTA * max(float(hat.max(initial=0.0)), 1e-300)
    return (V / (hat + delta)) @ V.T  # type: ignore[no-any-return]


def _objective(data: CompiledProblem, sol: Solution) -> float:
    return float(np.min(data.objective.evaluate(sol.gram, sol.values)))


def _one_step(
    data: CompiledProblem,
    name: str,
    level: float,
    weight: np.ndarray | None,
    solvers: tuple[str, ...],
    options: dict[str, Any],
    rebased: Any,
) -> tuple[Solution | None, list[Attempt], list[str]]:
    """One weighted-trace re-solve, ``solvers`` tried in turn (over ``rebased``'s basis, then
    over the leaves) until one stops at full accuracy (else the last finite answer is kept)."""
    from pep.sdp.solvers import run_adapter

    # over another basis (points: ill-conditioned) a re-solve may stall; the leaves then
    paths = [(solver, rebased) for solver in solvers]
    if rebased is not None:
        paths.append((solvers[0], None))
    found, attempts, errors = None, [], []
    for solver, basis in paths:
        path = f"{name} {solver}" + ("+points" if basis is not None else "")
        t0 = time.perf_counter()
        try:
            low, note = run_adapter(
                data, solver, options, rebased=basis, trace_level=level, trace_weight=weight
            )
        except SolverError as exc:
            attempts.append(Attempt(path, time.perf_counter() - t0, None, "failed", str(exc)))
            errors.append(str(exc))
            continue
        seconds = time.perf_counter() - t0
        if low.status in _SOLVED and np.isfinite(low.gram).all():
            found = low
            outcome = "example" if low.status is Status.OPTIMAL else "example (inaccurate)"
            attempts.append(Attempt(path, seconds, None, outcome, note))
            if low.status is Status.OPTIMAL:
                break
        else:
            attempts.append(Attempt(path, seconds, None, low.status.value, note))
            errors.append(f"{low.solver} returned status {low.raw_status!r}")
    return found, attempts, errors


def reduce_dimension(
    data: CompiledProblem,
    sol: Solution,
    spec: Reduction | None,
    solvers: str | tuple[str, ...],
    options: dict[str, Any],
    rebased: Any = None,
) -> tuple[Solution | None, tuple[Attempt, ...], tuple[ReductionStep, ...]]:
    """Run ``spec``'s heuristic from the solved ``sol`` (module docstring): the example (None
    when no re-solve succeeded, with a one-line warning; or when ``spec`` is None, nothing
    asked), the attempts, and the steps."""
    if spec is None:
        return None, (), ()
    value = min(sol.primal_value, _dual_value(data, sol))
    # relative: tiny values keep their meaning; below the value: the thin set just below the
    # optimum stalls the solver, the slack leaves room for a low-rank point
    level = value - spec.rtol * max(abs(sol.primal_value), abs(value))
    names = (solvers,) if isinstance(solvers, str) else tuple(solvers)
    steps = [ReductionStep("solve", dimension(sol.gram), _objective(data, sol))]
    attempts: list[Attempt] = []
    best: Solution | None = None
    best_dim, current = steps[0].dimension, sol.gram
    for k in range(1, spec.steps + 1):
        if spec.heuristic == "trace":
            name, weight = "trace", None
        else:
            name, weight = f"logdet {k}/{spec.steps}", _weight(current)
        low, tried, errors = _one_step(data, name, level, weight, names, options, rebased)
        attempts += tried
        if low is None:
            kept = "the lowest-dimensional example so far" if best else "the first solve's"
            warnings.warn(
                f"low-rank worst case not found ({name} re-solve: {'; '.join(errors)}); the "
                f"bound stands, the example is {kept} worst case",
                stacklevel=5,  # the caller of Problem.solve
            )
            break
        dim = dimension(low.gram)
        steps.append(ReductionStep(name, dim, _objective(data, low), low.primal_value))
        if best is None or dim <= best_dim:
            best, best_dim = low, dim
        current = low.gram
        if dim <= 1:
            break  # no fewer dimensions to find
    return best, tuple(attempts), tuple(steps)
