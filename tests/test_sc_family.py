"""The strongly convex family (SC-FGM, SC-OGM, TMM, ITEM) and Lee-Park-Ryu's geometric
structure (NeurIPS 2021, arXiv 2106.10439, Sec. 3-4 and Table A.1).

Reference values come from the papers: ITEM's R^2/(1 + q A_N) (Taylor-Drori 2023, Thm 3,
tight; their example mu = 0.001, N = 15: 0.756605) and the method statements of Table A.1
and of Van Scoy et al. (2018). The rates of SC-FGM (Nesterov 2004), TMM and SC-OGM are the
ones proved in proofs/; the PEP must stay below them, and reach them where marked tight.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from pep import SmoothConvex, SmoothStronglyConvex, sqnorm
from pep.algorithms import get, item, sc_fgm, sc_ogm, tmm
from pep.algorithms.strongly_convex import aux_step, sqrt_exact
from pep.model.problem import Problem
from pep.symbolic import Relation, check_chain, check_link, load_proofs, reduce

KAPPAS = {"sc_fgm": (4, 9), "tmm": (4, 9), "sc_ogm": (3, 6), "item": (4, 10)}
TIGHT = {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}  # Clarabel options


@pytest.mark.parametrize("name", sorted(KAPPAS))
@pytest.mark.parametrize("N", [1, 2, 3, 5])
def test_pep_value_below_rate_and_equal_where_tight(name: str, N: int) -> None:
    alg = get(name)
    for L in KAPPAS[name]:
        value = alg.setting(N, L=L, mu=1).solve(**TIGHT).value
        rate = alg.rate(N, L=L, mu=1)
        assert value <= float(rate.value) * (1 + 1e-6)
        if rate.tight:
            assert value == pytest.approx(float(rate.value), rel=1e-6)


def test_item_matches_taylor_drori_example() -> None:
    assert float(get("item").rate(15, L=1000, mu=1).value) == pytest.approx(0.756605, abs=1e-6)


def test_item_needs_the_factor_one_half_in_delta() -> None:
    """Table A.1 of Lee-Park-Ryu prints delta_k without 1/2; that variant misses the rate."""
    L, N = 10, 3
    q = Fraction(1, L)
    A = item.a_sequence(N, float(q))
    p = Problem()
    f = p.function(SmoothStronglyConvex(L=L, mu=1))
    x0, xs = p.point("x0"), f.minimizer()
    x, z = x0, x0
    for k in range(N):
        phi, d = item.coefficients(A[k], A[k + 1], float(q))
        x, z, _ = aux_step(x, z, f, L, 1, phi, 2 * d)
    p.assume(sqnorm(x0 - xs) <= 1)
    p.maximize(sqnorm(z - xs))
    assert p.solve().value > 1.5 * float(get("item").rate(N, L=L, mu=1).value)


# -- the collinear forms run the methods of the papers ----------------------------------------
def _gradient_points(run, N: int, L) -> list:
    p = Problem()
    f = p.function(SmoothConvex(L=1))
    x0 = p.point("x0")
    run(p, f, x0, N, L)
    return [tuple(sorted((lf.name, c) for lf, c in r.x.terms.items())) for r in f.records]


def _momentum(a, b):
    """Lee-Park-Ryu's x_{k+1} = x_k^+ + a (x_k^+ - x_{k-1}^+) + b (x_k^+ - x_k)."""

    def run(p, f, x0, N, L):
        x, prev = x0, x0
        for _ in range(N):
            plus = x - f.grad(x) / L
            x, prev = plus + a * (plus - prev) + b * (plus - x), plus

    return run


def _ours(module):
    def run(p, f, x0, N, L):
        module.run(p, f, x0, N, L=L, mu=1)

    return run


@pytest.mark.parametrize("L", [4, 9, 25])
def test_collinear_forms_equal_table_a1_momentum_forms(L: int) -> None:
    s = sqrt_exact(Fraction(L))
    forms = {
        "sc_fgm": (sc_fgm, (s - 1) / (s + 1), 0),
        "tmm": (tmm, (s - 1) ** 2 / (s * (s + 1)), (s - 1) / s),
    }
    for name, (module, a, b) in forms.items():
        ours = _gradient_points(_ours(module), 5, L)
        assert ours == _gradient_points(_momentum(a, b), 5, L), name


def test_sc_ogm_collinear_form_equals_its_momentum_form() -> None:
    """kappa = 6, r = sqrt(8 kappa + 1) = 7: both coefficients (kappa - 1)/(r + 2 + kappa)."""
    a = Fraction(6 - 1, 7 + 2 + 6)
    assert _gradient_points(_ours(sc_ogm), 6, 6) == _gradient_points(_momentum(a, a), 6, 6)


def test_tmm_equals_van_scoy_freeman_lynch() -> None:
    """The original three-sequence TMM (rho = 1 - 1/sqrt(kappa), alpha = (1+rho)/L,
    beta = rho^2/(2-rho), gamma = rho^2/((1+rho)(2-rho))) evaluates the same gradients."""
    L, N = 9, 5
    rho = 1 - 1 / sqrt_exact(Fraction(L))
    alpha, beta = (1 + rho) / L, rho**2 / (2 - rho)
    gamma = rho**2 / ((1 + rho) * (2 - rho))

    def original(p, f, x0, N, L):
        xi_old, xi, y = x0, x0, x0
        for _ in range(N):
            xi_new = (1 + beta) * xi - beta * xi_old - alpha * f.grad(y)
            y = (1 + gamma) * xi_new - gamma * xi
            xi_old, xi = xi, xi_new

    assert _gradient_points(_ours(tmm), N, L) == _gradient_points(original, N, L)


# -- Lee-Park-Ryu's observations as identities between iterates --------------------------------
def _iterate_identity(method: str):
    """For a symbolic sqrt(kappa) = s, run the Table A.1 momentum form, define z_k as in
    Sec. 4.1 and return (z_{k+1} - [d x_k^{++} + (1 - d) z_k]) for k = 0..3 (must be 0)."""
    s = sp.Symbol("s", positive=True)
    L, mu = s**2, 1
    if method == "sc_fgm":  # Sec. 4.1: z_{k+1} = x_{k+1} + sqrt(kappa)(x_{k+1} - x_k^+)
        a, b, c, d = (s - 1) / (s + 1), 0, s, 1 / s
    else:  # TMM: z_{k+1} = x_{k+1} + (sqrt(kappa) - 1)/2 (x_{k+1} - x_k^+)
        a, b, c, d = (s - 1) ** 2 / (s * (s + 1)), (s - 1) / s, (s - 1) / 2, 1 / s
    p = Problem()
    f = p.function(SmoothConvex(L=1))
    x, prev = p.point("x0"), None
    z = x  # z_0 = x_0
    out = []
    for _ in range(4):
        g = f.grad(x)
        plus, pp = x - g / L, x - g / mu
        nxt = plus + a * (plus - (prev if prev is not None else x)) + b * (plus - x)
        z_next = nxt + c * (nxt - plus)
        out.append(z_next - (d * pp + (1 - d) * z))
        x, prev, z = nxt, plus, z_next
    return out


@pytest.mark.parametrize("method", ["sc_fgm", "tmm"])
def test_collinear_structure_observations_3_and_4(method: str) -> None:
    for diff in _iterate_identity(method):
        assert all(sp.cancel(c) == 0 for c in diff.terms.values())


def test_collinear_identity_fails_for_a_wrong_z() -> None:
    """The identity can fail: TMM with SC-FGM's z-definition is not collinear."""
    s = sp.Symbol("s", positive=True)
    L = s**2
    a, b = (s - 1) ** 2 / (s * (s + 1)), (s - 1) / s
    p = Problem()
    f = p.function(SmoothConvex(L=1))
    x0 = p.point("x0")
    g = f.grad(x0)
    plus, pp = x0 - g / L, x0 - g
    x1 = plus + a * (plus - x0) + b * (plus - x0)
    z1 = x1 + s * (x1 - plus)
    diff = z1 - (pp / s + (1 - 1 / s) * x0)
    assert any(sp.cancel(c) != 0 for c in diff.terms.values())


@pytest.mark.parametrize("variant", ["fgm", "ogm"])
def test_parallel_structure_observations_1_and_2(variant: str) -> None:
    """FGM/OGM momentum forms (Table A.1) with z_k = x_k + (theta_k - 1)(x_k - x_{k-1}^+):
    z_{k+1} - z_k = -(c theta_k / L) grad f(x_k), c = 1 (FGM) or 2 (OGM), i.e. parallel to
    x_k^+ - x_k; for symbolic theta_k with theta_{k+1}^2 - theta_{k+1} = theta_k^2."""
    th = [sp.Integer(1)] + list(sp.symbols("theta1:6", positive=True))
    rel = [Relation(th[i + 1], th[i + 1] ** 2 - th[i + 1] - th[i] ** 2, i + 1) for i in range(5)]
    c = 1 if variant == "fgm" else 2
    p = Problem()
    f = p.function(SmoothConvex(L=1))
    x = p.point("x0")
    prev, z = x, x
    for k in range(4):
        g = f.grad(x)
        plus = x - g
        nxt = plus + (th[k] - 1) / th[k + 1] * (plus - prev)
        if variant == "ogm":
            nxt = nxt + th[k] / th[k + 1] * (plus - x)
        z_next = nxt + (th[k + 1] - 1) * (nxt - plus)
        diff = z_next - z + c * th[k] * g
        assert all(reduce(v, rel) == 0 for v in diff.terms.values()), (variant, k)
        x, prev, z = nxt, plus, z_next


# -- the proofs can fail ---------------------------------------------------------------------
PROOFS = Path(__file__).resolve().parent.parent / "proofs"


def _tampered(tmp_path: Path, name: str, old: str, new: str):
    src = (PROOFS / f"{name}.py").read_text()
    assert old in src
    path = tmp_path / f"{name}_bad.py"
    path.write_text(src.replace(old, new, 1))
    (tmp_path / "_sequences.py").write_text((PROOFS / "_sequences.py").read_text())
    return load_proofs(path)[0]


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        (
            "tmm",
            "rate=lambda c, at: (1 + c.t) ** 2 / at(W)",
            "rate=lambda c, at: (1 + c.t) / at(W)",
        ),
        ("sc_ogm", "rate=lambda c, at: 2 * sc_ogm", "rate=lambda c, at: sc_ogm"),
        (
            "item",
            "rate=lambda c, at: 1 / weight(c, at)",
            "rate=lambda c, at: 1 / (1 + weight(c, at))",
        ),
        (
            "sc_fgm",
            "rate=lambda c, at: (smoothness(c) + c.mu) / 2",
            "rate=lambda c, at: smoothness(c) / 2",
        ),
    ],
)
def test_a_smaller_claimed_rate_is_refused(tmp_path: Path, name: str, old: str, new: str) -> None:
    result = check_chain(_tampered(tmp_path, name, old, new))
    assert not result.ok and "differs from the claimed rate" in result.failures[0]


def test_a_wrong_end_multiplier_is_refused(tmp_path: Path) -> None:
    proof = _tampered(
        tmp_path,
        "tmm",
        '{c.ineq(c.f, "interp", s.xprev, c.star): at(W)}',
        '{c.ineq(c.f, "interp", s.xprev, c.star): at(W) / 2}',
    )
    result = check_link(proof, proof.links[-1])
    assert not result.ok and any("coefficient of" in f for f in result.failures)


def test_a_faster_contraction_with_the_same_multipliers_is_refused(tmp_path: Path) -> None:
    """Claiming rho^2 (the TMM factor) for SC-FGM with its certificate: the step link fails."""
    proof = _tampered(
        tmp_path,
        "sc_fgm",
        "relation=lambda a, b, k: T * b - S * a",
        "relation=lambda a, b, k: T**2 * b - S**2 * a",
    )
    assert not check_link(proof, proof.links[1]).ok
