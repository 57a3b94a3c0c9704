"""Issue 15, attacks 6 and 7: exact claims, a relative and validated tolerance, exact refutation.

Reference values are mathematics: gradient descent with step 1/L on L-smooth convex functions
has worst case f(x_N) - f* = L R^2 / (4N + 2) exactly (Drori and Teboulle 2014), i.e. 1/10 at
N = 2 and 1/14 at N = 3 for L = R = 1; sqrt(2) = 1.41421356237309504880168872420969807856...
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy
from cli_helpers import readme_user_file

import pep
from pep.certificates.instance import ExactInstance, exact_lower_bound
from pep.cli.certify import check_point, load_setting, tolerance
from pep.cli.claims import ClaimError, decimal_fraction, parse_claim
from pep.cli.intervals import compare, enclose
from pep.cli.main import main
from pep.errors import InvalidArgument, PepError

NAMES = {"N", "L", "R", "h"}
PARAMS = {"L": 1, "h": 1, "R": 1}


@pytest.fixture(scope="module")
def gd_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("user") / "my_method.py"
    path.write_text(readme_user_file())
    return str(path)


@pytest.fixture(scope="module")
def setting(gd_file):
    return load_setting(gd_file)[0]


def value(text: str, **at):
    return parse_claim(text, NAMES).evaluate(**{"N": 1, **at})


# -- literals are read from their text ----------------------------------------------------------
@pytest.mark.parametrize(
    "text, exact",
    [
        ("0.1", Fraction(1, 10)),
        ("1e-400", Fraction(1, 10**400)),
        ("0.09999999999999999999", Fraction(9999999999999999999, 10**20)),
        ("1/14 - 1e-400", Fraction(1, 14) - Fraction(1, 10**400)),
        ("2.5E-3", Fraction(1, 400)),
        ("1_0.5", Fraction(21, 2)),
        ("5.", Fraction(5)),
        (".5", Fraction(1, 2)),
        ("sqrt(1e-400)", Fraction(1, 10**200)),
    ],
)
def test_literals_are_exact_rationals_of_their_text(text, exact):
    got = value(text)
    assert isinstance(got, Fraction) and got == exact


def test_claims_that_a_float_would_merge_stay_distinct():
    # all three are the same binary double; exactly they differ
    a, b, c = value("0.1"), value("0.09999999999999999999"), value("0.1000000000000000000001")
    assert a != b != c != a and b < a < c


@pytest.mark.parametrize(
    "text, message",
    [
        ("-sqrt(2)**9999", "not a finite real number"),
        ("1e999", "not a finite real number"),
        ("10**301", "not a finite real number"),
        ("(-8)**(1/3)", "fractional power of the negative"),
        ("(-1)**(1/2)", "fractional power of the negative"),
        ("sqrt(-1)", "sqrt of the negative"),
        ("2**sqrt(2)", "exponents must be rational"),
        ("1e-99999", "exponent exceeds"),
        ("1j", "not a number"),
    ],
)
def test_non_finite_or_non_real_claims_are_usage_errors(text, message):
    with pytest.raises(ClaimError, match=message) as info:
        value(text)
    assert isinstance(info.value, PepError) and isinstance(info.value, InvalidArgument)


def test_decimal_parameter_texts_are_guarded_too():
    assert decimal_fraction("1e-3") == Fraction(1, 1000)
    with pytest.raises(ClaimError, match="exponent exceeds"):
        decimal_fraction("1e-99999999")  # would take minutes to expand exactly
    with pytest.raises(ClaimError):
        decimal_fraction("nan")


# -- exact comparisons with irrational claims ---------------------------------------------------
SQRT2_20 = Fraction(14142135623730950488, 10**19)  # sqrt(2) truncated to 19 decimals


def test_compare_is_exact_on_both_sides_of_sqrt2():
    r2 = sympy.sqrt(2)
    assert compare(SQRT2_20, r2) == 1  # sqrt(2) > 1.4142135623730950488
    assert compare(SQRT2_20 + Fraction(1, 10**19), r2) == -1
    assert compare(Fraction(1), (r2 + 1) * (r2 - 1)) == 0  # equal, not "close"
    assert compare(Fraction(1, 14), sympy.Rational(1, 14) - sympy.Integer(10) ** -400 * r2) == -1
    lo, hi = enclose(r2, 64)
    assert lo <= SQRT2_20 + Fraction(1, 10**19) and hi >= SQRT2_20 and hi - lo < Fraction(1, 10**18)


# -- the tolerance ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad", [math.nan, math.inf, -math.inf, -1, -1e-300, "nan", "inf", "-1", True]
)
def test_tolerance_must_be_finite_and_nonnegative(bad):
    with pytest.raises(InvalidArgument, match="finite number >= 0"):
        tolerance(bad)


def test_tolerance_accepts_exact_texts():
    assert tolerance("1e-6") == Fraction(1, 10**6) and tolerance(0) == 0


def test_api_refuses_a_nan_tolerance(setting):
    with pytest.raises(InvalidArgument):
        check_point(setting, 1, PARAMS, parse_claim("1", NAMES), tol=math.nan)


def test_tolerance_is_relative_below_one(setting):
    # 1/14 - 1/1100000 is 1.3e-5 *relatively* below the worst case 1/14: far outside 1e-6
    verdict = check_point(setting, 3, PARAMS, parse_claim("1/14 - 1/1100000", NAMES), exact=False)
    assert verdict.verdict == "refuted"
    # a relative tolerance of 1e-4 covers it numerically (and only numerically)
    loose = check_point(
        setting, 3, PARAMS, parse_claim("1/14 - 1/1100000", NAMES), tol=1e-4, exact=False
    )
    assert loose.verdict == "holds numerically"


# -- the attacks: inexact claims are refuted exactly --------------------------------------------
def test_claim_just_below_one_tenth_is_refuted_exactly(setting):
    verdict = check_point(setting, 2, PARAMS, parse_claim("0.09999999999999999999", NAMES))
    assert verdict.verdict == "refuted", verdict.detail
    assert verdict.exact_lower_bound == Fraction(1, 10)


def test_claim_1e400_below_the_worst_case_is_refuted_exactly(setting):
    verdict = check_point(setting, 3, PARAMS, parse_claim("1/14 - 1e-400", NAMES))
    assert verdict.verdict == "refuted", verdict.detail
    assert verdict.exact_lower_bound == Fraction(1, 14)
    assert verdict.as_dict()["exact_lower_bound"] == "1/14"


def test_claim_1e400_above_the_worst_case_is_verified(setting):
    verdict = check_point(setting, 3, PARAMS, parse_claim("1/14 + 1e-400", NAMES))
    assert verdict.verdict == "verified", verdict.detail


@pytest.mark.parametrize("claim, expected", [("sqrt(2)/14", "verified"), ("sqrt(2)/20", "refuted")])
def test_irrational_claims_are_decided(setting, claim, expected):
    # sqrt(2)/14 > 1/14 > sqrt(2)/20 = 0.0707...
    assert check_point(setting, 3, PARAMS, parse_claim(claim, NAMES)).verdict == expected


# -- exact instances ----------------------------------------------------------------------------
def test_exact_instance_attains_the_worst_case_and_its_check_can_fail():
    result = pep.algorithms.get("gd").setting(3).solve()
    instance = exact_lower_bound(result, result.certify().exact_certificate)
    assert instance is not None and instance.value == Fraction(1, 14) and instance.check()
    # the same point with a larger claimed value, or a Gram matrix scaled beyond the initial
    # condition ||x0 - x*|| <= 1, fails the exact re-check
    assert not ExactInstance(
        instance.problem, instance.gram, instance.values, Fraction(1, 13)
    ).check()
    doubled = tuple(tuple(2 * g for g in row) for row in instance.gram)
    assert not ExactInstance(instance.problem, doubled, instance.values, instance.value).check()


def test_no_exact_instance_for_a_relaxed_class():
    # FEG uses pairwise Lipschitz + monotone conditions, only necessary for the class: a point
    # of its PEP need not be an operator of the class, so it proves no lower bound
    result = pep.algorithms.get("feg").setting(2).solve()
    assert not result.interpolation_exact
    assert exact_lower_bound(result, result.certify().exact_certificate) is None


# -- the command line ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["--N", "2", "--claim", "0.09999999999999999999"],
        ["--N", "3", "--claim", "1/14 - 1e-400"],
        ["--N", "3", "--claim", "1/14 - 1/1100000"],
    ],
)
def test_cli_refutes_the_inexact_claims(gd_file, capsys, args):
    assert main(["certify", gd_file, *args]) == 1
    out = capsys.readouterr().out
    assert "refuted" in out and "verified" not in out and "holds numerically" not in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--claim", "1/14", "--tol", "nan"], "tol='nan' must be a finite number >= 0"),
        (["--claim", "1/14", "--tol", "inf"], "tol='inf' must be a finite number >= 0"),
        (["--claim", "1/14", "--tol=-1"], "tol='-1' must be a finite number >= 0"),
        (["--claim=-sqrt(2)**9999"], "not a finite real number"),
        (["--claim", "1/(N-3)"], "division by zero"),  # at N = 3, found before any solve
    ],
)
def test_cli_usage_errors_exit_2_before_solving(gd_file, capsys, args, message):
    assert main(["certify", gd_file, "--N", "1:3", *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
