"""The symbolic checker: prover units and negative tests on perturbed copies of every proof.

A perturbed copy changes one multiplier, the potential, or a step coefficient; the checker must
reject it with a message naming the offending term.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sympy as sp

from pep.symbolic import (
    Env,
    Facts,
    Relation,
    State,
    build_link,
    check_chain,
    check_link,
    check_proof,
    ldl_psd,
    load_proofs,
    prove_sign,
    reduce,
)

PROOF_DIR = Path(__file__).resolve().parent.parent / "proofs"
PROOFS = {
    p.name: p
    for f in sorted(PROOF_DIR.glob("[a-z]*.py"))
    if f.name != "conftest.py"
    for p in load_proofs(f)
}
NAMES = sorted(PROOFS)
NAMED_TERM = ("coefficient of", "multiplier of", "pivot", "invariant", "entry <", "diagonal entry")

k = sp.Symbol("k", integer=True, nonnegative=True)
L = sp.Symbol("L", positive=True)


# -- prover units -------------------------------------------------------------------------------
def test_reduce_uses_the_recurrence():
    t0, t1 = sp.symbols("t0 t1", positive=True)
    rel = [Relation(t1, t1**2 - t1 - t0**2, 1)]
    assert reduce(t1**2 - t1 - t0**2, rel) == 0
    assert reduce(t1**2, rel) == sp.expand(t1 + t0**2)
    assert reduce(t1**2, []) == t1**2


def test_reduce_linear_relation_substitutes():
    a, b = sp.symbols("a b", positive=True)
    assert reduce(b - 2 * a, [Relation(b, 3 * b - 6 * a, 1)]) == 0


@pytest.mark.parametrize(
    ("expr", "ok"),
    [((k + 1) / (2 * L), True), (k - 1, False), (k**2 - 2 * k + 1, False), (1 / (k + 1), True)],
)
def test_prove_sign_index(expr, ok):
    assert prove_sign(expr, Facts(index={k: 0})).ok is ok


def test_prove_sign_uses_lower_bound_and_chain():
    t, u = sp.symbols("t u", positive=True)
    facts = Facts(lower={t: (1,)}, chains=((t, u),))
    assert prove_sign(u - t, facts).ok
    assert prove_sign(t - 1, facts).ok
    assert not prove_sign(1 - t, facts).ok


def test_prove_sign_two_sided_fact():
    a = sp.Symbol("a", positive=True)
    facts = Facts(lower={a: (0,)}, upper={a: (sp.Rational(3, 4) / L,)})
    assert prove_sign(1 - a**2 * L**2, facts, strict=True).ok
    assert not prove_sign(sp.Rational(1, 2) - a * L, facts).ok


def test_strict_sign_strips_monomials_in_positive_variables():
    """Issue 18: t(j+1)(5jt + 4j + 6t + 8) > 0 for t > 0, j >= 0 has no constant term; its term
    8t (a monomial in the positive t) proves it. The last two cases reach the coefficient
    argument only after a substitution (k = 1 + j, a boxed), and fail without the fix."""
    t = sp.Symbol("t", positive=True)
    j = sp.Symbol("j", nonnegative=True)
    a = sp.Symbol("a", positive=True)
    assert prove_sign(sp.expand(t * (j + 1) * (5 * j * t + 4 * j + 6 * t + 8)), Facts(), True).ok
    # k >= 1: after k = 1 + j the numerator has the term 8aL (a, L > 0) and no constant term
    e = a * L * k * (5 * k * a * L + 4 * k + 6 * a * L + 8)
    assert prove_sign(e, Facts(index={k: 1}), strict=True).ok
    # 0 < a < 1/(4L): after a = (1/(4L)) s/(1 + s) with s > 0, every term has a factor s
    box = Facts(index={k: 0}, lower={a: (0,)}, upper={a: (1 / (4 * L),)})
    assert prove_sign(a * (k + 1) * (1 - 4 * a * L + k), box, strict=True).ok


@pytest.mark.parametrize(
    "expr",
    [
        "t*(j - 1)",  # negative at j = 0
        "t*j*(t + 1)",  # zero at j = 0
        "t*j + j**2",  # zero at j = 0
        "a*L*k*(5*k*a*L + 4*k + 6*a*L + 8)",  # k = 0 is allowed here: zero
        "a*L*(k - 1)",  # negative at k = 0
    ],
)
def test_strict_sign_refuses_what_can_be_zero_or_negative(expr):
    names = {"t": sp.Symbol("t", positive=True), "j": sp.Symbol("j", nonnegative=True)}
    names |= {"a": sp.Symbol("a", positive=True), "L": L, "k": k}
    e = sp.sympify(expr, locals=names)
    assert not prove_sign(sp.expand(e), Facts(index={k: 0}), strict=True).ok
    assert not prove_sign(e, Facts(index={k: 0}), strict=True).ok


def test_strict_sign_refuses_a_widened_box():
    """1 - 4aL + k < 0 at k = 0 for a in (1/(4L), 1/(3L)): not provable with a < 1/(3L)."""
    a = sp.Symbol("a", positive=True)
    box = Facts(index={k: 0}, lower={a: (0,)}, upper={a: (1 / (3 * L),)})
    assert not prove_sign(a * (k + 1) * (1 - 4 * a * L + k), box, strict=True).ok
    assert not prove_sign(a * (k + 1) * (1 - 4 * a * L + k), box).ok


def test_one_index_without_real_roots_is_positive():
    """Mixed-sign coefficients, positive for every k >= 0 (no real root there): proved by
    root counting; the coefficient argument alone cannot."""
    n = sp.Symbol("N", integer=True, positive=True)
    facts = Facts(index={k: 0, n: 1})
    e = 13425 * k**4 + 85315 * k**3 - 10534 * k**2 + 39016 * k + 3872  # from pep prove eag_c
    assert prove_sign(e, facts, strict=True).ok
    assert prove_sign((3825 * n**2 - 63900 * n + 306578) / 31864800, facts, strict=True).ok
    assert prove_sign(1 / (k**2 - 3 * k + 3), facts, strict=True).ok


@pytest.mark.parametrize(
    "expr",
    [
        "k**2 - 3*k + 2",  # zero at k = 1, 2 and negative between
        "k**2 - k",  # zero at k = 0
        "-(k**2 - k + 1)",  # negative
        "N**2 - 4*N + 4.5",  # positive, but a float is never counted as exact
        "(k**2 - k + 1)*L - 1",  # two symbols: L may be small
        "1/(k - 2)",  # a pole at k = 2
        "k**2 - 2*sqrt(2)*k + 3",  # irrational coefficients: not handled, refused
    ],
)
def test_one_index_rule_refuses(expr):
    n = sp.Symbol("N", integer=True, positive=True)
    e = sp.sympify(expr, locals={"k": k, "N": n, "L": L})
    facts = Facts(index={k: 0, n: 1})
    assert not prove_sign(e, facts, strict=True).ok


def _eag_c_remainder(a):
    """EAG-C's one-step remainder (proofs/eag_c.py), x = aL, times 4L."""
    x = a * L
    q23 = (k + 2) * (2 * (k + 2) * x**2 - (k + 1)) / x
    return sp.Matrix(
        [
            [x * (k + 1) * (k * (1 + x) + 2 * (1 - x)) / (1 + x), -x * (k + 1) * (k + 2), 0],
            [-x * (k + 1) * (k + 2), (k + 1) * (k + 2) * (1 - x**2) / x, q23],
            [0, q23, (k + 2) * ((k + 1) * (1 - 2 * x**2) * (1 + x) - 4 * x**2) / (x * (1 + x))],
        ]
    )


def test_ldl_of_eag_c_remainder_with_a_bounded_step():
    """Issue 18's case: with 0 < a < 1/(4L) as a two-sided fact, the pivots' numerators have
    no constant term after the substitution; the strict-sign fix is what proves them."""
    a = sp.Symbol("a", positive=True)
    labels = ["g0", "gh", "g1"]
    quarter = Facts(index={k: 0}, lower={a: (0,)}, upper={a: (1 / (4 * L),)})
    assert ldl_psd(_eag_c_remainder(a), labels, quarter)[0]
    third = Facts(index={k: 0}, lower={a: (0,)}, upper={a: (1 / (3 * L),)})
    ok, msg, _ = ldl_psd(_eag_c_remainder(a), labels, third)
    assert not ok and "g1" in msg


def test_ldl_psd_accepts_and_rejects():
    good = sp.Matrix([[2, 1], [1, 1]])
    bad = sp.Matrix([[1, 2], [2, 1]])
    assert ldl_psd(good, ["a", "b"], Facts())[0]
    ok, msg, _ = ldl_psd(bad, ["a", "b"], Facts())
    assert not ok and "b" in msg
    zero_pivot = sp.Matrix([[0, 1], [1, 1]])
    assert not ldl_psd(zero_pivot, ["a", "b"], Facts())[0]


def test_failure_names_the_term_of_the_issue_example():
    """A wrong GD multiplier (k instead of k + 1 on I(k, k+1)) is reported term by term."""
    proof = PROOFS["gd"]
    link = proof.links[1]

    def wrong(c, s, s1, at):
        m = dict(link.multipliers(c, s, s1, at))
        m[c.ineq(c.f, "interp", s.x, s1.x)] = at.k  # should be k + 1
        return m

    bad = dataclasses.replace(
        proof, links=(proof.links[0], dataclasses.replace(link, multipliers=wrong), proof.links[2])
    )
    result = check_proof(bad)
    assert not result.ok
    assert "step: coefficient of f(x_k) - f(x*) is 1, expected 0" in result.failures
    assert "step: coefficient of ||g_f(x_k)||^2 is -1/(2*L), expected 0" in result.failures


# -- negative tests: every proof, every multiplier / the potential / a step coefficient ----------
def _multiplier_cases():
    for name in NAMES:
        proof = PROOFS[name]
        for i, link in enumerate(proof.links):
            built = build_link(proof, link, Env(proof.params, proof.special))
            for key in built.multipliers:
                yield pytest.param(name, i, key, id=f"{name}-{link.name}-{key}")


@pytest.mark.parametrize(("name", "index", "key"), list(_multiplier_cases()))
def test_changed_multiplier_fails(name, index, key):
    proof = PROOFS[name]
    link = proof.links[index]

    def changed(c, s, s1, at):
        m = dict(link.multipliers(c, s, s1, at))
        m[key] = m[key] + 1
        return m

    # only this link changes, so only this link is re-checked (the others are unchanged)
    result = check_link(proof, dataclasses.replace(link, multipliers=changed))
    assert not result.ok
    assert any(t in f for f in result.failures for t in NAMED_TERM), result.failures


@pytest.mark.parametrize("name", NAMES)
def test_changed_potential_fails(name):
    proof = PROOFS[name]
    first = proof.state[0]
    replaced = {}

    def perturb(V):
        if V not in replaced:
            replaced[V] = lambda c, s, at: (
                V(c, s, at)
                + (at.k + 1) / sp.Integer(7) * ((s[first] - c.star) @ (s[first] - c.star))
            )
        return replaced[V]

    links = tuple(
        dataclasses.replace(
            link,
            lhs=link.lhs if not callable(link.lhs) else perturb(link.lhs),
            rhs=link.rhs if not callable(link.rhs) else perturb(link.rhs),
        )
        for link in proof.links
    )
    result = check_proof(dataclasses.replace(proof, links=links))
    assert not result.ok
    assert any(t in f for f in result.failures for t in NAMED_TERM), result.failures


@pytest.mark.parametrize("name", NAMES)
def test_changed_step_coefficient_fails(name):
    proof = PROOFS[name]
    first = proof.state[0]

    def step(c, s, at):
        out = dict(proof.step(c, s, at))
        out[first] = out[first] + s[first] / sp.Integer(7)  # the coefficient of the current iterate
        return State(**out)

    bad = dataclasses.replace(proof, step=step)
    advancing = [link for link in bad.links if link.advance]
    failures = [f for link in advancing for f in check_link(bad, link).failures]
    assert failures
    assert any(t in f for f in failures for t in NAMED_TERM), failures


@pytest.mark.parametrize("name", NAMES)
def test_changed_rate_fails(name):
    proof = PROOFS[name]
    result = check_chain(dataclasses.replace(proof, rate=lambda c, at: proof.rate(c, at) / 2))
    assert not result.ok
    assert any("telescoped bound" in f for f in result.failures)


def test_range_into_a_special_index_is_rejected():
    """OGM's step identity uses the regular recurrence: it may not run into theta_N."""
    proof = PROOFS["ogm"]
    link = dataclasses.replace(proof.links[1], stop="N - 1")
    result = check_link(proof, link)
    assert not result.ok
    assert "special index N" in result.failures[0]


def test_sign_argument_needs_nonnegative_variables():
    x = sp.Symbol("x", real=True)
    assert not prove_sign(x + 1, Facts()).ok  # x may be negative: no coefficient argument
    assert prove_sign(x**2 + 1, Facts()).ok  # sympy's assumptions know this one
