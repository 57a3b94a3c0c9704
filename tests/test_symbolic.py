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
