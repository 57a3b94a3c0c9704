"""``solve("SCS")``: SCS alone, over pep's formulation (pep.sdp.solvers.named; issue 16).

Reference values are closed forms: gradient descent 1/(4N+2) (Drori and Teboulle 2014),
Halpern ||x_N - T x_N||^2 <= 4 R^2/(N+1)^2 (Lieder 2021, tight), gradient descent on
quadratics max_l l (1 - l)^{2N}/2 = 128/3125 at N = 2 (the spectral form).
"""

from __future__ import annotations

import pytest
from test_lmi_certificates import gd_quadratic

from pep.algorithms import get
from pep.errors import InvalidArgument

SCS_RTOL = 1e-4  # SCS is a first-order method: its estimate is judged at this tolerance


def test_scs_runs_the_dual_form_and_says_so() -> None:
    result = get("gd").setting(3).solve("SCS", rtol=SCS_RTOL)
    assert abs(result.value - 1 / 14) <= SCS_RTOL / 14 + result.error_estimate
    (attempt,) = result.attempts
    assert attempt.path == "SCS (SCS_DUAL)"
    assert result.solution.solver == "SCS_DUAL"


def test_scs_sees_an_operator_pep_over_the_points() -> None:
    N = 5
    result = get("halpern").setting(N).solve("SCS", rtol=SCS_RTOL)
    assert result.attempts[0].path == "SCS (SCS_DUAL)+points"
    tight = float(get("halpern").rate(N).value)
    assert abs(result.value - tight) <= SCS_RTOL * tight + result.error_estimate


def test_a_function_value_pep_stays_over_the_leaves() -> None:
    assert "+points" not in get("ogm").setting(3).solve("SCS", rtol=SCS_RTOL).attempts[0].path


def test_lmi_classes_go_through_cvxpy() -> None:
    result = gd_quadratic(mu=0).solve("SCS", rtol=SCS_RTOL)
    assert result.attempts[0].path == "SCS (SCS_CVXPY)"
    assert result.value == pytest.approx(128 / 3125, rel=SCS_RTOL)


def test_the_cvxpy_route_stays_available_by_name() -> None:
    result = get("gd").setting(3).solve("SCS_CVXPY", rtol=SCS_RTOL)
    assert result.attempts[0].path == "SCS_CVXPY"
    assert abs(result.value - 1 / 14) <= SCS_RTOL / 14 + result.error_estimate


def test_cvxpy_eps_means_both_tolerances() -> None:
    # eps = 1e-2 stops SCS early: the value is labelled, not refused, with accept_inaccurate
    rough = get("gd").setting(3).solve("SCS", eps=1e-2, accept_inaccurate=True)
    assert rough.solution.options["eps_abs"] == rough.solution.options["eps_rel"] == 1e-2


def test_an_unknown_scs_setting_is_a_usage_error() -> None:
    with pytest.raises(InvalidArgument, match="tolerance_typo"):
        get("gd").setting(2).solve("SCS", tolerance_typo=1e-5)


def test_an_explicit_basis_is_kept() -> None:
    # gd stays over the leaves by itself; named, the points basis is used
    result = get("gd").setting(3).solve("SCS", basis="points", rtol=SCS_RTOL)
    assert result.attempts[0].path == "SCS (SCS_DUAL)+points"
    assert abs(result.value - 1 / 14) <= SCS_RTOL / 14 + result.error_estimate
