"""Exact certificates of known rates (REFERENCE.md §2), checked by ExactCertificate.verify()
and by the independent checker pep.certificates.verify on the exported JSON.

Bounds come from closed forms: gd LR^2/(4N+2), convex ppm R^2/(4 gamma N), Halpern
4R^2/(N+1)^2; OGM LR^2/(2 theta_N^2) and OGM-G 2L(f0 - f*)/theta_N^2 are irrational, so only
rational upper bounds within 1e-8 (relative) are required for them.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

import pep
from pep.algorithms import get
from pep.certificates import verify
from pep.errors import CertificateError


def independent_ok(exact: pep.ExactCertificate) -> bool:
    doc = json.loads(json.dumps(exact.to_dict()))  # what a file would hold
    return verify.check(doc) == []


def exact_bound(name: str, N: int, **params: object) -> None:
    rate = get(name).rate(N, **params).value
    result = get(name).setting(N, **params).solve()
    exact = result.certificate().rationalize(bound=rate)
    assert exact.bound == rate and isinstance(rate, (int, Fraction))
    assert exact.kind == "tight"
    assert exact.verify() and independent_ok(exact)


@pytest.mark.parametrize("N", [1, 2, 3, 5, 8, 12])
def test_gd_exact_tight_bound(N: int) -> None:
    exact_bound("gd", N)


@pytest.mark.slow
@pytest.mark.parametrize("N", range(1, 21))
def test_gd_exact_tight_bound_all(N: int) -> None:
    exact_bound("gd", N)


@pytest.mark.parametrize("N", range(1, 11))
def test_convex_ppm_exact_tight_bound(N: int) -> None:
    exact_bound("ppm", N)


def test_ppm_with_other_gamma_and_radius() -> None:
    exact_bound("ppm", 3, gamma=Fraction(1, 2), R=2)  # R^2/(4 gamma N) = 2/3


def test_gd_with_other_L_and_radius() -> None:
    exact_bound("gd", 3, L=2, R=3)  # L R^2/(4N+2) = 9/7


@pytest.mark.parametrize("N", [1, 2, 3, 5, 8])
def test_halpern_exact_tight_bound(N: int) -> None:
    exact_bound("halpern", N)


@pytest.mark.slow
@pytest.mark.parametrize("N", range(1, 21))
def test_halpern_exact_tight_bound_all(N: int) -> None:
    exact_bound("halpern", N)


def upper_bound_within(name: str, N: int, rel: float) -> None:
    rate = float(get(name).rate(N).value)
    verified = get(name).setting(N).solve().certify(slack=rel)
    exact = verified.exact_certificate
    assert verified.verified and verified.label.startswith("verified")
    assert exact.verify() and independent_ok(exact)
    # the float steps make the model differ from exact theta by ~1e-16 relative only
    assert rate * (1 - 1e-12) <= float(exact.bound) <= rate * (1 + rel)


@pytest.mark.parametrize("name", ["ogm", "ogm_g"])
@pytest.mark.parametrize("N", [1, 2, 3, 5])
def test_irrational_rates_rational_upper_bound(name: str, N: int) -> None:
    upper_bound_within(name, N, 1e-8)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ogm", "ogm_g"])
@pytest.mark.parametrize("N", range(1, 11))
def test_irrational_rates_rational_upper_bound_all(name: str, N: int) -> None:
    upper_bound_within(name, N, 1e-8)


def test_wrong_bound_raises_naming_the_step() -> None:
    result = get("gd").setting(4).solve()
    with pytest.raises(CertificateError, match="nonnegativity|PSD|inconsistent|exact solve"):
        result.certificate().rationalize(bound=Fraction(1, 19))  # true value 1/18
    assert not result.verified and result.label == "numerical evidence"


def test_rationalize_without_bound_finds_the_closed_form() -> None:
    exact = get("gd").setting(6).solve().certificate().rationalize()
    assert exact.bound == Fraction(1, 26) and exact.kind == "tight"


def test_tau_and_multipliers_are_named() -> None:
    cert = get("gd").setting(2).solve().certificate()
    assert set(cert.tau) == {"initial"}
    assert cert.tau["initial"] == pytest.approx(0.1, rel=1e-6)
    names = {c.name for c in get("gd").setting(2).constraints()}
    assert set(cert.multipliers) <= names
    assert "f:interp(x*,x0)" in cert.multipliers


def test_certificate_identity_matches_drori_teboulle_multipliers() -> None:
    # REFERENCE.md §2 (h = 1): lambda_{k,k+1} = (k+1)/(2N-k) and tau = 1/(4N+2); the dual
    # optimum is not unique, so build the reference certificate and check it exactly
    N = 3
    problem = get("gd").setting(N)
    lam = {f"f:interp(x{k},x{k + 1})": Fraction(k + 1, 2 * N - k) for k in range(N)}
    star = {"f:interp(x*,x0)": lam["f:interp(x0,x1)"]}
    for k in range(1, N):
        star[f"f:interp(x*,x{k})"] = (
            lam[f"f:interp(x{k},x{k + 1})"] - lam[f"f:interp(x{k - 1},x{k})"]
        )
    star[f"f:interp(x*,x{N})"] = 1 - lam[f"f:interp(x{N - 1},x{N})"]
    mult = {**lam, **star, "initial": Fraction(1, 4 * N + 2)}
    # S follows from the identity: solve for it with the exact rows
    from pep.certificates.rationalize import ExactSystem, exact_rows

    rows, objs = exact_rows(problem)
    system = ExactSystem(rows, objs, 2 + N + 1)
    x = {system.names.index(n): v for n, v in mult.items()}
    x[len(rows)] = Fraction(1)
    tot = system.totals(
        {k: pep.certificates.exact.fmpq(v.numerator, v.denominator) for k, v in x.items()}
    )
    S = [[Fraction(int(c.p), int(c.q)) for c in row] for row in system.s_matrix(tot)]
    exact = pep.ExactCertificate(problem, Fraction(1, 4 * N + 2), mult, (Fraction(1),), S)
    assert exact.check().ok, exact.check().reasons
    assert independent_ok(exact)


def test_inaccurate_solve_is_not_verified() -> None:
    # SCS with a loose tolerance: its multipliers taken literally fail the exact check with
    # readable reasons, and its claimed value cannot be certified
    result = get("gd").setting(5).solve("SCS", eps=1e-2, accept_inaccurate=True)
    literal = result.certificate().literal()
    check = literal.check()
    assert not check.ok and any("identity: remainder" in r for r in check.reasons)
    assert not literal.verify()
    with pytest.raises(CertificateError):
        result.certificate().rationalize(bound=Fraction(result.value).limit_denominator(1000))
    assert not result.verified and "verified" not in result.label


def test_truncated_solve_is_not_verified() -> None:
    result = get("gd").setting(5).solve("SCS", max_iters=10, accept_inaccurate=True)
    check = result.certificate().literal().check()
    assert not check.ok and check.reasons
    assert not result.verified


def test_certify_returns_a_new_verified_result() -> None:
    result = get("ppm").setting(3).solve()
    verified = result.certify(bound=Fraction(1, 12))
    assert verified.verified and verified.label == "verified"
    assert verified.exact_certificate.bound == Fraction(1, 12)
    assert not result.verified  # the original is unchanged
    with pytest.raises(CertificateError, match="certify"):
        result.certify(bound=Fraction(1, 13))


def test_duplicate_constraint_names_are_refused() -> None:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1, name="init")
    problem.assume(f(x0) - f(xs) <= 1, name="init")
    problem.maximize(f(x0 - f.grad(x0)) - f(xs))
    with pytest.raises(CertificateError, match="unique name"):
        problem.solve().certificate().rationalize()


def test_tables() -> None:
    exact = get("gd").setting(1).solve().certificate().rationalize()
    md = exact.table()
    assert md.splitlines()[0] == "| constraint | points | multiplier |"
    assert "| initial |  | 1/6 |" in md
    assert sum(1 for line in md.splitlines()[2:]) == len(exact.multipliers)
    tex = exact.table(fmt="latex")
    assert r"\frac{1}{6}" in tex and r"x$^\ast$" in tex
    with pytest.raises(pep.InvalidArgument, match="fmt="):
        exact.table(fmt="html")
