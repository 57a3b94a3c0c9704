r"""Proof skeletons and potential templates for :func:`pep.prove.prove`.

A spec says *what* to prove and *which potentials* to search — never the potential itself:
the state and step (the library's own ``step`` functions, or a method written only with the
public API), the measure, and a template of monomials with one normalization. The numbers,
the multiplier pattern and the closed forms come from :mod:`pep.autoproof`.

Parameters are fixed to ``L = 1`` / ``alpha = 1`` (the closed forms are guessed from numbers);
the generated proofs say so.

>>> sorted(names())
['appm', 'feg', 'gd', 'halpern', 'km']
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from pep import LipschitzMonotone, Monotone, Nonexpansive, SmoothConvex, sqnorm
from pep.algorithms import appm, feg, gd, halpern
from pep.autoproof import AutoTemplate, Spec
from pep.errors import InvalidArgument

__all__ = ["get", "names"]


def _skeleton(**kw: Any) -> Any:
    from pep.symbolic import Proof

    base: dict[str, Any] = {
        "params": {},
        "rate": lambda c, at: 0,
        "links": (),
        "tight": False,
    }
    base.update(kw)
    return Proof(**base)


# -- gradient descent, h = 1 ----------------------------------------------------------------------
def _gd() -> Spec:
    from pep.symbolic import State

    def step(c: Any, s: Any, at: Any) -> Any:
        return State(x=gd.step(s.x, c.f, 1))

    sk = _skeleton(
        name="gd",
        title="Gradient descent (h = 1, L = 1)",
        problem="1-smooth convex minimization",
        method="x_{k+1} = x_k - g_k",
        measure_text="f(x_N) - f(x*) <= rate * ||x_0 - x*||^2",
        theorem="discovered by pep.prove",
        reference="Y. Drori, M. Teboulle, Math. Program. 145 (2014) (known rate)",
        declare=lambda c: {"f": c.problem.function(SmoothConvex(L=1))},
        origin=lambda c: c.f.minimizer(),
        state=("x",),
        start=lambda c, x0: State(x=x0),
        step=step,
        initial_measure=lambda c, s: sqnorm(s.x - c.star),
        measure=lambda c, s, at: c.f(s.x) - c.f(c.star),
        algorithm="gd",
        algorithm_params=lambda p: {"L": 1},
    )
    tmpl = AutoTemplate(
        monomials=lambda c, s, at: {
            "f(x_k) - f*": c.f(s.x) - c.f(c.star),
            "||x_k - x*||^2": sqnorm(s.x - c.star),
        },
        weight="f(x_k) - f*",
        fixed={"||x_k - x*||^2": Fraction(1, 2)},
        c0=Fraction(1, 2),
        final_c1=False,
    )
    return Spec(sk, tmpl, notes="template a_k (f_k - f*) + b ||x_k - x*||^2 with b = L/2 fixed")


# -- Halpern / OHM --------------------------------------------------------------------------------
def _halpern() -> Spec:
    from pep.symbolic import Closed, K, State

    lam = Closed("lambda", 1 / (K + 2))

    def step(c: Any, s: Any, at: Any) -> Any:
        return State(y=halpern.step(s.y, s.y0, c.T, at(lam)), y0=s.y0)

    def monomials(c: Any, s: Any, at: Any) -> dict[str, Any]:
        r = s.y - c.T(s.y)
        return {"||r_k||^2": sqnorm(r), "<r_k, y_k - y_0>": r @ (s.y - s.y0)}

    sk = _skeleton(
        name="halpern",
        title="Halpern / OHM",
        problem="fixed point of a nonexpansive operator",
        method="y_{k+1} = y_0/(k+2) + (k+1)/(k+2) T y_k",
        measure_text="||y_N - T y_N||^2 <= rate * ||y_0 - y*||^2",
        theorem="discovered by pep.prove",
        reference="F. Lieder, Optim. Lett. 15 (2021) (known rate)",
        declare=lambda c: {"T": c.problem.operator(Nonexpansive(), name="T")},
        origin=lambda c: c.T.fixed_point(),
        state=("y",),
        anchors={"y0": "y_0"},
        start=lambda c, y0: State(y=y0, y0=y0),
        step=step,
        initial_measure=lambda c, s: sqnorm(s.y0 - c.star),
        measure=lambda c, s, at: sqnorm(s.y - c.T(s.y)),
        algorithm="halpern",
    )
    tmpl = AutoTemplate(
        monomials=monomials,
        weight="||r_k||^2",
        scale={"<r_k, y_k - y_0>": 1},
        c0=0,
    )
    return Spec(sk, tmpl, notes="template a_k ||r_k||^2 + b_k <r_k, y_k - y_0>, r_k = y_k - T y_k")


_SPECS: dict[str, Callable[[], Spec]] = {"gd": _gd, "halpern": _halpern}


def names() -> list[str]:
    """Names of the built-in specs."""
    return sorted(_SPECS)


def get(name: str) -> Spec:
    """The built-in spec ``name``."""
    if name not in _SPECS:
        raise InvalidArgument(
            f"name={name!r} has no proof spec; known: {', '.join(names())}. Pass a "
            "pep.prove.Spec for your own method"
        )
    spec = _SPECS[name]()
    return Spec(spec.skeleton, spec.template, spec.K, spec.notes, name)
