r"""``solver="auto"``: pick a path from the PEP's shape; retry until the value is a bound.

Every path below solves the *full* PEP (or, for polishing, gives a certificate of it) with
Clarabel or SCS; each is also available by name. What differs is speed and accuracy,
measured in BENCHMARKS.md (N = 40; e2e against PEPit 0.5.1 with Clarabel):

* ``CLARABEL_DUAL`` (:mod:`pep.sdp.solvers.clarabel_dual`): the dual PEP, one PSD block in
  the KKT system instead of two; 2.8x (halpern) to 8.6x (ogm) PEPit, but its values stop
  ~1e-8 absolute from the optimum.
* ``polish`` (:func:`pep.sdp.basis.polish_solution`): the primal form at tight tolerances on
  the rows the best attempt's multipliers use; cheap (ogm N = 40: 83 of 1723 rows) and
  accurate. ``CLARABEL_DUAL`` then ``polish`` is 4.9x PEPit on ogm, 1.6e-7 from the closed
  form.
* ``CLARABEL_DIRECT+points`` (:mod:`pep.sdp.basis`): the Gram matrix over the evaluated
  points, sparse rows for *anchored* methods (FEG, EAG: every iterate combines every
  earlier gradient); with ``polish``, 2.9x PEPit on FEG.
* ``CLARABEL_DIRECT`` (the primal form; with the data scaled the other way than the plan's
  choice, :mod:`pep.sdp.scaling`), ``CLARABEL`` (through cvxpy, its own presolve) and
  ``SCS_DUAL`` (a first-order method).
* *whitened* (:func:`pep.sdp.whiten.whitened`): the PEP over the basis in which the best Gram matrix so far
  is the identity, solved by ``SCS_DUAL`` (no equilibration) or ``CLARABEL_DIRECT``. A
  solution-aware change of basis for PEPs whose worst case is large where the value is small
  (FISTA-G: Gram eigenvalue 70, value 0.05; Clarabel stops 1e-5 off in every other basis,
  SCS over the whitened basis reaches an estimate of 1e-8). Every row becomes dense, so only
  for ``d <=`` :data:`~pep.sdp.plan.WHITEN_DIMENSION`.
* *rescaled* (:mod:`pep.sdp.rescale`): the PEP over the points basis with the translation
  and the function-value shift it ignores fixed (:math:`x_\star = 0`, :math:`f_\star = 0`),
  scaled from the best pinned solution so far so that the worst case is of order 1. For
  linear rates, whose value is :math:`\rho^{2N}`-small while the data are of order 1:
  SC-FGM N = 14 goes from an estimate of 5e-5 (every other path) to 1e-6 (Clarabel) and
  1e-8 (SCS). Last in every plan but the LMI one, for ``d <=``
  :data:`~pep.sdp.plan.WHITEN_DIMENSION` and when the problem is known.

**The plan** (:func:`~pep.sdp.plan.plan`), from the shape of the compiled PEP:

1. *anchored* -- dense rows over the leaves (at least ``d`` Gram entries per row on average)
   whose records are at least 4x sparser over the evaluated points (:func:`~pep.sdp.plan.points_pay`):
   ``CLARABEL_DIRECT+points``, polish, ``CLARABEL_DUAL``, polish, ``CLARABEL_DIRECT``,
   *tight*, ``SCS_DUAL+points``, whitened, rescaled;
2. *small* -- Gram dimension ``d <=`` :data:`~pep.sdp.plan.SMALL_DIMENSION` (every path takes
   milliseconds; the primal form is the most accurate): ``CLARABEL_DIRECT``, polish,
   *tight*, ``CLARABEL_DIRECT`` with the other scaling, ``CLARABEL_DUAL``, ``SCS_DUAL``,
   whitened, ``CLARABEL``, rescaled;
3. otherwise: ``CLARABEL_DUAL``, polish, ``CLARABEL_DIRECT``, *tight*, ``CLARABEL_DIRECT``
   with the other scaling, ``SCS_DUAL``, whitened, ``CLARABEL``, rescaled.

A problem with PSD blocks (LMI classes, :mod:`pep.sdp.matrix_blocks`) gets only the paths
that pass them on: ``CLARABEL_DIRECT``, the same with the other scaling, ``CLARABEL``.

``SCS_DUAL`` runs before the whitened steps: it is cheap where they are not (FISTA N = 15:
2 s to an estimate of 1.3e-7, after 280 s of whitened steps that stalled at 1.5e-5).

*tight* is ``CLARABEL_DIRECT`` with :data:`~pep.sdp.plan.TIGHT_CLARABEL` tolerances, over the leaves, then
over the points basis: Clarabel's default tolerances are absolute below 1, so a small value
(linear-rate methods: TMM N = 10 is 3.8e-6) needs tighter ones for 1e-6 relative; over the
points basis an iterate is one coordinate instead of a sum of O(1) terms that cancel (ITEM
N = 20: estimate 2e-6 over the leaves, 3e-8 over the points).
*whitened* is ``SCS_DUAL`` whitened, ``CLARABEL_DIRECT`` whitened with eigenvalue floors
1e-6 and 1e-4, ``SCS_DUAL`` whitened again, each from the best Gram matrix at that time.
*rescaled* is ``CLARABEL_DIRECT`` on the pinned problem (its data scaled where that pays),
:data:`~pep.sdp.plan.RESCALE_CLARABEL` ``CLARABEL_DIRECT`` solves each scaled from the best
pinned attempt so far (the last one while every one is "0 within E"), one more with the
start's tiny scales lifted to :data:`~pep.sdp.plan.RESCALE_LIFT` of the largest (a
coordinate ~0 at the start stays frozen when scaled by its own size: SC-OGM N = 20, every
other rescaled solve stops near a quarter of the worst case), then
``SCS_DUAL`` twice (only from an attempt that is not "0 within E": from one, SCS collapses
to :math:`G = 0`). A rescaled attempt "0 within E" is never a bound, only a start (far from
the optimum the pinned solve can stop near :math:`G = 0`, where every first-order term of
the estimate vanishes: TMM N = 20, a value of 5e-17 against the tight 3.6e-12).
A rescaled attempt is judged over the leaves and over the pinned problem, the same PEP in
better-conditioned coordinates; the pinned estimate (``ErrorEstimate.pinned``) is taken when
it is smaller and not "0 within E", and only when the leaves' estimate confirms the value
within ``rtol`` in the objective's unit. Over the leaves :math:`S_\lambda` is rebuilt from
order-1 terms, a floating-point floor near 1e-16 absolute: 3e-6 relative at TMM N = 17
(value 2.3e-10) however good the solution. With the pinned estimate TMM N = 17-20 are bounds
at estimates 1.6e-8 to 1.1e-7, within 2e-8 of :math:`\kappa\rho^{2N}`; before, "0 within
E" with :math:`E` up to 9e-8 absolute. A pinned problem that were not the same PEP (a
symmetry found wrongly) would leave the restored multipliers infeasible over the leaves,
which the confirming estimate catches (tests/test_rescale.py).
A relaxed class (pairwise conditions only necessary) does not change the plan: its PEP is an
ordinary SDP and its value an upper bound like any other.

**Rules.** Every attempt is measured by :mod:`pep.sdp.accuracy`, whatever the solver's
status; the first whose relative error estimate is within ``rtol`` gives the result, and the
later steps never run. The data are scaled to order 1 where that pays
(:func:`pep.sdp.scaling.scaling_pays`). *polish* and *whitened* start from the best attempt
so far (the smallest estimate) and are skipped when there is none, or when they already ran
from it; *polish* also when its multipliers use more than :data:`~pep.sdp.plan.POLISH_SUPPORT` of the rows.
A value that is 0 within its error (:mod:`pep.sdp.accuracy`, "Zero": an absolute tolerance)
is kept aside (outcome ``"zero"``) until the *tight* steps have run, in case one of them
reaches the tolerance relative to the value (TMM N = 14: ``CLARABEL_DIRECT`` stops at
2.2e-8, 0 within 2e-8; over the points basis, 1.490116816e-8, 4.7e-7 from the tight value);
then only the *rescaled* steps run, the Clarabel ones from the last pinned attempt even when
it is 0 within its error (TMM N = 15: 0 within 3e-9 at 1.5e-8 after the tight steps,
3.72529030e-9 rescaled, 2e-10 from :math:`\kappa\rho^{2N}`; TMM N = 17: 18x off after the
pinned solve, 1e-8 after one rescaled solve; a worst case that is 0 costs four Clarabel
solves of a problem with ``d <= 48``); if none gives a bound, the kept value with the
smallest error is the bound. A solver failure (a panic, an error status, an exception) is recorded and the next
step runs; "unbounded" or "infeasible" from two attempts ends the plan with that error. When
no attempt is within ``rtol``, :class:`pep.errors.InaccurateSolve` carries the best estimate
and every attempt (or, with ``accept_inaccurate=True``, the best attempt is returned,
labelled inaccurate). ``result.attempts`` lists every attempt: path, seconds, estimate,
outcome (``"bound"`` for the one that produced the value), and the solver's captured
stderr in one line (:mod:`pep.sdp.solvers.quiet`).

User ``options`` are Clarabel settings: they apply to every Clarabel step (over the step's
own), never to SCS.

Measured (2026-12-04, shared 2-core machine, load 1-4, one fresh process each, e2e from
``setting(40)``): gd 0.67 s (``CLARABEL_DUAL`` alone, also 0.67 s), ogm 2.0 s
(``CLARABEL_DUAL`` then polish; the named path ``CLARABEL_DUAL`` + ``polish=
"CLARABEL_DIRECT"`` 2.07 s), halpern 0.88 s (``CLARABEL_DUAL``, 0.72 s named), FEG 59 s
(points then polish; 67 s named, a noisier minute); values within 1e-6 of the closed forms.

>>> from pep.algorithms import get
>>> r = get("gd").setting(2).solve()
>>> round(r.value, 7), r.is_bound, r.attempts[-1].outcome  # 1/(4N+2)
(0.1, True, 'bound')
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pep.errors import InaccurateSolve, SolverError, SolverNotInstalled
from pep.sdp.accuracy import ErrorEstimate, _dual_value, estimate, objective_unit
from pep.sdp.compile import CompiledProblem
from pep.sdp.plan import (  # noqa: F401 (re-exported: the plan was part of this module)
    POLISH_SUPPORT,
    SCS_OPTIONS,
    SCS_WHITENED,
    SMALL_DIMENSION,
    TIGHT_CLARABEL,
    WHITEN_DIMENSION,
    WHITEN_FLOORS,
    Step,
    plan,
    points_pay,
)
from pep.sdp.solvers.base import Solution, Status
from pep.sdp.whiten import whitened

__all__ = ["Step", "plan", "points_pay", "solve_auto", "SMALL_DIMENSION"]

_TERMINAL = (Status.UNBOUNDED, Status.INFEASIBLE)


@dataclass
class _Run:
    """The state of a strategy run: attempts so far and the best solution."""

    data: CompiledProblem
    problem: Any
    options: dict[str, Any]
    rtol: float
    attempts: list[Any] = field(default_factory=list)
    best: tuple[float, Solution] | None = None
    terminal: list[Solution] = field(default_factory=list)
    rebased: Any = None
    done: set[tuple[int, str]] = field(default_factory=set)  # (best solution, step) run
    zero: tuple[float, Solution, int] | None = None  # (E, solution, attempt): 0 within E
    _scaling: Any = None
    gauge: Any = None  # the pinned problem of pep.sdp.rescale (computed on first use)
    pinned: tuple[float, Solution] | None = None  # the best pinned attempt not "0 within E"
    pinned_last: Solution | None = None  # the last pinned attempt with a finite estimate
    estimates: dict[int, ErrorEstimate] = field(default_factory=dict)  # id(solution): its own

    @property
    def pinned_start(self) -> Solution | None:
        """Where a rescaled step starts: the best pinned attempt, else the last one."""
        return self.pinned[1] if self.pinned is not None else self.pinned_last

    @property
    def scaling(self) -> Any:
        """The fitted scaling of the leaves' data (computed on first use)."""
        from pep.sdp.scaling import scaling_of

        if self._scaling is None:
            self._scaling = scaling_of(self.data)
        return self._scaling

    @functools.cached_property
    def prefer_scaled(self) -> bool:
        """Whether the leaves' data are solved scaled (:func:`pep.sdp.scaling.scaling_pays`)."""
        from pep.sdp.scaling import paying_scaling

        fit = paying_scaling(self.data)
        if fit is not None:
            self._scaling = fit
        return fit is not None


def _options(step: Step, user: dict[str, Any]) -> dict[str, Any]:
    return {**step.options, **user} if step.solver.startswith("CLARABEL") else dict(step.options)


def _support(data: CompiledProblem, sol: Solution, threshold: float = 1e-6) -> float:
    """The fraction of the inequality rows whose multipliers exceed ``threshold`` of the
    largest: the rows :func:`pep.sdp.basis.polish_solution` keeps."""
    ineq = [lam for lam, b in zip(sol.duals, data.blocks) if b.sense == "<="]
    rows = sum(len(lam) for lam in ineq)
    top = max((float(np.nanmax(lam, initial=0.0)) for lam in ineq), default=0.0)
    used = sum(int(np.count_nonzero(lam > threshold * top)) for lam in ineq)
    return used / rows if rows else 0.0


def _execute(run: _Run, step: Step) -> tuple[Solution, str, str, Solution | None]:
    """Run one step: the solution over the leaves, the solver's note, the path name and, for a
    rescaled step, the solution of the pinned problem it came from."""
    from pep.sdp.basis import polish_solution, rebase
    from pep.sdp.solvers import run_adapter

    options = _options(step, run.options)
    if step.polish:
        assert run.best is not None
        best = run.best[1]
        run.done.add((id(best), step.name))
        basis = (lambda reduced: whitened(reduced, best.gram, step.floor)) if step.whiten else None
        sol, path = polish_solution(
            run.data, best, step.solver, options, problem=run.problem, basis=basis
        )
        return sol, "", path, None
    rebased = None
    if step.points:
        run.rebased = run.rebased or rebase(run.problem, "points")
        rebased = run.rebased
        if rebased.data.n_constraints != run.data.n_constraints:  # reduced data (cutting)
            raise SolverError("the points basis is for the problem's full data only")
    if step.whiten:
        assert run.best is not None
        run.done.add((id(run.best[1]), step.name))
        rebased = whitened(run.data, run.best[1].gram, step.floor)
    if step.rescale:
        return _rescaled(run, step, options)
    scale: Any = False
    scaled = False
    if step.scaling != "none" and rebased is not None:
        scale = True  # over another basis: scaled if that basis's own scaling pays
    elif step.scaling != "none":
        scaled = run.prefer_scaled != (step.scaling == "other")
        scale = run.scaling if scaled else False  # fitted once for the plan
    sol, note = run_adapter(run.data, step.solver, options, rebased=rebased, scale=scale)
    name = step.name
    if step.scaling == "other":
        name = f"{step.solver} {'scaled' if scaled else 'unscaled'}"
    return sol, note, name, None


def _rescaled(
    run: _Run, step: Step, options: dict[str, Any]
) -> tuple[Solution, str, str, Solution]:
    """A step over the pinned problem (:mod:`pep.sdp.rescale`): its solution over the leaves,
    the note, the name and the pinned solution itself."""
    from pep.sdp.rescale import FLOOR, gauge, solution_scaling
    from pep.sdp.solvers import run_adapter

    run.gauge = run.gauge or gauge(run.problem, run.data)
    scale: Any = True
    if step.scaling == "solution":
        start = run.pinned_start
        assert start is not None
        run.done.add((id(start), step.name))
        G, F = run.gauge.pinned_point(start.gram, start.values)
        floor = FLOOR if step.lift is None else step.lift
        scale = solution_scaling(run.gauge.data, G, F, floor=floor)
    sol, note = run_adapter(run.gauge.data, step.solver, options, scale=scale)
    return run.gauge.restore(sol), note, step.name, sol


def _pinned_judgement(
    run: _Run, sol: Solution, est: ErrorEstimate, pinned: Solution
) -> tuple[Solution, ErrorEstimate]:
    """The estimate of a rescaled attempt: over the pinned problem when that one is not "0
    within E" and smaller, *and* the estimate over the leaves is within ``rtol`` in the
    objective's unit -- the value is right to the leaves' own floating-point floor, and the
    pinned problem (the same PEP, better conditioned) measures it relative to itself (module
    docstring)."""
    from pep.sdp.solvers import judged

    if est.absolute > run.rtol * objective_unit(run.data):
        return sol, est  # the leaves do not confirm the value: no refinement of its error
    judged_pinned, alt = judged(pinned, run.gauge.data, run.rtol)
    if alt is None or alt.zero or not alt.relative < est.relative:
        return sol, est
    status = judged_pinned.status
    return dataclasses.replace(sol, status=status), dataclasses.replace(alt, pinned=True)


def _attempt(run: _Run, step: Step) -> Solution | None:
    """Run ``step``, record it; the judged solution when it is a bound, else None."""
    from pep.sdp.result import Attempt
    from pep.sdp.solvers import judged

    if (step.polish or step.whiten) and run.best is None:
        return None  # nothing to polish or to whiten
    if (step.polish or step.whiten) and (id(run.best[1]), step.name) in run.done:  # type: ignore[index]
        return None  # this step ran from the same best solution already
    if step.polish and _support(run.data, run.best[1]) > POLISH_SUPPORT:  # type: ignore[index]
        return None  # no smaller problem to polish on
    if step.scaling == "solution" and (
        run.pinned_start is None or (id(run.pinned_start), step.name) in run.done
    ):
        return None  # no pinned attempt to scale from, or this step ran from it
    if step.scaling == "solution" and run.pinned is None and step.solver.startswith("SCS"):
        return None  # SCS from a start "0 within E" collapses to G = 0 (TMM N = 20)
    t0 = time.perf_counter()
    try:
        sol, note, path, pinned = _execute(run, step)
    except SolverNotInstalled as exc:
        run.attempts.append(Attempt(step.name, 0.0, None, "skipped", str(exc)))
        return None
    except (SolverError, np.linalg.LinAlgError) as exc:
        run.attempts.append(Attempt(step.name, time.perf_counter() - t0, None, "failed", str(exc)))
        return None
    sol, judgement = judged(sol, run.data, run.rtol)
    if pinned is not None and judgement is not None:
        sol, judgement = _pinned_judgement(run, sol, judgement, pinned)
    seconds = time.perf_counter() - t0
    if sol.status in _TERMINAL or sol.status is Status.ERROR:
        run.attempts.append(Attempt(path, seconds, None, sol.status.value, note or sol.raw_status))
        if sol.status in _TERMINAL:
            run.terminal.append(sol)
        return None
    assert judgement is not None  # a solved status always has its estimate
    est, rel = judgement, judgement.relative
    ok = sol.status is Status.OPTIMAL
    zero_start = step.rescale and est.zero
    if step.rescale:  # "0 within E" is never a bound here, only a start (module docstring)
        ok = ok and not est.zero
        if np.isfinite(rel):
            run.pinned_last = sol
            if not est.zero and (run.pinned is None or rel < run.pinned[0]):
                run.pinned = (rel, sol)
    elif ok and est.zero:  # 0 within its error: kept until the tight steps have run
        if run.zero is None or est.absolute < run.zero[0]:
            run.zero = (est.absolute, sol, len(run.attempts))
        ok = False
    kept = not step.rescale and est.zero and sol.status is Status.OPTIMAL
    outcome = "bound" if ok else ("zero" if kept else "inaccurate")
    run.attempts.append(Attempt(path, seconds, rel, outcome, note))
    if np.isfinite(rel) and not zero_start and (run.best is None or rel < run.best[0]):
        run.best = (rel, sol)
    run.estimates[id(sol)] = est
    return sol if ok else None


def solve_auto(
    data: CompiledProblem,
    *,
    problem: Any = None,
    options: dict[str, Any] | None = None,
    rtol: float,
    dimension_reduction: Any = None,
    accept_inaccurate: bool = False,
) -> Any:
    """Run :func:`~pep.sdp.plan.plan`'s steps until one gives a bound (module docstring); a Result."""
    from pep.sdp.reduction import reduce_dimension, reduction_spec
    from pep.sdp.result import Result
    from pep.sdp.solvers import check_status

    run = _Run(data, problem, dict(options or {}), rtol)
    found = None
    steps = plan(data, problem)
    last_tight = max((k for k, s in enumerate(steps) if s.name.endswith(" tight")), default=-1)
    for k, step in enumerate(steps):
        if run.zero is not None and k > last_tight and not step.rescale:
            continue  # a value 0 within its error: only the rescaled steps may find a relative one
        found = _attempt(run, step)
        if found is not None:
            break
        common = Counter(s.status for s in run.terminal).most_common(1)
        if common and common[0][1] >= 2:
            check_status(next(s for s in run.terminal if s.status is common[0][0]), data, False)
    if found is None and run.zero is not None:
        _, found, index = run.zero
        run.attempts[index] = dataclasses.replace(run.attempts[index], outcome="bound")
    if found is None:
        if run.best is None and run.terminal:
            check_status(run.terminal[0], data, False)
        found = _give_up(run, accept_inaccurate)
    reduction = reduction_spec(dimension_reduction)  # the bound stays the one certified above
    # CLARABEL_DUAL has no PSD blocks: the cvxpy path takes its place on LMI problems
    solvers = ("CLARABEL_DIRECT", "CLARABEL" if data.psd_blocks else "CLARABEL_DUAL")
    low, more, reduced = reduce_dimension(data, found, reduction, solvers, run.options, run.rebased)
    return Result(
        data,
        found,
        problem=problem,
        worst_case_solution=low,
        attempts=(*run.attempts, *more),
        rtol=rtol,
        reduction=reduced,
        estimate=run.estimates.get(id(found)),
    )


def _give_up(run: _Run, accept_inaccurate: bool) -> Solution:
    """The best inaccurate solution (with ``accept_inaccurate``), else InaccurateSolve."""
    lines = "; ".join(
        f"{a.path}: {a.outcome}" + (f" ({a.estimate:.1e})" if a.estimate is not None else "")
        for a in run.attempts
    )
    if run.best is None:
        raise SolverError(f"every solver path failed ({lines}); no bound is reported")
    rel, sol = run.best
    if accept_inaccurate:
        return sol
    est = estimate(run.data, sol)
    raise InaccurateSolve(
        f"no solver path reached the tolerance rtol={run.rtol:g}: the best value "
        f"{_dual_value(run.data, sol):.9g} has an estimated error of {est.absolute:.2g} ({rel:.2g} "
        f"relative); this is not a bound. Attempts: {lines}. Raise rtol (pep: --rtol), or "
        "inspect it with accept_inaccurate=True (Python API)",
        estimate=est,
        attempts=tuple(run.attempts),
    )
