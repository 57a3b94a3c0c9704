"""Exact certificates with LMI blocks: gradient descent on quadratics, N = 2.

f(x) = 1/2 <x, Qx> with 1/10 I <= Q <= I, x_{k+1} = x_k - grad f(x_k), ||x0 - x*|| <= 1: the
worst case of f(x2) - f* is max over l in [1/10, 1] of l (1 - l)^4 / 2 = 128/3125 (l = 1/5).
The certificate carries one rational PSD matrix for the class's LMI; the in-process check and
the standalone checker (``pep verify``) rebuild the block from the class and the records. A
forged block (not PSD, a mutated entry, dropped) is rejected.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import pep
from pep.certificates import verify
from pep.errors import CertificateError

TIGHT = Fraction(128, 3125)


def gd_quadratic(mu: Fraction = Fraction(1, 10), N: int = 2) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvexQuadratic(L=1, mu=mu))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(N):
        x = x - f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


@pytest.fixture(scope="module")
def verified() -> pep.Result:
    return gd_quadratic().solve().certify()


@pytest.fixture(scope="module")
def doc(verified: pep.Result) -> dict:
    return json.loads(json.dumps(verified.exact_certificate.to_dict()))


def _lmi(doc: dict) -> dict:
    (block,) = [b for b in doc["proof"]["psd"] if b["block"] == "lmi"]
    return block


def test_certify_proves_a_bound_just_above_the_closed_form(verified: pep.Result) -> None:
    exact = verified.exact_certificate
    assert verified.verified and exact.verify()
    assert set(exact.psd_blocks) == {"f:lmi"} and len(exact.psd_blocks["f:lmi"]) == 4
    # a valid bound is never below the true worst case, and the slack is the default 1e-6
    assert TIGHT <= exact.bound <= TIGHT * (1 + Fraction(1, 10**6))


def test_the_standalone_checker_accepts_it_and_states_the_class(doc: dict) -> None:
    assert verify.check(doc) == []
    text = verify.theorem(doc)
    assert "SmoothStronglyConvexQuadratic(L=1, mu=1/10)" in text
    assert "at x1 = x0 - g_f(x0): gradient g_f(x1)" in text


def test_the_certificate_is_checked_against_the_problem(verified: pep.Result) -> None:
    exact = verified.exact_certificate
    assert exact.checked_against(gd_quadratic()).ok
    assert not exact.checked_against(gd_quadratic(mu=Fraction(1, 5))).ok  # another class


def _entry(block: dict, p: int, q: int) -> list:
    return next(e for e in block["entries"] if e[0] == p and e[1] == q)


def test_a_mutated_block_entry_is_rejected(doc: dict) -> None:
    forged = copy.deepcopy(doc)
    e = _entry(_lmi(forged), 0, 0)
    e[2] = str(Fraction(e[2]) + Fraction(1, 1000))
    reasons = verify.check(forged)
    assert reasons and reasons[0].startswith("identity")


def test_a_dropped_block_is_rejected(doc: dict) -> None:
    forged = copy.deepcopy(doc)
    forged["proof"]["psd"] = [b for b in forged["proof"]["psd"] if b["block"] != "lmi"]
    reasons = verify.check(forged)
    assert reasons and reasons[0].startswith("identity")


def test_a_non_psd_block_is_rejected_by_the_psd_test(doc: dict) -> None:
    """Z[x*, x*] lowered by 3 (Z is then not PSD) and the identity repaired through S: the
    x*-x* entry of -<Z, T> is mu L Z[x*, x*] |x*|^2 (x* is record 0), so S[x*, x*] loses
    mu L * 3 = 3/10. The identity holds; the PSD test of the block must refuse it."""
    forged = copy.deepcopy(doc)
    e = _entry(_lmi(forged), 0, 0)
    e[2] = str(Fraction(e[2]) - 3)
    (gram,) = [b for b in forged["proof"]["psd"] if b["block"] == "gram"]
    star = forged["statement"]["points"].index("x*")
    s = next((g for g in gram["entries"] if g[0] == g[1] == star), None)
    if s is None:
        s = [star, star, "0"]
        gram["entries"].append(s)
    s[2] = str(Fraction(s[2]) - Fraction(3, 10))
    reasons = verify.check(forged)
    assert not any("identity" in r for r in reasons)
    assert any("'lmi' block of f is not PSD" in r for r in reasons)


def test_malformed_blocks_are_refused(doc: dict) -> None:
    twice = copy.deepcopy(doc)
    twice["proof"]["psd"].append(copy.deepcopy(_lmi(twice)))
    nowhere = copy.deepcopy(doc)
    _lmi(nowhere)["oracle"] = "g"
    extra = copy.deepcopy(doc)
    _lmi(extra)["rows"] = []
    for forged in (twice, nowhere, extra):
        with pytest.raises(verify.MalformedCertificate):
            verify.check(forged)


def test_in_process_check_covers_the_blocks(verified: pep.Result) -> None:
    exact = verified.exact_certificate
    Z = [list(r) for r in exact.psd_blocks["f:lmi"]]
    Z[1][1] += Fraction(1, 1000)
    mutated = type(exact)(**{**exact.__dict__, "psd_blocks": {"f:lmi": Z}})
    assert not mutated.verify()
    dropped = type(exact)(**{**exact.__dict__, "psd_blocks": {}})
    assert any("no multiplier matrix" in r for r in dropped.check().reasons)
    negative = [[-v for v in r] for r in exact.psd_blocks["f:lmi"]]
    forged = type(exact)(**{**exact.__dict__, "psd_blocks": {"f:lmi": negative}})
    assert any("not PSD" in r for r in forged.check().reasons)


def test_pep_verify_command(doc: dict, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(doc))
    forged = copy.deepcopy(doc)
    forged["proof"]["psd"] = [b for b in forged["proof"]["psd"] if b["block"] != "lmi"]
    bad.write_text(json.dumps(forged))

    def run(path: Path) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "pep.cli", "verify", str(path)]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    ok, no = run(good), run(bad)
    assert ok.returncode == 0 and ok.stdout.startswith("VALID")
    assert no.returncode == 1 and no.stdout.startswith("INVALID")


def test_classes_with_free_numbers_have_no_certificates() -> None:
    problem = pep.Problem()
    F = problem.operator(pep.LipschitzStronglyMonotoneExpensive(mu=0, L=1))
    x, y = problem.point("x"), problem.point("y")
    problem.assume(pep.sqnorm(x - y) <= 1)
    problem.maximize(pep.sqnorm(F(x) - F(y)))
    with pytest.raises(CertificateError, match="no exact certificates"):
        problem.solve().certificate()


@pytest.mark.parametrize("a, b", [(0, 0), (1, 1), (0, 2), (1, 3), (2, 3)])
def test_the_checker_rebuilds_pep_s_block(a: int, b: int) -> None:
    """A document whose only terms are Z = E_ab + E_ba (a unit at (a, b)) and an equality
    assumption <Z, M> = 0 with M pep's block: valid iff the checker's T equals pep's M."""
    from pep.certificates.jsonformat import _expr, statement_document
    from pep.certificates.lmi import block_form, exact_psd_blocks

    problem = gd_quadratic(mu=Fraction(1, 3), N=2)
    (blk,) = exact_psd_blocks(problem)
    Z = [[Fraction(int({p, q} == {a, b})) for q in range(4)] for p in range(4)]
    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    form = _expr(
        block_form(Z, blk.matrix, problem),
        {lf: k for k, lf in enumerate(points)},
        {lf: k for k, lf in enumerate(vals)},
    )
    st = statement_document(problem, 0)
    st["objectives"] = [{"gram": [], "values": [], "const": "0"}]
    st["assumptions"] = [{"name": "a", "sense": "==", "expr": form}]
    doc = {
        "format": "pep-certificate",
        "version": 2,
        "statement": st,
        "proof": {
            "objective_weights": ["1"],
            "multipliers": [{"assumption": "a", "value": "1"}],
            "psd": [{"block": "lmi", "oracle": "f", "entries": [[a, b, "1"]]}],
        },
    }
    reasons = verify.check(doc)
    assert not any("identity" in r for r in reasons), reasons
    wrong = copy.deepcopy(doc)
    wrong["proof"]["psd"][0]["entries"] = [[a, b, "2"]]
    assert any("identity" in r for r in verify.check(wrong))
