"""Issue 15, attacks 1-5 on ``pep verify``, each reproduced by mutating a fresh genuine
certificate: GD with N = 3 on SmoothConvex(L=1), ||x0 - x*|| <= 1, whose worst case is
exactly 1/14 (Drori and Teboulle 2014). Every forgery must exit 1 (invalid) or 2 (malformed);
attacks 1-3 without ``--expect`` too, attack 4 with ``--expect gd --N 3`` (without it the
statement, printed in full, shows what was changed)."""

from __future__ import annotations

import copy
import json
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import pep
from pep.algorithms import get
from pep.certificates.statement import exact_constraints
from pep.cli.main import main

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402

EXPECT = ["--expect", "gd", "--N", "3"]


def _doc(exact: pep.ExactCertificate) -> dict:
    return json.loads(json.dumps(exact.to_dict()))


@pytest.fixture(scope="module")
def genuine() -> dict:
    return _doc(get("gd").setting(3).solve().certificate().rationalize(bound=Fraction(1, 14)))


@pytest.fixture
def verify_doc(tmp_path: Path, capsys: pytest.CaptureFixture):
    """Run ``pep verify`` in-process on a document; returns (exit code, stdout, stderr)."""

    def run(doc: object, *args: str) -> tuple[int, str, str]:
        path = tmp_path / "cert.json"
        path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
        code = main(["verify", str(path), *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        if code == 2:
            assert len(err.strip().splitlines()) == 1  # one line, no traceback
        return code, out, err

    return run


def test_genuine_certificate_is_valid_and_states_its_theorem(genuine, verify_doc) -> None:
    code, out, _ = verify_doc(genuine, *EXPECT)
    assert code == 0 and out.startswith("VALID")
    assert "f(x3) - f(x*) <= 1/14" in out and "initial: |x0 - x*|^2 <= 1" in out
    assert "exactly the statement of gd at N=3" in out


def _entry(doc: dict, i: int, j: int) -> dict:
    return next(m for m in doc["proof"]["multipliers"] if m.get("records") == [i, j])


# -- attack 1: free-sign multipliers on interpolation rows ---------------------------------------
@pytest.fixture(scope="module")
def equality_forgery() -> dict:
    """A certificate of bound 0 for GD N = 3 that uses the interpolation rows with both signs:
    computed for GD plus every row imposed as an equality, then the equality multipliers are
    merged into the rows' (some become negative) and the equalities dropped."""
    problem = get("gd").setting(3)
    rows = exact_constraints(problem)[:-1]
    for c in rows:
        problem.assume(c.expr == 0, name=f"eq{len(problem.assumptions)}")
    # the forger's tool is irrelevant to the attack: the primal-form Clarabel solve, whose
    # multipliers round to the exact bound 0
    solved = problem.solve("CLARABEL", accept_inaccurate=True)
    exact = solved.certify(slack=1e-6).exact_certificate
    assert exact.bound == 0
    doc = _doc(exact)
    by_name = {f"eq{k + 1}": c.source.records for k, c in enumerate(rows)}
    merged: dict[tuple, Fraction] = {}
    for m in doc["proof"]["multipliers"]:
        key = tuple(m["records"]) if "oracle" in m else by_name.get(m["assumption"], "initial")
        merged[key] = merged.get(key, Fraction(0)) + Fraction(m["value"])
    doc["proof"]["multipliers"] = [
        {"assumption": "initial", "value": str(v)}
        if k == "initial"
        else {"oracle": "f", "condition": "interp", "records": list(k), "value": str(v)}
        for k, v in merged.items()
        if v
    ]
    doc["statement"]["assumptions"] = doc["statement"]["assumptions"][:1]
    assert any(Fraction(m["value"]) < 0 for m in doc["proof"]["multipliers"])
    return doc


@pytest.mark.parametrize("expect", [[], EXPECT])
def test_attack1_negative_multipliers_on_rows(equality_forgery, verify_doc, expect) -> None:
    code, out, _ = verify_doc(equality_forgery, *expect)
    assert code == 1 and "< 0" in out


@pytest.mark.parametrize("expect", [[], EXPECT])
def test_attack1_equality_sense_is_not_a_field(equality_forgery, verify_doc, expect) -> None:
    doc = copy.deepcopy(equality_forgery)
    for m in doc["proof"]["multipliers"]:
        m["sense"] = "=="
    code, _, err = verify_doc(doc, *expect)
    assert code == 2 and "unknown field 'sense'" in err


def test_attack1_rows_as_equality_assumptions_change_the_statement(verify_doc) -> None:
    # stating the rows as equality assumptions is legal, but it is another theorem
    problem = get("gd").setting(3)
    for c in exact_constraints(problem)[:-1]:
        problem.assume(c.expr == 0, name=f"eq{len(problem.assumptions)}")
    doc = _doc(
        problem.solve("CLARABEL", accept_inaccurate=True).certify(slack=1e-6).exact_certificate
    )
    code, out, _ = verify_doc(doc)
    assert code == 0 and "eq1: " in out and " == 0" in out  # shown in the theorem
    assert verify_doc(doc, *EXPECT)[0] == 1


# -- attack 2: a strengthened row ---------------------------------------------------------------
@pytest.fixture(scope="module")
def strengthened() -> tuple[dict, dict]:
    """GD N = 3 plus the row f:interp(x2,x3) strengthened by 1/100 (slack >= 1/100): a true
    certificate of a smaller bound for that other statement, and the forgery that moves the
    extra assumption's multiplier onto the genuine row and drops the assumption."""
    problem = get("gd").setting(3)
    row = next(c for c in exact_constraints(problem) if c.name == "f:interp(x2,x3)")
    problem.assume(row.expr + Fraction(1, 100) <= 0, name="f:interp(x2,x3)+")
    honest = _doc(problem.solve(accept_inaccurate=True).certify(slack=1e-6).exact_certificate)
    assert Fraction(honest["statement"]["bound"]) < Fraction(1, 14)
    forged = copy.deepcopy(honest)
    extra = next(m for m in forged["proof"]["multipliers"] if m.get("assumption", "")[-1:] == "+")
    forged["proof"]["multipliers"].remove(extra)
    i, j = row.source.records
    target = _entry(forged, i, j)
    target["value"] = str(Fraction(target["value"]) + Fraction(extra["value"]))
    forged["statement"]["assumptions"] = forged["statement"]["assumptions"][:1]
    return honest, forged


@pytest.mark.parametrize("expect", [[], EXPECT])
def test_attack2_strengthened_row_breaks_the_identity(strengthened, verify_doc, expect) -> None:
    code, out, _ = verify_doc(strengthened[1], *expect)
    assert code == 1 and "identity: remainder" in out


def _variants(forged: dict) -> dict[str, dict]:
    out = {}
    for value in (False, True, "true"):
        doc = copy.deepcopy(forged)
        doc["statement"]["oracles"][0]["rows_exact"] = value
        out[f"rows_exact={value!r}"] = doc
    doc = copy.deepcopy(forged)
    doc["statement"]["oracles"][0]["class"] = "smoothconvex"
    out["class smoothconvex"] = doc
    doc = copy.deepcopy(forged)
    _entry(doc, 3, 4)["condition"] = "interp "
    out["condition 'interp '"] = doc
    doc = copy.deepcopy(forged)
    _entry(doc, 3, 4)["records"] = [3]
    out["one record"] = doc
    doc = copy.deepcopy(forged)
    entry = _entry(doc, 3, 4)
    doc["proof"]["multipliers"][doc["proof"]["multipliers"].index(entry)] = {"value": "1"}
    out["empty source"] = doc
    doc = copy.deepcopy(forged)
    entry = _entry(doc, 3, 4)
    doc["proof"]["multipliers"][doc["proof"]["multipliers"].index(entry)] = {
        "assumption": "f:interp(x2,x3)",
        "value": entry["value"],
    }
    out["relabelled as assumption"] = doc
    doc = copy.deepcopy(forged)
    doc["statement"]["oracles"].append(copy.deepcopy(doc["statement"]["oracles"][0]))
    out["second oracle named f"] = doc
    doc = copy.deepcopy(forged)
    _entry(doc, 3, 4)["row"] = {"gram": [], "values": [], "const": "1/100"}
    out["a row field"] = doc
    return out


@pytest.mark.parametrize("expect", [[], EXPECT])
def test_attack2_variants_are_malformed(strengthened, verify_doc, expect) -> None:
    for name, doc in _variants(strengthened[1]).items():
        code, _, err = verify_doc(doc, *expect)
        assert code == 2, (name, err)


def test_attack2_honest_other_statement_is_shown_and_bound(strengthened, verify_doc) -> None:
    honest = strengthened[0]
    code, out, _ = verify_doc(honest)
    assert code == 0 and "f:interp(x2,x3)+: " in out  # the extra assumption is printed
    code, out, _ = verify_doc(honest, *EXPECT)
    assert code == 1 and "assumptions differ" in out


# -- attack 3: a parameter the class does not have ----------------------------------------------
@pytest.fixture(scope="module")
def strongly_convex() -> dict:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=1, mu=Fraction(1, 10)))
    x, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x - xs) <= 1, name="initial")
    for _ in range(3):
        x = x - f.grad(x)
    problem.maximize(f(x) - f(xs))
    doc = _doc(problem.solve(accept_inaccurate=True).certify(slack=1e-6).exact_certificate)
    assert Fraction(doc["statement"]["bound"]) < Fraction(1, 14)
    return doc


@pytest.mark.parametrize("expect", [[], EXPECT])
def test_attack3_mu_on_smooth_convex(strongly_convex, verify_doc, expect) -> None:
    assert verify_doc(strongly_convex)[0] == 0  # genuine for its own class
    doc = copy.deepcopy(strongly_convex)
    doc["statement"]["oracles"][0]["class"] = "SmoothConvex"  # mu kept
    code, _, err = verify_doc(doc, *expect)
    assert code == 2 and "SmoothConvex has no parameter 'mu'" in err
    del doc["statement"]["oracles"][0]["parameters"]["mu"]  # mu dropped: rows change
    code, out, _ = verify_doc(doc, *expect)
    assert code == 1 and "identity" in out


@pytest.mark.parametrize(
    "params, match",
    [({"L": "1", "mu": "1"}, "mu < L"), ({"L": "-1", "mu": "0"}, "L > 0"), ({"L": "1"}, "'mu'")],
)
def test_attack3_parameters_out_of_range(strongly_convex, verify_doc, params, match) -> None:
    doc = copy.deepcopy(strongly_convex)
    doc["statement"]["oracles"][0]["parameters"] = params
    code, _, err = verify_doc(doc)
    assert code == 2 and match in err


# -- attack 4: the statement changed (caught by --expect; printed without it) -------------------
def _added_assumption() -> dict:
    problem = get("gd").setting(3)
    problem.assume(problem.objectives[0] <= 0, name="extra")  # f(x3) - f* <= 0
    return _doc(problem.solve(accept_inaccurate=True).certificate().rationalize(bound=0))


def _contradiction(genuine: dict) -> dict:
    doc = copy.deepcopy(genuine)
    zero = {"gram": [], "values": [], "const": "1"}  # 1 <= 0
    doc["statement"]["assumptions"].append({"name": "one", "sense": "<=", "expr": zero})
    doc["proof"]["multipliers"].append({"assumption": "one", "value": "1000000"})
    doc["statement"]["bound"] = str(Fraction(1, 14) - 1000000)  # -13999999/14
    return doc


def _constant_objective(genuine: dict) -> dict:
    doc = copy.deepcopy(genuine)
    doc["statement"]["objectives"].append({"gram": [], "values": [], "const": "-100"})
    doc["statement"]["bound"] = "-100"
    doc["proof"] = {"objective_weights": ["0", "1"], "multipliers": [], "psd": []}
    return doc


def _changed_optimal_value(genuine: dict) -> dict:
    # the record at x* now says f(x*) = F* - 1; the identity is kept by moving the bound
    doc = copy.deepcopy(genuine)
    rec = doc["statement"]["oracles"][0]["records"]
    star = next(k for k, r in enumerate(rec) if r["label"] == "x*")
    rec[star]["f"]["const"] = "-1"
    shift = sum(
        (Fraction(m["value"]) * ((m["records"][0] == star) - (m["records"][1] == star)))
        for m in doc["proof"]["multipliers"]
        if "oracle" in m
    )
    doc["statement"]["bound"] = str(Fraction(1, 14) - shift)
    return doc


def _halved_radius() -> dict:
    return _doc(get("gd").setting(3, R=Fraction(1, 2)).solve().certify().exact_certificate)


def test_attack4_forgeries_are_true_theorems_shown_in_full(genuine, verify_doc) -> None:
    cases = {
        "added assumption": (_added_assumption(), "extra: f(x3) - f(x*) <= 0"),
        "1 <= 0": (_contradiction(genuine), "one: 1 <= 0"),
        "constant objective": (_constant_objective(genuine), "min(f(x3) - f(x*), -100) <= -100"),
        "changed f(x*)": (_changed_optimal_value(genuine), "value f(x*) - 1"),
        "halved radius": (_halved_radius(), "initial: |x0 - x*|^2 <= 1/4"),
    }
    for name, (doc, shown) in cases.items():
        code, out, _ = verify_doc(doc)
        assert code == 0 and shown in out, (name, out)
        code, out, _ = verify_doc(doc, *EXPECT)
        assert code == 1 and "differ" in out, (name, out)


def test_attack4_gd_certificate_claimed_for_ogm(genuine, verify_doc) -> None:
    code, out, _ = verify_doc(genuine, "--expect", "ogm", "--N", "3")
    assert code == 1 and "record 2 of f" in out
    code, out, _ = verify_doc(genuine, "--expect", "gd", "--N", "3", "--param", "R=1/2")
    assert code == 1 and "assumptions differ" in out
    assert verify_doc(_halved_radius(), "--expect", "gd", "--N", "3", "--param", "R=1/2")[0] == 0


# -- attack 5: sizes and malformed numbers ------------------------------------------------------
@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: hostile.dimension(1000), "resource limit"),
        (lambda: hostile.long_entries(24, 4000), "at most 1000 digits"),
        (lambda: hostile.dense_psd(120, 1), "resource limit"),
        (lambda: hostile.raw_attacks()["deep_nesting"], "cannot read"),
        (lambda: hostile.raw_attacks()["int_5000_digits"], "cannot read"),
        (lambda: hostile.raw_attacks()["nan"], "non-finite"),
    ],
)
def test_attack5_sizes_exit_2_in_one_line(verify_doc, make, match) -> None:
    code, _, err = verify_doc(make())
    assert code == 2 and match in err


def test_rebuilding_rows_is_metered_too(verify_doc, monkeypatch) -> None:
    # 1560 dense pair conditions: about 37e6 units of work, under a 10e6 limit here
    from pep.certificates import verify

    doc = hostile.many_conditions(40, 40)
    assert verify_doc(doc)[0] == 1  # within the real limit: checked, and false
    monkeypatch.setitem(verify.LIMITS, "work", 10_000_000)
    code, _, err = verify_doc(doc)
    assert code == 2 and "LIMITS['work']" in err


def test_attack5_mu_equal_to_L(strongly_convex, verify_doc) -> None:
    doc = copy.deepcopy(strongly_convex)
    doc["statement"]["oracles"][0]["parameters"]["mu"] = "1"
    code, _, err = verify_doc(doc)
    assert code == 2 and "mu < L" in err


def test_special_files_are_refused(tmp_path: Path, capsys) -> None:
    import os

    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert main(["verify", str(fifo)]) == 2  # never opened: it would block
    assert "not a regular file" in capsys.readouterr().err
