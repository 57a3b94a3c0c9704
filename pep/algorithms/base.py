"""What every named method provides: ``run``, ``setting`` and ``rate``.

An algorithm is a short function over the public API (``run``), the standard PEP built around
it (``setting``) and its known worst-case bound (``rate``), with the reference beside it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pep.errors import InvalidArgument
from pep.model.limits import check_horizon

__all__ = ["Rate", "Algorithm", "theta_sequence", "theta_definitions", "check_N"]


@dataclass(frozen=True)
class Rate:
    """A known worst-case bound ``measure <= value * initial``.

    ``value`` is exact (int/Fraction/sympy) where a closed form exists, a float otherwise;
    ``tight`` says whether the PEP value attains it (exact interpolation) or only stays below.
    """

    value: Any
    tight: bool
    reference: str
    measure: str
    initial: str
    formula: str

    def __float__(self) -> float:
        return float(self.value)


@dataclass(frozen=True)
class Algorithm:
    """A named method: ``run(problem, oracle, x0, N, **params)``, ``setting(N, **params)``,
    ``rate(N, **params)``."""

    name: str
    title: str
    reference: str
    defaults: Mapping[str, Any]
    run: Callable[..., Any]
    setting: Callable[..., Any]
    rate: Callable[..., Rate]
    problem_class: str = ""
    notes: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    fixed_steps: Callable[..., Any] | None = None

    def step_matrix(self, N: int, **params: Any) -> Any:
        r"""The lower-triangular step matrix :math:`H` of a fixed-step method
        (:class:`pep.algorithms.hduality.StepMatrix`), with exact entries.

        Raises :class:`~pep.errors.InvalidArgument` for methods that are not of the form
        :math:`x_{k+1} = x_k - \frac1L\sum_{i \le k} h_{k+1,i}\nabla f(x_i)`.
        """
        if self.fixed_steps is None:
            from pep.algorithms import get, names  # the registry imports this module

            fixed = [n for n in names() if get(n).fixed_steps is not None]
            raise InvalidArgument(
                f"{self.name} is not a fixed-step gradient method, so it has no step matrix; "
                f"fixed-step methods: {', '.join(fixed)}"
            )
        return self.fixed_steps(check_N(N), **self.params(**params))

    def __post_init__(self) -> None:
        # every built-in setting refuses a hopeless horizon before its model is built
        object.__setattr__(self, "setting", _guarded(self.setting))

    def params(self, **overrides: Any) -> dict[str, Any]:
        """Defaults updated with ``overrides``; unknown names raise InvalidArgument."""
        unknown = set(overrides) - set(self.defaults)
        if unknown:
            raise InvalidArgument(
                f"{self.name}: unknown parameter(s) {sorted(unknown)}; "
                f"known: {sorted(self.defaults)}"
            )
        return {**self.defaults, **overrides}


def _guarded(setting: Callable[..., Any]) -> Callable[..., Any]:
    """``setting`` behind :func:`pep.model.limits.check_horizon` (at the environment's limits):
    ``setting(10**6)`` is refused at once instead of building N^2/2 coefficients for hours."""

    @functools.wraps(setting)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        N = args[0] if args else kwargs.get("N")
        if isinstance(N, int) and not isinstance(N, bool) and N > 1:
            check_horizon(N)
        return setting(*args, **kwargs)

    return guarded


def check_N(N: Any, name: str = "N") -> int:
    if isinstance(N, bool) or not isinstance(N, int) or N < 1:
        raise InvalidArgument(f"{name}={N!r} must be an integer >= 1")
    return N


def theta_sequence(N: int, last: bool = True) -> list[float]:
    r"""OGM's :math:`\theta_0..\theta_N`: :math:`\theta_0 = 1`,
    :math:`\theta_k = (1 + \sqrt{1 + 4\theta_{k-1}^2})/2` and, if ``last``, the final
    :math:`\theta_N = (1 + \sqrt{1 + 8\theta_{N-1}^2})/2` (Kim and Fessler 2016).

    >>> [round(t, 6) for t in theta_sequence(2)]
    [1.0, 1.618034, 2.842236]
    """
    th = [1.0]
    for k in range(1, N + 1):
        c = 8 if (last and k == N) else 4
        th.append((1 + math.sqrt(1 + c * th[-1] ** 2)) / 2)
    return th


def theta_definitions(N: int, last: bool = True, names: Sequence[str] | None = None) -> list[Any]:
    r"""OGM's :math:`\theta_0..\theta_N` exactly, each term defined from the previous one.

    Term k is a number when :math:`\theta_{k-1}` is rational, else the expression
    :math:`\frac12 + \frac12\sqrt{1 + c\,\theta_{k-1}^2}` in the positive symbol
    ``names[k-1]`` (default ``theta_{k-1}``; c = 8 for the last term if ``last``, else 4). Read in order, the list
    defines every term exactly; it is the ``sequence`` of a traced step matrix
    (:func:`pep.algorithms.step_matrix.trace_with_sequence`). Closed-form nested radicals
    would be exact too, but sympy needs time exponential in k to evaluate them.

    >>> theta_definitions(2)
    [1, 1/2 + sqrt(5)/2, sqrt(8*theta_1**2 + 1)/2 + 1/2]
    """
    import sympy as sp

    th: list[Any] = [sp.Integer(1)]
    for k in range(1, N + 1):
        c = 8 if (last and k == N) else 4
        label = names[k - 1] if names is not None else f"theta_{k - 1}"
        prev = th[-1] if th[-1].is_Rational else sp.Symbol(label, positive=True)
        th.append(sp.Rational(1, 2) + sp.sqrt(1 + c * prev**2) / 2)
    return th
