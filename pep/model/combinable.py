"""The algebra of functions and operators: ``+``, ``-``, ``c *``, ``/ c`` and ``sum``.

:class:`Combinable` is the base of every declared function or operator
(:mod:`pep.model.oracles`) and of their combinations (:mod:`pep.model.combination`, where the
semantics are documented): each operation collects ``(oracle, coefficient)`` terms and hands
them to :func:`pep.model.combination.combine`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pep.errors import MIXED_MSG, SCALE_MSG, InvalidArgument, MixedProblemsError
from pep.model import coefficients as C
from pep.model.algebra import Point, Scalar
from pep.model.validation import compare

if TYPE_CHECKING:
    from pep.model.problem import Problem

__all__ = ["Combinable"]


class Combinable:
    """Linear combinations of functions and operators: ``+``, ``-``, ``c *``, ``/ c``, ``sum``.

    Every coefficient must be > 0 (a nonpositive multiple leaves the class); the one negative
    coefficient allowed is the one written as a difference ``f - g``.
    """

    problem: Problem
    name: str

    def _terms(self) -> list[tuple[Any, Any]]:
        return [(self, 1)]

    def _other_terms(self, other: object) -> list[tuple[Any, Any]] | None:
        if isinstance(other, (Point, Scalar)):
            raise InvalidArgument(
                f"{self.name} combined with a {type(other).__name__}: functions and operators "
                f"combine with functions and operators; evaluate them with {self.name}(x)"
            )
        if not isinstance(other, Combinable):
            return None
        if other.problem is not self.problem:
            raise MixedProblemsError(MIXED_MSG.format(what="the function or operator combined"))
        return other._terms()

    def __add__(self, other: object) -> Any:
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self  # sum() starts from 0
        terms = self._other_terms(other)
        if terms is None:
            return NotImplemented
        return _combine(self.problem, [*self._terms(), *terms])

    def __radd__(self, other: object) -> Any:
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Any:
        terms = self._other_terms(other)
        if terms is None:
            return NotImplemented
        return _combine(self.problem, [*self._terms(), *((o, C.neg(c)) for o, c in terms)])

    def __rsub__(self, other: object) -> Any:
        raise InvalidArgument(SCALE_MSG.format(op=f"{other!r} - {self.name}", c=-1, name=self.name))

    def __neg__(self) -> Any:
        raise InvalidArgument(SCALE_MSG.format(op=f"-{self.name}", c=-1, name=self.name))

    def _scaled(self, c: object, op: str) -> Any:
        if isinstance(c, (Point, Scalar, Combinable)):
            raise InvalidArgument(
                f"{op}: a function or operator can only be multiplied by a number, not by "
                f"{type(c).__name__}"
            )
        value = C.coerce(c, "c")
        if compare(value, 0, strict=True) is False:
            raise InvalidArgument(SCALE_MSG.format(op=op, c=c, name=self.name))
        return _combine(self.problem, [(o, C.mul(value, k)) for o, k in self._terms()])

    def __mul__(self, c: object) -> Any:
        return self._scaled(c, f"{self.name} * c")

    def __rmul__(self, c: object) -> Any:
        return self._scaled(c, f"c * {self.name}")

    def __truediv__(self, c: object) -> Any:
        if isinstance(c, (Point, Scalar, Combinable)):
            return self._scaled(c, f"{self.name} / c")
        value = C.coerce(c, "c")
        if compare(value, 0, strict=True) is False:
            raise InvalidArgument(SCALE_MSG.format(op=f"{self.name} / c", c=c, name=self.name))
        return self._scaled(C.div(1, value), f"{self.name} / c")


def _combine(problem: Any, terms: list[tuple[Any, Any]]) -> Any:
    from pep.model.combination import combine

    return combine(problem, terms)
