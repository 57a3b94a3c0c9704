r"""Functions and operators of a problem, their oracle records, and the protocol every class meets.

A function class (e.g. :class:`pep.SmoothConvex`) is a frozen dataclass that states its
interpolation conditions as *slacks*: expressions that are ``>= 0`` for every pair (or every
single record) of evaluated points. The same method is evaluated on symbolic Points (exact
constraints, certificates), on template leaves (vectorised compilation) and on numpy arrays
(contract tests), so each condition is written once, like the cited theorem.

An *oracle record* :math:`(x, g, f)` states that :math:`g \in \partial f(x)` and that the value
of the function at :math:`x` is :math:`f`. ``f.grad(x)`` and ``f(x)`` create one the first time
a point is evaluated; :meth:`Function.record` registers one whose gradient or point is given
(implicit steps: proximal, Bregman, linear-optimization steps are built on it).

An operator (:class:`Operator`) records ``(x, A(x))`` without function values; every operator
condition is symmetric in the pair, so it is generated once per unordered pair.

Functions and operators combine linearly (``f + h``, ``2 * f``, ``f / 3``, ``sum(fs)``,
``f - g``, ``A + h``): see :mod:`pep.model.combination`.

The classes themselves live in :mod:`pep.functions` and :mod:`pep.operators`; the handles that
record evaluations live here, with the problem that owns them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from pep.errors import MIXED_MSG, InvalidArgument, MixedProblemsError
from pep.model import coefficients as C
from pep.model.algebra import Point, Scalar
from pep.model.combinable import Combinable
from pep.model.conditions import n_parts

if TYPE_CHECKING:
    from pep.model.problem import Problem

__all__ = ["Record", "FunctionClass", "Function", "Operator"]


@dataclass(frozen=True)
class Record:
    """One oracle evaluation: point ``x``, (sub)gradient ``g``, value ``f`` and a label.

    ``parts`` holds points a class derives from the record when it is created (e.g. the blocks
    of ``g`` for :class:`pep.BlockSmoothConvex`); empty for most classes.
    """

    x: Any
    g: Any
    f: Any
    label: str
    parts: tuple[Any, ...] = ()


@runtime_checkable
class FunctionClass(Protocol):
    """What a function class provides.

    * ``interpolation_exact``: the conditions are necessary *and sufficient* (the PEP value
      is then the exact worst case, not only an upper bound).
    * ``has_values``: False for classes whose values are identically 0 (indicators).
    * ``pair_conditions(i, j)``: slacks ``>= 0`` for the ordered pair of records (i, j);
      names listed in ``symmetric`` are generated only once per unordered pair.
    * ``point_conditions(i)``: slacks ``>= 0`` for a single record.

    Optional (see :mod:`pep.model.conditions`): ``anchored = True`` (both methods also receive
    the function's stationary record), ``n_parts`` with ``record_parts(x, g)`` (derived points
    per record), and dataclass fields holding :class:`pep.Point` parameters.
    """

    interpolation_exact: ClassVar[bool]
    has_values: ClassVar[bool]
    symmetric: ClassVar[frozenset[str]]

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]: ...

    def point_conditions(self, i: Record) -> Mapping[str, Any]: ...


class _Handle(Combinable):
    """Records of one declared function or operator (shared by :class:`Function`, :class:`Operator`)."""

    cls: Any

    def __init__(self, problem: Problem, cls: Any, name: str):
        self.problem = problem
        self.cls = cls
        self.name = name
        self._records: list[Record] = []
        self._by_key: dict[Any, Record] = {}

    @property
    def records(self) -> tuple[Record, ...]:
        """Every oracle record of this function/operator, in creation order."""
        return tuple(self._records)

    def record_at(self, x: Point) -> Record | None:
        """The record at ``x`` if there is one (None otherwise)."""
        return self._by_key.get(self._check_point(x).key())

    def _check_point(self, x: object) -> Point:
        if not isinstance(x, Point):
            raise InvalidArgument(f"x={x!r} is not a pep.Point; evaluate functions at points")
        if x.owner is not None and x.owner is not self.problem:
            raise MixedProblemsError(MIXED_MSG.format(what="the point evaluated"))
        return x

    def _check_vector(self, v: object, what: str) -> Point:
        if not isinstance(v, Point):
            raise InvalidArgument(f"{what}={v!r} is not a pep.Point")
        if v.owner is not None and v.owner is not self.problem:
            raise MixedProblemsError(MIXED_MSG.format(what=f"the {what} given to {self.name}"))
        return v

    def _new_point(self, x: Any, name: str | None) -> Point:
        """``x`` checked, or a new free point (named ``name``, or the next free label)."""
        if x is not None:
            return self._check_point(x)
        if name is not None and not isinstance(name, str):
            raise InvalidArgument(f"name={name!r} must be a string")
        return self.problem._point(name or self._label(Point({}, None)))

    def _label(self, x: Point) -> str:
        raise NotImplementedError

    def _store(self, x: Point, g: Point, f: Scalar, label: str | None) -> Record:
        x = self._check_point(x)
        if x.key() in self._by_key:
            raise InvalidArgument(
                f"{self.name} already has an oracle record at {x!r}; reuse it "
                f"({self.name}.grad(x), {self.name}(x)) instead of recording a second one"
            )
        label = label or self._label(x)
        parts = tuple(self.cls.record_parts(x, g)) if n_parts(self.cls) else ()
        rec = Record(x, g, f, label, parts)
        self._records.append(rec)
        self._by_key[x.key()] = rec
        return rec


class Function(_Handle):
    """A function of class ``cls`` declared in ``problem`` (use ``problem.function(cls)``)."""

    def __init__(self, problem: Problem, cls: FunctionClass, name: str):
        super().__init__(problem, cls, name)
        self._minimizer: Point | None = None

    def grad(self, x: Point) -> Point:
        """A (sub)gradient of the function at ``x`` (the same Point for repeated calls)."""
        return self.oracle(x)[0]

    def __call__(self, x: Point) -> Scalar:
        """The function value at ``x`` (a Scalar)."""
        return self.oracle(x)[1]

    def _label(self, x: Point) -> str:
        if x.name:
            return x.name
        k = sum(1 for r in self._records if r.label != "x*")
        return self.problem._fresh_name(f"x{k}")

    def _value_leaf(self, label: str) -> Scalar:
        if not self.cls.has_values:
            return Scalar({}, 0, self.problem)
        return self.problem._value(f"{self.name}({label})")

    def _gradient_leaf(self, label: str) -> Point:
        return self.problem._point(f"g_{self.name}({label})", kind="gradient")

    def oracle(self, x: Point) -> tuple[Point, Scalar]:
        """Gradient and value at ``x``; repeated calls at the same point share one record."""
        x = self._check_point(x)
        rec = self._by_key.get(x.key())
        if rec is None:
            label = self._label(x)
            rec = self._store(x, self._gradient_leaf(label), self._value_leaf(label), label)
        return rec.g, rec.f

    def record(
        self, x: Point | None, g: Point | None = None, value: Any = None, *, name: str | None = None
    ) -> tuple[Point, Point, Scalar]:
        r"""Register that ``g`` is a (sub)gradient of this function at ``x``, with value ``value``.

        The record :math:`(x, g, f(x))` enters the interpolation conditions of the class like
        any other: for a convex function, :math:`g \in \partial f(x)`. Whatever is omitted is
        new and free: ``x=None`` a new point (named ``name``), ``g=None`` a new gradient,
        ``value=None`` a new function value (always 0 for indicators). This is how implicit
        steps define their output, e.g. a proximal step
        :math:`x^+ = \mathrm{prox}_{\gamma f}(x_0)` is ``f.record(None, (x0 - x_plus)/gamma)``
        written with the new point first. Returns ``(x, g, f(x))``.

        >>> import pep
        >>> problem = pep.Problem()
        >>> f = problem.function(pep.Convex())
        >>> x0, xs = problem.point("x0"), f.minimizer()
        >>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
        >>> x1 = problem.point("x1")
        >>> _, g1, f1 = f.record(x1, x0 - x1)  # x1 = prox_f(x0): x0 - x1 is a subgradient at x1
        >>> problem.maximize(f1 - f(xs))
        >>> round(problem.solve().value, 5)  # ||x0 - x*||^2 / 4 (proximal point, one step)
        0.25
        """
        x = self._new_point(x, name)
        label = self._label(x)
        g = self._gradient_leaf(label) if g is None else self._check_vector(g, "g")
        fx = self._value_of(value, label)
        self._store(x, g, fx, label)
        return x, g, fx

    def _value_of(self, value: Any, label: str) -> Scalar:
        if value is None:
            return self._value_leaf(label)
        if isinstance(value, Scalar):
            if value.owner is not None and value.owner is not self.problem:
                raise MixedProblemsError(MIXED_MSG.format(what=f"the value given to {self.name}"))
            fx = value
        else:
            fx = Scalar({}, C.coerce(value, "value"), self.problem)
        if not self.cls.has_values and not (fx.is_constant() and C.is_zero(fx.constant)):
            raise InvalidArgument(
                f"value={value!r}: {self.name} is an indicator, its value is 0 on its set; "
                "omit the value"
            )
        return fx

    def add_record(self, x: Point, g: Point, f: Scalar, label: str | None = None) -> Record:
        """Low-level form of :meth:`record` (all parts given); returns the :class:`Record`."""
        return self._store(x, g, f, label)

    def value_at_new_record(self, label: str) -> Scalar:
        """A fresh function-value leaf (or 0 for value-less classes) for :meth:`add_record`."""
        return self._value_leaf(label)

    def minimizer(self) -> Point:
        """A minimizer ``x*`` with zero gradient (named ``x*``); the same Point on every call.

        For the nonconvex class :class:`pep.Smooth` this is a stationary point.
        """
        if self._minimizer is None:
            xs = self.problem._point(self.problem._fresh_name("x*"), kind="point")
            self._store(xs, Point({}, self.problem), self._value_leaf(xs.name or "x*"), xs.name)
            self._minimizer = xs
        return self._minimizer

    @property
    def anchor(self) -> Record | None:
        """The record at :meth:`minimizer` (the stationary record anchored classes use)."""
        return None if self._minimizer is None else self._by_key[self._minimizer.key()]

    def optimal_value(self) -> Scalar:
        """``f(x*)`` at :meth:`minimizer`."""
        return self(self.minimizer())

    def __repr__(self) -> str:
        return f"Function({self.name}: {self.cls!r})"


NO_VALUE_MSG = (
    "{name} is an operator: it has no function value or gradient. Use {name}(x) for the "
    "operator value, or declare a function with problem.function(...) instead"
)


class Operator(_Handle):
    """An operator of class ``cls`` declared in ``problem`` (use ``problem.operator(cls)``).

    ``A(x)`` is the operator value at ``x`` (a Point); repeated calls at the same point share
    one record. ``A.zero()`` is a point ``z*`` with ``A(z*) = 0``; ``T.fixed_point()`` a point
    ``y*`` with ``T(y*) = y*``.
    """

    def __init__(self, problem: Problem, cls: Any, name: str):
        super().__init__(problem, cls, name)
        self._special: dict[str, Point] = {}
        self._transpose: Operator | None = None

    @property
    def T(self) -> Operator:
        """The transpose of a linear operator (``M.T(u)`` is :math:`M^\top u`), declared in
        the same problem on first use; its records enter ``M``'s conditions
        (:class:`pep.LinearOperator`)."""
        if not getattr(self.cls, "has_transpose", False):
            raise InvalidArgument(
                f"{self.name}.T: only a pep.LinearOperator has a transpose here ({self.cls!r}); "
                "a symmetric operator is its own transpose, a skew-symmetric one's is -M(u)"
            )
        if self._transpose is None:
            self._transpose = self.problem._transpose_of(self)
        return self._transpose

    @property
    def transpose_records(self) -> tuple[Record, ...]:
        """The records of :attr:`T` (empty when it was never used)."""
        return () if self._transpose is None else self._transpose.records

    def _label(self, x: Point) -> str:
        if x.name:
            return x.name
        k = len(self._records) - len(self._special)
        return self.problem._fresh_name(f"z{k}")

    def __call__(self, x: Point) -> Point:
        x = self._check_point(x)
        rec = self._by_key.get(x.key())
        if rec is None:
            label = self._label(x)
            u = self.problem._point(f"{self.name}({label})", kind="operator")
            rec = self.add_record(x, u, label)
        return rec.g

    def record(
        self, x: Point | None, u: Point | None = None, *, name: str | None = None
    ) -> tuple[Point, Point]:
        """Register that ``u`` is the operator's value at ``x``; returns ``(x, u)``.

        ``x=None`` is a new point (named ``name``), ``u=None`` a new free value. A resolvent
        :math:`p = J_{\\alpha A}(x)` is ``A.record(p, (x - p) / alpha)`` for a new point ``p``.
        """
        x = self._new_point(x, name)
        label = self._label(x)
        if u is None:
            u = self.problem._point(f"{self.name}({label})", kind="operator")
        self.add_record(x, self._check_vector(u, "u"), label)
        return x, u

    def add_record(self, x: Point, u: Point, label: str | None = None) -> Record:
        """Register that ``u`` is the operator's value at ``x`` (used by resolvents)."""
        return self._store(x, u, Scalar({}, 0, self.problem), label)

    def _special_point(self, kind: str, name: str, value: Any) -> Point:
        if kind not in self._special:
            p = self.problem._point(self.problem._fresh_name(name), kind="point")
            self.add_record(p, value(p), p.name)
            self._special[kind] = p
        return self._special[kind]

    def zero(self) -> Point:
        """A zero ``z*`` of the operator, ``A(z*) = 0`` (named ``z*``; the same on every call)."""
        return self._special_point("zero", "z*", lambda p: Point({}, self.problem))

    def fixed_point(self) -> Point:
        """A fixed point ``y*`` with ``T(y*) = y*`` (named ``y*``; the same on every call)."""
        return self._special_point("fixed", "y*", lambda p: p)

    def grad(self, x: Point) -> Point:
        raise InvalidArgument(NO_VALUE_MSG.format(name=self.name))

    def oracle(self, x: Point) -> Any:
        raise InvalidArgument(NO_VALUE_MSG.format(name=self.name))

    def value(self, x: Point) -> Any:
        raise InvalidArgument(NO_VALUE_MSG.format(name=self.name))

    def __repr__(self) -> str:
        return f"Operator({self.name}: {self.cls!r})"


def __getattr__(name: str) -> Any:
    """``SumFunction`` and ``SumOperator`` live in :mod:`pep.model.combination` (they build on
    the handles above); they are importable from here too."""
    if name in ("SumFunction", "SumOperator"):
        from pep.model import combination

        return getattr(combination, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
