r"""``pep prove eag_c``: the spec of EAG-C (Yoon and Ryu, ICML 2021) for :mod:`pep.discover.prove`.

EAG-C's one-step remainder has slack for :math:`\alpha L < 1/4` (``proofs/eag_c.py``), so
its multipliers are not unique and the greedy chain's interior points have no closed form;
the template asks for polynomial families instead (``family=2``, :mod:`pep.discover.families`).

>>> eag_c().template.family
2
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pep.algorithms import eag
from pep.discover.autoproof import AutoTemplate, Spec
from pep.model.algebra import sqnorm
from pep.operators import SmoothConvexConcave

__all__ = ["eag_c"]


def eag_c() -> Spec:
    """EAG-C at alpha = 1/8, L = 1. The one-step remainder has slack for alpha L < 1/4, so the
    greedy chain's multipliers are interior points with no closed form; ``family=2`` fits
    quadratics in k and N instead (the potential of ``proofs/eag_c.py`` is one of them)."""
    from pep.discover.specs import _skeleton
    from pep.symbolic import Closed, K, State

    beta, alpha = Closed("beta", 1 / (K + 2)), Fraction(1, 8)

    def step(c: Any, s: Any, at: Any) -> Any:
        _, z = eag.step(s.z, s.z0, c.G, alpha, at(beta), name=at.next.name("h"))
        return State(z=z, z0=s.z0)

    def monomials(c: Any, s: Any, at: Any) -> dict[str, Any]:
        u = c.G(s.z)
        return {"||G z_k||^2": sqnorm(u), "<G z_k, z_k - z_0>": u @ (s.z - s.z0)}

    sk = _skeleton(
        name="eag_c",
        title="Extra anchored gradient, constant step (EAG-C, alpha = 1/8, L = 1)",
        problem="zero of the saddle operator of a 1-smooth convex-concave function "
        "(pairwise class: an upper bound)",
        method="z_{k+1/2} = z_k + (z_0 - z_k)/(k+2) - G z_k/8, "
        "z_{k+1} = z_k + (z_0 - z_k)/(k+2) - G z_{k+1/2}/8",
        measure_text="||G z_N||^2 <= rate * ||z_0 - z*||^2",
        theorem="discovered by pep.discover.prove",
        reference="T. Yoon, E. K. Ryu, ICML 2021, Thm 1 (known rate)",
        declare=lambda c: {"G": c.problem.operator(SmoothConvexConcave(L=1), name="G")},
        origin=lambda c: c.G.zero(),
        state=("z",),
        anchors={"z0": "z_0"},
        start=lambda c, z0: State(z=z0, z0=z0),
        step=step,
        initial_measure=lambda c, s: sqnorm(s.z0 - c.star),
        measure=lambda c, s, at: sqnorm(c.G(s.z)),
        algorithm="eag_c",
        algorithm_params=lambda p: {"L": 1, "alpha": alpha},
    )
    tmpl = AutoTemplate(monomials, weight="||G z_k||^2", scale={"<G z_k, z_k - z_0>": 1}, family=2)
    return Spec(
        sk,
        tmpl,
        notes="a_k ||G z_k||^2 + b_k <G z_k, z_k - z_0>, a_k, b_k and every multiplier "
        "quadratic in k (or N)",
    )
