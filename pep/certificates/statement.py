r"""The exact statement of a PEP: the constraints a certificate combines, in rational arithmetic.

A certificate proves a theorem about *records*: for each oracle, the points :math:`x_i`,
(sub)gradients or operator values :math:`g_i` and values :math:`f_i` at which the method calls
it, as exact combinations of the problem's leaves. The interpolation inequalities are then
functions of the records and the class parameters only, so an independent checker can rebuild
every one of them (:mod:`pep.certificates.verify`).

A model may hold float coefficients (e.g. OGM's steps :math:`\theta_k`), and pep's numeric
rows multiply them in floating point. Here every coefficient is first replaced by the exact
rational it *is* (a float is a dyadic rational), class parameters too, and each condition is
evaluated in exact arithmetic from those exact records: the rows a checker rebuilds are
exactly the rows certificates are computed and checked against.

>>> import pep
>>> problem = pep.algorithms.get("gd").setting(1)
>>> [(c.name, c.source.condition, c.source.records) for c in exact_constraints(problem)][:2]
[('f:interp(x*,x0)', 'interp', (0, 1)), ('f:interp(x*,x1)', 'interp', (0, 2))]
>>> exact_constraints(problem)[-1].source
Source(oracle=None, condition='initial', records=())
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pep.certificates.exact import to_fraction
from pep.errors import CertificateError
from pep.model.algebra import Constraint, Point, Scalar
from pep.model.lmi import has_matrix_conditions
from pep.model.oracles import Record

__all__ = [
    "Source",
    "ExactConstraint",
    "exact_class",
    "class_parameters",
    "exact_records",
    "exact_scalar",
    "exact_constraints",
]


@dataclass(frozen=True)
class Source:
    """Where a constraint comes from: condition ``condition`` of ``problem.oracles[oracle]`` on
    the records ``records`` (one or two indices), or (``oracle=None``) the assumption named
    ``condition``."""

    oracle: int | None
    condition: str
    records: tuple[int, ...]


@dataclass(frozen=True)
class ExactConstraint:
    """``expr <= 0`` (or ``== 0``) with Fraction coefficients, its name and its source."""

    name: str
    sense: str
    expr: Scalar
    source: Source


def class_parameters(cls: Any) -> dict[str, Fraction]:
    """The parameters a class is constructed with (``init`` fields that are set), exactly.

    >>> import pep
    >>> class_parameters(pep.SmoothStronglyConvex(L=1, mu=0.5)), class_parameters(pep.Smooth(L=2))
    ({'L': Fraction(1, 1), 'mu': Fraction(1, 2)}, {'L': Fraction(2, 1)})
    """
    if not dataclasses.is_dataclass(cls):
        raise CertificateError(f"class {cls!r} is not a dataclass; its parameters are unknown")
    out = {}
    for f in dataclasses.fields(cls):
        value = getattr(cls, f.name)
        if f.init and value is not None:
            out[f.name] = to_fraction(value, f"{type(cls).__name__}.{f.name}")
    return out


def exact_class(cls: Any) -> Any:
    """The same class with every parameter the exact rational it is (floats included)."""
    return dataclasses.replace(cls, **class_parameters(cls))


def _exact_point(p: Point) -> Point:
    return Point({lf: to_fraction(c) for lf, c in p.terms.items()}, p.owner, p.name)


def exact_scalar(s: Scalar) -> Scalar:
    """``s`` with Fraction coefficients (Gram entries, values and the constant)."""
    return Scalar({k: to_fraction(c) for k, c in s.terms.items()}, to_fraction(s.constant), s.owner)


def exact_records(oracle: Any) -> tuple[Record, ...]:
    """The oracle's records with Fraction coefficients (same labels)."""
    return tuple(
        Record(_exact_point(r.x), _exact_point(r.g), exact_scalar(r.f), r.label)
        for r in oracle.records
    )


def _vacuous(expr: Scalar) -> bool:
    """A constant row that holds (e.g. ||g*||^2 <= M^2 at g* = 0): pep omits it."""
    return expr.is_constant() and expr.constant <= 0


def _oracle_constraints(k: int, oracle: Any) -> list[ExactConstraint]:
    """Every condition of one oracle, in the order of pep.model.problem.interpolation_constraints."""
    cls, recs = exact_class(oracle.cls), exact_records(oracle)
    n, sym = len(recs), oracle.cls.symmetric
    names = cls.pair_conditions(recs[0], recs[1]).keys() if n > 1 else ()
    all_symmetric = set(names) <= set(sym)
    out = []
    for i in range(n):
        for j in range(n):
            if i == j or (i > j and all_symmetric):
                continue
            for cond, slack in cls.pair_conditions(recs[i], recs[j]).items():
                if cond in sym and i > j:
                    continue
                name = f"{oracle.name}:{cond}({recs[i].label},{recs[j].label})"
                if not _vacuous(-slack):
                    out.append(ExactConstraint(name, "<=", -slack, Source(k, cond, (i, j))))
    for i, r in enumerate(recs):
        for cond, slack in cls.point_conditions(r).items():
            if not _vacuous(-slack):
                name = f"{oracle.name}:{cond}({r.label})"
                out.append(ExactConstraint(name, "<=", -slack, Source(k, cond, (i,))))
    return out


def exact_constraints(problem: Any) -> list[ExactConstraint]:
    """Interpolation conditions rebuilt exactly from exact records, then the assumptions.

    The names are those of ``problem.constraints()`` (certificates are keyed by them)."""
    from pep.certificates.lmi import lmi_constraints, refuse_uncertifiable

    refuse_uncertifiable(problem)  # LMI classes: their equalities here, blocks in .lmi
    out = []
    for k, o in enumerate(problem.oracles):
        out.extend(_oracle_constraints(k, o))
        if has_matrix_conditions(o.cls):
            out.extend(lmi_constraints(k, o))
    for a in problem.assumptions:
        out.append(_assumption(a))
    return out


def _assumption(a: Constraint) -> ExactConstraint:
    name = a.name or "assumption"
    return ExactConstraint(name, a.sense, exact_scalar(a.expr), Source(None, name, ()))
