"""``pep prove eag_c``: closed forms fitted within polynomial families (:mod:`pep.discover.families`).

EAG-C's multipliers are not unique (its one-step remainder has slack for alpha L < 1/4), so
the greedy chain's interior points have no closed form; family mode fits quadratics in k and
N. The reference is the published bound (Yoon and Ryu, ICML 2021, Thm 1) at alpha = 1/8,
L = R = 1: 4(1 + a + a^2)/(a^2 (1 + a))/(N + 1)^2 = (2336/9)/(N + 1)^2.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib.util
from fractions import Fraction
from pathlib import Path

import pytest

from pep.discover.families import _choose
from pep.discover.proof_forms import rebuild
from pep.discover.prove import prove
from pep.discover.specs import get
from pep.symbolic import N, check_paths, check_proof, exit_code
from pep.symbolic.numeric import compare_with_pep

pytestmark = pytest.mark.filterwarnings("ignore:Solution may be inaccurate")
AUTO = Path(__file__).parents[1] / "proofs" / "auto" / "eag_c.py"


def paper_rate(n: int) -> Fraction:
    a = Fraction(1, 8)
    return 4 * (1 + a + a * a) / (a * a * (1 + a)) / (n + 1) ** 2


def test_prove_eag_c_writes_a_proof_that_check_verifies(tmp_path: Path) -> None:
    report = prove("eag_c", out_dir=tmp_path)
    assert report.ok and report.stage == "verified", str(report)
    assert any("polynomials of degree <= 2" in m for m in report.messages)
    results = check_paths([report.path])  # what `pep check FILE` runs
    assert exit_code(results) == 0 and results[0].name == "eag_c_auto"
    # a bound: at least the PEP value (pairwise class) at small N ...
    assert compare_with_pep(report.proof, (1, 2, 3)) == []
    # ... and about the paper's constant: within 1% of it for every N checked, below it at N = 1
    for n in [*range(1, 31), 100, 1000]:
        assert float(report.rate.subs(N, n)) <= 1.01 * float(paper_rate(n))
    assert float(report.rate.subs(N, 1)) < float(paper_rate(1))


def _auto_data() -> dict:
    spec = importlib.util.spec_from_file_location("auto_eag_c", AUTO)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert check_proof(module.PROOF).ok
    return copy.deepcopy(module.DATA)


@pytest.mark.parametrize(
    ("key", "change", "link"),
    [
        ("c0", lambda d: "1/16", "start"),  # below V_0's weight 1/15
        ("w", lambda d: [["N"], [[[2], "1/32"]], [[[0], "1"]]], "end"),  # twice the weight
        ("c1", lambda d: [["N"], [[[0], "3"]], [[[0], "1"]]], "end"),
    ],
)
def test_tampered_generated_proof_fails(key, change, link) -> None:
    data = _auto_data()
    data[key] = change(data)
    result = check_proof(rebuild("eag_c", data))
    assert not result.ok
    assert any(f.startswith(f"{link}:") for f in result.failures), result.failures


def test_changed_step_multiplier_fails() -> None:
    data = _auto_data()
    i = min(data["step"])  # the monotone multiplier (k+1)(k+2)/2, plus one
    data["step"][i] = [["k"], [[[0], "2"], [[1], "3/2"], [[2], "1/2"]], [[[0], "1"]]]
    result = check_proof(rebuild("eag_c", data))
    assert not result.ok and any(f.startswith("step:") for f in result.failures)


def test_family_mode_needs_a_normalization() -> None:
    spec = get("eag_c")
    bare = dataclasses.replace(spec, template=dataclasses.replace(spec.template, scale={}))
    report = prove(bare, write=False)
    assert not report.ok and report.stage == "pattern"
    assert "normalization" in report.messages[-1]


def test_choose_rounds_intervals() -> None:
    assert _choose(0.4999999, 0.5000001) == Fraction(1, 2)  # a point: snapped
    assert _choose(-1e-9, 0.3) == 0  # holds 0
    assert _choose(0.0307975591, 0.0312879101) == Fraction(1, 32)  # simplest inside
    assert _choose(0.1, 0.9) == Fraction(1, 2)
