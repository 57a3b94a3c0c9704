r"""Run any step matrix, in the two settings of H-duality.

For a step matrix :math:`H` (:class:`~pep.algorithms.step_matrix.StepMatrix`),
:func:`fixed_step` gives the method :math:`x_{k+1} = x_k - \frac1L\sum_{i \le k}
h_{k+1,i}\nabla f(x_i)` on L-smooth convex f, with two PEPs:

* ``function_value(L, R)``: worst case of :math:`f(x_N) - f_\star` given
  :math:`\|x_0 - x_\star\|^2 \le R^2`;
* ``gradient_norm(L, D)``: worst case of :math:`\|\nabla f(x_N)\|^2` given
  :math:`f(x_0) - f_\star \le D`.

**H-duality** (Kim, Ozdaglar, Park and Ryu, "Time-reversed dissipation induces duality
between minimizing gradient norm and function value", NeurIPS 2023, Theorem 1): for
:math:`u > 0`,

.. math:: f(x_N) - f_\star \le \frac{L\|x_0 - x_\star\|^2}{2(1 + u)} \text{ for } H
          \iff
          \|\nabla f(x_N)\|^2 \le \frac{2L(f(x_0) - f_\star)}{1 + u} \text{ for } H^A,

where each side means "provable by the paper's energy-function argument" (a sufficient
condition for the bound, not equivalent to it). With the normalisations
:math:`(f(x_N) - f_\star)/(LR^2)` and :math:`\|\nabla f(x_N)\|^2/(4L(f(x_0) - f_\star))` the
two bounds are the same number. For OGM and OGM-G (its H-dual) both PEP values equal
:math:`1/(2\theta_N^2)`; for other methods the PEP values need not agree
(:func:`hdual_values` computes all four).

>>> p = fixed_step([[1]]).function_value()  # one gradient step, h = 1
>>> round(p.solve().value, 6)  # L R^2/(4N + 2) at N = 1
0.166667
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pep.algorithms.step_matrix import StepMatrix, h_dual
from pep.model import coefficients as C

__all__ = ["FixedStep", "fixed_step", "hdual_values", "hdual_table"]


@dataclass(frozen=True)
class FixedStep:
    """A method given by its step matrix ``H`` (sequence symbols evaluated to 40 digits)."""

    H: StepMatrix

    def run(self, problem: Any, f: Any, x0: Any, L: Any = 1) -> Any:
        """``x_N`` from ``x0``: step k+1 subtracts ``(1/L) Σ_i h_{k+1,i} ∇f(x_i)``."""
        xs, gs = [x0], []
        for k, row in enumerate(self.H.numeric_entries()):
            gs.append(f.grad(xs[k]))
            step = row[0] * gs[0]
            for g, h in zip(gs[1:], row[1:]):
                step = step + h * g
            xs.append((xs[k] - C.div(1, L) * step).with_name(f"x{k + 1}"))
        return xs[-1]

    def function_value(self, L: Any = 1, R: Any = 1) -> Any:
        r"""The PEP of :math:`f(x_N) - f_\star` given :math:`\|x_0 - x_\star\|^2 \le R^2`."""
        from pep.functions import SmoothConvex
        from pep.model.algebra import sqnorm
        from pep.model.problem import Problem

        problem = Problem()
        f = problem.function(SmoothConvex(L=L))
        x0, xs = problem.point("x0"), f.minimizer()
        problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
        problem.maximize(f(self.run(problem, f, x0, L)) - f(xs))
        return problem

    def gradient_norm(self, L: Any = 1, D: Any = 1) -> Any:
        r"""The PEP of :math:`\|\nabla f(x_N)\|^2` given :math:`f(x_0) - f_\star \le D`."""
        from pep.functions import SmoothConvex
        from pep.model.algebra import sqnorm
        from pep.model.problem import Problem

        problem = Problem()
        f = problem.function(SmoothConvex(L=L))
        x0, xs = problem.point("x0"), f.minimizer()
        problem.assume(f(x0) - f(xs) <= D, name="initial")
        problem.maximize(sqnorm(f.grad(self.run(problem, f, x0, L))))
        return problem


def fixed_step(H: Any) -> FixedStep:
    """The method of a step matrix (a :class:`StepMatrix` or a square lower-triangular
    array, e.g. ``[[1, 0], [0, 1]]`` for two gradient steps)."""
    return FixedStep(StepMatrix.from_matrix(H))


def hdual_values(H: Any, solver: str | None = None) -> dict[str, float]:
    r"""The four normalised PEP values of H-duality, at L = R = D = 1 (numerical evidence).

    ``"f(H)"`` is :math:`(f(x_N) - f_\star)/(LR^2)` for H and ``"g(H)"`` is
    :math:`\|\nabla f(x_N)\|^2/(4L(f(x_0) - f_\star))` for H; ``"f(H^A)"``, ``"g(H^A)"``
    the same for the dual. H-duality pairs ``f(H)`` with ``g(H^A)`` and ``g(H)`` with
    ``f(H^A)``.
    """
    kw = {} if solver is None else {"solver": solver}
    primal, dual = fixed_step(H), fixed_step(h_dual(H))
    return {
        "f(H)": primal.function_value().solve(**kw).value,
        "g(H^A)": dual.gradient_norm().solve(**kw).value / 4,
        "g(H)": primal.gradient_norm().solve(**kw).value / 4,
        "f(H^A)": dual.function_value().solve(**kw).value,
    }


def hdual_table(
    algorithm: Any, Ns: Any, params: Any = None, solver: str | None = None
) -> list[dict[str, Any]]:
    """:func:`hdual_values` of ``algorithm.step_matrix(N, **params)`` for each N (what
    ``pep hdual`` prints); a failed solve becomes ``{"N": N, "error": message}`` and the
    other rows are kept. A method without a step matrix raises InvalidArgument."""
    from pep.errors import SolverError

    rows: list[dict[str, Any]] = []
    for N in Ns:
        H = algorithm.step_matrix(N, **dict(params or {}))
        try:
            rows.append({"N": N, **hdual_values(H, solver=solver)})
        except SolverError as exc:
            rows.append({"N": N, "error": str(exc)})
    return rows
