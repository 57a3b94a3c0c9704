"""Worst cases of the smooth-minimization methods against REFERENCE.md §3 (L = 1, R = 1).

Tight rates are compared with their closed forms to 1e-6 relative; FGM (whose bound is not
attained) with the independently computed table values and with its upper bound.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from pep.algorithms import get, theta_sequence
from pep.errors import NoKnownRate

NS = range(1, 11)

CLOSED_FORMS = {
    "gd": lambda N: Fraction(1, 4 * N + 2),
    "ogm": lambda N: 1 / (2 * theta_sequence(N)[-1] ** 2),
    "ogm_g": lambda N: 2 / theta_sequence(N)[-1] ** 2,
    "ppm": lambda N: Fraction(1, 4 * N),
}

# FGM PEP values of REFERENCE.md §3 (7 decimal places; N = 9 is not tabulated).
FGM_TABLE = {
    1: 0.1666667,
    2: 0.1,
    3: 0.0661069,
    4: 0.0468332,
    5: 0.0348938,
    6: 0.0270029,
    7: 0.0215203,
    8: 0.0175576,
    10: 0.0123351,
}


@pytest.mark.parametrize("name", sorted(CLOSED_FORMS))
@pytest.mark.parametrize("N", NS)
def test_tight_rates_match_closed_forms(name: str, N: int) -> None:
    alg = get(name)
    result = alg.setting(N).solve()
    expected = float(CLOSED_FORMS[name](N))
    assert result.value == pytest.approx(expected, rel=1e-6)
    assert result.primal_value == pytest.approx(expected, rel=1e-6)
    rate = alg.rate(N)
    assert rate.tight
    assert float(rate.value) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("N", NS)
def test_fgm_matches_table_and_stays_below_its_bound(N: int) -> None:
    alg = get("fgm")
    value = alg.setting(N).solve().value
    if N in FGM_TABLE:
        # the table carries 7 significant digits: allow half a unit in the last one
        # the table is rounded to 7 decimal places: allow half a unit in the last one
        assert abs(value - FGM_TABLE[N]) <= 0.5e-7 + 1e-6 * FGM_TABLE[N]
    rate = alg.rate(N)
    assert not rate.tight
    assert value <= float(rate.value) * (1 + 1e-7)
    assert float(rate.value) <= 2 / (N + 1) ** 2 + 1e-12


@pytest.mark.parametrize("N", [1, 2, 3, 5])
def test_fista_stays_below_its_bound(N: int) -> None:
    alg = get("fista")
    assert alg.setting(N).solve().value <= float(alg.rate(N).value) * (1 + 1e-7)


def test_gd_rate_with_step_h() -> None:
    # Drori-Teboulle: L R^2 / (4 N h + 2), tight for h in (0, 1]
    for h in (Fraction(1, 2), Fraction(3, 4)):
        value = get("gd").setting(3, h=h).solve().value
        assert value == pytest.approx(float(Fraction(1) / (12 * h + 2)), rel=1e-6)


@pytest.mark.parametrize(
    ("N", "h"),
    [(1, Fraction(3, 2)), (2, Fraction(19, 10)), (2, Fraction(5, 4)), (4, Fraction(3, 2))],
)
def test_gd_long_steps_follow_the_tight_formula(N: int, h: Fraction) -> None:
    # (L R^2 / 2) max{1/(2Nh + 1), (1 - h)^(2N)} for h in (0, 2) (Kim, arXiv:2412.04427); the
    # short-step formula 1/(4Nh + 2) is below the worst case here, so it would not be a bound
    closed = Fraction(1, 2) * max(Fraction(1, 2 * N * h + 1), (1 - h) ** (2 * N))
    assert get("gd").rate(N, h=h).value == closed
    assert get("gd").rate(N, h=h).tight
    assert get("gd").setting(N, h=h).solve().value == pytest.approx(float(closed), rel=1e-6)


@pytest.mark.parametrize("h", [2, Fraction(5, 2), 0, -1])
def test_gd_rate_refuses_steps_without_a_bound(h: Fraction) -> None:
    with pytest.raises(NoKnownRate, match="outside 0 < h < 2"):
        get("gd").rate(3, h=h)


def test_exact_inputs_give_exact_rates() -> None:
    assert get("gd").rate(3, L=2, R=3).value == Fraction(18, 14)
    assert get("ppm").rate(5, gamma=2).value == Fraction(1, 40)


def test_ogm_g_is_four_times_ogm() -> None:
    # H-duality consequence recorded in REFERENCE.md §2: OGM-G worst case = 4 x OGM's
    for N in (2, 4):
        a = get("ogm").setting(N).solve().value
        b = get("ogm_g").setting(N).solve().value
        assert b == pytest.approx(4 * a, rel=1e-6)
