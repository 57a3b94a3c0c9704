r"""Points, scalars and constraints: immutable sparse linear combinations over leaves.

A PEP never sees coordinates. A :class:`Point` is a linear combination of *leaves* (free
points, gradients, operator values) of one :class:`pep.Problem`; a :class:`Scalar` is a
linear combination of leaf function values and Gram entries :math:`\langle a, b\rangle` of
leaves, plus a constant. Inner products of points are bilinear:

.. math:: \Big\langle \sum_a p_a a, \sum_b q_b b \Big\rangle = \sum_{a,b} p_a q_b \langle a, b\rangle.

Coefficients are generic (:mod:`pep.model.coefficients`): ``int`` and ``Fraction`` stay exact and
sympy expressions stay symbolic.

>>> import pep
>>> problem = pep.Problem()
>>> x, y = problem.point("x"), problem.point("y")
>>> s = (x - y) @ (x - y)
>>> s
Scalar(<x,x> - 2*<x,y> + <y,y>)
>>> s <= 1
Constraint(<x,x> - 2*<x,y> + <y,y> - 1 <= 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pep.errors import (
    MIXED_MSG,
    NONLINEAR_MSG,
    POWER_MSG,
    STRICT_MSG,
    TRUTH_MSG,
    ConstraintTruthError,
    MixedProblemsError,
    NonlinearExpressionError,
    StrictInequalityError,
)
from pep.model import coefficients as C

__all__ = ["Leaf", "Point", "Scalar", "Constraint", "sqnorm", "inner"]


@dataclass(frozen=True, eq=False)
class Leaf:
    """An atom of the algebra, owned by one problem.

    ``kind`` is ``"point"`` (a Gram-basis vector) or ``"value"`` (a function value).
    Leaves compare by identity; ``index`` orders them within their problem.
    """

    owner: Any
    index: int
    name: str
    kind: Literal["point", "value"]

    def __repr__(self) -> str:
        return self.name


GramKey = tuple[Leaf, Leaf]
ScalarKey = Leaf | GramKey


def _owner_of(*owners: Any) -> Any:
    found = None
    for o in owners:
        if o is None:
            continue
        if found is None:
            found = o
        elif o is not found:
            raise MixedProblemsError(MIXED_MSG.format(what="an operand"))
    return found


def _combine(a: Mapping[Any, C.Coeff], b: Mapping[Any, C.Coeff], sb: C.Coeff) -> dict[Any, C.Coeff]:
    """Return a + sb * b as a new dict, dropping exact zeros."""
    out = dict(a)
    for k, v in b.items():
        w = C.add(out[k], C.mul(sb, v)) if k in out else C.mul(sb, v)
        if C.is_zero(w):
            out.pop(k, None)
        else:
            out[k] = w
    return out


def _scale(a: Mapping[Any, C.Coeff], c: C.Coeff) -> dict[Any, C.Coeff]:
    if C.is_zero(c):
        return {}
    return {k: C.mul(c, v) for k, v in a.items()}


def _fmt_coeff_terms(items: Iterable[tuple[str, C.Coeff]]) -> str:
    parts: list[str] = []
    for label, c in items:
        s = str(c)
        if label and s in ("1", "-1"):
            s = s[:-1]
        elif label:
            s = f"({s})*" if any(ch in s[1:] for ch in "+- ") else f"{s}*"
        text = f"{s}{label}"
        if parts:
            parts.append(f"- {text[1:]}" if text.startswith("-") else f"+ {text}")
        else:
            parts.append(text)
    return " ".join(parts) if parts else "0"


class Point:
    """A vector known through its inner products: a linear combination of point leaves.

    Supports ``p + q``, ``p - q``, ``-p``, ``c * p``, ``p * c``, ``p / c`` and ``p @ q``.
    Points are immutable; :meth:`with_name` returns a relabelled copy (names are for
    display and constraint names; they do not affect equality of coefficients).
    """

    __slots__ = ("_terms", "_owner", "name")
    __array_ufunc__ = None  # keep numpy scalars from broadcasting over a Point

    def __init__(self, terms: Mapping[Leaf, C.Coeff], owner: Any, name: str | None = None):
        self._terms: dict[Leaf, C.Coeff] = dict(terms)
        self._owner = owner
        self.name = name

    @property
    def terms(self) -> Mapping[Leaf, C.Coeff]:
        """The coefficients over leaves (a read-only view)."""
        return dict(self._terms)

    @property
    def owner(self) -> Any:
        return self._owner

    def key(self) -> tuple[tuple[int, C.Coeff], ...]:
        """Canonical hashable form (used to recognise repeated oracle calls)."""
        return tuple(sorted(((lf.index, c) for lf, c in self._terms.items()), key=lambda t: t[0]))

    def is_zero(self) -> bool:
        return not self._terms

    def with_name(self, name: str) -> Point:
        """The same vector, labelled ``name`` (used in constraint names such as ``f:interp(y1,x*)``)."""
        return Point(self._terms, self._owner, name)

    # -- arithmetic ---------------------------------------------------------------------------
    def _lin(self, other: object, sign: int) -> Point:
        if not isinstance(other, Point):
            return NotImplemented
        owner = _owner_of(self._owner, other._owner)
        return Point(_combine(self._terms, other._terms, sign), owner)

    def __add__(self, other: object) -> Point:
        return self._lin(other, 1)

    def __sub__(self, other: object) -> Point:
        return self._lin(other, -1)

    def __radd__(self, other: object) -> Point:
        if isinstance(other, int) and other == 0:  # sum() starts from 0
            return self
        return NotImplemented

    def __neg__(self) -> Point:
        return Point(_scale(self._terms, -1), self._owner)

    def __pos__(self) -> Point:
        return self

    def __mul__(self, c: object) -> Point:
        if isinstance(c, (Point, Scalar)):
            raise NonlinearExpressionError(
                NONLINEAR_MSG.format(op="'*'", left="a Point", right=type(c).__name__)
            )
        return Point(_scale(self._terms, C.coerce(c)), self._owner)

    __rmul__ = __mul__

    def __truediv__(self, c: object) -> Point:
        if isinstance(c, (Point, Scalar)):
            raise NonlinearExpressionError(
                NONLINEAR_MSG.format(op="'/'", left="a Point", right=type(c).__name__)
            )
        return self * C.div(1, C.coerce(c))

    def __pow__(self, exponent: object) -> Point:
        raise NonlinearExpressionError(POWER_MSG.format(what="Point", exponent=exponent))

    def __rpow__(self, base: object) -> Point:
        raise NonlinearExpressionError(POWER_MSG.format(what=repr(base), exponent="Point"))

    def __matmul__(self, other: object) -> Scalar:
        if not isinstance(other, Point):
            return NotImplemented
        owner = _owner_of(self._owner, other._owner)
        out: dict[ScalarKey, C.Coeff] = {}
        for a, ca in self._terms.items():
            for b, cb in other._terms.items():
                key = (a, b) if a.index <= b.index else (b, a)
                w = C.mul(ca, cb)
                if key in out:
                    w = C.add(out[key], w)
                if C.is_zero(w):
                    out.pop(key, None)
                else:
                    out[key] = w
        return Scalar(out, 0, owner)

    def __bool__(self) -> bool:
        raise ConstraintTruthError("a pep.Point has no truth value; compare Scalars instead")

    def __repr__(self) -> str:
        body = _fmt_coeff_terms(
            (lf.name, c) for lf, c in sorted(self._terms.items(), key=lambda t: t[0].index)
        )
        return f"Point({self.name}: {body})" if self.name else f"Point({body})"


class Scalar:
    """A real number linear in the Gram entries and the function values, plus a constant.

    Comparisons build :class:`Constraint` objects: ``s <= t``, ``s >= t``, ``s == t``.
    ``<`` and ``>`` raise :class:`~pep.errors.StrictInequalityError`.
    """

    __slots__ = ("_terms", "_const", "_owner")
    __array_ufunc__ = None
    __hash__ = None  # type: ignore[assignment]  # '==' builds a constraint

    def __init__(self, terms: Mapping[ScalarKey, C.Coeff], const: C.Coeff, owner: Any):
        self._terms: dict[ScalarKey, C.Coeff] = dict(terms)
        self._const = const
        self._owner = owner

    @property
    def terms(self) -> Mapping[ScalarKey, C.Coeff]:
        return dict(self._terms)

    @property
    def constant(self) -> C.Coeff:
        return self._const

    @property
    def owner(self) -> Any:
        return self._owner

    @staticmethod
    def _lift(other: object) -> Scalar:
        if isinstance(other, Scalar):
            return other
        if isinstance(other, Point):
            raise NonlinearExpressionError(
                NONLINEAR_MSG.format(op="'+'/'-'", left="a Scalar", right="a Point")
            )
        return Scalar({}, C.coerce(other), None)

    def _lin(self, other: object, sign: int) -> Scalar:
        o = self._lift(other)
        owner = _owner_of(self._owner, o._owner)
        const = C.add(self._const, C.mul(sign, o._const))
        return Scalar(_combine(self._terms, o._terms, sign), const, owner)

    def __add__(self, other: object) -> Scalar:
        return self._lin(other, 1)

    def __radd__(self, other: object) -> Scalar:
        return self._lin(other, 1)

    def __sub__(self, other: object) -> Scalar:
        return self._lin(other, -1)

    def __rsub__(self, other: object) -> Scalar:
        return (-self)._lin(other, 1)

    def __neg__(self) -> Scalar:
        return Scalar(_scale(self._terms, -1), C.neg(self._const), self._owner)

    def __pos__(self) -> Scalar:
        return self

    def __mul__(self, c: object) -> Scalar:
        if isinstance(c, (Point, Scalar)):
            raise NonlinearExpressionError(
                NONLINEAR_MSG.format(op="'*'", left="a Scalar", right=type(c).__name__)
            )
        cc = C.coerce(c)
        return Scalar(_scale(self._terms, cc), C.mul(cc, self._const), self._owner)

    __rmul__ = __mul__

    def __truediv__(self, c: object) -> Scalar:
        if isinstance(c, (Point, Scalar)):
            raise NonlinearExpressionError(
                NONLINEAR_MSG.format(op="'/'", left="a Scalar", right=type(c).__name__)
            )
        return self * C.div(1, C.coerce(c))

    def __pow__(self, exponent: object) -> Scalar:
        raise NonlinearExpressionError(POWER_MSG.format(what="Scalar", exponent=exponent))

    # -- constraints -------------------------------------------------------------------------
    def __le__(self, other: object) -> Constraint:
        return Constraint(self - self._lift(other), "<=")

    def __ge__(self, other: object) -> Constraint:
        return Constraint(self._lift(other) - self, "<=")

    def __eq__(self, other: object) -> Constraint:  # type: ignore[override]
        return Constraint(self - self._lift(other), "==")

    def __lt__(self, other: object) -> Constraint:
        raise StrictInequalityError(STRICT_MSG)

    def __gt__(self, other: object) -> Constraint:
        raise StrictInequalityError(STRICT_MSG)

    def is_constant(self) -> bool:
        return not self._terms

    def __repr__(self) -> str:
        return f"Scalar({self._body()})"

    def _body(self) -> str:
        def label(k: ScalarKey) -> str:
            return k.name if isinstance(k, Leaf) else f"<{k[0].name},{k[1].name}>"

        def order(k: ScalarKey) -> tuple[int, int, int]:
            return (1, k.index, 0) if isinstance(k, Leaf) else (0, k[0].index, k[1].index)

        items = [(label(k), c) for k, c in sorted(self._terms.items(), key=lambda t: order(t[0]))]
        if not C.is_zero(self._const) or not items:
            items.append(("", self._const))
        return _fmt_coeff_terms(items)


class Constraint:
    """``expr <= 0`` or ``expr == 0`` for a :class:`Scalar` ``expr``.

    A constraint has no truth value (``bool(c)`` raises), so ``0 <= a <= 1`` fails loudly.
    """

    __slots__ = ("expr", "sense", "name")

    def __init__(self, expr: Scalar, sense: Literal["<=", "=="], name: str | None = None):
        self.expr = expr
        self.sense = sense
        self.name = name

    def named(self, name: str) -> Constraint:
        return Constraint(self.expr, self.sense, name)

    def __bool__(self) -> bool:
        raise ConstraintTruthError(TRUTH_MSG)

    def __repr__(self) -> str:
        tag = f"{self.name}: " if self.name else ""
        return f"Constraint({tag}{self.expr._body()} {self.sense} 0)"


def sqnorm(p: Any) -> Any:
    """Squared norm ``p @ p`` (works for Points and numpy vectors alike)."""
    return p @ p


def inner(p: Any, q: Any) -> Any:
    """Inner product ``p @ q``."""
    return p @ q
