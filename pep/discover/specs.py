r"""Proof skeletons and potential templates for :func:`pep.discover.prove.prove`.

A spec says *what* to prove and *which potentials* to search — never the potential itself:
the state and step (the library's own ``step`` functions, or a method written only with the
public API), the measure, and a template of monomials with one normalization. The numbers,
the multiplier pattern and the closed forms come from :mod:`pep.discover.autoproof`.

Parameters are fixed to ``L = 1`` / ``alpha = 1`` (the closed forms are guessed from numbers);
the generated proofs say so.

>>> sorted(names())
['appm', 'eag_c', 'feg', 'gd', 'halpern', 'km', 'ogm', 'ogm_last']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from pep.algorithms import appm, feg, gd, halpern
from pep.discover.autoproof import AutoTemplate, Spec
from pep.discover.specs_eag import eag_c
from pep.discover.specs_ogm import ogm_last_spec, ogm_spec, theta_hint  # noqa: F401
from pep.errors import InvalidArgument
from pep.functions import SmoothConvex
from pep.model.algebra import sqnorm
from pep.operators import LipschitzMonotone, Monotone, Nonexpansive

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
        theorem="discovered by pep.discover.prove",
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
        theorem="discovered by pep.discover.prove",
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


# -- FEG (Lee-Kim 2021) ---------------------------------------------------------------------------
def _feg() -> Spec:
    from pep.symbolic import Closed, K, State

    beta = Closed("beta", 1 / (K + 1))

    def step(c: Any, s: Any, at: Any) -> Any:
        _, z = feg.step(s.z, s.z0, c.F, 1, at(beta), name=at.next.name("h"))
        return State(z=z, z0=s.z0)

    def monomials(c: Any, s: Any, at: Any) -> dict[str, Any]:
        u = c.F(s.z)
        return {"||F z_k||^2": sqnorm(u), "<F z_k, z_k - z_0>": u @ (s.z - s.z0)}

    sk = _skeleton(
        name="feg",
        title="Fast extragradient (FEG, L = 1)",
        problem="zero of a monotone 1-Lipschitz operator (pairwise class: an upper bound)",
        method="z_{k+1/2} = z_k + (z_0 - z_k)/(k+1) - (k/(k+1)) F z_k, "
        "z_{k+1} = z_k + (z_0 - z_k)/(k+1) - F z_{k+1/2}",
        measure_text="||F z_N||^2 <= rate * ||z_0 - z*||^2",
        theorem="discovered by pep.discover.prove",
        reference="S. Lee, D. Kim, NeurIPS 2021 (known rate)",
        declare=lambda c: {"F": c.problem.operator(LipschitzMonotone(L=1), name="F")},
        origin=lambda c: c.F.zero(),
        state=("z",),
        anchors={"z0": "z_0"},
        start=lambda c, z0: State(z=z0, z0=z0),
        step=step,
        initial_measure=lambda c, s: sqnorm(s.z0 - c.star),
        measure=lambda c, s, at: sqnorm(c.F(s.z)),
        algorithm="feg",
        algorithm_params=lambda p: {"L": 1},
    )
    tmpl = AutoTemplate(monomials, weight="||F z_k||^2", scale={"<F z_k, z_k - z_0>": 1})
    return Spec(sk, tmpl, notes="a_k ||F z_k||^2 + b_k <F z_k, z_k - z_0>")


# -- APPM (Kim 2021) ------------------------------------------------------------------------------
def _appm() -> Spec:
    from pep.symbolic import Closed, K, State

    momentum = Closed("c", K / (K + 2))

    def step(c: Any, s: Any, at: Any) -> Any:
        x, y = appm.step(s.x, s.y, s.yp, c.A, 1, at(momentum), name=at.next.name("x"))
        return State(x=x, y=y, yp=s.y, x0=s.x0)

    def fresh(c: Any, at: Any) -> Any:
        # x_k = J(y_{k-1}) is a resolvent record; y_k follows from x_k, y_{k-1}, x_0 (the
        # OHM form of APPM, an invariant the checker proves by induction)
        x, yp, x0 = (c.problem.point(n) for n in (at.name("x"), at.name("yp"), "x_0"))
        c.A.add_record(x, yp - x, x.name)
        return State(x=x, yp=yp, x0=x0, y=_ohm_y(x, yp, x0, at.k))

    def monomials(c: Any, s: Any, at: Any) -> dict[str, Any]:
        d = s.yp - s.x
        return {
            "||y_{k-1} - x_k||^2": sqnorm(d),
            "<y_{k-1} - x_k, y_{k-1} - x_0>": d @ (s.yp - s.x0),
        }

    sk = _skeleton(
        name="appm",
        title="Accelerated proximal point (APPM, alpha = 1)",
        problem="zero of a maximal monotone operator",
        method="x_{k+1} = J_A(y_k), y_{k+1} = x_{k+1} + k/(k+2) (x_{k+1} - x_k) - k/(k+2) (x_k - y_{k-1})",
        measure_text="||x_N - y_{N-1}||^2 <= rate * ||x_0 - x*||^2",
        theorem="discovered by pep.discover.prove",
        reference="D. Kim, Math. Program. 190 (2021) (known rate)",
        declare=lambda c: {"A": c.problem.operator(Monotone(), name="A")},
        origin=lambda c: c.A.zero(),
        state=("x", "y", "yp"),
        anchors={"x0": "x_0"},
        start=lambda c, x0: State(x=x0, y=x0, yp=x0, x0=x0),
        step=step,
        fresh=fresh,
        invariants=lambda c, s, at: {"y_k is the OHM iterate": s.y - _ohm_y(s.x, s.yp, s.x0, at.k)},
        initial_measure=lambda c, s: sqnorm(s.x0 - c.star),
        measure=lambda c, s, at: sqnorm(s.x - s.yp),
        algorithm="appm",
        algorithm_params=lambda p: {"alpha": 1},
    )
    tmpl = AutoTemplate(
        monomials, weight="||y_{k-1} - x_k||^2", scale={"<y_{k-1} - x_k, y_{k-1} - x_0>": 1}
    )
    return Spec(sk, tmpl, notes="a_k ||y_{k-1} - x_k||^2 + b_k <y_{k-1} - x_k, y_{k-1} - x_0>")


def _ohm_y(x: Any, yp: Any, x0: Any, k: Any) -> Any:
    """APPM's y_k = x_0/(k+1) + k/(k+1) (2 x_k - y_{k-1}) (Kim 2021: OHM on 2J - I)."""
    weight = Fraction(k, k + 1) if isinstance(k, int) else k / (k + 1)  # exact either way
    return x0 / (k + 1) + weight * (2 * x - yp)


# -- Krasnoselskii-Mann, written only with the public API ----------------------------------------
def _km() -> Spec:
    r"""KM :math:`x_{k+1} = \tfrac12 x_k + \tfrac12 T x_k` on a nonexpansive T. Classical
    bound (e.g. Bauschke and Combettes, Convex Analysis and Monotone Operator Theory, 2nd ed.,
    Prop. 5.16 and its proof): :math:`\|x_N - Tx_N\|^2 \le \|x_0 - x_\star\|^2/(\alpha(1-\alpha)(N+1))`
    = :math:`4R^2/(N+1)` for :math:`\alpha = 1/2`."""
    import pep
    from pep.symbolic import State

    def step(c: Any, s: Any, at: Any) -> Any:
        return State(x=(s.x + c.T(s.x)) / 2)

    def monomials(c: Any, s: Any, at: Any) -> dict[str, Any]:
        return {
            "||x_k - x*||^2": pep.sqnorm(s.x - c.star),
            "||x_k - T x_k||^2": pep.sqnorm(s.x - c.T(s.x)),
        }

    sk = _skeleton(
        name="km",
        title="Krasnoselskii-Mann iteration (alpha = 1/2)",
        problem="fixed point of a nonexpansive operator",
        method="x_{k+1} = (x_k + T x_k)/2",
        measure_text="||x_N - T x_N||^2 <= rate * ||x_0 - x*||^2",
        theorem="discovered by pep.discover.prove; classical bound 4 R^2/(N+1)",
        reference="H. H. Bauschke, P. L. Combettes, Convex Analysis and Monotone Operator "
        "Theory in Hilbert Spaces, 2nd ed., Springer 2017, Prop. 5.16",
        declare=lambda c: {"T": c.problem.operator(pep.Nonexpansive(), name="T")},
        origin=lambda c: c.T.fixed_point(),
        state=("x",),
        start=lambda c, x0: State(x=x0),
        step=step,
        initial_measure=lambda c, s: pep.sqnorm(s.x - c.star),
        measure=lambda c, s, at: pep.sqnorm(s.x - c.T(s.x)),
    )
    tmpl = AutoTemplate(
        monomials,
        weight="||x_k - T x_k||^2",
        fixed={"||x_k - x*||^2": 1},
        c0=1,
        final_c1=False,
    )
    return Spec(
        sk,
        tmpl,
        notes="a_k ||x_k - T x_k||^2 + ||x_k - x*||^2",
        known_rate=lambda n: Fraction(4, n + 1),  # 1/(alpha (1 - alpha) (N + 1)), alpha = 1/2
    )


_SPECS: dict[str, Callable[[], Spec]] = {
    "gd": _gd,
    "halpern": _halpern,
    "feg": _feg,
    "eag_c": eag_c,
    "appm": _appm,
    "km": _km,
    "ogm": ogm_spec,
    "ogm_last": ogm_last_spec,
}


def names() -> list[str]:
    """Names of the built-in specs."""
    return sorted(_SPECS)


def get(name: str) -> Spec:
    """The built-in spec ``name``."""
    if name not in _SPECS:
        raise InvalidArgument(
            f"name={name!r} has no proof spec; known: {', '.join(names())}. Pass a "
            "pep.discover.prove.Spec for your own method"
        )
    return dataclasses.replace(_SPECS[name](), reference_name=name)
