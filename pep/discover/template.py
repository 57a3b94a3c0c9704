r"""What :func:`pep.discover.prove.prove` is asked to prove: a :class:`Spec` (a proof skeleton
and a potential template) and its :class:`AutoTemplate`.

A template is a list of named monomials (Scalars built from the state at index :math:`k`);
the potential is :math:`V_k = \sum_m a_m(k)\,\mathrm{monomial}_m`, whose coefficients
:math:`a_m(k)` the numeric chain of :mod:`pep.discover.autoproof` finds and
:mod:`pep.discover.proof_forms` turns into closed forms.

>>> template = AutoTemplate(lambda c, s, at: {}, weight="f")
>>> Spec(skeleton=None, template=template).K, template.exact
(8, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pep.model.algebra import Scalar

__all__ = ["AutoTemplate", "Spec"]


@dataclass(frozen=True)
class AutoTemplate:
    """A potential template: ``V = sum_m a_m(k) * monomial_m``.

    ``monomials(c, s, at)`` returns the named Scalars (e.g. ``{"f": f(x) - f(x*),
    "|x|^2": ||x - x*||^2}``); ``weight`` is the monomial whose coefficient the greedy chain
    maximizes; ``fixed`` coefficients are held at every k; ``scale`` normalizes the first
    potential after :math:`V_0` (potentials defined up to a factor); ``c0`` is the
    constant of the start link :math:`c_0\\cdot\\mathrm{initial} \\ge V_0`; ``final_c1``
    allows the initial measure in the end link (only when it is an anchor of the state).
    ``weight="measure"`` maximizes instead the provable weight :math:`w` with
    :math:`V_{k+1} \\ge w\\,\\mathrm{measure}_{k+1}` (for templates whose monomial
    coefficients are tied, like OGM's). ``exact=False`` keeps solver floats (irrational
    coefficients); closed forms are then polynomials in the ``sequences`` (e.g.
    ``{"theta": THETA}``, a :class:`pep.symbolic.Recurrence` given as a hint).
    ``end_advance=True`` folds the last step into the end link
    (:math:`V_{N-1} \\ge w\\,\\mathrm{measure}_N - c_1\\,\\mathrm{initial}`), so a last-step
    variant of a sequence (OGM's :math:`\\theta_N`) is used where the method uses it.
    ``family=d`` replaces the greedy chain and interpolation by a joint fit of polynomials of
    degree :math:`\\le d` in k and N (:mod:`pep.discover.families`; for proofs whose multipliers are
    not unique, e.g. EAG-C); the bound is then optimized and ``c0`` and ``weight`` are unused.
    """

    monomials: Callable[..., Mapping[str, Scalar]]
    weight: str
    fixed: Mapping[str, Any] = field(default_factory=dict)
    scale: Mapping[str, Any] = field(default_factory=dict)
    c0: Any = 0
    final_c1: bool = True
    exact: bool = True
    sequences: Mapping[str, Any] = field(default_factory=dict)
    end_advance: bool = False
    family: int | None = None


@dataclass(frozen=True)
class Spec:
    """What :func:`prove` needs: a :class:`pep.symbolic.Proof` skeleton (links and rate are
    filled in) and an :class:`AutoTemplate`; ``K`` steps are solved numerically.

    ``reference_name`` is what a generated file passes to :func:`pep.discover.proof_forms.rebuild`: a built-in name or
    ``"package.module:NAME"`` (imported, never evaluated).
    """

    skeleton: Any
    template: AutoTemplate
    K: int = 8
    notes: str = ""
    reference_name: str | None = None  # how a generated file names the spec (see rebuild)
    known_rate: Callable[[int], Any] | None = None  # else the algorithm's registered rate
