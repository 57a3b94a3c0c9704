"""The claim parser: exact arithmetic, and a whitelist that refuses everything else."""

from __future__ import annotations

import builtins
import contextlib
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from pep.cli.claims import ClaimError, as_exact, parse_claim
from pep.errors import InvalidArgument

NAMES = {"N", "L", "R", "h"}


def test_rate_is_exact_fraction():
    # L R^2 / (2 (N+1)^2) at N = 3, L = 2, R = 3: 2*9 / (2*16) = 9/16
    value = parse_claim("L*R**2/(2*(N+1)**2)", NAMES).evaluate(N=3, L=2, R=3, h=1)
    assert value == Fraction(9, 16) and isinstance(value, Fraction)


def test_decimal_literals_and_parameters_stay_exact():
    assert parse_claim("0.1*N", NAMES).evaluate(N=3) == Fraction(3, 10)
    assert parse_claim("1/(4*N*h+2)", NAMES).evaluate(N=2, h="0.5") == Fraction(1, 6)
    assert parse_claim("N**-2", NAMES).evaluate(N=4) == Fraction(1, 16)


def test_sqrt_is_exact():
    assert parse_claim("sqrt(4)/N", NAMES).evaluate(N=3) == Fraction(2, 3)
    value = parse_claim("(1 + sqrt(5))/2", NAMES).evaluate()
    assert value == (1 + sympy.sqrt(5)) / 2
    assert parse_claim("N**(1/2)", NAMES).evaluate(N=2) == sympy.sqrt(2)


def test_names_used_are_recorded():
    assert parse_claim("L/(N+1)", NAMES).names == {"L", "N"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("__import__('os')", "call of __import__ is not allowed"),
        ("os.system('ls')", "call of os.system is not allowed"),
        ("N.__class__", "Attribute syntax is not allowed"),
        ("(1+N", "unbalanced parentheses"),
        ("N)", "unbalanced parentheses"),
        ("x + 1", "unknown name 'x'"),
        ("n + 1", "did you mean 'N'?"),
        ("lambda: 1", "Lambda syntax is not allowed"),
        ("[1, 2]", "List syntax is not allowed"),
        ("'a'", "is not a number"),
        ("True", "is not a number"),
        ("N if N else 1", "IfExp syntax is not allowed"),
        ("N // 2", "FloorDiv is not allowed"),
        ("N % 2", "Mod is not allowed"),
        ("N == 1", "Compare syntax is not allowed"),
        ("abs(N)", "call of abs is not allowed"),
        ("sqrt(N, 2)", "exactly one argument"),
        ("sqrt(x=N)", "exactly one argument"),
        ("sqrt", "sqrt is a function; call it"),  # found by Hypothesis: was a KeyError
        ("N*sqrt", "sqrt is a function; call it"),
        ("sqrt(sqrt)", "sqrt is a function; call it"),
        ("N; 1", "not a valid expression"),
        ("", "is empty"),
        ("1j", "is not a number"),
    ],
)
def test_malformed_claims_are_refused(text, message):
    with pytest.raises(ClaimError, match=message.replace("(", r"\(").replace("?", r"\?")):
        parse_claim(text, NAMES)


def test_claim_error_is_an_invalid_argument():
    assert issubclass(ClaimError, InvalidArgument)


@pytest.mark.parametrize(
    "text, message",
    [
        ("1/(N-1)", "division by zero"),
        ("2**10**9", "exceeds"),
        ("(10**10000)**10000", "too large"),
        ("sqrt(10**9999 + 1)", "more than 200 bits"),
        ("(10**999 + 7)**(1/3)", "more than 200 bits"),
        ("sqrt(0-N)", "negative"),
        ("(0-N)**(1/2)", "not a real number"),
    ],
)
def test_evaluation_errors(text, message):
    with pytest.raises(ClaimError, match=message):
        parse_claim(text, NAMES).evaluate(N=1)


def test_missing_value_is_reported():
    with pytest.raises(ClaimError, match="no value for L"):
        parse_claim("L/N", NAMES).evaluate(N=1)


def test_never_calls_eval_or_exec(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec must not be used")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    assert parse_claim("1/(4*N+2)", NAMES).evaluate(N=1) == Fraction(1, 6)


def test_as_exact():
    assert as_exact(0.1) == Fraction(1, 10)
    assert as_exact("3/4") == Fraction(3, 4)
    with pytest.raises(ClaimError):
        as_exact("nan")
    with pytest.raises(ClaimError):
        as_exact(True)


# Random arithmetic over small rationals: the parser agrees with Fraction arithmetic.
_leaf = st.fractions(min_value=-20, max_value=20, max_denominator=9)


def _expr(children):
    ops = st.sampled_from(["+", "-", "*"])
    return st.tuples(children, ops, children).map(
        lambda t: (f"({t[0][0]}{t[1]}{t[2][0]})", _apply(t[0][1], t[1], t[2][1]))
    )


def _apply(a, op, b):
    return a + b if op == "+" else a - b if op == "-" else a * b


_exprs = st.recursive(
    _leaf.map(lambda q: (f"({q.numerator}/{q.denominator})", q)), _expr, max_leaves=8
)


@given(_exprs)
def test_agrees_with_fraction_arithmetic(pair):
    text, expected = pair
    assert parse_claim(text, NAMES).evaluate() == expected


@given(st.text(alphabet="N L()+-*/.0123456789sqrt_ ,'\"[]{}:;=<>!&|^%~@#ximport", max_size=40))
def test_arbitrary_text_is_parsed_or_refused_with_a_claim_error(text):
    try:
        claim = parse_claim(text, NAMES)
    except ClaimError:
        return
    with contextlib.suppress(ClaimError):  # whatever parses evaluates or refuses cleanly
        claim.evaluate(N=3, L=2, R=1, h="1/2")


def test_text_python_warns_about_is_handled_without_a_warning() -> None:
    """``ast.parse`` warns on "1if N>1 else 2" (invalid decimal literal); the parser is silent."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(ClaimError):  # refused would be fine; a stray warning is not
            parse_claim("1if N>1 else 2", NAMES)
    assert not [w for w in caught if issubclass(w.category, SyntaxWarning)]
