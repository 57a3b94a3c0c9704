r"""The OGM-family specs of :func:`pep.discover.specs.get`: ``ogm`` and ``ogm_last``.

OGM (Kim and Fessler, Math. Program. 159, 2016) is defined by the sequence
:math:`\theta_0 = 1`, :math:`\theta_{k+1}^2 - \theta_{k+1} = \theta_k^2`, irrational from
:math:`k = 1` on: the specs pass it as a hint (:func:`theta_hint`), and the proofs state their
facts (:math:`\theta_k \ge 1`, increasing) proved by induction from the recurrence.

>>> ogm_spec().skeleton.name, ogm_last_spec().skeleton.name
('ogm', 'ogm_last')
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from pep.algorithms import ogm
from pep.discover.autoproof import AutoTemplate, Spec
from pep.functions import SmoothConvex
from pep.model.algebra import sqnorm

__all__ = ["theta_hint", "ogm_spec", "ogm_last_spec"]


# -- OGM, with a hint: the theta recurrence ---------------------------------------------------------
def theta_hint(last: bool = False) -> Any:
    r"""OGM's :math:`\theta`: :math:`\theta_0 = 1`, :math:`\theta_{k+1}^2 - \theta_{k+1} =
    \theta_k^2` (the larger root; facts :math:`\theta_k \ge 1`, increasing, by induction).
    The hint a user passes: the method itself is defined by it. ``last`` adds OGM's last-step
    variant :math:`\\theta_N^2 - \\theta_N = 2\\theta_{N-1}^2` (it only makes the term larger,
    so the same facts hold)."""
    import sympy as sp

    from pep.symbolic import Recurrence

    return Recurrence(
        "theta",
        initial={0: 1},
        relation=lambda a, b, k: b**2 - b - a**2,
        forward=lambda a, k: (1 + sp.sqrt(1 + 4 * a**2)) / 2,
        lower=(1,),
        monotone="increasing",
        variants=(
            {
                "last": (
                    lambda a, b, k: b**2 - b - 2 * a**2,
                    lambda a, k: (1 + sp.sqrt(1 + 8 * a**2)) / 2,
                )
            }
            if last
            else {}
        ),
    )


def ogm_spec() -> Spec:
    """OGM without the last-step modification, measure f(x_N) - f* - ||g_N||^2/2 (L = 1); the
    template's z_{k+1} and the method use the theta recurrence (the hint)."""
    from pep.discover.specs import _skeleton
    from pep.symbolic import State

    theta = theta_hint()

    def step(c: Any, s: Any, at: Any) -> Any:
        x, z = ogm.step(s.x, s.z, c.f, 1, at(theta), at.next(theta))
        return State(x=x, z=z)

    def gap(c: Any, s: Any) -> Any:
        return c.f(s.x) - c.f(c.star) - sqnorm(c.f.grad(s.x)) / 2

    def monomials(c: Any, s: Any, at: Any) -> dict[str, Any]:
        z_next = s.z - 2 * at(theta) * c.f.grad(s.x)  # hint: OGM's z_{k+1}
        return {"f_k - f* - ||g_k||^2/2": gap(c, s), "||z_{k+1} - x*||^2": sqnorm(z_next - c.star)}

    sk = _skeleton(
        name="ogm",
        title="OGM without the last-step modification (L = 1)",
        problem="1-smooth convex minimization",
        method="y_{k+1} = x_k - g_k, z_{k+1} = z_k - 2 theta_k g_k, "
        "x_{k+1} = (1 - 1/theta_{k+1}) y_{k+1} + z_{k+1}/theta_{k+1}, every theta from "
        "theta_{k+1}^2 - theta_{k+1} = theta_k^2",
        measure_text="f(x_N) - f* - ||g_N||^2/2 (>= f(x_N - g_N) - f*) <= rate * ||x_0 - x*||^2",
        theorem="discovered by pep.discover.prove",
        reference="D. Kim, J. A. Fessler, Math. Program. 159 (2016) (known rate 1/(4 theta_N^2) "
        "for this measure)",
        declare=lambda c: {"f": c.problem.function(SmoothConvex(L=1))},
        origin=lambda c: c.f.minimizer(),
        state=("x", "z"),
        start=lambda c, x0: State(x=x0, z=x0),
        step=step,
        initial_measure=lambda c, s: sqnorm(s.x - c.star),
        measure=lambda c, s, at: gap(c, s),
    )
    tmpl = AutoTemplate(
        monomials,
        weight="f_k - f* - ||g_k||^2/2",
        fixed={"||z_{k+1} - x*||^2": Fraction(1, 2)},
        c0=Fraction(1, 2),
        final_c1=False,
        exact=False,
        sequences={"theta": theta},
    )

    def known(n: int) -> float:
        return 1 / (4 * theta.numeric(n) ** 2)

    return Spec(
        sk,
        tmpl,
        notes="a_k (f_k - f* - ||g_k||^2/2) + ||z_k - 2 theta_k g_k - x*||^2/2; hint: the theta "
        "recurrence (in the method and in the template's z_{k+1})",
        known_rate=known,
    )


def ogm_last_spec() -> Spec:
    """OGM as published (last step with theta_N^2 - theta_N = 2 theta_{N-1}^2), measure
    f(x_N) - f*: the end link folds the last step in (``end_advance``)."""
    base = ogm_spec()
    theta = theta_hint(last=True)
    sk = dataclasses.replace(
        base.skeleton,
        name="ogm_last",
        title="OGM (Kim-Fessler, with the last-step theta_N; L = 1)",
        method=base.skeleton.method
        + "; the last theta_N from theta_N^2 - theta_N = 2 theta_{N-1}^2",
        measure_text="f(x_N) - f(x*) <= rate * ||x_0 - x*||^2",
        reference="D. Kim, J. A. Fessler, Math. Program. 159 (2016); Y. Drori, J. Complexity 39 "
        "(2017) (known rate 1/(2 theta_N^2), tight)",
        special={"theta": ("last", "N")},
        measure=lambda c, s, at: c.f(s.x) - c.f(c.star),
        algorithm="ogm",
        algorithm_params=lambda p: {"L": 1},
    )

    def step(c: Any, s: Any, at: Any) -> Any:
        from pep.symbolic import State

        x, z = ogm.step(s.x, s.z, c.f, 1, at(theta), at.next(theta))
        return State(x=x, z=z)

    def monomials(c: Any, s: Any, at: Any) -> dict[str, Any]:
        g = c.f.grad(s.x)
        z_next = s.z - 2 * at(theta) * g
        gap = c.f(s.x) - c.f(c.star) - sqnorm(g) / 2
        return {"f_k - f* - ||g_k||^2/2": gap, "||z_{k+1} - x*||^2": sqnorm(z_next - c.star)}

    sk = dataclasses.replace(sk, step=step)
    tmpl = dataclasses.replace(
        base.template, monomials=monomials, sequences={"theta": theta}, end_advance=True
    )
    return Spec(sk, tmpl, notes=base.notes + "; the last step is folded into the end link")
