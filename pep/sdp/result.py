"""The result of a solve: the certified (dual) value, the primal value, and how they were got.

The bound reported is the *dual* objective :math:`\\sum_k \\nu_k c^{obj}_k - \\sum_r \\lambda_r c_r`
computed from the solver's multipliers: the quantity a certificate proves. It is labelled
*numerical evidence* until an exact check has passed (see :meth:`Result.certificate`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from pep.sdp.accuracy import DEFAULT_RTOL, ErrorEstimate, _dual_value, _rows_and_duals, estimate
from pep.sdp.compile import CompiledProblem
from pep.sdp.solvers.base import Solution, Status

__all__ = ["Attempt", "Result", "WorstCase"]


def _finite(x: float | None) -> bool:
    return x is not None and bool(np.isfinite(x))


@dataclass(frozen=True)
class Attempt:
    """One try of a solve: the ``path`` (adapter, basis, polish, tolerances), its wall time in
    ``seconds``, the relative error ``estimate`` of its value (None when it produced none), the
    ``outcome`` (``"bound"``, ``"inaccurate"``, ``"failed"``, ``"infeasible"``, ...) and a
    one-line ``note`` (the solver's captured stderr, an error message)."""

    path: str
    seconds: float
    estimate: float | None
    outcome: str
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "seconds": round(self.seconds, 4),
            "estimate": self.estimate if _finite(self.estimate) else None,
            "outcome": self.outcome,
            "note": self.note,
        }

    def __str__(self) -> str:
        est = "-" if self.estimate is None else f"{self.estimate:.1e}"
        note = f"  [{self.note}]" if self.note else ""
        return f"{self.path:<40} {self.seconds:8.3f} s  est {est:<8} {self.outcome}{note}"


@dataclass(frozen=True)
class WorstCase:
    """A low-dimensional worst-case instance: coordinates of points and function values."""

    dimension: int
    points: dict[str, np.ndarray]
    values: dict[str, float]

    def __repr__(self) -> str:
        return f"WorstCase(dimension={self.dimension}, points={len(self.points)}, values={len(self.values)})"


class Result:
    """Outcome of :meth:`pep.Problem.solve` (a returned value; nothing is written back)."""

    def __init__(
        self,
        data: CompiledProblem,
        solution: Solution,
        *,
        problem: Any = None,
        worst_case_solution: Solution | None = None,
        verified: bool = False,
        exact_certificate: Any = None,
        attempts: tuple[Attempt, ...] = (),
        rtol: float = DEFAULT_RTOL,
        reduction: tuple[Any, ...] = (),
        estimate: ErrorEstimate | None = None,
    ):
        self.data = data
        self.solution = solution
        self.problem = problem
        self._low = worst_case_solution
        self.verified = verified
        self.exact_certificate = exact_certificate
        self.attempts = tuple(attempts)
        self.rtol = rtol
        # the dimension reduction's steps (pep.sdp.reduction.ReductionStep), first solve first
        self.reduction = tuple(reduction)
        if estimate is not None:  # the caller's estimate of this very solution (computed once)
            self.__dict__["estimate"] = estimate

    # -- accuracy (pep.sdp.accuracy) ------------------------------------------------------------
    @functools.cached_property
    def estimate(self) -> ErrorEstimate:
        """The a-posteriori error estimate of :attr:`value` (see :mod:`pep.sdp.accuracy`)."""
        return estimate(self.data, self.solution)

    @property
    def error_estimate(self) -> float:
        """Estimated bound on ``|value - true PEP value|``, in the objective's units."""
        return self.estimate.absolute

    @property
    def relative_error(self) -> float:
        """:attr:`error_estimate` relative to ``max(|value|, |primal_value|)``."""
        return self.estimate.relative

    @property
    def is_bound(self) -> bool:
        """True when :attr:`value` is reported as an upper bound: its relative error estimate
        is within the solve's ``rtol`` (numerical evidence until :meth:`certify`), or an exact
        certificate was checked."""
        if self.verified:
            return True
        return self.status is Status.OPTIMAL and self.relative_error <= self.rtol

    @property
    def path(self) -> str:
        """The attempt that produced :attr:`value` (the solver's name without attempts)."""
        used = [a for a in self.attempts if a.outcome == "bound"]
        return used[-1].path if used else (self.attempts[-1].path if self.attempts else self.solver)

    # -- values -------------------------------------------------------------------------------
    @property
    def status(self) -> Status:
        return self.solution.status

    @property
    def value(self) -> float:
        """The dual objective: the bound the multipliers certify (up to solver accuracy)."""
        return _dual_value(self.data, self.solution)

    @property
    def primal_value(self) -> float:
        return self.solution.primal_value

    @property
    def gap(self) -> float:
        """``value - primal_value`` (small for an accurate solve)."""
        return self.value - self.primal_value

    @property
    def interpolation_exact(self) -> bool:
        """False when a class with only necessary conditions (e.g. LipschitzMonotone) is used."""
        return self.data.interpolation_exact

    @property
    def label(self) -> str:
        """``verified`` only after an exact check; otherwise ``numerical evidence``."""
        kind = "verified" if self.verified else "numerical evidence"
        if self.status is Status.INACCURATE and not self.verified:
            kind = "inaccurate solve (not a bound)"
        est = self.estimate
        if kind == "numerical evidence" and est.zero:
            # the value is 0 within its error: the tolerance was absolute (pep.sdp.accuracy)
            kind = f"{kind}; 0 within {est.absolute:.1e} (absolute)"
        if not self.interpolation_exact:
            return f"upper bound (relaxed class); {kind}"
        return kind

    @property
    def solver(self) -> str:
        return self.solution.solver

    @property
    def timings(self) -> dict[str, float]:
        s = self.solution
        return {"compile": self.data.compile_time, "setup": s.setup_time, "solve": s.solve_time}

    @property
    def multipliers(self) -> dict[str, float]:
        """Multiplier of every constraint, keyed by its name (e.g. ``f:interp(x1,x*)``)."""
        out: dict[str, float] = {}
        for lam, blk in zip(self.solution.duals, self.data.blocks):
            out.update(zip(blk.names, (float(v) for v in lam)))
        return out

    @property
    def psd_multipliers(self) -> dict[str, np.ndarray]:
        """The matrix multiplier ``Z`` (PSD) of every PSD block of an LMI class, keyed by the
        block's family (e.g. ``f:lmi``); empty for problems without LMI classes."""
        return {
            blk.family: np.array(Z, float)
            for Z, blk in zip(self.solution.psd_block_duals, self.data.psd_blocks)
        }

    @property
    def objective_multipliers(self) -> np.ndarray:
        return self.solution.objective_duals

    @property
    def gram(self) -> np.ndarray:
        return self.solution.gram

    def dual_residual(self) -> float:
        r"""Largest violation of the dual identity :math:`\sum\lambda A - \sum\nu A^{obj} = S`.

        Measured entrywise on the Gram part and on the function-value part (which must be 0).
        """
        s, d = self.solution, self.data.dimension
        rg = -(s.objective_duals @ self.data.objective.gram)
        rf = -(s.objective_duals @ self.data.objective.values) if self.data.value_names else 0
        for lam, blk in _rows_and_duals(self.data, s):
            rg = rg + lam @ blk.gram
            if self.data.value_names:
                rf = rf + lam @ blk.values
        # rows carry the coefficient of G[p,q] once (p <= q); <S, G> carries it twice off-diagonal
        diff = np.abs(np.asarray(rg).reshape(d, d) - _upper_pairing(s.psd_dual)).max() if d else 0.0
        return float(max(diff, np.abs(rf).max() if np.size(rf) else 0.0))

    def accuracy(self) -> dict[str, float]:
        """A-posteriori measures of the dual certificate behind :attr:`value`.

        ``gap`` is ``|value - primal_value| / max(1, |value|)``; ``dual_residual`` the largest
        violation of the dual identity relative to ``max(1, max multiplier)``;
        ``min_multiplier`` the most negative inequality multiplier; ``psd_min_eig`` the
        smallest eigenvalue of ``S`` relative to its largest. ``error_estimate`` and
        ``relative_error`` are those of :attr:`estimate`, the measure that decides whether
        the value is a bound (the others are diagnostics).
        """
        s = self.solution
        lam = [x for x, b in zip(s.duals, self.data.blocks) if b.sense == "<="]
        flat = np.concatenate([*lam, s.objective_duals]) if lam else s.objective_duals
        scale = max(1.0, float(np.abs(flat).max(initial=0.0)))
        eig = np.linalg.eigvalsh((s.psd_dual + s.psd_dual.T) / 2) if self.data.dimension else [0.0]
        return {
            "gap": abs(self.gap) / max(1.0, abs(self.value)),
            "dual_residual": self.dual_residual() / scale,
            "min_multiplier": float(min(0.0, *(float(x.min(initial=0.0)) for x in lam))),
            "psd_min_eig": float(min(0.0, eig[0] / max(1.0, abs(eig[-1])))),
            "error_estimate": self.error_estimate,
            "relative_error": self.relative_error,
        }

    # -- worst case ---------------------------------------------------------------------------
    def worst_case(self, tol: float | None = None) -> WorstCase:
        """Coordinates of every leaf and oracle record in the fewest dimensions.

        Eigenvalues of the Gram matrix below ``tol * max eigenvalue`` are dropped. By default
        (``tol=None``) those below ``pep.sdp.reduction.RANK_RTOL`` (1e-5) times the largest
        or below the solver's noise floor (twice the largest negative eigenvalue's
        magnitude), as :attr:`reduction` counts them: a solver's small eigenvalues are only
        known to its tolerance. Solve with ``dimension_reduction="trace"`` or ``"logdet"``
        for a lower-rank example (:mod:`pep.sdp.reduction`).
        """
        from pep.sdp.reduction import RANK_RTOL, kept_eigenvalues

        sol = self._low or self.solution
        w, V = np.linalg.eigh((sol.gram + sol.gram.T) / 2)
        if tol is None:
            keep = kept_eigenvalues(w, RANK_RTOL)
        else:
            keep = w > tol * max(w.max(initial=0.0), 1e-300)
        Y = V[:, keep] * np.sqrt(w[keep])
        pos = {n: k for k, n in enumerate(self.data.point_names)}
        points = {n: Y[k] for n, k in pos.items()}
        values = dict(zip(self.data.value_names, (float(v) for v in sol.values)))
        if self.problem is not None:
            leaves = {lf.name: lf for lf in self.problem.leaves}
            idx = {leaves[n]: pos[n] for n in pos}

            def coords(p: Any) -> np.ndarray:
                out = np.zeros(Y.shape[1])
                for lf, c in p.terms.items():
                    out = out + float(c) * Y[idx[lf]]
                return out

            for o in self.problem.oracles:
                for r in o.records:
                    points.setdefault(r.label, coords(r.x))
                    points.setdefault(f"g_{o.name}({r.label})", coords(r.g))
        return WorstCase(int(keep.sum()), points, values)

    def certificate(self, **kwargs: Any) -> Any:
        """The numeric dual certificate (see :class:`pep.Certificate`)."""
        from pep.certificates.certificate import Certificate

        return Certificate.from_result(self, **kwargs)

    # -- exact certificates (pep.certificates.certificate / pep.certificates.margin) ------------------------------------
    def certify(
        self, *, bound: Any = None, slack: float = 1e-6, margin: bool = True, **solver_options: Any
    ) -> Result:
        """A copy with ``verified=True`` and ``exact_certificate`` set, after an exact check.

        ``bound=B`` certifies exactly ``B``; otherwise a tight bound is guessed, then a relaxed
        one (``B <= (1 + slack) * value``) is built, with a margin re-solve if needed (see
        :mod:`pep.certificates.margin`). Raises :class:`pep.CertificateError` naming the failed step.
        """
        from pep.certificates.margin import certify

        return certify(self, bound=bound, slack=slack, margin=margin, **solver_options)

    def resolve(
        self, data: CompiledProblem | None = None, *, solver: str | None = None, **options: Any
    ) -> Result:
        """Solve ``data`` (by default this result's compiled data) again with ``solver``
        (by default this result's own) and ``options``, for the same problem.

        A reduced-accuracy solve is returned labelled as such instead of raised: the caller
        measures it. :mod:`pep.certificates.margin` re-solves through this method, so that the
        certificate stage does not import the solvers (dependencies flow one way).
        """
        from pep.sdp.solvers import solve_compiled

        return solve_compiled(
            self.data if data is None else data,
            self.solver if solver is None else solver,
            options=options,
            problem=self.problem,
            accept_inaccurate=True,
        )

    def with_certificate(self, exact: Any) -> Result:
        """A copy labelled *verified* that carries ``exact``, after ``exact.check()`` passed.

        The check runs here, whatever the caller did before: the label cannot be set
        without it. Raises :class:`pep.CertificateError` with the failed checks otherwise.
        """
        from pep.errors import CertificateError

        check = exact.check()
        if not check.ok:
            raise CertificateError("exact check failed: " + "; ".join(check.reasons))
        return Result(
            self.data,
            self.solution,
            problem=self.problem,
            worst_case_solution=self._low,
            verified=True,
            exact_certificate=exact,
            attempts=self.attempts,
            rtol=self.rtol,
            reduction=self.reduction,
        )

    def __repr__(self) -> str:
        return (
            f"Result(value={self.value:.9g}, status={self.status.name}, solver={self.solver}, "
            f"error={self.relative_error:.1e}, label={self.label!r})"
        )


def _upper_pairing(S: np.ndarray) -> np.ndarray:
    """Coefficients of <S, G> on the upper-triangular Gram entries (off-diagonals doubled)."""
    return np.triu(2 * S, 1) + np.diag(np.diag(S))
