"""``pep.discover.prove``: numeric potentials -> closed forms -> symbolic check -> written proof.

Reference rates come from REFERENCE.md (Halpern 4R²/(N+1)², FEG 4L²R²/N², APPM R²/N², GD's
tight 1/(4N+2)) and from the classical Krasnoselskii-Mann bound R²/(α(1-α)(N+1)).
"""

from __future__ import annotations

import copy
import dataclasses
import warnings
from pathlib import Path

import pytest
import sympy as sp

import pep
from pep.discover.autoproof import AutoTemplate, Spec
from pep.discover.proof_forms import rebuild
from pep.discover.prove import prove
from pep.discover.specs import get
from pep.symbolic import N, check_paths, check_proof

pytestmark = pytest.mark.filterwarnings("ignore:Solution may be inaccurate")


def _rate_at(report, n: int) -> sp.Rational:
    return sp.nsimplify(report.rate.subs(N, n))


def test_halpern_end_to_end_writes_a_verified_proof(tmp_path: Path) -> None:
    report = prove("halpern", out_dir=tmp_path)
    assert report.ok and report.stage == "verified", str(report)
    assert sp.simplify(report.rate - 4 / (N + 1) ** 2) == 0
    assert report.tight_match is True
    # the written file is what `pep check` runs: it verifies on its own
    results = check_paths([report.path])
    assert [r.ok for r in results] == [True]
    text = Path(report.path).read_text()
    assert "T:nonexpansive(y_k,y_{k + 1})" in text and "PROOF = rebuild('halpern', DATA)" in text


def test_user_method_krasnoselskii_mann(tmp_path: Path) -> None:
    # KM is written in pep.discover.specs with the public API only (pep.Nonexpansive, T(x), ...)
    report = prove("km", out_dir=tmp_path)
    assert report.ok, str(report)
    assert [_rate_at(report, n) for n in (1, 2, 3)] == [sp.Rational(4, n + 1) for n in (1, 2, 3)]
    assert report.tight_match is True  # equals the classical 1/(alpha (1-alpha) (N+1))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "rate"),
    [
        ("gd", 1 / (2 * (N + 1))),  # valid, weaker than the tight 1/(4N+2)
        ("feg", 4 / N**2),
        ("appm", 1 / N**2),
    ],
)
def test_other_methods_end_to_end(tmp_path: Path, name: str, rate: sp.Expr) -> None:
    report = prove(name, out_dir=tmp_path)
    assert report.ok, str(report)
    assert sp.simplify(report.rate - rate) == 0
    assert report.tight_match is (name != "gd")


def test_generated_gd_proof_is_weaker_than_tight_and_says_so() -> None:
    # a committed generated file: checked again here, and its rate is compared honestly
    from pep.symbolic import load_proofs

    path = Path(__file__).parents[1] / "proofs" / "auto" / "gd.py"
    (proof,) = load_proofs(path)
    assert check_proof(proof).ok
    ours = proof.rate(None, type("At", (), {"N": N})())
    tight = [sp.Rational(1, 4 * n + 2) for n in range(1, 6)]
    assert all(ours.subs(N, n) > t for n, t in zip(range(1, 6), tight))


def test_too_poor_template_is_reported_not_claimed() -> None:
    # Halpern with ||r_k||^2 alone: the greedy chain cannot leave V = 0, so nothing is proved
    spec = get("halpern")
    poor = dataclasses.replace(
        spec,
        template=AutoTemplate(
            lambda c, s, at: {"||r_k||^2": pep.sqnorm(s.y - c.T(s.y))}, weight="||r_k||^2"
        ),
        K=5,
    )
    report = prove(poor, write=False)
    assert not report.ok
    assert report.stage == "numeric" and "enrich the template" in report.messages[-1]
    assert report.proof is None and report.path is None
    # gradient descent with f_k - f* alone: a valid proof of a constant bound, reported as
    # weaker than the known rate, never as the known rate
    gd_poor = dataclasses.replace(
        get("gd"),
        template=AutoTemplate(
            lambda c, s, at: {"f": c.f(s.x) - c.f(c.star)}, weight="f", c0=1, final_c1=False
        ),
        K=6,
    )
    weak = prove(gd_poor, write=False)
    assert weak.ok and weak.rate == sp.Rational(1, 2) and weak.tight_match is False
    assert any("weaker than the known rate" in m for m in weak.messages)


def test_wrong_closed_form_fails_the_symbolic_check() -> None:
    import importlib.util

    path = Path(__file__).parents[1] / "proofs" / "auto" / "halpern.py"
    spec = importlib.util.spec_from_file_location("auto_halpern", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert check_proof(module.PROOF).ok
    bad = copy.deepcopy(module.DATA)
    (i,) = bad["step"]  # the one step multiplier (k+1)(k+2)/4 ...
    bad["step"][i] = [["k"], [[[0], "1/2"], [[1], "3/4"]], [[[0], "1"]]]  # ... made (2+3k)/4
    result = check_proof(rebuild("halpern", bad))
    assert not result.ok
    # the residual is no longer PSD: the failure names the link and the offending entry
    assert any(f.startswith("step:") and "<" in f for f in result.failures), result.failures


def test_unknown_spec_and_bad_input() -> None:
    with pytest.raises(pep.InvalidArgument, match="no proof spec"):
        prove("ogn")
    with pytest.raises(pep.InvalidArgument, match="pep.discover.prove.Spec"):
        prove(42)  # type: ignore[arg-type]


def test_spec_by_import_path(tmp_path: Path) -> None:
    spec = prove.__module__  # "pep.discover.prove": a module without a Spec named X
    with pytest.raises(pep.InvalidArgument, match="does not name"):
        prove(f"{spec}:X", write=False)
    assert isinstance(get("gd"), Spec)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the lookup itself warns about nothing
        get("km")


@pytest.mark.slow
def test_ogm_with_the_theta_hint(tmp_path: Path) -> None:
    # the numbers alone recover the pattern and the recurrence of theta (multiplier 2 theta_{k+1}
    # on I(*, k+1)); the closed forms use the recurrence passed as a hint, and the proof verifies
    report = prove("ogm", out_dir=tmp_path)
    assert report.ok, str(report)
    assert any("a_{k+1}**2 - 2*a_{k+1} = a_k**2" in m for m in report.messages)
    assert report.data["potential"]["f_k - f* - ||g_k||^2/2"]["terms"] == [[2, 0, "2"]]
    assert report.tight_match is True  # 1/(4 theta_N^2), Kim-Fessler's bound for this measure
    theta = [1.0]
    for _ in range(4):
        theta.append((1 + (1 + 4 * theta[-1] ** 2) ** 0.5) / 2)
    from pep.discover.prove import _rate_at

    assert float(_rate_at(report.proof, 4)) == pytest.approx(1 / (4 * theta[4] ** 2), rel=1e-12)


def test_published_ogm_with_the_last_step_variant(tmp_path: Path) -> None:
    # OGM as published: theta_N from theta_N^2 - theta_N = 2 theta_{N-1}^2 and the measure
    # f(x_N) - f*; the end link folds the last step in, and the proof gives the tight
    # 1/(2 theta_N^2) (REFERENCE.md, Kim-Fessler 2016, Drori 2017)
    report = prove("ogm_last", out_dir=tmp_path)
    assert report.ok, str(report)
    assert report.tight_match is True
    assert any("a_{k+1}**2 - 2*a_{k+1} = a_k**2" in m for m in report.messages)
    from pep.discover.prove import _rate_at

    reference = [0.125, 0.0618942, 0.0376924, 0.0255839, 0.0185881]  # REFERENCE.md table
    assert [round(float(_rate_at(report.proof, n)), 7) for n in range(1, 6)] == reference
    text = Path(report.path).read_text()
    assert "f:interp(x*,x_{k + 1})" in text
