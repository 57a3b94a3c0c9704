r"""Claimed rates such as ``"L*R**2/(2*(N+1)**2)"``: parsed safely, evaluated exactly.

A claim is an arithmetic expression in ``N`` and parameter names built only from numbers,
names, ``+ - * / **``, unary minus, ``sqrt(...)`` and parentheses. It is parsed with Python's
:mod:`ast` and every node is checked against an explicit whitelist *before* anything is
evaluated; the text is never passed to ``eval``. Evaluation is exact: integers and decimal
literals become :class:`fractions.Fraction` read from the literal's *text*, never through a
binary float (``0.1`` is ``1/10``, ``1e-400`` is ``10**-400``, ``0.09999999999999999999``
stays that rational), and ``sqrt`` or a rational non-integer power yields an exact sympy
number. A claim's value is therefore a ``Fraction`` when it is rational, a real algebraic
sympy number otherwise. A value that is not a finite real number -- complex, or of magnitude
above :data:`MAX_MAGNITUDE` (``-sqrt(2)**9999``), beyond what any solver value can be
compared with -- raises :class:`ClaimError`. Exponents must be rational; decimal exponents
of literals are limited to :data:`MAX_LITERAL_EXPONENT`.

>>> claim = parse_claim("L*R**2/(2*(N+1)**2)", names={"N", "L", "R"})
>>> claim.evaluate(N=3, L=1, R=1)
Fraction(1, 32)
>>> parse_claim("sqrt(2)/N", names={"N"}).evaluate(N=2)
sqrt(2)/2
>>> parse_claim("1/14 - 1e-400", names={"N"}).evaluate(N=1) < Fraction(1, 14)
True
>>> parse_claim("0.09999999999999999999", names={"N"}).evaluate(N=1)
Fraction(9999999999999999999, 100000000000000000000)
>>> parse_claim("__import__('os')", names={"N"})
Traceback (most recent call last):
...
pep.cli.claims.ClaimError: claim "__import__('os')": a call of __import__ is not allowed; only sqrt(...) may be called
"""

from __future__ import annotations

import ast
import difflib
import math
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pep.errors import InvalidArgument
from pep.model.coefficients import to_sympy

__all__ = ["Claim", "ClaimError", "parse_claim", "as_exact", "MAX_MAGNITUDE"]

# The only syntax a claim may use. Anything else (attributes, subscripts, lambdas, comparisons,
# strings, keyword arguments, ...) is refused before evaluation.
_BINOPS: Mapping[type, str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
}
_UNARY: Mapping[type, str] = {ast.USub: "-", ast.UAdd: "+"}
_FUNCTIONS = frozenset({"sqrt"})
# Guard against 10**10**10-style claims that would exhaust memory in exact arithmetic.
_MAX_EXPONENT = 10_000
_MAX_LENGTH = 2_000
_MAX_BITS = 1_000_000
_MAX_ROOT_BITS = 200
#: largest absolute value of a claim accepted: beyond the range of the solver's double values
MAX_MAGNITUDE = Fraction(10) ** 300
#: largest |exponent| of a decimal literal such as 1e-400 (10**10000 has 33,000 bits)
MAX_LITERAL_EXPONENT = 10_000
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_RATIO = re.compile(r"[+-]?[0-9]+\s*/\s*[+-]?[0-9]+")


class ClaimError(InvalidArgument):
    """A claim is malformed, uses syntax outside the whitelist, or names an unknown symbol."""


@dataclass(frozen=True)
class Claim:
    """A validated claim: its text, its syntax tree and the names it uses."""

    text: str
    tree: ast.Expression
    names: frozenset[str]

    def evaluate(self, **values: Any) -> Any:
        """The exact value with ``values`` substituted (Fraction, or a sympy number).

        Every name of the claim must be given; values must be exact (int, Fraction,
        decimal string) or sympy numbers.
        """
        missing = sorted(self.names - set(values))
        if missing:
            raise ClaimError(f"claim {self.text!r}: no value for {', '.join(missing)}")
        env = {k: as_exact(v, k) for k, v in values.items() if k in self.names}
        value = _simplify(_Evaluator(self.text, env).visit(self.tree.body))
        return _finite_real(self.text, value, values)

    def __str__(self) -> str:
        return self.text


def parse_claim(text: str, names: Iterable[str]) -> Claim:
    """Parse ``text`` with the whitelist; ``names`` are the symbols it may use (e.g. N, L).

    Raises :class:`ClaimError` with the offending construct and the fix.
    """
    allowed = frozenset(names)
    if not isinstance(text, str) or not text.strip():
        raise ClaimError(f"claim={text!r} is empty; write a rate such as '1/(4*N+2)'")
    if len(text) > _MAX_LENGTH:
        raise ClaimError(f"claim is {len(text)} characters long; the limit is {_MAX_LENGTH}")
    try:
        with warnings.catch_warnings():  # e.g. "1if N else 2": parsed; no stray SyntaxWarning
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ClaimError(
            f"claim {text!r} is not a valid expression ({_syntax_hint(text, exc)})"
        ) from None
    used: set[str] = set()
    callees = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        _check_node(text, node, allowed, used, callees)
    return Claim(text, tree, frozenset(used))


def _finite_real(text: str, value: Any, at: Mapping[str, Any]) -> Any:
    """``value`` if it is a real number of magnitude <= MAX_MAGNITUDE; else ClaimError."""
    from pep.cli.intervals import enclose

    where = ", ".join(f"{k}={v}" for k, v in at.items())
    if not isinstance(value, Fraction) and value.is_extended_real is not True:
        raise ClaimError(f"claim {text!r} is not a real number at {where} ({value}); "
                         "write a real rate")  # fmt: skip
    box = enclose(value)
    if box is None or max(abs(box[0]), abs(box[1])) > MAX_MAGNITUDE:
        raise ClaimError(
            f"claim {text!r} at {where} is not a finite real number of magnitude at most "
            "1e300 (the solver's values are doubles); rescale the claim"
        )
    return value


def _syntax_hint(text: str, exc: SyntaxError) -> str:
    if text.count("(") != text.count(")"):
        return f"unbalanced parentheses: {text.count('(')} '(' and {text.count(')')} ')'"
    return f"{exc.msg} at column {exc.offset}"


def _check_node(
    text: str, node: ast.AST, allowed: frozenset[str], used: set[str], callees: set[int]
) -> None:
    """Raise :class:`ClaimError` unless ``node`` is whitelisted; ``callees`` holds the ids of
    the nodes that are called (a function name is allowed there only)."""

    def fail(what: str) -> ClaimError:
        return ClaimError(f"claim {text!r}: {what}")

    if isinstance(node, (ast.Expression, ast.Load, ast.operator, ast.unaryop)):
        if isinstance(node, ast.operator) and type(node) not in _BINOPS:
            raise fail(f"the operator {type(node).__name__} is not allowed; use + - * / **")
        if isinstance(node, ast.unaryop) and type(node) not in _UNARY:
            raise fail(f"the operator {type(node).__name__} is not allowed; use + - * / **")
        return
    if isinstance(node, (ast.BinOp, ast.UnaryOp)):
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise fail(f"the literal {node.value!r} is not a number")
        return
    if isinstance(node, ast.Call):
        fname = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
        if fname not in _FUNCTIONS:
            raise fail(f"a call of {fname} is not allowed; only sqrt(...) may be called")
        if len(node.args) != 1 or node.keywords:
            raise fail("sqrt takes exactly one argument")
        return
    if isinstance(node, ast.Name):
        if node.id in _FUNCTIONS:
            if id(node) in callees:
                return  # checked as the callee of its Call node
            raise fail(f"{node.id} is a function; call it, as in {node.id}(2)")
        if node.id not in allowed:
            same_case = [a for a in sorted(allowed) if a.lower() == node.id.lower()]
            close = same_case or difflib.get_close_matches(node.id, sorted(allowed), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            known = ", ".join(sorted(allowed)) or "(none)"
            raise fail(f"unknown name {node.id!r}{hint} Known names: {known}, sqrt")
        used.add(node.id)
        return
    raise fail(f"{type(node).__name__} syntax is not allowed; use numbers, names, + - * / **, sqrt")


def as_exact(value: Any, name: str = "value") -> Any:
    """An exact number for ``value``: int/Fraction as is, a decimal string or float by its
    decimal text (``0.1`` is ``1/10``), sympy numbers as they are.

    >>> as_exact("0.25"), as_exact(0.1), as_exact("2/3")
    (Fraction(1, 4), Fraction(1, 10), Fraction(2, 3))
    """
    if isinstance(value, bool):
        raise ClaimError(f"{name}={value!r} is a bool; pass a number")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (float, str)):
        return decimal_fraction(repr(value) if isinstance(value, float) else value, name)
    import sympy

    if isinstance(value, sympy.Basic) and value.is_number:
        return value
    raise ClaimError(f"{name}={value!r} of type {type(value).__name__} is not an exact number")


def decimal_fraction(text: str, name: str = "value") -> Fraction:
    """The exact rational a decimal text denotes: ``"0.1"`` is 1/10, ``"1e-400"`` is
    10**-400, ``"2/3"`` is 2/3 (underscores as in Python literals are allowed).

    >>> decimal_fraction("1_000.5e-3"), decimal_fraction("-2/6")
    (Fraction(2001, 2000), Fraction(-1, 3))
    """
    clean = text.strip().replace("_", "")
    match = _DECIMAL.fullmatch(clean)
    if match is None and not _RATIO.fullmatch(clean):
        raise ClaimError(f"{name}={text!r} is not a finite number (write e.g. 1, 0.5, 1e-3, 1/2)")
    if match is not None and match.group(1) and abs(int(match.group(1))) > MAX_LITERAL_EXPONENT:
        raise ClaimError(
            f"{name}={text!r}: the exponent exceeds {MAX_LITERAL_EXPONENT} in absolute value"
        )
    try:
        return Fraction(clean.replace(" ", ""))
    except (ValueError, ZeroDivisionError):
        raise ClaimError(
            f"{name}={text!r} is not a finite number (write e.g. 1, 0.5, 1/2)"
        ) from None


class _Evaluator(ast.NodeVisitor):
    """Exact evaluation of an already whitelisted tree (Fraction, sympy for roots)."""

    def __init__(self, text: str, env: Mapping[str, Any]):
        self.text = text
        self.source = text.strip()  # what ast.parse saw: the nodes' offsets refer to it
        self.env = env

    def _src(self, node: ast.AST) -> str:
        """The claim's own text of ``node`` (ast.unparse would print 1e-400 as 0.0)."""
        return ast.get_source_segment(self.source, node) or ast.unparse(node)

    def generic_visit(self, node: ast.AST) -> Any:  # pragma: no cover - whitelist stops these
        raise ClaimError(f"claim {self.text!r}: {type(node).__name__} is not allowed")

    def visit_Constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, int):
            return Fraction(node.value)
        # a float literal is read from its text: ast has already rounded 0.1 to a double and
        # 1e-400 to 0.0, and neither is what the user wrote
        literal = ast.get_source_segment(self.source, node)
        if literal is None:  # pragma: no cover - parse_claim always keeps positions
            raise ClaimError(f"claim {self.text!r}: cannot read the literal {node.value!r}")
        return decimal_fraction(literal, "literal")

    def visit_Name(self, node: ast.Name) -> Any:
        return self.env[node.id]

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        v = self.visit(node.operand)
        return -v if isinstance(node.op, ast.USub) else v

    def visit_Call(self, node: ast.Call) -> Any:
        import sympy

        arg = _simplify(self.visit(node.args[0]))
        if _is_negative(arg):
            raise ClaimError(f"claim {self.text!r}: sqrt of the negative number {arg}")
        if isinstance(arg, Fraction):  # sqrt(1e-400) = 1e-200 exactly, whatever its size
            num, den = math.isqrt(arg.numerator), math.isqrt(arg.denominator)
            if num * num == arg.numerator and den * den == arg.denominator:
                return Fraction(num, den)
        self._check_root(arg, node)
        return sympy.sqrt(to_sympy(arg))

    def _check_root(self, base: Any, node: ast.AST) -> None:
        # sympy factors the radicand to simplify roots: keep radicands small enough for that
        if (
            isinstance(base, Fraction)
            and max(base.numerator.bit_length(), base.denominator.bit_length()) > _MAX_ROOT_BITS
        ):
            raise ClaimError(
                f"claim {self.text!r}: the root in {self._src(node)} is of a number with more "
                f"than {_MAX_ROOT_BITS} bits; simplify the claim"
            )

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        a, b = self.visit(node.left), self.visit(node.right)
        op: Callable[[Any, Any], Any] = _ARITH[type(node.op)]
        if isinstance(node.op, ast.Div) and b == 0:
            raise ClaimError(f"claim {self.text!r}: division by zero ({self._src(node)})")
        if isinstance(node.op, ast.Pow):
            return self._power(a, b, node)
        return op(a, b)

    def _power(self, a: Any, b: Any, node: ast.BinOp) -> Any:
        import sympy

        a, b = _simplify(a), _simplify(b)  # sqrt(4) is the rational 2
        if not isinstance(b, Fraction):  # an irrational exponent: not an algebraic number
            raise ClaimError(
                f"claim {self.text!r}: the exponent in {self._src(node)} is {b}; exponents "
                "must be rational numbers"
            )
        if abs(b) > _MAX_EXPONENT:
            raise ClaimError(f"claim {self.text!r}: exponent {b} exceeds {_MAX_EXPONENT}")
        if a == 0 and _is_negative(b):
            raise ClaimError(f"claim {self.text!r}: division by zero ({self._src(node)})")
        if b.denominator != 1 and _is_negative(a):
            raise ClaimError(
                f"claim {self.text!r}: {self._src(node)} is a fractional power of the "
                f"negative number {a}, not a real number"
            )
        if isinstance(a, Fraction) and isinstance(b, Fraction) and b.denominator == 1:
            bits = max(a.numerator.bit_length(), a.denominator.bit_length()) * abs(int(b))
            if bits > _MAX_BITS:  # (10**10000)**10000 would take forever in exact arithmetic
                raise ClaimError(f"claim {self.text!r}: {self._src(node)} is too large")
            return a ** int(b)
        self._check_root(a, node)
        return sympy.Pow(to_sympy(a), to_sympy(b))


_ARITH: Mapping[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}


def _is_negative(v: Any) -> bool:
    return bool(v < 0) if isinstance(v, Fraction) else bool(to_sympy(v).is_negative)


def _simplify(v: Any) -> Any:
    """Fraction whenever the value is rational (sympy may produce Rational from roots)."""
    if isinstance(v, Fraction):
        return v
    v = to_sympy(v)  # sympy already evaluates sqrt(4) = 2; no costly simplify()
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return v
